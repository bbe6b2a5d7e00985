"""feature_correlations: pair coverage, known-answer phik values, flags, NULLs, sampling, outliers."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from phik import phik_matrix

from one_click.features import FEATURES, LABEL, NUMERIC_FEATURES
from one_click.profiling import CORRELATION_DTYPES, feature_correlations

COLUMNS = (LABEL, *FEATURES)
# The test's own flags and sample size (the build's are in python_models/profiling/feature_correlations.yml).
FLAGS = {"threshold": 0.9, "leakage_threshold": 0.8, "sample_size": 100_000}


def mart(n: int, seed: int = 0) -> pd.DataFrame:
    """Independent random columns: every phik should be near 0 unless a test wires two together."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({LABEL: pd.array(rng.random(n) < 0.4, dtype="boolean")})
    frame["service_type"] = rng.choice(["стандарт", "премиум"], n)
    frame["allows_messages"] = rng.random(n) < 0.7
    frame["favourite_category"] = rng.choice(["a", "b", "c", "d"], n)
    for column in NUMERIC_FEATURES:
        frame[column] = rng.normal(size=n)
    return frame


@pytest.fixture(scope="module")
def wired() -> tuple[pd.DataFrame, pd.DataFrame]:
    """One frame wired with known dependencies, NULLs, an outlier and a constant; phik computed once.

    (Each call costs ~2 s whatever the row count: phik solves for every one of the 136 pairs.)
    """
    frame = mart(1000)
    rng = np.random.default_rng(1)
    frame["minutes_current_month"] = frame["minutes_previous_month"]
    frame["service_errors"] = (frame["marketing_activity_6m"] * 2).round()
    declined = frame[LABEL].to_numpy(dtype=bool)
    frame["pages_per_visit"] = np.where(declined, 3.0, 12.0) + rng.normal(scale=0.5, size=len(frame))
    noise = rng.normal(scale=0.1, size=len(frame))
    frame["revenue_month_before_previous"] = frame["revenue_previous_month"] + noise
    frame.loc[999, "revenue_month_before_previous"] = 1e6
    frame["allows_messages"] = True
    frame.loc[:99, LABEL] = pd.NA
    frame.loc[100:149, "revenue_current_month"] = np.nan
    return frame, feature_correlations(frame, **FLAGS)


WIRED = {"minutes_current_month", "minutes_previous_month", "service_errors", "marketing_activity_6m"}
WIRED |= {"pages_per_visit", "revenue_month_before_previous", "revenue_previous_month", "allows_messages"}


def pair(result: pd.DataFrame, a: str, b: str) -> pd.Series:
    rows = result[
        ((result["feature_a"] == a) & (result["feature_b"] == b))
        | ((result["feature_a"] == b) & (result["feature_b"] == a))
    ]
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_pair_appears_exactly_once_with_fixed_types(wired: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, result = wired
    pairs = [frozenset(p) for p in zip(result["feature_a"], result["feature_b"], strict=True)]
    assert len(pairs) == len(set(pairs)) == len(list(combinations(COLUMNS, 2)))
    assert set(pairs) == {frozenset(p) for p in combinations(COLUMNS, 2)}
    assert (result.loc[result["is_label_pair"], "feature_a"] == LABEL).all()
    expected = pd.DataFrame(columns=list(CORRELATION_DTYPES)).astype(CORRELATION_DTYPES).dtypes
    assert result.dtypes.astype(str).to_dict() == expected.astype(str).to_dict()


def test_identical_columns_are_near_one_and_flagged(wired: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, result = wired
    row = pair(result, "minutes_previous_month", "minutes_current_month")
    assert row["phik"] > 0.95
    assert row["is_above_threshold"] and not row["is_leakage_suspect"]
    assert row["significance"] > 5
    assert result["is_above_threshold"].sum() == 3  # minutes, revenues, errors ~ activity


def test_independent_columns_are_near_zero_and_not_flagged(wired: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, result = wired
    independent = result[~result["feature_a"].isin([*WIRED, LABEL]) & ~result["feature_b"].isin(WIRED)]
    assert len(independent) > 20
    assert independent["phik"].max() < 0.2
    assert independent["significance"].abs().max() < 4
    assert not independent["is_above_threshold"].any()


def test_a_feature_that_decides_the_label_is_a_leakage_suspect(
    wired: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    _, result = wired
    row = pair(result, LABEL, "pages_per_visit")
    assert row["phik"] > 0.9
    assert row["is_leakage_suspect"] and not row["is_above_threshold"]
    assert result["is_leakage_suspect"].sum() == 1


def test_nulls_are_dropped_pair_by_pair(wired: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, result = wired
    assert pair(result, LABEL, "service_type")["n_rows"] == 900  # unlabelled customers left out
    assert pair(result, "service_type", "revenue_current_month")["n_rows"] == 950
    assert pair(result, LABEL, "revenue_current_month")["n_rows"] == 850  # the two NULL blocks are disjoint
    assert pair(result, "service_type", "pages_per_visit")["n_rows"] == 1000


def test_a_constant_column_gives_null_phik_not_an_error(wired: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, result = wired
    touching = (result["feature_a"] == "allows_messages") | (result["feature_b"] == "allows_messages")
    assert touching.sum() == len(COLUMNS) - 1
    assert result.loc[touching, "phik"].isna().all()
    assert not result.loc[touching, "is_above_threshold"].any()
    assert result.loc[~touching, "phik"].notna().all()


# phik_matrix itself warns about the constant column and uses a pandas keyword pandas 3.1 deprecates
@pytest.mark.filterwarnings("ignore:Not enough unique value", "ignore:The inplace keyword")
def test_one_extreme_value_does_not_erase_a_strong_correlation(
    wired: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    frame, result = wired
    assert pair(result, "revenue_previous_month", "revenue_month_before_previous")["phik"] > 0.9
    unclipped = feature_correlations(frame, **FLAGS, tail_share=0, significance_sample_size=0)
    # what phik's plain equal-width binning makes of the same data
    assert pair(unclipped, "revenue_previous_month", "revenue_month_before_previous")["phik"] < 0.5

    # Without clipping the binning is phik's own, so phik_matrix is an independent reference.
    data = frame[list(COLUMNS)].astype({LABEL: object})
    reference = phik_matrix(data, interval_cols=list(NUMERIC_FEATURES), verbose=False, njobs=1)
    reference = reference.reindex(index=list(COLUMNS), columns=list(COLUMNS))
    for a, b, value in zip(unclipped["feature_a"], unclipped["feature_b"], unclipped["phik"], strict=True):
        assert value == pytest.approx(reference.loc[a, b], abs=1e-9, nan_ok=True), (a, b)


def test_swapping_two_columns_data_keeps_their_phik(wired: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    frame, result = wired
    swapped = frame.copy()
    swapped[["marketing_activity_6m", "service_errors"]] = frame[["service_errors", "marketing_activity_6m"]]
    after = feature_correlations(swapped, **FLAGS, significance_sample_size=0)
    before = pair(result, "marketing_activity_6m", "service_errors")["phik"]
    assert before > 0.9
    assert pair(after, "marketing_activity_6m", "service_errors")["phik"] == pytest.approx(before)


def test_large_frames_are_sampled_per_outcome() -> None:
    frame = mart(3000, seed=4)
    frame[LABEL] = pd.array([True] * 1000 + [False] * 1000 + [None] * 1000, dtype="boolean")
    options = {"threshold": 1.1, "leakage_threshold": 0.0, "significance_sample_size": 0}
    result = feature_correlations(frame, sample_size=600, **options)
    assert pair(result, "service_type", "favourite_category")["n_rows"] == 600
    assert pair(result, LABEL, "favourite_category")["n_rows"] == 400  # each outcome keeps its third
    assert result["significance"].isna().all()
    # the thresholds are the caller's: every label pair flagged, no feature pair
    assert result["is_leakage_suspect"].eq(result["is_label_pair"]).all()
    assert not result["is_above_threshold"].any()
