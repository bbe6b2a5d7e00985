"""phik correlations between every pair of features and the label, as a long table with flags.

phik (Baak et al., 2019) works for any mix of categorical and numeric columns and catches non-linear
dependence, which is why the notebooks use it. Choices made here, measured on 2 cores:

* Cost is mostly per pair (136 of them), not per row: 1.5 s for the store's 1,037 customers, 2.2 s
  for 100,000 rows, 3.4 s for 1,000,000 (sampled; all rows would take 14 s).
* phik runs with njobs=1: its joblib pool costs ~3 s to start, more than the whole 1,037-row matrix
  (phik_matrix: 0.7 s serial vs 4.1 s parallel; 100k rows: 3.0 s vs 5.6 s).
* Above `sample_size` rows (default 100,000) phik runs on a sample stratified by outcome
  (declined/kept/unknown keep their shares). On 1,000,000 synthetic rows the sampled phik differs
  from the all-rows one by at most 0.011.
* The significance (a z-score) uses phik's 'asymptotic' method on at most `significance_sample_size`
  rows. phik's default 'hybrid' method simulates tables for every pair: 104 s on 1,037 rows against
  0.5 s. The two agree closely (correlation 0.997 over the 136 pairs); the largest gap, 1.3, is in
  sparse tables such as promo_purchase_share's empty middle bins, and 4 pairs change side of z = 3.
  The cap also keeps z comparable between builds: z grows like sqrt(rows), so at a million rows
  every pair would look "significant".
* Numeric features are interval variables, cut into `bins` equal-width bins (phik's own binning)
  after their tails are clipped (DEFAULT_TAIL_SHARE): on the store's data the one extreme revenue
  otherwise puts all other customers into one bin, and phik(previous, current month revenue) reads
  0.17 instead of 0.84.
* NULLs are dropped pair by pair, so label pairs use only the labelled customers and a NULL revenue
  costs that customer's row in revenue pairs only; `n_rows` says how many rows each phik is based on.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from phik.binning import bin_edges
from phik.phik import phik_from_rebinned_df
from phik.significance import significance_from_rebinned_df

from one_click.features import CATEGORICAL_FEATURES, LABEL, NUMERIC_FEATURES
from one_click.profiling._columns import (
    DEFAULT_TAIL_SHARE,
    OUTCOME_DECLINED,
    OUTCOME_KEPT,
    categorical_values,
    clip_tails,
    numeric_values,
    outcome_of,
    with_dtypes,
)

CORRELATION_DTYPES: dict[str, str] = {
    "feature_a": "str",  # the label, when in the pair, is always feature_a
    "feature_b": "str",
    "phik": "float64",  # 0..1; NULL when a column has fewer than two distinct values
    "significance": "float64",  # phik's z-score (asymptotic method) on the significance sample
    "n_rows": "int64",  # rows with both values present in the sample phik was computed on
    "is_label_pair": "bool",
    "is_above_threshold": "bool",  # feature pair with phik >= threshold (multicollinearity)
    "is_leakage_suspect": "bool",  # label pair with phik >= leakage_threshold
}

_OUTCOME = "_outcome"  # stratum of each row, carried alongside the data until sampling is done


def feature_correlations(
    features: pd.DataFrame,
    *,
    threshold: float,
    leakage_threshold: float,
    sample_size: int,
    significance_sample_size: int = 5_000,
    bins: int = 10,
    tail_share: float = DEFAULT_TAIL_SHARE,
    random_state: int = 0,
) -> pd.DataFrame:
    """phik and its significance for every unordered pair of (label, *FEATURES), each pair exactly once.

    Pairs come in column order (label, categorical, numeric), feature_a before feature_b. See the module
    docstring for the sampling, binning and NULL handling; `significance_sample_size=0` skips the
    significance (NULL) and saves about a third of the time.
    """
    columns = [LABEL, *CATEGORICAL_FEATURES, *NUMERIC_FEATURES]
    binned = _binned(features, bins, tail_share)
    sample = _stratified_sample(binned, sample_size, random_state)
    small = _stratified_sample(sample, significance_sample_size, random_state).drop(columns=_OUTCOME)
    sample = sample.drop(columns=_OUTCOME)
    no_edge_bins = {"drop_underflow": False, "drop_overflow": False, "njobs": 1}  # our bins span the data
    with warnings.catch_warnings():
        # phik warns once per pair touching a constant column; the NULL phik says it already.
        warnings.filterwarnings("ignore", message="Too few unique values", category=UserWarning)
        phik = phik_from_rebinned_df(sample, **no_edge_bins).reindex(index=columns, columns=columns)
        significance = pd.DataFrame(np.nan, index=columns, columns=columns)
        if significance_sample_size > 0:
            significance = significance_from_rebinned_df(
                small, significance_method="asymptotic", **no_edge_bins
            ).reindex(index=columns, columns=columns)
    present = sample.notna().to_numpy(dtype="int64")
    n_rows = present.T @ present

    rows: list[dict[str, object]] = []
    for i, feature_a in enumerate(columns):
        for j in range(i + 1, len(columns)):
            feature_b = columns[j]
            value = float(phik.loc[feature_a, feature_b])
            is_label_pair = feature_a == LABEL
            rows.append(
                {
                    "feature_a": feature_a,
                    "feature_b": feature_b,
                    "phik": value,
                    "significance": float(significance.loc[feature_a, feature_b]),
                    "n_rows": int(n_rows[i, j]),
                    "is_label_pair": is_label_pair,
                    # NaN compares False: a pair phik could not measure is never flagged
                    "is_above_threshold": not is_label_pair and value >= threshold,
                    "is_leakage_suspect": is_label_pair and value >= leakage_threshold,
                }
            )
    return with_dtypes(rows, CORRELATION_DTYPES)


def _binned(features: pd.DataFrame, bins: int, tail_share: float) -> pd.DataFrame:
    """Every column as bin/category codes (float64, NaN for NULL), plus the stratum column.

    phik would bin numeric columns itself, but into object arrays that pandas groups ~5x slower than
    numbers (7.7 s instead of ~3 s for 100k rows), so the same binning is done here: phik's own
    equal-width edges, on the full frame before sampling.
    """
    outcome = outcome_of(features)
    label = np.where(outcome == OUTCOME_DECLINED, 1.0, np.where(outcome == OUTCOME_KEPT, 0.0, np.nan))
    data: dict[str, np.ndarray] = {LABEL: label, _OUTCOME: outcome}
    for feature in CATEGORICAL_FEATURES:
        codes, _ = pd.factorize(categorical_values(features[feature]))
        data[feature] = np.where(codes >= 0, codes, np.nan)  # factorize marks NULL as -1
    for feature in NUMERIC_FEATURES:
        values = clip_tails(numeric_values(features[feature]), tail_share)
        known = ~np.isnan(values)
        codes = np.full(values.shape, np.nan)
        if known.any():
            codes[known] = np.searchsorted(bin_edges(values[known], bins), values[known])
        data[feature] = codes
    return pd.DataFrame(data, index=features.index)


def _stratified_sample(data: pd.DataFrame, size: int, random_state: int) -> pd.DataFrame:
    """About `size` rows (all of them if fewer), each outcome keeping its share of rows."""
    if len(data) <= size:
        return data
    return data.groupby(_OUTCOME, group_keys=False).sample(frac=size / len(data), random_state=random_state)
