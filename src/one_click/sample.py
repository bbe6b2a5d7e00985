"""Synthetic sample of the store's four exports, in exactly the store's format.

The project ships no real customer data: dbt seeds, tests and demos run on this sample. It is drawn from
summary statistics of the real exports (`one_click.sample_calibration`), per class of the label, so that
the relation between features and label has the real strength, and it reproduces the exports' defects:
the typo «стандартт» on a few rows, the misspelled «Косметика и аксесуары», the period «предыдцщий_месяц»,
a few customers with zero revenue in the two earlier months and one extreme current-month revenue.

    python -m one_click.sample --customers 1300 --out seeds --seed 42

Everything is vectorised: a million customers take ~25 s of CPU, most of it in pandas' CSV writer.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from one_click import exports as ex
from one_click import sample_calibration as cal

# The bundled sample in seeds/ is `python -m one_click.sample --customers 1300 --out seeds --seed 42`. Its
# seed is every generator's default (this one, the simulator, the benchmarks and the loop check): a seed of
# the generated data, not of training, whose seed is the dbt var training_seed.
SAMPLE_CUSTOMERS = 1300
SAMPLE_SEED = 42
# Eight digits: cannot be mistaken for the store's own six-digit ids.
FIRST_CUSTOMER_ID = 10_000_001
# From this size on every defect shows up at least once; in a smaller sample one damaged customer would
# already be an unrealistic share, so there they are left to chance (and the revenue outlier is left out).
MIN_CUSTOMERS_FOR_DEFECTS = 100
# money.csv drops trailing zeros (5 is written «5», 4.10 «4,1»), unlike the other three files.
MONEY_FLOAT_FORMAT = "%g"
# The only decimals in market_file.csv; the export writes every other number there as an integer.
MARKET_FILE_FLOATS = tuple(c.name for c in ex.MARKET_FILE.declared if c.type == "number")

_REVENUE_ORDERS = np.array(list(itertools.permutations(range(len(ex.REVENUE_PERIODS)))))
_TIME_ORDERS = np.array(list(itertools.permutations(range(len(ex.TIME_PERIODS)))))


def _round(x: np.ndarray, ticks_per_unit: int) -> np.ndarray:
    # Dividing by the integer tick count (not multiplying by 0.1) yields the shortest decimal repr, e.g. 4.3.
    return np.rint(x * ticks_per_unit) / ticks_per_unit


def _trunc_normal(spec: cal.TruncNormal, u: np.ndarray) -> np.ndarray:
    # Inverse-CDF sampling keeps the copula's ranks and, unlike clipping, piles nothing up at the bounds.
    lo, hi = ndtr((spec.low - spec.mean) / spec.sd), ndtr((spec.high - spec.mean) / spec.sd)
    x = spec.mean + spec.sd * ndtri(lo + u * (hi - lo))
    return _round(np.clip(x, spec.low, spec.high), spec.ticks_per_unit)


def _shares(values: Sequence[float], percent: Sequence[float], u: np.ndarray) -> np.ndarray:
    cumulative = np.cumsum(percent) / np.sum(percent)
    index = np.minimum(np.searchsorted(cumulative, u, side="right"), len(values) - 1)
    return np.asarray(values)[index]


def _quantile(spec: cal.Marginal, u: np.ndarray) -> np.ndarray:
    """Map uniform scores to the marginal, monotonically, so correlations carry over from the copula."""
    if isinstance(spec, cal.TruncNormal):
        return _trunc_normal(spec, u)
    if isinstance(spec, cal.Shares):
        return _shares(spec.values, spec.percent, u)
    zero, high = spec.zero_percent / 100, spec.high_percent / 100
    low_u = np.clip((u - zero) / (1 - zero - high), 0, 1)
    high_u = np.clip((u - (1 - high)) / max(high, 1e-12), 0, 1)
    x = np.where(u >= 1 - high, _trunc_normal(spec.high, high_u), _trunc_normal(spec.low, low_u))
    return np.where(u < zero, 0.0, x)


class _Latent:
    """Customer-level factors shared by the numeric columns, and who is drawn from which profile."""

    def __init__(self, rng: np.random.Generator, declined: np.ndarray) -> None:
        self.rng = rng
        self.declined = declined
        self.lookalike = declined & (rng.random(declined.size) * 100 < cal.LOOKALIKE_PERCENT)
        self.factors = rng.standard_normal((3, declined.size))

    def draw(self, spec: cal.Numeric) -> np.ndarray:
        """One column: a normal score from the factors plus noise, mapped through the profile's marginal."""
        n = self.declined.size
        declining = self.declined
        if spec.lookalike > 0:
            declining = declining & ~(self.lookalike & (self.rng.random(n) < spec.lookalike))
        loadings = [
            np.where(declining, pair[1], pair[0]) for pair in (spec.engagement, spec.spend, spec.browsing)
        ]
        score = self.rng.standard_normal(n) * np.sqrt(1 - sum(a**2 for a in loadings))
        for a, factor in zip(loadings, self.factors, strict=True):
            score += a * factor
        u = ndtr(score)
        return np.where(declining, _quantile(cal.declined_core(spec), u), _quantile(spec.kept, u))


def _defect_count(base: int, percent: float, n_customers: int) -> int:
    """Rows to damage: `percent` of `base`, but at least one once the sample is big enough to show defects."""
    count = round(base * percent / 100)
    return min(max(count, 1) if n_customers >= MIN_CUSTOMERS_FOR_DEFECTS else count, base)


def _categorical(codes: np.ndarray, categories: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(categories))


def _customer_ids(rng: np.random.Generator, n_customers: int) -> np.ndarray:
    steps = rng.geometric(cal.ID_STEP_ONE_PROBABILITY, n_customers)
    steps[0] = 0
    return FIRST_CUSTOMER_ID + np.cumsum(steps, dtype=np.int64)


def _market_file(
    rng: np.random.Generator, ids: np.ndarray, declined: np.ndarray, latent: _Latent
) -> pd.DataFrame:
    n = ids.size
    premium = rng.random(n) * 100 < np.where(declined, cal.PREMIUM_PERCENT[1], cal.PREMIUM_PERCENT[0])
    service = np.where(premium, 2, 0)  # codes into (стандарт, стандартт, премиум)
    standard = np.flatnonzero(~premium)
    typo_count = _defect_count(standard.size, cal.SERVICE_TYPO_PERCENT_OF_STANDARD, n)
    service[rng.choice(standard, size=typo_count, replace=False)] = 1
    service_types = (ex.SERVICE_TYPES[0], ex.SERVICE_TYPE_TYPO, ex.SERVICE_TYPES[1])

    category_u = rng.random(n)
    category = np.where(
        declined,
        _shares(range(len(ex.CATEGORIES)), cal.CATEGORY_PERCENT[1], category_u),
        _shares(range(len(ex.CATEGORIES)), cal.CATEGORY_PERCENT[0], category_u),
    )
    exported_categories = [ex.CATEGORY_TYPOS.get(c, c) for c in ex.CATEGORIES]
    consent = rng.random(n) * 100 >= cal.CONSENT_YES_PERCENT  # code 1 = «нет»

    columns: dict[str, object] = {
        ex.CUSTOMER_ID: ids,
        ex.MARKET_FILE.columns[1]: _categorical(
            declined.astype(np.int8), (ex.ACTIVITY_KEPT, ex.ACTIVITY_DECLINED)
        ),
        ex.MARKET_FILE.columns[2]: _categorical(service, service_types),
        ex.MARKET_FILE.columns[3]: _categorical(consent.astype(np.int8), (ex.CONSENT_YES, ex.CONSENT_NO)),
    }
    for name, spec in cal.MARKET_FILE_NUMERIC.items():
        values = latent.draw(spec)
        columns[name] = values if name in MARKET_FILE_FLOATS else values.astype(np.int64)
    columns["Популярная_категория"] = _categorical(category, exported_categories)
    # From a child generator: the parent's stream, and so every other column and file, stays as it was.
    uncalibrated = [column for column in ex.MARKET_FILE.declared if column.name not in columns]
    for column, child in zip(uncalibrated, rng.spawn(len(uncalibrated)), strict=True):
        columns[column.name] = _uncalibrated(column, child, n)
    return pd.DataFrame(columns)[list(ex.MARKET_FILE.columns)]


def _uncalibrated(column: ex.RawColumn, rng: np.random.Generator, n: int) -> np.ndarray | pd.Categorical:
    """A declared column the calibration does not know yet (a new export column): drawn evenly from its
    declared range or vocabulary, the same for both classes, so it carries no signal until calibrated
    (sample_calibration.MARKET_FILE_NUMERIC)."""
    if column.accepted_values:
        spellings = list(column.exported_spellings.values())
        return _categorical(rng.integers(0, len(spellings), n), spellings)
    if column.minimum is None or column.maximum is None:
        raise ValueError(
            f"{ex.MARKET_FILE.file_name}, column {column.name}: declare min and max to sample it"
        )
    if column.type == "whole_number":
        return rng.integers(int(column.minimum), int(column.maximum) + 1, n)
    return np.round(rng.uniform(column.minimum, column.maximum, n), 2)


def _long(
    ids: np.ndarray, wide: np.ndarray, periods: Sequence[str], orders: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, pd.Categorical, np.ndarray]:
    """Melt per-period columns to one row per (customer, period), periods in a random order per customer
    as in the store's files (which group rows by customer but do not sort the periods)."""
    order = orders[rng.integers(0, len(orders), ids.size)]
    values = np.take_along_axis(wide, order, axis=1).ravel()
    return np.repeat(ids, len(periods)), _categorical(order.ravel(), periods), values


def generate_exports(n_customers: int, seed: int) -> dict[str, pd.DataFrame]:
    """Draw a synthetic sample of `n_customers` regular customers.

    Returns the four exports keyed by file name (see `one_click.exports.ALL_EXPORTS`), with the columns
    in the store's order. The same seed always gives the same frames.
    """
    if n_customers < 1:
        raise ValueError(f"n_customers must be positive, got {n_customers}")
    rng = np.random.default_rng(seed)
    ids = _customer_ids(rng, n_customers)
    declined = rng.random(n_customers) < cal.DECLINED_SHARE
    return draw_exports(rng, ids, declined)


def draw_exports(rng: np.random.Generator, ids: np.ndarray, declined: np.ndarray) -> dict[str, pd.DataFrame]:
    """The four exports of the customers `ids`, whose label is `declined` (bool per customer), their other
    columns drawn conditionally on it. `generate_exports` draws the label too; the next-period simulator
    (`one_click.simulate`) passes outcomes it drew itself."""
    n_customers = ids.size
    latent = _Latent(rng, declined)
    market_file = _market_file(rng, ids, declined, latent)

    revenue = np.column_stack([latent.draw(cal.REVENUE[p]) for p in ex.REVENUE_PERIODS])
    candidates = np.flatnonzero(declined)
    zero_count = min(_defect_count(n_customers, cal.ZERO_REVENUE_PERCENT, n_customers), candidates.size)
    zero = rng.choice(candidates, size=zero_count, replace=False)
    revenue[zero, :-1] = 0.0
    if n_customers >= MIN_CUSTOMERS_FOR_DEFECTS:
        outlier = rng.choice(np.setdiff1d(np.arange(n_customers), zero))
        typical = np.median(revenue[:, -1])
        revenue[outlier, -1] = _round(typical * rng.uniform(*cal.OUTLIER_FACTOR_RANGE), 10)

    minutes = np.column_stack([latent.draw(cal.MINUTES[p]) for p in ex.TIME_PERIODS]).astype(int)
    profit = _trunc_normal(cal.PROFIT, rng.random(n_customers))

    money_ids, money_periods, money_values = _long(ids, revenue, ex.REVENUE_PERIODS, _REVENUE_ORDERS, rng)
    time_ids, time_periods, time_values = _long(ids, minutes, ex.TIME_PERIODS, _TIME_ORDERS, rng)
    money_cols, time_cols, profit_cols = ex.MARKET_MONEY.columns, ex.MARKET_TIME.columns, ex.MONEY.columns
    return {
        ex.MARKET_FILE.file_name: market_file,
        ex.MARKET_MONEY.file_name: pd.DataFrame(
            dict(zip(money_cols, (money_ids, money_periods, money_values), strict=True))
        ),
        ex.MARKET_TIME.file_name: pd.DataFrame(
            dict(zip(time_cols, (time_ids, time_periods, time_values), strict=True))
        ),
        ex.MONEY.file_name: pd.DataFrame(dict(zip(profit_cols, (ids, profit), strict=True))),
    }


def write_exports(frames: dict[str, pd.DataFrame], out_dir: Path | str) -> list[Path]:
    """Write the frames in the declared format: separators, decimal marks, line ends, encoding (no BOM)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for export in ex.ALL_EXPORTS:
        path = out / export.file_name
        frames[export.file_name].to_csv(
            path,
            sep=export.delimiter,
            quotechar=export.quote,
            decimal=export.decimal,
            float_format=MONEY_FLOAT_FORMAT if export is ex.MONEY else None,
            index=False,
            lineterminator=export.line_end,
            encoding=export.encoding,
        )
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    """CLI: `one-click-sample --customers N --out DIR --seed S`."""
    parser = argparse.ArgumentParser(prog="one-click-sample", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--customers",
        type=int,
        default=SAMPLE_CUSTOMERS,
        help=f"number of customers (default {SAMPLE_CUSTOMERS})",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the four CSV files")
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED, help=f"random seed (default {SAMPLE_SEED})")
    args = parser.parse_args(argv)
    if args.customers < 1:
        parser.error("--customers must be positive")
    for path in write_exports(generate_exports(args.customers, args.seed), args.out):
        print(path)


if __name__ == "__main__":
    main()
