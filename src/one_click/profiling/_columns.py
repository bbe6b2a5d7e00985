"""Turning mart columns into plain arrays the profiling code can count on.

The mart reaches Python through DuckDB, whose pandas types depend on NULLs (a BOOLEAN column with a NULL
becomes pandas `boolean`, without one numpy `bool`; integers may arrive as `Int64`). Everything is
normalised here once, so the statistics never branch on dtypes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from one_click.features import LABEL, NUMERIC_FEATURES, PROFIT

OUTCOME_DECLINED = "declined"
OUTCOME_KEPT = "kept"
OUTCOME_UNKNOWN = "unknown"  # label NULL: customers to score, whose outcome nobody knows yet
OUTCOME_ALL = "all"  # every customer; NOT a fourth class — never add its counts to the others
OUTCOMES: tuple[str, ...] = (OUTCOME_DECLINED, OUTCOME_KEPT, OUTCOME_UNKNOWN)

# Profit is not a model input, but the marketing team reads its distribution next to the features'.
PROFILED_NUMERIC: tuple[str, ...] = (*NUMERIC_FEATURES, PROFIT)

KIND_NUMERIC = "numeric"
KIND_CATEGORICAL = "categorical"

# Outlier guard shared by histograms and phik: the store's exports hold a monthly revenue of 106,862.2
# against a typical 5,000; with bins spread evenly from min to max that one value squeezes every other
# customer into a single bin. Values beyond these quantiles are pulled in to them instead.
DEFAULT_TAIL_SHARE = 0.005


def outcome_of(features: pd.DataFrame) -> np.ndarray:
    """'declined' / 'kept' / 'unknown' per row, from the nullable boolean label."""
    label = features[LABEL].astype("boolean")
    known = label.notna().to_numpy()
    declined = label.fillna(False).to_numpy(dtype=bool)
    return np.where(~known, OUTCOME_UNKNOWN, np.where(declined, OUTCOME_DECLINED, OUTCOME_KEPT))


def outcome_masks(outcome: np.ndarray) -> dict[str, np.ndarray]:
    """Row masks for the outcomes present, in the fixed order, followed by 'all'."""
    masks = {name: outcome == name for name in OUTCOMES if (outcome == name).any()}
    masks[OUTCOME_ALL] = np.ones(outcome.shape, dtype=bool)
    return masks


def numeric_values(column: pd.Series) -> np.ndarray:
    """float64 array with NaN for NULL, whatever numeric dtype DuckDB chose."""
    return pd.to_numeric(column).to_numpy(dtype="float64", na_value=np.nan)


def categorical_values(column: pd.Series) -> pd.Series:
    """Text values with NaN for NULL; booleans spelled 'true'/'false' as DuckDB prints them."""
    if pd.api.types.infer_dtype(column, skipna=True) == "boolean":
        flags = column.astype("boolean")
        text = np.where(flags.fillna(False).to_numpy(dtype=bool), "true", "false")
        return pd.Series(text, index=column.index, dtype="str").where(flags.notna().to_numpy())
    return column.astype("str").where(column.notna())


def clip_tails(values: np.ndarray, tail_share: float) -> np.ndarray:
    """Winsorise: pull values below/above the tail_share / 1 - tail_share quantiles in to them; NaN stays."""
    finite = values[~np.isnan(values)]
    if tail_share <= 0 or finite.size == 0:
        return values
    low, high = np.quantile(finite, [tail_share, 1 - tail_share])
    if low == high:  # a nearly constant column would become exactly constant and lose its rare values
        return values
    return np.clip(values, low, high)


def with_dtypes(rows: list[dict[str, object]], dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with exactly these columns and dtypes, even with no rows, so the dbt table never changes shape.

    float64 NaN is written by DuckDB as NULL, which is how "does not apply" reaches the table.
    """
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes).reset_index(drop=True)
