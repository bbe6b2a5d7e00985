"""Per-outcome descriptions of every feature: summary statistics, category shares and histograms.

Both tables are long (one row per feature x outcome [x category | bin]) with a fixed set of columns, so
the dbt models can write them as they are and the dashboard can filter rather than pivot.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from one_click.features import CATEGORICAL_FEATURES
from one_click.profiling._columns import (
    DEFAULT_TAIL_SHARE,
    KIND_CATEGORICAL,
    KIND_NUMERIC,
    PROFILED_NUMERIC,
    categorical_values,
    numeric_values,
    outcome_masks,
    outcome_of,
    with_dtypes,
)

QUANTILES: dict[str, float] = {"p05": 0.05, "p25": 0.25, "median": 0.5, "p75": 0.75, "p95": 0.95}
_STATS = ("mean", "std", "min_value", *QUANTILES, "max_value")

PROFILE_DTYPES: dict[str, str] = {
    "feature": "str",
    "feature_kind": "str",  # 'numeric' | 'categorical'
    "outcome": "str",  # 'declined' | 'kept' | 'unknown' | 'all'
    "category": "str",  # categorical rows only
    "n_values": "int64",  # non-NULL values (numeric) or rows with this category (categorical)
    "n_missing": "int64",  # NULLs of the feature within the outcome
    "share": "float64",  # categorical only: n_values / non-NULL values of the feature within the outcome
    **dict.fromkeys(_STATS, "float64"),  # numeric only
}

HISTOGRAM_DTYPES: dict[str, str] = {
    "feature": "str",
    "outcome": "str",
    "bin_index": "int64",  # 0-based, ascending
    "bin_lower": "float64",
    "bin_upper": "float64",
    "n_values": "int64",
    "share": "float64",  # n_values / non-NULL values of the feature within the outcome
}


def feature_profile(features: pd.DataFrame) -> pd.DataFrame:
    """Statistics of every numeric feature (and monthly_profit) and value shares of every categorical one.

    One row per (feature, outcome) for numeric features and per (feature, outcome, category) for
    categorical ones; outcomes are those present in `features` plus 'all'. NULL feature values are left
    out of every statistic and counted in `n_missing`. `std` is the sample standard deviation (ddof=1,
    NULL below two values); quantiles interpolate linearly (numpy's default, DuckDB's quantile_cont).
    Every category seen in any outcome gets a row in every outcome, with 0 where absent, so shares of
    one (feature, outcome) sum to 1 and outcomes compare row by row.
    """
    masks = outcome_masks(outcome_of(features))
    rows: list[dict[str, object]] = []
    for feature in PROFILED_NUMERIC:
        values = numeric_values(features[feature])
        for outcome, mask in masks.items():
            rows.append(
                {"feature": feature, "feature_kind": KIND_NUMERIC, "outcome": outcome}
                | _numeric_stats(values[mask])
            )
    for feature in CATEGORICAL_FEATURES:
        values = categorical_values(features[feature])
        categories = sorted(values.dropna().unique())
        for outcome, mask in masks.items():
            present = values[mask]
            counts = present.value_counts().reindex(categories, fill_value=0)
            known = int(counts.sum())
            for category, count in counts.items():
                rows.append(
                    {
                        "feature": feature,
                        "feature_kind": KIND_CATEGORICAL,
                        "outcome": outcome,
                        "category": category,
                        "n_values": int(count),
                        "n_missing": int(present.isna().sum()),
                        "share": count / known if known else np.nan,
                    }
                )
    return with_dtypes(rows, PROFILE_DTYPES)


def feature_histogram(
    features: pd.DataFrame, *, bins: int, tail_share: float = DEFAULT_TAIL_SHARE
) -> pd.DataFrame:
    """Histogram counts of every numeric feature (and monthly_profit) per outcome, on common bin edges.

    Edges are computed once per feature from all rows, so outcomes share them and can be overlaid.
    Integer-valued features spanning at most `bins` distinct integers get one bin per integer
    (edges at k ± 0.5), so counts such as service errors are not split across uneven bins. Other
    features get `bins` equal-width bins between the `tail_share` and `1 - tail_share` quantiles, and
    values beyond them are counted in the first/last bin (see DEFAULT_TAIL_SHARE); the true min/max are in
    feature_profile. Bins are [lower, upper), the last one closed. Every bin appears for every outcome,
    with 0 counts where empty; `share` divides by the outcome's non-NULL values, so outcomes of different
    sizes compare as densities.
    """
    if bins < 1:
        raise ValueError(f"bins must be positive, got {bins}")
    masks = outcome_masks(outcome_of(features))
    rows: list[dict[str, object]] = []
    for feature in PROFILED_NUMERIC:
        values = numeric_values(features[feature])
        known = ~np.isnan(values)
        if not known.any():
            continue
        edges = _bin_edges(values[known], bins, tail_share)
        clipped = np.clip(values, edges[0], edges[-1])
        for outcome, mask in masks.items():
            counts, _ = np.histogram(clipped[mask & known], edges)
            total = counts.sum()
            for index, count in enumerate(counts):
                rows.append(
                    {
                        "feature": feature,
                        "outcome": outcome,
                        "bin_index": index,
                        "bin_lower": edges[index],
                        "bin_upper": edges[index + 1],
                        "n_values": int(count),
                        "share": count / total if total else np.nan,
                    }
                )
    return with_dtypes(rows, HISTOGRAM_DTYPES)


def _numeric_stats(values: np.ndarray) -> dict[str, object]:
    known = values[~np.isnan(values)]
    stats: dict[str, object] = {"n_values": known.size, "n_missing": values.size - known.size}
    if known.size == 0:
        return stats  # the frame fills the statistics with NULL
    quantiles = np.quantile(known, list(QUANTILES.values()))
    return stats | {
        "mean": known.mean(),
        "std": known.std(ddof=1) if known.size > 1 else np.nan,
        "min_value": known.min(),
        **dict(zip(QUANTILES, quantiles, strict=True)),
        "max_value": known.max(),
    }


def _bin_edges(known: np.ndarray, bins: int, tail_share: float) -> np.ndarray:
    low, high = known.min(), known.max()
    if np.all(known == np.round(known)) and high - low + 1 <= bins:
        return np.arange(low, high + 2) - 0.5
    if tail_share > 0:
        tail_low, tail_high = np.quantile(known, [tail_share, 1 - tail_share])
        if tail_low < tail_high:  # else almost every value is equal; keep the full range to show the rest
            low, high = tail_low, tail_high
    if low == high:
        return np.array([low - 0.5, low + 0.5])
    return np.linspace(low, high, bins + 1)
