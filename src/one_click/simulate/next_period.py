"""The next period's four exports: the scored customers minus those who left, plus a few who joined, each
with an outcome drawn from the truth and the rest of their row drawn by the sample generator given it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from one_click import exports as ex
from one_click import sample
from one_click import sample_calibration as cal
from one_click.simulate.snapshot import LastPeriod, add_months, outcome_horizon_months
from one_click.simulate.truth import (
    DEFAULT_OFFER_EFFECTS,
    Truth,
    measure_truth,
    offer_effects,
    outcome_probability,
)

# Shares of the scored customers who are gone from the next export, and of new customers in it. Who leaves
# is drawn independently of the outcome, so leaving biases neither the uplift nor the model's quality.
LEAVE_SHARE = 0.03
JOIN_SHARE = 0.02
CONSENT_COLUMN = ex.MARKET_FILE.columns[3]
PROFIT_COLUMN = ex.MONEY.columns[1]


@dataclass(frozen=True)
class NextPeriod:
    frames: dict[str, pd.DataFrame]  # by file name, as `one_click.sample.write_exports` writes them
    truth: Truth

    def write(self, out_dir: Path | str) -> list[Path]:
        """The four exports and truth.json into `out_dir`."""
        written = sample.write_exports(self.frames, out_dir)
        return [*written, self.truth.write(Path(out_dir))]


def _joiner_ids(rng: np.random.Generator, after: int, count: int) -> np.ndarray:
    return after + np.cumsum(rng.geometric(cal.ID_STEP_ONE_PROBABILITY, count), dtype=np.int64)


def _carry_over(frames: dict[str, pd.DataFrame], stayers: pd.DataFrame) -> None:
    """What stays with a customer between periods: consent to messages (it decides the arm) and profit."""
    market_file = frames[ex.MARKET_FILE.file_name]
    consent = market_file[CONSENT_COLUMN].astype(str).to_numpy()
    consent[: len(stayers)] = np.where(stayers["allows_messages"], ex.CONSENT_YES, ex.CONSENT_NO)
    market_file[CONSENT_COLUMN] = pd.Categorical(consent, categories=[ex.CONSENT_YES, ex.CONSENT_NO])
    money = frames[ex.MONEY.file_name]
    profit = money[PROFIT_COLUMN].to_numpy(dtype=float, copy=True)
    profit[: len(stayers)] = stayers["monthly_profit"].to_numpy(dtype=float)
    money[PROFIT_COLUMN] = profit


def simulate_next_period(
    last: LastPeriod,
    effects: Mapping[str, float] = DEFAULT_OFFER_EFFECTS,
    seed: int = sample.SAMPLE_SEED,
    leave_share: float = LEAVE_SHARE,
    join_share: float = JOIN_SHARE,
) -> NextPeriod:
    """Draw the export `outcome_horizon_months` after `last`. The same seed and snapshot give the same files;
    the period's date enters the seed, so consecutive periods draw differently."""
    customers = last.customers
    rng = np.random.default_rng([seed, last.export_date.toordinal()])
    all_effects = offer_effects(customers, effects)
    declined = rng.random(len(customers)) < outcome_probability(customers, all_effects)
    stays = rng.random(len(customers)) >= leave_share
    joined = int(rng.binomial(len(customers), join_share))

    stayers = customers[stays]
    ids = np.concatenate(
        [
            stayers["customer_id"].to_numpy(dtype=np.int64),
            _joiner_ids(rng, customers["customer_id"].max(), joined),
        ]
    )
    labels = np.concatenate([declined[stays], rng.random(joined) < cal.DECLINED_SHARE])
    frames = sample.draw_exports(rng, ids, labels)
    _carry_over(frames, stayers)
    next_date = add_months(last.export_date, outcome_horizon_months())
    truth = measure_truth(
        customers, all_effects, declined, stays, (last.export_date, next_date), joined, seed
    )
    return NextPeriod(frames=frames, truth=truth)
