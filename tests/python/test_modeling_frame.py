"""The model matrix and the training-data fingerprint."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from one_click.features import CATEGORICAL_FEATURES, FEATURES, LABEL, NUMERIC_FEATURES, PROFIT
from one_click.modeling import training_fingerprint
from one_click.modeling.frame import model_matrix, reference_customer, validate
from one_click.modeling.synthetic import synthetic_features


@pytest.fixture
def features() -> pd.DataFrame:
    return synthetic_features(200, seed=1, unlabelled_share=0.2)


def test_model_matrix_has_one_dtype_per_role(features):
    features["allows_messages"] = features["allows_messages"].astype(object)  # as DuckDB may hand it over
    matrix = model_matrix(features)
    assert list(matrix.columns) == list(FEATURES)
    assert all(matrix[c].dtype == object for c in CATEGORICAL_FEATURES)
    assert all(matrix[c].dtype == np.float64 for c in NUMERIC_FEATURES)
    assert set(matrix["allows_messages"].dropna()) <= {"True", "False"}
    assert matrix["revenue_current_month"].isna().any()


def test_validate_rejects_missing_columns_and_duplicate_customers(features):
    with pytest.raises(ValueError, match="pages_per_visit"):
        validate(features.drop(columns="pages_per_visit"))
    with pytest.raises(ValueError, match="one row per customer_id"):
        validate(pd.concat([features, features.head(1)]))


def test_fingerprint_ignores_row_order_unlabelled_rows_and_profit(features):
    before = training_fingerprint(features)
    changed = features.sample(frac=1.0, random_state=0)
    unlabelled = changed[LABEL].isna()
    changed.loc[unlabelled, "pages_per_visit"] = 999
    changed[PROFIT] = 0.0
    assert training_fingerprint(changed) == before


def test_fingerprint_changes_with_a_training_value_or_label(features):
    before = training_fingerprint(features)
    first_labelled = features.index[features[LABEL].notna()][0]
    changed_value = features.copy()
    changed_value.loc[first_labelled, "promo_purchase_share"] += 0.01
    flipped = features.copy()
    flipped.loc[first_labelled, LABEL] = not flipped.loc[first_labelled, LABEL]
    assert training_fingerprint(changed_value) != before
    assert training_fingerprint(flipped) != before


def test_reference_customer_is_medians_and_modes(features):
    matrix = model_matrix(features)
    reference = reference_customer(matrix)
    assert reference["pages_per_visit"] == pytest.approx(matrix["pages_per_visit"].median())
    assert reference["service_type"] == matrix["service_type"].mode().iloc[0]
