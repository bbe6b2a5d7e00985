"""How far each feature's distribution in the current build has moved from the published model's data.

Population stability index (PSI), per feature:

    PSI = sum over bins of (current_share - reference_share) * ln(current_share / reference_share)

* Numeric bins are the reference's deciles (`n_bins` quantile bins), right-closed, with open outer bins
  so current values outside the reference range still land somewhere. Tied quantiles merge, so a
  feature with three distinct values gets at most four bins rather than ten, most of them empty.
* Categorical bins are the categories of either frame; a category the reference never had gets its own
  bin, and the share of current rows in such bins is reported as `current_unseen_share`.
* NULL is a bin of its own on both sides: a feature that starts arriving empty has drifted.
* A bin empty on one side would make the log infinite; its share is replaced by `epsilon` (1e-4, not
  renormalised, which keeps hand checks simple). One such bin then contributes about
  q * ln(q / 1e-4): a new category holding 5% of current rows adds 0.05 * ln(500) = 0.31, enough on its
  own to flag 'significant' — intended, a new category is a change the model has never seen.

Flags follow the industry convention (Siddiqi, "Credit Risk Scorecards", 2006): PSI < 0.1 'stable',
0.1 <= PSI < 0.25 'moderate' (look at it), PSI >= 0.25 'significant' (retrain or investigate). Numeric
features also get the two-sample Kolmogorov–Smirnov statistic on their non-NULL values; with large
frames its p-value is tiny for any visible shift, so the statistic (max CDF gap, 0..1) is the number
to read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

from one_click.features import CATEGORICAL_FEATURES, NUMERIC_FEATURES
from one_click.profiling._columns import (
    KIND_CATEGORICAL,
    KIND_NUMERIC,
    categorical_values,
    numeric_values,
    with_dtypes,
)

PSI_MODERATE = 0.1
PSI_SIGNIFICANT = 0.25
PSI_EPSILON = 1e-4

DRIFT_DTYPES: dict[str, str] = {
    "feature": "str",
    "feature_kind": "str",  # 'numeric' | 'categorical'
    "n_reference": "int64",  # rows, NULLs included
    "n_current": "int64",
    "n_bins": "int64",  # bins holding rows on at least one side, the NULL bin included
    "reference_missing_share": "float64",
    "current_missing_share": "float64",
    "current_unseen_share": "float64",  # current rows in bins the reference left empty
    "psi": "float64",  # NULL when either frame has no rows
    "psi_flag": "str",  # 'stable' | 'moderate' | 'significant'; NULL with psi
    "psi_moderate_from": "float64",  # the flags' thresholds on every row: readers draw, never repeat them
    "psi_significant_from": "float64",
    "ks_statistic": "float64",  # numeric only
    "ks_pvalue": "float64",  # numeric only
}


def feature_drift(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    *,
    n_bins: int = 10,
    epsilon: float = PSI_EPSILON,
    moderate: float = PSI_MODERATE,
    significant: float = PSI_SIGNIFICANT,
) -> pd.DataFrame:
    """PSI (and KS for numeric features) of every model feature, `current` against `reference`.

    Only model inputs are compared (features.FEATURES): the label is NULL for customers still to score,
    so its "drift" would only measure how many of them the build holds. See the module docstring.
    """
    rows: list[dict[str, object]] = []
    for feature in NUMERIC_FEATURES:
        ref, cur = numeric_values(reference[feature]), numeric_values(current[feature])
        ref_counts, cur_counts = _numeric_bin_counts(ref, cur, n_bins)
        ref_known, cur_known = ref[~np.isnan(ref)], cur[~np.isnan(cur)]
        ks = ks_2samp(ref_known, cur_known) if ref_known.size and cur_known.size else None
        rows.append(
            {"feature": feature, "feature_kind": KIND_NUMERIC}
            | _psi_row(ref_counts, cur_counts, epsilon, moderate, significant)
            | {
                "ks_statistic": ks.statistic if ks else np.nan,
                "ks_pvalue": ks.pvalue if ks else np.nan,
            }
        )
    for feature in CATEGORICAL_FEATURES:
        ref_counts, cur_counts = _categorical_bin_counts(
            categorical_values(reference[feature]), categorical_values(current[feature])
        )
        rows.append(
            {"feature": feature, "feature_kind": KIND_CATEGORICAL}
            | _psi_row(ref_counts, cur_counts, epsilon, moderate, significant)
        )
    return with_dtypes(rows, DRIFT_DTYPES)


def population_stability_index(
    reference_share: np.ndarray, current_share: np.ndarray, epsilon: float
) -> float:
    """PSI of two share vectors over the same bins; empty bins count as `epsilon`."""
    ref = np.where(reference_share > 0, reference_share, epsilon)
    cur = np.where(current_share > 0, current_share, epsilon)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def _numeric_bin_counts(ref: np.ndarray, cur: np.ndarray, n_bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Counts per reference-decile bin, the NULL bin last."""
    ref_known = ref[~np.isnan(ref)]
    inner = np.linspace(0, 1, n_bins + 1)[1:-1]
    edges = np.unique(np.quantile(ref_known, inner)) if ref_known.size else np.array([])
    null_bin = edges.size + 1

    def counts(values: np.ndarray) -> np.ndarray:
        # side='left' gives right-closed bins (edge_{i-1}, edge_i]: a tied quantile keeps its value
        bin_of = np.where(np.isnan(values), null_bin, np.searchsorted(edges, values, side="left"))
        return np.bincount(bin_of.astype("int64"), minlength=null_bin + 1)

    return counts(ref), counts(cur)


def _categorical_bin_counts(ref: pd.Series, cur: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Counts per category of either frame, the NULL bin last."""
    categories = sorted(set(ref.dropna().unique()) | set(cur.dropna().unique()))

    def counts(values: pd.Series) -> np.ndarray:
        per_category = values.value_counts().reindex(categories, fill_value=0).to_numpy()
        return np.append(per_category, values.isna().sum()).astype("int64")

    return counts(ref), counts(cur)


def _psi_row(
    ref_counts: np.ndarray, cur_counts: np.ndarray, epsilon: float, moderate: float, significant: float
) -> dict[str, object]:
    n_ref, n_cur = int(ref_counts.sum()), int(cur_counts.sum())
    row: dict[str, object] = {
        "n_reference": n_ref,
        "n_current": n_cur,
        "n_bins": int(np.count_nonzero(ref_counts + cur_counts)),
        "psi_moderate_from": moderate,
        "psi_significant_from": significant,
    }
    if n_ref == 0 or n_cur == 0:
        return row  # nothing to compare; the frame fills the rest with NULL
    ref_share, cur_share = ref_counts / n_ref, cur_counts / n_cur
    psi = population_stability_index(ref_share, cur_share, epsilon)
    flag = "significant" if psi >= significant else "moderate" if psi >= moderate else "stable"
    return row | {
        "reference_missing_share": ref_share[-1],
        "current_missing_share": cur_share[-1],
        "current_unseen_share": float(cur_share[ref_counts == 0].sum()),
        "psi": psi,
        "psi_flag": flag,
    }
