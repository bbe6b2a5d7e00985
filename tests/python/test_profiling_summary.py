"""feature_profile and feature_histogram against numbers computed directly with numpy/pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from one_click.features import CATEGORICAL_FEATURES, CUSTOMER_ID, LABEL, NUMERIC_FEATURES, PROFIT
from one_click.profiling import HISTOGRAM_DTYPES, PROFILE_DTYPES, feature_histogram, feature_profile

NUMERIC = (*NUMERIC_FEATURES, PROFIT)


def mart(n: int = 300, seed: int = 0) -> pd.DataFrame:
    """A mart-shaped frame with every kind of NULL the real one can hold."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({CUSTOMER_ID: np.arange(n)})
    frame[LABEL] = pd.array(rng.choice(np.array([True, False, None], dtype=object), n), dtype="boolean")
    frame["service_type"] = rng.choice(["стандарт", "премиум"], n)
    frame["allows_messages"] = rng.random(n) < 0.7
    frame["favourite_category"] = rng.choice(["Кухонная посуда", "Товары для детей", "Домашний текстиль"], n)
    for column in NUMERIC:
        frame[column] = rng.gamma(2.0, 3.0, n).round(1)
    frame.loc[rng.random(n) < 0.1, "revenue_current_month"] = np.nan
    return frame


def dtypes_of(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return list(frame.dtypes.astype(str).items())


def outcome_rows(frame: pd.DataFrame, outcome: str) -> pd.DataFrame:
    label = frame[LABEL]
    selected = {"declined": label.eq(True), "kept": label.eq(False), "unknown": label.isna()}
    return frame[selected[outcome].fillna(False)] if outcome != "all" else frame


def test_numeric_statistics_match_numpy_per_outcome() -> None:
    frame = mart()
    profile = feature_profile(frame).set_index(["feature", "outcome"])
    for feature in ("days_since_registration", "revenue_current_month", PROFIT):
        for outcome in ("declined", "kept", "unknown", "all"):
            values = outcome_rows(frame, outcome)[feature]
            known = values.dropna().to_numpy()
            row = profile.loc[(feature, outcome)]
            assert row["n_values"] == known.size
            assert row["n_missing"] == values.isna().sum()
            assert row["mean"] == pytest.approx(known.mean())
            assert row["std"] == pytest.approx(known.std(ddof=1))
            assert row["min_value"] == known.min() and row["max_value"] == known.max()
            expected = np.quantile(known, [0.05, 0.25, 0.5, 0.75, 0.95])
            assert row[["p05", "p25", "median", "p75", "p95"]].to_numpy(float) == pytest.approx(expected)


def test_outcomes_follow_the_label_and_nulls_are_counted_not_described() -> None:
    frame = mart(6)
    frame[LABEL] = pd.array([True, True, True, False, False, None], dtype="boolean")
    frame["pages_per_visit"] = [1.0, 2.0, np.nan, 10.0, 20.0, 7.0]
    rows = feature_profile(frame).query("feature == 'pages_per_visit'").set_index("outcome")
    assert list(rows.index) == ["declined", "kept", "unknown", "all"]
    assert rows.loc["declined", ["n_values", "n_missing"]].tolist() == [2, 1]
    assert rows.loc["declined", "mean"] == pytest.approx(1.5)
    assert rows.loc["kept", "median"] == pytest.approx(15.0)
    assert np.isnan(rows.loc["unknown", "std"])  # a single value has no sample standard deviation
    assert rows.loc["all", ["n_values", "n_missing"]].tolist() == [5, 1]


def test_category_shares_are_hand_checked_and_sum_to_one() -> None:
    frame = mart(6)
    frame[LABEL] = pd.array([True, True, True, False, False, None], dtype="boolean")
    frame["service_type"] = ["премиум", "премиум", "стандарт", "стандарт", None, "стандарт"]
    frame["allows_messages"] = [True, False, True, True, True, False]
    profile = feature_profile(frame)
    service = profile.query("feature == 'service_type'").set_index(["outcome", "category"])
    assert service.loc[("declined", "премиум"), "share"] == pytest.approx(2 / 3)
    # absent from 'kept', still listed with 0 so the outcomes compare row by row
    assert service.loc[("kept", "премиум"), ["n_values", "share"]].tolist() == [0, 0.0]
    assert service.loc[("kept", "стандарт"), ["n_missing", "share"]].tolist() == [1, 1.0]
    consent = profile.query("feature == 'allows_messages'")
    assert set(consent["category"]) == {"true", "false"}
    categorical = profile[profile["feature_kind"] == "categorical"]
    sums = categorical.groupby(["feature", "outcome"])["share"].sum()
    assert np.allclose(sums, 1.0), sums
    assert categorical[["mean", "p05", "max_value"]].isna().all().all()


def test_profile_has_fixed_columns_and_types_even_when_empty() -> None:
    for frame in (mart(), mart().iloc[:0]):
        assert dtypes_of(feature_profile(frame)) == dtypes_of(
            pd.DataFrame(columns=list(PROFILE_DTYPES)).astype(PROFILE_DTYPES)
        )
    profile = feature_profile(mart())
    assert set(profile["feature"]) == set(NUMERIC) | set(CATEGORICAL_FEATURES)
    assert profile.loc[profile["feature_kind"] == "numeric", "category"].isna().all()


def test_histogram_matches_numpy_on_common_edges() -> None:
    frame = mart()
    histogram = feature_histogram(frame, bins=8, tail_share=0)
    rows = histogram[histogram["feature"] == "days_since_registration"]
    edges_per_outcome = rows.groupby("outcome")["bin_lower"].apply(tuple)
    assert edges_per_outcome.nunique() == 1  # one set of edges, so outcomes overlay
    all_values = frame["days_since_registration"]
    edges = np.linspace(all_values.min(), all_values.max(), 9)
    for outcome in ("declined", "kept", "unknown", "all"):
        expected, _ = np.histogram(outcome_rows(frame, outcome)["days_since_registration"], edges)
        got = rows[rows["outcome"] == outcome].sort_values("bin_index")
        assert got["n_values"].tolist() == expected.tolist()
        assert got["share"].sum() == pytest.approx(1.0)
    assert dtypes_of(histogram) == dtypes_of(
        pd.DataFrame(columns=list(HISTOGRAM_DTYPES)).astype(HISTOGRAM_DTYPES)
    )


def test_histogram_gives_small_integers_one_bin_each() -> None:
    frame = mart()
    frame["service_errors"] = np.arange(len(frame)) % 4 + 1  # 1..4
    rows = feature_histogram(frame, bins=20).query("feature == 'service_errors' and outcome == 'all'")
    assert list(zip(rows["bin_lower"], rows["bin_upper"], strict=True)) == [
        (0.5, 1.5),
        (1.5, 2.5),
        (2.5, 3.5),
        (3.5, 4.5),
    ]
    assert rows["n_values"].tolist() == [75, 75, 75, 75]


def test_histogram_keeps_one_outlier_from_squashing_the_rest() -> None:
    frame = mart()
    frame.loc[0, "revenue_current_month"] = 1e6
    rows = feature_histogram(frame, bins=10).query("feature == 'revenue_current_month' and outcome == 'all'")
    assert rows["bin_upper"].max() < 1e3
    assert rows["n_values"].max() < 0.5 * rows["n_values"].sum()  # spread over bins, not one spike
    assert rows["n_values"].sum() == frame["revenue_current_month"].notna().sum()  # outlier still counted
