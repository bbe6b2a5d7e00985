"""From the `customer_features` mart to the matrix the pipelines see, and the training-data fingerprint.

The mart arrives as whatever pandas makes of a DuckDB table: nullable booleans, `str` or `object` text,
integers that may turn into floats. Every entry point goes through `model_matrix`, so the pipelines always
see the same dtypes (text and booleans as Python strings with NaN for NULL, numbers as float64) and a
model trained on one dbt run scores the next one identically.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd

from one_click.features import CATEGORICAL_FEATURES, CUSTOMER_ID, FEATURES, LABEL, NUMERIC_FEATURES


def validate(features: pd.DataFrame) -> pd.DataFrame:
    """Check the columns the models need and return the frame ordered by customer id.

    SQL tables have no row order, so everything downstream (subsamples, folds, fingerprints) is computed
    on rows sorted by `customer_id`; the same mart therefore gives the same model however DuckDB returns it.
    """
    missing = [c for c in (CUSTOMER_ID, LABEL, *FEATURES) if c not in features.columns]
    if missing:
        raise ValueError(f"customer_features lacks the columns {missing}")
    if features[CUSTOMER_ID].duplicated().any():
        raise ValueError("customer_features must have one row per customer_id")
    return features.sort_values(CUSTOMER_ID, kind="stable").reset_index(drop=True)


def labelled_mask(features: pd.DataFrame) -> np.ndarray:
    """True for customers with a known label; the others are scored but never trained on."""
    return features[LABEL].notna().to_numpy()


def labels(features: pd.DataFrame) -> np.ndarray:
    """The label of labelled rows as a bool array (True = activity declined)."""
    values = features[LABEL]
    if values.isna().any():
        raise ValueError("labels() needs labelled rows only; filter with labelled_mask() first")
    return values.astype(bool).to_numpy()


def model_matrix(features: pd.DataFrame) -> pd.DataFrame:
    """The feature columns with the dtypes every pipeline is fitted and scored on."""
    columns: dict[str, pd.Series] = {}
    for name in CATEGORICAL_FEATURES:
        # object dtype on purpose: pandas 3 would infer its `str` dtype, whose NA handling differs
        # between versions, and the fitted encoders must keep seeing the same thing.
        values = features[name].astype("string").to_numpy(dtype=object, na_value=np.nan)
        columns[name] = pd.Series(values, index=features.index, dtype=object)
    for name in NUMERIC_FEATURES:
        values = pd.to_numeric(features[name]).to_numpy(dtype=float, na_value=np.nan)
        columns[name] = pd.Series(values, index=features.index)
    return pd.DataFrame(columns)


def reference_customer(matrix: pd.DataFrame) -> dict[str, Any]:
    """A typical customer: median of every numeric feature, most frequent value of every categorical one.

    Explanations measure each customer against this reference (see `explain`), so it is computed once on
    the training rows and stored with the model.
    """
    reference: dict[str, Any] = {}
    for name in CATEGORICAL_FEATURES:
        counts = matrix[name].value_counts(dropna=True)
        # Ties broken alphabetically, so the reference does not depend on row order.
        reference[name] = None if counts.empty else min(counts.index[counts == counts.max()])
    for name in NUMERIC_FEATURES:
        median = matrix[name].median(skipna=True)
        reference[name] = None if pd.isna(median) else float(median)
    return reference


def reference_matrix(reference: dict[str, Any]) -> pd.DataFrame:
    """The reference customer as a one-row model matrix."""
    row = pd.DataFrame({name: [np.nan if value is None else value] for name, value in reference.items()})
    return model_matrix(row)


def training_fingerprint(features: pd.DataFrame) -> str:
    """SHA-256 of the training data: features and label of the labelled customers, ordered by customer id.

    Unlabelled rows, customer ids, `monthly_profit` and row order do not count, since none of them reaches
    the model; a different fingerprint therefore means the model was trained on different data.
    """
    frame = validate(features)
    frame = frame.loc[labelled_mask(frame)]
    matrix = model_matrix(frame)
    digest = hashlib.sha256()
    for name in FEATURES:
        digest.update(name.encode())
        column = matrix[name]
        if name in NUMERIC_FEATURES:
            # +0.0 folds -0.0 into 0.0 and np.where writes one canonical NaN, so equal data hash equally.
            values = column.to_numpy(dtype=float) + 0.0
            digest.update(np.where(np.isnan(values), np.nan, values).tobytes())
        else:
            digest.update("\x1f".join("\x00" if pd.isna(v) else str(v) for v in column).encode())
    digest.update(labels(frame).astype(np.uint8).tobytes())
    return digest.hexdigest()
