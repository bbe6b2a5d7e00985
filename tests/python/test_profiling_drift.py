"""feature_drift: PSI and KS checked against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from one_click.features import CATEGORICAL_FEATURES, FEATURES, NUMERIC_FEATURES
from one_click.profiling import DRIFT_DTYPES, feature_drift, population_stability_index

EPS = 1e-4


def mart(n: int) -> pd.DataFrame:
    """Constant features, so only the column a test sets can drift."""
    frame = pd.DataFrame({column: np.zeros(n) for column in NUMERIC_FEATURES})
    for column in CATEGORICAL_FEATURES:
        frame[column] = "a"
    return frame


def drift_of(reference: pd.DataFrame, current: pd.DataFrame, feature: str, **options: float) -> pd.Series:
    return feature_drift(reference, current, **options).set_index("feature").loc[feature]


def two_bin_psi(ref: tuple[float, float], cur: tuple[float, float]) -> float:
    return sum((c - r) * math.log(c / r) for r, c in zip(ref, cur, strict=True))


def test_two_categories_match_the_hand_computed_psi() -> None:
    reference, current = mart(10), mart(10)
    reference["service_type"] = ["a"] * 5 + ["b"] * 5
    current["service_type"] = ["a"] * 8 + ["b"] * 2
    row = drift_of(reference, current, "service_type")
    # 0.3 * ln(1.6) + (-0.3) * ln(0.4) = 0.1410 + 0.2749
    assert row["psi"] == pytest.approx(0.415888, abs=1e-6)
    assert row["psi"] == pytest.approx(two_bin_psi((0.5, 0.5), (0.8, 0.2)))
    assert row["psi_flag"] == "significant"
    assert row["n_bins"] == 2 and np.isnan(row["ks_statistic"])


def test_two_numeric_bins_split_at_the_reference_median() -> None:
    reference, current = mart(4), mart(4)
    reference["pages_per_visit"] = [1.0, 2.0, 3.0, 4.0]  # median 2.5: bins (-inf, 2.5] and (2.5, inf)
    current["pages_per_visit"] = [1.0, 1.0, 1.0, 4.0]
    row = drift_of(reference, current, "pages_per_visit", n_bins=2)
    assert row["psi"] == pytest.approx(0.25 * math.log(1.5) + 0.25 * math.log(2))
    assert row["ks_statistic"] == pytest.approx(0.5)  # ECDFs at 1: 0.25 vs 0.75


def test_a_tied_quantile_keeps_its_value_in_the_lower_bin() -> None:
    reference, current = mart(4), mart(4)
    reference["unpaid_items_quarter"] = [1.0, 1.0, 1.0, 2.0]  # median 1: bins (-inf, 1] and (1, inf)
    current["unpaid_items_quarter"] = [1.0, 2.0, 2.0, 2.0]
    row = drift_of(reference, current, "unpaid_items_quarter", n_bins=2)
    assert row["psi"] == pytest.approx(2 * 0.5 * math.log(3))  # 0.75/0.25 against 0.25/0.75


def test_values_beyond_the_reference_range_land_in_the_outer_bins() -> None:
    reference, current = mart(4), mart(4)
    reference["pages_per_visit"] = [1.0, 2.0, 3.0, 4.0]
    current["pages_per_visit"] = [-50.0, -40.0, 100.0, 200.0]  # same 50/50 split, far outside
    row = drift_of(reference, current, "pages_per_visit", n_bins=2)
    assert row["psi"] == pytest.approx(0.0)
    assert row["ks_statistic"] == pytest.approx(0.5)  # the KS column is what shows this shift


@pytest.mark.parametrize(
    ("x_share", "flag"),
    [(0.6, "stable"), (0.65, "stable"), (0.68, "moderate"), (0.72, "moderate"), (0.75, "significant")],
)
def test_flags_follow_the_documented_thresholds(x_share: float, flag: str) -> None:
    reference, current = mart(100), mart(100)
    reference["favourite_category"] = ["x"] * 50 + ["y"] * 50
    k = round(x_share * 100)
    current["favourite_category"] = ["x"] * k + ["y"] * (100 - k)
    row = drift_of(reference, current, "favourite_category")
    expected = two_bin_psi((0.5, 0.5), (x_share, 1 - x_share))
    assert row["psi"] == pytest.approx(expected)  # 0.041, 0.093, 0.136, 0.208, 0.275
    assert row["psi_flag"] == flag


def test_identical_frames_do_not_drift() -> None:
    rng = np.random.default_rng(0)
    frame = mart(500)
    for column in NUMERIC_FEATURES:
        frame[column] = rng.normal(size=500)
    result = feature_drift(frame, frame.copy())
    assert list(result["feature"]) == [*NUMERIC_FEATURES, *CATEGORICAL_FEATURES]
    assert set(result["feature"]) == set(FEATURES)
    assert np.allclose(result["psi"], 0.0)
    assert (result["psi_flag"] == "stable").all()
    assert np.allclose(result["ks_statistic"].dropna(), 0.0)
    assert result.loc[result["feature"] == "pages_per_visit", "n_bins"].item() == 10


def test_nulls_are_a_bin_of_their_own() -> None:
    reference, current = mart(4), mart(4)
    reference["revenue_current_month"] = [1.0, 2.0, 3.0, 4.0]
    current["revenue_current_month"] = [1.0, 3.0, np.nan, np.nan]
    row = drift_of(reference, current, "revenue_current_month", n_bins=2)
    # bins: (-inf, 2.5], (2.5, inf), NULL  —  reference 0.5, 0.5, 0 (-> eps); current 0.25, 0.25, 0.5
    expected = 2 * (0.25 - 0.5) * math.log(0.25 / 0.5) + (0.5 - EPS) * math.log(0.5 / EPS)
    assert row["psi"] == pytest.approx(expected)
    assert row[["reference_missing_share", "current_missing_share", "current_unseen_share"]].tolist() == [
        0,
        0.5,
        0.5,
    ]
    assert row["n_current"] == 4  # NULLs included
    assert row["ks_statistic"] == pytest.approx(0.25)  # non-NULL only: ECDFs at 1 are 0.25 vs 0.5


def test_unseen_categories_get_epsilon_in_the_reference() -> None:
    reference, current = mart(4), mart(4)
    reference["favourite_category"] = ["a", "a", "b", "b"]
    current["favourite_category"] = ["a", "a", "b", "new"]
    row = drift_of(reference, current, "favourite_category", epsilon=EPS)
    expected = (0.25 - 0.5) * math.log(0.25 / 0.5) + (0.25 - EPS) * math.log(0.25 / EPS)
    assert row["psi"] == pytest.approx(expected)
    assert row["current_unseen_share"] == pytest.approx(0.25)
    assert row["n_bins"] == 3


def test_a_category_column_that_starts_arriving_empty_drifts() -> None:
    reference, current = mart(4), mart(4)
    current["favourite_category"] = ["a", "a", None, None]
    row = drift_of(reference, current, "favourite_category", epsilon=EPS)
    assert row["psi"] == pytest.approx((0.5 - 1) * math.log(0.5) + (0.5 - EPS) * math.log(0.5 / EPS))
    assert row[["current_missing_share", "current_unseen_share"]].tolist() == [0.5, 0.5]


def test_booleans_and_nullable_dtypes_are_read_like_duckdb_hands_them_over() -> None:
    reference, current = mart(4), mart(4)
    reference["allows_messages"] = pd.array([True, True, False, False], dtype="boolean")
    current["allows_messages"] = np.array([True, True, True, False])
    current["unpaid_items_quarter"] = pd.array([0, 0, 0, 0], dtype="Int64")
    result = feature_drift(reference, current).set_index("feature")
    assert result.loc["allows_messages", "psi"] == pytest.approx(two_bin_psi((0.5, 0.5), (0.75, 0.25)))
    assert result.loc["unpaid_items_quarter", "psi"] == pytest.approx(0.0)


def test_empty_current_frame_gives_null_psi_and_fixed_types() -> None:
    result = feature_drift(mart(5), mart(0))
    assert result["psi"].isna().all() and result["psi_flag"].isna().all()
    assert (result["n_current"] == 0).all()
    expected = pd.DataFrame(columns=list(DRIFT_DTYPES)).astype(DRIFT_DTYPES).dtypes
    assert result.dtypes.astype(str).to_dict() == expected.astype(str).to_dict()


def test_population_stability_index_is_symmetric_without_empty_bins() -> None:
    a, b = np.array([0.2, 0.3, 0.5]), np.array([0.4, 0.4, 0.2])
    assert population_stability_index(a, b, EPS) == pytest.approx(population_stability_index(b, a, EPS))


def test_every_row_carries_the_thresholds_its_flag_was_cut_at() -> None:
    """The dashboard draws the flags' lines from these columns; it imports nothing of profiling."""
    reference = mart(300)
    result = feature_drift(reference, reference.iloc[:0], moderate=0.05, significant=0.5)
    assert (result["psi_moderate_from"] == 0.05).all() and (result["psi_significant_from"] == 0.5).all()
