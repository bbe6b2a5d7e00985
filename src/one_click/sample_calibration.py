"""Summary statistics that calibrate the synthetic sample (`one_click.sample`) to the store's exports.

How they were measured: on the development exports of 1,040 customers (../shared/data/one_click_exports),
per class of «Покупательская активность» (kept = «Прежний уровень», declined = «Снизилась»): label and
category shares, value shares of the small-integer columns (percent, one decimal), mean / std / range of
the continuous ones, the share of each mode of «Акционные_покупки», and Spearman correlations inside each
class. Only aggregates live here, never a customer's row or value.

Continuous columns are normals truncated to the observed range; `mean` and `sd` are those of the normal
*before* truncation. Where truncation or the mixing below shifts the result (Длительность, revenue, minutes)
they were nudged until a generated sample of 50,000 showed the measured per-class mean and std.

Each numeric column is drawn through a Gaussian copula: its normal score is a weighted sum of shared
customer factors (engagement, spend, browsing) plus noise, mapped through the column's marginal. The
declined are a mix of a declining core and lookalikes that behave like loyal customers (LOOKALIKE_PERCENT):
that mix gives the correlations seen among the declined only, and caps the feature-label relation at the
real strength. LOOKALIKE_PERCENT and the loadings were tuned so that a logistic regression (one-hot
categoricals, scaled numbers, 5×5 repeated stratified CV) gives the same ROC-AUC on a sample of 1,300 as
on the real exports, 0.905, and a gradient boosting model a similar one (real 0.914).
"""

from __future__ import annotations

from typing import NamedTuple


class TruncNormal(NamedTuple):
    """Normal(mean, sd) truncated to [low, high], rounded to 1 / ticks_per_unit."""

    mean: float
    sd: float
    low: float
    high: float
    ticks_per_unit: int = 1


class Shares(NamedTuple):
    """A small-integer column: its values and their shares in percent."""

    values: tuple[int, ...]
    percent: tuple[float, ...]


class TwoModes(NamedTuple):
    """A share column with a few exact zeros, a main low mode and a separate high mode."""

    zero_percent: float
    high_percent: float
    low: TruncNormal
    high: TruncNormal


Marginal = TruncNormal | Shares | TwoModes


class Numeric(NamedTuple):
    """One numeric column: marginals of kept and declined customers and copula loadings.

    `lookalike` is the share of the declined lookalikes (LOOKALIKE_PERCENT) that look loyal in this column:
    they take the kept marginal and loadings here. Loadings are pairs (loyal-looking, declining).
    """

    kept: Marginal
    declined: Marginal
    lookalike: float = 0.0
    engagement: tuple[float, float] = (0.0, 0.0)
    spend: tuple[float, float] = (0.0, 0.0)
    browsing: tuple[float, float] = (0.0, 0.0)


DECLINED_SHARE = 0.383
# Declined customers split in two. Most differ clearly from loyal ones in their behaviour on the site, but
# some look loyal there: a cross-validated logistic regression on the real exports gives 14 % of the declined
# a probability below 0.1, and the declined who view many pages also match loyal ones in minutes, marketing
# and errors, and half-way in categories viewed and unpaid items. Tuned, with the loadings, to the ROC-AUC.
LOOKALIKE_PERCENT = 23.0

PREMIUM_PERCENT = (26.0, 34.2)  # of kept, of declined customers
# The typo is a property of the export, not of the customer: it hits «стандарт» rows regardless of the label.
SERVICE_TYPO_PERCENT_OF_STANDARD = 1.2
CONSENT_YES_PERCENT = 74.1

# Shares in the order of exports.CATEGORIES.
CATEGORY_PERCENT = (
    (23.8, 18.8, 15.9, 15.1, 17.9, 8.5),  # kept
    (30.4, 17.8, 20.9, 10.1, 6.3, 14.5),  # declined
)

_ONE_TO_SIX = tuple(range(1, 7))
_ZERO_TO_TEN = tuple(range(11))
_ZERO_TO_NINE = tuple(range(10))
_ONE_TO_TWENTY = tuple(range(1, 21))
# Pages per visit 1..20, ten values a row.
# fmt: off
_PAGES_KEPT = (0.0, 0.0, 1.1, 4.0, 4.7, 8.3, 7.9, 13.2, 11.4, 10.7,
               8.4, 7.9, 6.9, 6.2, 3.6, 2.2, 1.7, 0.6, 0.8, 0.3)
_PAGES_DECLINED = (4.3, 12.6, 11.8, 16.1, 16.1, 11.8, 7.8, 2.3, 2.8, 2.8,
                   3.5, 2.0, 1.5, 0.8, 1.3, 1.0, 1.5, 0.3, 0.0, 0.0)
# fmt: on

MARKET_FILE_NUMERIC: dict[str, Numeric] = {
    "Маркет_актив_6_мес": Numeric(
        TruncNormal(4.57, 0.86, 0.9, 6.6, 10),
        TruncNormal(3.71, 1.07, 0.9, 6.6, 10),
        lookalike=1.0,
        engagement=(0.05, 0.35),
    ),
    "Маркет_актив_тек_мес": Numeric(
        Shares((3, 4, 5), (23.2, 52.0, 24.8)),
        Shares((3, 4, 5), (24.4, 50.3, 25.4)),
    ),
    # Nearly flat over its range, hence the wide normals before truncation.
    "Длительность": Numeric(
        TruncNormal(595.0, 360.0, 110, 1079),
        TruncNormal(648.0, 320.0, 110, 1079),
    ),
    "Акционные_покупки": Numeric(
        TwoModes(
            0.0, 3.4, TruncNormal(0.208, 0.062, 0.11, 0.47, 100), TruncNormal(0.948, 0.03, 0.89, 0.99, 100)
        ),
        TwoModes(
            0.8, 27.4, TruncNormal(0.273, 0.073, 0.11, 0.4, 100), TruncNormal(0.944, 0.04, 0.75, 0.99, 100)
        ),
        lookalike=1.0,
        engagement=(-0.05, -0.17),
    ),
    # Categories viewed and unpaid items go together among the declined only (Spearman -0.29 vs -0.04),
    # independently of their engagement: hence a factor of their own.
    "Средний_просмотр_категорий_за_визит": Numeric(
        Shares(_ONE_TO_SIX, (2.6, 17.4, 27.3, 24.6, 18.5, 9.5)),
        Shares(_ONE_TO_SIX, (16.6, 36.2, 28.1, 11.6, 4.5, 3.0)),
        lookalike=0.6,
        browsing=(0.1, 0.5),
    ),
    "Неоплаченные_продукты_штук_квартал": Numeric(
        Shares(_ZERO_TO_TEN, (10.4, 25.5, 20.9, 19.5, 14.8, 8.1, 0.3, 0.3, 0.2, 0.0, 0.0)),
        Shares(_ZERO_TO_TEN, (6.0, 12.3, 15.8, 15.6, 14.8, 14.6, 8.5, 6.0, 3.8, 1.5, 1.0)),
        lookalike=0.6,
        browsing=(-0.1, -0.5),
    ),
    "Ошибка_сервиса": Numeric(
        Shares(_ZERO_TO_NINE, (1.7, 5.3, 11.1, 14.2, 20.6, 18.4, 14.5, 7.2, 5.6, 1.6)),
        Shares(_ZERO_TO_NINE, (0.0, 6.5, 19.3, 22.6, 19.3, 11.3, 7.8, 7.5, 4.8, 0.8)),
        lookalike=1.0,
        engagement=(0.05, 0.12),
    ),
    "Страниц_за_визит": Numeric(
        Shares(_ONE_TO_TWENTY, _PAGES_KEPT),
        Shares(_ONE_TO_TWENTY, _PAGES_DECLINED),
        lookalike=1.0,
        engagement=(0.05, 0.46),
    ),
}

# Revenue per month, keyed like exports.REVENUE_PERIODS. The store rounds the oldest month to whole roubles
# and the previous one to half roubles; only the current month carries a free decimal. The declined spread
# their revenue more, with a flat top (negative kurtosis): wider normals before truncation reproduce both.
REVENUE: dict[str, Numeric] = {
    "препредыдущий_месяц": Numeric(
        TruncNormal(4940.0, 340.0, 4098, 5663, 1),
        TruncNormal(4660.0, 305.0, 4098, 5663, 1),
        lookalike=1.0,
        engagement=(0.05, 0.4),
        spend=(0.35, 0.35),
    ),
    "предыдущий_месяц": Numeric(
        TruncNormal(4928.0, 603.0, 2890, 6870, 2),
        TruncNormal(4972.0, 960.0, 2890, 6870, 2),
        spend=(0.93, 0.95),
    ),
    "текущий_месяц": Numeric(
        TruncNormal(5185.0, 774.0, 2758, 7800, 10),
        TruncNormal(5300.0, 950.0, 2758, 7800, 10),
        spend=(0.93, 0.95),
    ),
}
ZERO_REVENUE_PERCENT = 0.3  # customers with 0.0 in the two earlier months; all of them declined ones
OUTLIER_FACTOR_RANGE = (18.0, 22.0)  # the one extreme current-month revenue, relative to the median (~20×)

# Minutes on the site, keyed like exports.TIME_PERIODS.
MINUTES: dict[str, Numeric] = {
    "предыдцщий_месяц": Numeric(
        TruncNormal(15.1, 3.45, 5, 23),
        TruncNormal(10.6, 3.75, 5, 23),
        lookalike=1.0,
        engagement=(0.05, 0.52),
    ),
    "текущий_месяц": Numeric(
        TruncNormal(14.8, 4.3, 4, 23),
        TruncNormal(10.9, 3.6, 4, 23),
        lookalike=1.0,
        engagement=(0.05, 0.46),
    ),
}

# Average monthly profit: unrelated to the label and to every other column in the real data.
PROFIT = TruncNormal(4.02, 1.01, 0.86, 7.43, 100)

# Gaps between consecutive customer ids: 1 for ~80 % of customers, 2 for ~16 %, rarely more (geometric).
ID_STEP_ONE_PROBABILITY = 0.8


def _unmix_normal(mixed: TruncNormal, kept: TruncNormal, weight: float) -> TruncNormal:
    """The component that, mixed with `kept` at `weight`, has the first two moments of `mixed`."""
    mean = (mixed.mean - weight * kept.mean) / (1 - weight)
    second = (mixed.sd**2 + mixed.mean**2 - weight * (kept.sd**2 + kept.mean**2)) / (1 - weight)
    # A floor keeps the core a distribution when the measured spreads leave almost no room for it.
    sd = max(second - mean**2, (0.25 * mixed.sd) ** 2) ** 0.5
    return mixed._replace(mean=mean, sd=sd)


def _unmix_percent(mixed: float, kept: float, weight: float) -> float:
    return max(mixed - weight * kept, 0.0) / (1 - weight)


def declined_core(spec: Numeric) -> Marginal:
    """Marginal of the declined customers that do not look like loyal ones (see LOOKALIKE_PERCENT)."""
    w = LOOKALIKE_PERCENT / 100 * spec.lookalike
    if w == 0:
        return spec.declined
    kept, mixed = spec.kept, spec.declined
    if isinstance(kept, TruncNormal) and isinstance(mixed, TruncNormal):
        return _unmix_normal(mixed, kept, w)
    if isinstance(kept, Shares) and isinstance(mixed, Shares):
        return mixed._replace(
            percent=tuple(_unmix_percent(m, k, w) for m, k in zip(mixed.percent, kept.percent, strict=True))
        )
    if isinstance(kept, TwoModes) and isinstance(mixed, TwoModes):
        low_mixed, low_kept = (
            100 - mixed.zero_percent - mixed.high_percent,
            100 - kept.zero_percent - kept.high_percent,
        )
        return TwoModes(
            _unmix_percent(mixed.zero_percent, kept.zero_percent, w),
            _unmix_percent(mixed.high_percent, kept.high_percent, w),
            _unmix_normal(mixed.low, kept.low, min(w * low_kept / low_mixed, 0.9)),
            _unmix_normal(
                mixed.high, kept.high, min(w * kept.high_percent / max(mixed.high_percent, 1e-9), 0.9)
            ),
        )
    raise TypeError(f"kept and declined marginals differ in kind: {spec}")
