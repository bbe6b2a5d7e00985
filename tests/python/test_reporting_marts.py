"""The reporting marts against figures recomputed with pandas from the base marts they summarise.

The session's shared build (a generated store), copied and rebuilt from customer_segments on with a medium
risk band too narrow to hold anyone (the published model kept), so the empty cells of the grid are exercised
too. Every expectation here comes from customer_segments, customer_features, customer_predictions and the
other base marts, never from the reporting SQL itself.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from one_click.build_info import BUILD_INFO
from one_click.features import BOOLEAN_FEATURES, CATEGORICAL_FEATURES, FEATURES, LABEL, NUMERIC_FEATURES
from one_click.segments import SegmentGrid

from conftest import read_table
from dashboard_build import DashboardBuild
from dbt_cli import PROJECT_ROOT

# Nobody's calibrated probability falls in [0.59999, 0.6): the medium band and its three cells stay empty.
NARROW_MEDIUM_BAND = {"medium_risk_from": 0.59999, "high_risk_from": 0.6}
GRID = SegmentGrid.from_frame(pd.read_csv(PROJECT_ROOT / "seeds" / "segment_grid.csv"))
RISK_BANDS, TARGET_SEGMENT = GRID.risk_bands, GRID.target
SEGMENT_ORDER = [
    GRID.cells[(value, risk)] for value in reversed(GRID.value_bands) for risk in reversed(RISK_BANDS)
]


@dataclass(frozen=True)
class Warehouse:
    duckdb_path: Path

    def table(self, name: str) -> pd.DataFrame:
        return read_table(self.duckdb_path, f"select * from {name}")


@pytest.fixture(scope="module")
def built(dashboard_build: DashboardBuild, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    store = dashboard_build.copy_to(tmp_path_factory.mktemp("reporting") / "store")
    result = store.dbt("build", "--select", "customer_segments+", retrain=False, **NARROW_MEDIUM_BAND)
    assert result.succeeded, result.output[-5000:]
    return Warehouse(store.warehouse)


@pytest.fixture(scope="module")
def segments(built: Warehouse) -> pd.DataFrame:
    return built.table("customer_segments")


@pytest.fixture(scope="module")
def customers(built: Warehouse, segments: pd.DataFrame) -> pd.DataFrame:
    """customer_segments with every feature and the prediction's kind, one row per customer."""
    features = built.table("customer_features").drop(columns="monthly_profit")
    predictions = built.table("customer_predictions")[["customer_id", "prediction_kind"]]
    return segments.merge(features, on="customer_id", validate="one_to_one").merge(
        predictions, on="customer_id", validate="one_to_one"
    )


def seed_rows(name: str) -> list[dict[str, str]]:
    with (PROJECT_ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def display_names(domain: str) -> dict[str, str]:
    return {row["code"]: row["display_name"] for row in seed_rows("display_names") if row["domain"] == domain}


def main_reasons(reasons: pd.DataFrame) -> pd.DataFrame:
    """Each customer's strongest reason raising the risk."""
    raising = reasons[reasons["contribution"] > 0].sort_values(["customer_id", "reason_rank"])
    return raising.drop_duplicates("customer_id")[["customer_id", "reason_text"]]


def top_three(values: pd.Series) -> str | None:
    """The three most frequent values, most frequent first, ties by value, joined with '; '."""
    counts = values.dropna().value_counts()
    if counts.empty:
        return None
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "; ".join(value for value, _ in ranked[:3])


# ------------------------------------------------------------------------------------------- the seeds


def test_every_segment_of_the_grid_has_a_seeded_name_and_the_target_is_the_top_corner() -> None:
    assert set(display_names("segment")) == set(GRID.cells.values())
    assert GRID.target == GRID.cells[(GRID.value_bands[-1], GRID.risk_bands[-1])]


def test_every_feature_has_a_seeded_name() -> None:
    assert set(FEATURES) | {LABEL, "monthly_profit"} <= set(display_names("feature"))


# ------------------------------------------------------------------------------------ overview and bands


@pytest.mark.dbt
def test_overview_counts_every_customer_and_the_profit_at_stake(
    built: Warehouse, segments: pd.DataFrame
) -> None:
    (overview,) = built.table("report_overview").to_dict("records")
    loss = (segments["decline_probability"] * segments["monthly_profit"]).sum()
    target = segments["segment"].eq(TARGET_SEGMENT)
    assert overview["customers"] == len(segments)
    assert overview["high_risk_customers"] == segments["risk_band"].eq("high").sum()
    assert overview["medium_risk_customers"] == segments["risk_band"].eq("medium").sum() == 0
    assert overview["high_risk_share"] == pytest.approx(segments["risk_band"].eq("high").mean())
    assert overview["monthly_profit"] == pytest.approx(segments["monthly_profit"].sum())
    assert overview["expected_loss"] == pytest.approx(loss)
    assert overview["loss_share_of_profit"] == pytest.approx(loss / segments["monthly_profit"].sum())
    assert overview["target_segment"] == TARGET_SEGMENT
    assert overview["target_customers"] == target.sum()
    assert overview["target_loss_share"] == pytest.approx(segments.loc[target, "expected_loss"].sum() / loss)
    assert overview["medium_risk_from"] == NARROW_MEDIUM_BAND["medium_risk_from"]
    model = built.table("model_summary").iloc[0]
    assert overview["model_id"] == model["model_id"]
    assert overview["model_family_name"] == display_names("model_family")[model["family"]]
    honest = model["holdout_roc_auc"] if pd.notna(model["holdout_roc_auc"]) else model["out_of_fold_roc_auc"]
    assert overview["min_roc_auc"] == 0.85  # dbt_project.yml's default
    assert overview["is_model_trusted"] == (honest >= 0.85)
    assert overview["forecast_horizon_months"] == 3
    offered = segments[segments["customer_id"].isin(built.table("customer_offers")["customer_id"])]
    assert overview["offer_customers"] == len(offered) > 0
    assert overview["offer_expected_loss"] == pytest.approx(offered["expected_loss"].sum())
    assert overview["offer_target_customers"] == offered["segment"].eq(TARGET_SEGMENT).sum()


@pytest.mark.dbt
def test_money_units_are_the_ones_the_export_format_declares(built: Warehouse) -> None:
    sources = yaml.safe_load(
        (PROJECT_ROOT / "models/staging/_exports__sources.yml").read_text(encoding="utf-8")
    )
    declared = {
        column["config"]["meta"]["money"]["measure"]: column["config"]["meta"]["money"]["unit"]
        for table in sources["sources"][0]["tables"]
        for column in table["columns"]
        if "money" in (column.get("config") or {}).get("meta", {})
    }
    assert set(declared) == {"revenue", "profit"}
    report = built.table("report_money_units").set_index("measure")["unit"].to_dict()
    assert report == declared


@pytest.mark.dbt
def test_risk_bands_list_every_band_with_zeros(built: Warehouse, segments: pd.DataFrame) -> None:
    bands = built.table("report_risk_bands").sort_values("band_order").set_index("risk_band")
    counts = segments["risk_band"].value_counts().reindex(list(RISK_BANDS), fill_value=0)
    assert bands.index.tolist() == list(RISK_BANDS)
    assert bands["customers"].tolist() == counts.tolist()
    assert bands.loc["medium", "customers"] == 0 and bands.loc["medium", "expected_loss"] == 0
    assert bands["share_of_customers"].sum() == pytest.approx(1)
    assert bands["risk_band_name"].to_dict() == display_names("risk_band")


# --------------------------------------------------------------------------------------------- segments


@pytest.mark.dbt
def test_segments_list_all_nine_cells_in_the_marketing_order(
    built: Warehouse, customers: pd.DataFrame
) -> None:
    report = built.table("report_segments").sort_values("segment_order")
    assert report["segment"].tolist() == SEGMENT_ORDER
    assert report["segment_order"].tolist() == list(range(1, 10))
    assert report["segment_name"].tolist() == [display_names("segment")[code] for code in SEGMENT_ORDER]

    report = report.set_index("segment")
    grouped = customers.groupby("segment")
    sizes = grouped.size().reindex(SEGMENT_ORDER, fill_value=0)
    assert report["customers"].to_dict() == sizes.to_dict()
    assert report["customers"].sum() == len(customers)
    empty = sizes[sizes == 0].index
    assert {"high_value_watch", "mid_value_watch", "low_value_watch"} <= set(empty)
    assert (report.loc[empty, ["customers", "labelled_customers"]] == 0).all().all()
    assert (report.loc[empty, ["total_expected_loss", "share_of_expected_loss"]] == 0).all().all()
    assert report.loc[empty, "mean_decline_probability"].isna().all()

    loss = grouped["expected_loss"].sum().reindex(SEGMENT_ORDER, fill_value=0)
    assert report["total_expected_loss"].to_numpy() == pytest.approx(loss.to_numpy())
    assert report["share_of_expected_loss"].to_numpy() == pytest.approx((loss / loss.sum()).to_numpy())
    assert report["share_of_expected_loss"].sum() == pytest.approx(1)
    present = sizes[sizes > 0].index
    probability = grouped["decline_probability"].mean()
    assert report.loc[present, "mean_decline_probability"].to_numpy() == pytest.approx(
        probability[present].to_numpy()
    )
    labelled = customers.dropna(subset=[LABEL])
    known = labelled.groupby("segment")[LABEL].agg(lambda values: values.astype(float).mean())
    assert report.loc[known.index, "known_decline_share"].to_numpy() == pytest.approx(known.to_numpy())


@pytest.mark.dbt
def test_segment_top_categories_and_reasons(built: Warehouse, customers: pd.DataFrame) -> None:
    report = built.table("report_segments").set_index("segment")
    reasons = customers.merge(main_reasons(built.table("customer_top_reasons")), on="customer_id", how="left")
    for segment, group in reasons.groupby("segment"):
        assert report.loc[segment, "top_categories"] == top_three(group["favourite_category"])
        top_reasons = report.loc[segment, "top_reasons"]
        assert (None if pd.isna(top_reasons) else top_reasons) == top_three(group["reason_text"])


@pytest.mark.dbt
def test_target_profile_compares_the_target_segment_with_everyone_else(
    built: Warehouse, customers: pd.DataFrame
) -> None:
    report = built.table("report_target_profile").set_index("measure")
    target = customers["segment"].eq(TARGET_SEGMENT)
    for measure in ("pages_per_visit", "promo_purchase_share", "monthly_profit", "service_errors"):
        inside, outside = customers.loc[target, measure].mean(), customers.loc[~target, measure].mean()
        row = report.loc[measure]
        assert row["target_segment_value"] == pytest.approx(inside)
        assert row["other_customers_value"] == pytest.approx(outside)
        assert row["relative_difference"] == pytest.approx((inside - outside) / abs(outside))
    consent = customers.loc[target, "allows_messages"].mean()
    assert report.loc["allows_messages", "target_segment_value"] == pytest.approx(consent)
    category = customers.loc[target, "favourite_category"].value_counts(normalize=True)
    for name, share in category.items():
        row = report.loc[f"favourite_category: {name}"]
        assert row["target_segment_value"] == pytest.approx(share)
        assert (
            row["is_share"]
            and row["measure_name"] == f"{display_names('feature')['favourite_category']}: {name}"
        )
    ordered = report.sort_values("display_order")["relative_difference"]
    known = ordered.dropna().to_numpy()
    assert (np.diff(known) <= 0).all()
    assert ordered.isna().sum() == 0 or ordered.tail(ordered.isna().sum()).isna().all()


# -------------------------------------------------------------------------------------------- customers


@pytest.mark.dbt
def test_customers_carry_their_note_and_offer(built: Warehouse, customers: pd.DataFrame) -> None:
    report = built.table("report_customers").set_index("customer_id").sort_index()
    expected = customers.set_index("customer_id").sort_index()
    assert report.index.tolist() == expected.index.tolist()
    assert (report["customers_total"] == len(expected)).all()
    assert report["expected_loss_rank"].to_dict() == expected["expected_loss_rank"].to_dict()
    assert (report["segment_name"] == expected["segment"].map(display_names("segment"))).all()

    def note(row: pd.Series) -> str:
        if pd.isna(row[LABEL]):
            return "Исход пока неизвестен: вероятность — прогноз модели."
        outcome = "снизилась" if row[LABEL] else "сохранилась"
        sentence = f"Исход уже известен: активность {outcome}."
        if row["prediction_kind"] == "out_of_fold":
            sentence += " Вероятность — от модели, обученной без него."
        return sentence

    assert report["prediction_note"].to_dict() == expected.apply(note, axis=1).to_dict()

    offers = built.table("customer_offers").set_index("customer_id")
    assert report["offer_code"].dropna().to_dict() == offers["offer_code"].to_dict()
    offered = report.loc[offers.index]
    assert (offered["channel_name"] == offers["channel"].map(display_names("channel"))).all()
    assert not report["lacks_required_consent"].any()


@pytest.mark.dbt
def test_customer_reasons_name_the_feature_and_the_effect(built: Warehouse) -> None:
    report = built.table("report_customer_reasons")
    reasons = built.table("customer_top_reasons")
    assert len(report) == len(reasons) > 0
    assert (report["feature_name"] == report["feature"].map(display_names("feature"))).all()
    assert ((report["contribution"] > 0) == (report["effect"] == "raises_risk")).all()
    sentences = {(row["feature"], row["effect"]): row["sentence"] for row in seed_rows("reason_sentences")}
    expected = [sentences[key] for key in zip(report["feature"], report["effect"], strict=True)]
    assert report["reason_sentence"].tolist() == expected
    assert (report["contribution_scale"] == reasons["contribution"].abs().max()).all()


def test_every_feature_has_a_sentence_for_each_effect() -> None:
    keys = {(row["feature"], row["effect"]) for row in seed_rows("reason_sentences")}
    assert keys == {(feature, effect) for feature in FEATURES for effect in ("raises_risk", "lowers_risk")}
    assert all("{value}" in row["sentence"] for row in seed_rows("reason_sentences"))


# ---------------------------------------------------------------------------------------------- drivers


@pytest.mark.dbt
def test_driver_means_per_segment(built: Warehouse, customers: pd.DataFrame) -> None:
    report = built.table("report_segment_driver_means").set_index(["segment", "feature"])
    assert set(report.index.get_level_values("feature")) == {*NUMERIC_FEATURES, *BOOLEAN_FEATURES}
    assert set(report.index.get_level_values("segment")) == set(customers["segment"])
    for feature in (*NUMERIC_FEATURES, *BOOLEAN_FEATURES):
        values = customers[feature].astype(float)
        overall = values.mean()
        for segment, mean in values.groupby(customers["segment"]).mean().items():
            row = report.loc[(segment, feature)]
            assert row["segment_mean"] == pytest.approx(mean)
            assert row["overall_mean"] == pytest.approx(overall)
            if overall == 0:
                assert pd.isna(row["relative_difference"])
            else:
                assert row["relative_difference"] == pytest.approx(mean / overall - 1)
    importance = built.table("feature_importance").set_index("feature")["rank"]
    assert (report["importance_rank"] == report.index.get_level_values("feature").map(importance)).all()


@pytest.mark.dbt
def test_category_shares_per_segment(built: Warehouse, customers: pd.DataFrame) -> None:
    report = built.table("report_segment_category_shares")
    text_features = [name for name in CATEGORICAL_FEATURES if name not in BOOLEAN_FEATURES]
    assert set(report["feature"]) == set(text_features)
    sums = report.groupby(["segment", "feature"])["share_of_segment"].sum()
    assert sums.to_numpy() == pytest.approx(np.ones(len(sums)))
    for feature in text_features:
        counts = customers.groupby(["segment", feature]).size()
        mart = report[report["feature"] == feature].set_index(["segment", "category"])["customers"]
        assert (
            mart.sort_index().to_dict() == counts.rename_axis(["segment", "category"]).sort_index().to_dict()
        )


@pytest.mark.dbt
def test_feature_importance_is_named_and_ranked(built: Warehouse) -> None:
    report = built.table("report_feature_importance").sort_values("importance_rank")
    source = built.table("feature_importance").sort_values("mean_abs_contribution", ascending=False)
    assert report["feature"].tolist() == source["feature"].tolist()
    assert (report["direction_name"] == report["direction"].map(display_names("direction"))).all()


# ------------------------------------------------------------------------------------------------- data


@pytest.mark.dbt
def test_correlation_matrix_is_symmetric_with_a_unit_diagonal(built: Warehouse) -> None:
    report = built.table("report_feature_correlations")
    pairs = built.table("feature_correlations")
    names = sorted(set(pairs["feature_a"]) | set(pairs["feature_b"]))
    assert len(report) == len(names) ** 2 == 2 * len(pairs) + len(names)
    matrix = report.pivot(index="feature_a", columns="feature_b", values="phik").loc[names, names]
    np.testing.assert_allclose(matrix.to_numpy(), matrix.to_numpy().T, equal_nan=True)
    np.testing.assert_allclose(np.diag(matrix.to_numpy()), 1.0)
    flagged = pairs["is_above_threshold"] | pairs["is_leakage_suspect"]
    assert report["is_flagged"].sum() == 2 * flagged.sum()
    axis = report.drop_duplicates("feature_a").sort_values("feature_a_order")["feature_a"].tolist()
    assert axis == [name for name in (LABEL, *CATEGORICAL_FEATURES, *NUMERIC_FEATURES) if name in names]


@pytest.mark.dbt
def test_drift_is_ranked_and_summarised(built: Warehouse) -> None:
    drift = built.table("feature_drift")
    report = built.table("report_feature_drift").sort_values("drift_rank")
    assert (
        report["feature"].tolist()
        == drift.sort_values(["psi", "feature"], ascending=[False, True])["feature"].tolist()
    )
    (summary,) = built.table("report_drift_summary").to_dict("records")
    flags = drift["psi_flag"].value_counts()
    assert summary["stable_features"] == flags.get("stable", 0)
    assert summary["moderate_features"] == flags.get("moderate", 0)
    assert summary["significant_features"] == flags.get("significant", 0)
    assert summary["current_customers"] == drift["n_current"].max()


@pytest.mark.dbt
def test_profiles_histograms_and_model_tables_keep_every_row(built: Warehouse) -> None:
    profile = built.table("report_feature_profile")
    assert len(profile) == len(built.table("feature_profile"))
    histogram = built.table("feature_histogram")
    assert set(profile.loc[profile["has_histogram"], "feature"]) == set(histogram["feature"])
    assert len(built.table("report_feature_histogram")) == len(histogram)
    first_categorical = profile.loc[profile["feature_kind"] == "categorical", "feature_order"].min()
    assert (profile.loc[profile["feature_kind"] == "numeric", "feature_order"] < first_categorical).all()

    candidates = built.table("report_model_candidates").sort_values("candidate_order")
    assert candidates["is_selected"].iloc[0] and candidates["is_selected"].sum() == 1
    assert len(candidates) == len(built.table("model_candidates"))
    pd.testing.assert_frame_equal(
        built.table("report_model_calibration").sort_values("bin").reset_index(drop=True),
        built.table("model_reliability").sort_values("bin").reset_index(drop=True),
    )


@pytest.mark.dbt
def test_every_published_table_has_a_seeded_name(built: Warehouse) -> None:
    published = read_table(
        built.duckdb_path, "select table_name from information_schema.tables where table_name like 'report_%'"
    )
    history = {"prediction_history", "prediction_outcomes"}  # published for restore_history, not reports
    written_by_the_publishing_hook = {BUILD_INFO}
    assert set(published["table_name"]) | {"display_names"} | history | written_by_the_publishing_hook == set(
        display_names("table")
    )
