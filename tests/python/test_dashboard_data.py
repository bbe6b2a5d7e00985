"""Unit tests of the dashboard's data layer: reading snapshots, Russian formats, page numbers, charts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from one_click.dashboard import charts, labels, metrics
from one_click.dashboard.snapshot import (
    PUBLISH_DIR_ENV,
    RUN_RESULTS_ENV,
    TABLE_COLUMNS,
    RunResultsUnreadable,
    TableUnavailable,
    node_name,
    open_snapshot,
    publish_dir,
    read_run_results,
    read_table,
    run_results_path,
)
from one_click.profiling import CORRELATION_DTYPES, DRIFT_DTYPES, HISTOGRAM_DTYPES, PROFILE_DTYPES

from dashboard_fixtures import publish_marts, synthetic_marts, write_run_results
from dbt_cli import PROJECT_ROOT

NBSP = labels.NBSP


@pytest.fixture(scope="module")
def marts() -> dict[str, pd.DataFrame]:
    return synthetic_marts(customers=90, seed=5)


# ------------------------------------------------------------------------------------------- contract


def test_the_dashboard_contract_matches_the_profiling_tables() -> None:
    assert TABLE_COLUMNS["feature_profile"] == tuple(PROFILE_DTYPES)
    assert TABLE_COLUMNS["feature_histogram"] == tuple(HISTOGRAM_DTYPES)
    assert TABLE_COLUMNS["feature_correlations"] == tuple(CORRELATION_DTYPES)
    assert TABLE_COLUMNS["feature_drift"] == tuple(DRIFT_DTYPES)


def test_the_synthetic_marts_follow_the_contract(marts: dict[str, pd.DataFrame]) -> None:
    assert set(marts) == set(TABLE_COLUMNS)
    for name, frame in marts.items():
        assert tuple(frame.columns) == TABLE_COLUMNS[name], name


# ------------------------------------------------------------------------------------------- snapshot


def test_paths_come_from_the_environment_or_the_project_root() -> None:
    assert publish_dir({PUBLISH_DIR_ENV: "/data/published"}) == Path("/data/published")
    assert publish_dir({}) == PROJECT_ROOT / "published"
    assert run_results_path({RUN_RESULTS_ENV: "/x/run_results.json"}) == Path("/x/run_results.json")
    assert run_results_path({}) == PROJECT_ROOT / "target" / "run_results.json"


def test_no_snapshot_before_the_first_publish(tmp_path: Path) -> None:
    assert open_snapshot(tmp_path) is None
    assert open_snapshot(tmp_path / "missing") is None


def test_the_current_snapshot_names_its_build_time_and_tables(
    tmp_path: Path, marts: dict[str, pd.DataFrame]
) -> None:
    publish_marts(tmp_path, marts, build_id="build-a")
    publish_marts(tmp_path, marts, build_id="build-b", drop=["feature_drift"])
    snapshot = open_snapshot(tmp_path)
    assert snapshot is not None
    assert snapshot.build_id == "build-b"
    assert snapshot.folder == (tmp_path / "builds" / "build-b").resolve()
    assert snapshot.published_at is not None and snapshot.published_at.tzinfo is not None
    assert snapshot.row_counts["customer_segments"] == len(marts["customer_segments"])
    assert snapshot.has("customer_segments") and not snapshot.has("feature_drift")


def test_read_table_keeps_nullable_booleans_and_checks_the_columns(
    tmp_path: Path, marts: dict[str, pd.DataFrame]
) -> None:
    publish_marts(tmp_path, marts)
    snapshot = open_snapshot(tmp_path)
    assert snapshot is not None
    features = read_table(snapshot.folder, "customer_features")
    assert features["is_activity_declined"].dtype == "boolean"
    assert (
        features["is_activity_declined"].isna().sum()
        == marts["customer_features"]["is_activity_declined"].isna().sum()
    )

    with pytest.raises(TableUnavailable, match="нет таблицы «nowhere»"):
        read_table(snapshot.folder, "nowhere")
    pq.write_table(pa.table({"feature": ["a"]}), snapshot.folder / "feature_importance.parquet")
    with pytest.raises(TableUnavailable) as problem:
        read_table(snapshot.folder, "feature_importance")
    assert problem.value.missing_columns == ("feature_label", "mean_abs_contribution", "direction")


def test_run_results_are_parsed_and_their_absence_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "run_results.json"
    assert read_run_results(path) is None
    moment = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    write_run_results(
        path,
        {
            "test.one_click.money_csv__id__unique.05d393dcba": "fail",
            "model.one_click.customer_features": "success",
        },
        generated_at=moment,
    )
    results = read_run_results(path)
    assert results is not None
    assert results.generated_at == moment
    assert [(node.resource_type, node.name, node.status) for node in results.results] == [
        ("test", "money_csv__id__unique", "fail"),
        ("model", "customer_features", "success"),
    ]
    assert results.results[0].failures == 3

    path.write_text('{"results": [', encoding="utf-8")  # dbt caught writing it
    with pytest.raises(RunResultsUnreadable):
        read_run_results(path)


def test_node_names_lose_the_package_and_the_test_hash() -> None:
    assert node_name("test.one_click.money_csv__id__unique.05d393dcba") == ("test", "money_csv__id__unique")
    assert node_name("model.one_click.customer_features") == ("model", "customer_features")
    assert node_name("operation.one_click.one_click-on-run-start-0") == (
        "operation",
        "one_click-on-run-start-0",
    )


# --------------------------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1234.5, 2, f"1{NBSP}234,50"),
        (-0.25, 2, "−0,25"),
        (1234567, 0, f"1{NBSP}234{NBSP}567"),
        (None, 2, "—"),
        (float("nan"), 2, "—"),
    ],
)
def test_numbers_are_written_the_russian_way(value: float | None, digits: int, expected: str) -> None:
    assert labels.fmt_number(value, digits) == expected


def test_shares_signs_and_times() -> None:
    assert labels.fmt_share(0.2351) == f"23,5{NBSP}%"
    assert labels.fmt_share(1) == f"100,0{NBSP}%"
    assert labels.fmt_signed(0.5) == "+0,50"
    assert labels.fmt_signed(-0.5) == "−0,50"
    assert labels.fmt_datetime(datetime(2026, 11, 23, 13, 45, tzinfo=UTC)) == "23.11.2026 16:45 МСК"
    assert labels.fmt_datetime(datetime(2026, 11, 23, 13, 45)) == "23.11.2026 16:45 МСК"  # bare time is UTC
    assert labels.fmt_datetime(None) == "—"


def test_codes_get_russian_names_and_unknown_codes_pass_through() -> None:
    assert labels.label(labels.RISK_BANDS, "high") == "высокий"
    assert labels.label(labels.CHANNELS, "carrier_pigeon") == "carrier_pigeon"
    assert labels.feature_label("promo_purchase_share") == "Доля покупок по акции"
    assert labels.direction_label("higher value -> higher risk") == "чем больше, тем выше риск"
    assert labels.direction_label("something new") == "something new"
    assert labels.direction_label("higher_decreases_risk") == "чем больше, тем ниже риск"
    assert labels.measure_label("favourite_category: Книги") == "Любимая категория: Книги"
    assert labels.measure_label("premium_service_share") == "Доля с премиум-сервисом"


# -------------------------------------------------------------------------------------------- metrics


def small_segments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "decline_probability": [0.9, 0.7, 0.4, 0.1],
            "monthly_profit": [5.0, 2.0, 4.0, 3.0],
            "expected_loss": [4.5, 1.4, 1.6, 0.3],
            "risk_band": ["high", "high", "medium", "low"],
            "value_band": ["high", "low", "high", "medium"],
            "segment": ["high_value_at_risk", "low_value_at_risk", "high_value_watch", "mid_value_stable"],
            "segment_name": ["Ценные под угрозой ухода", "Мало", "Ценные, стоит", "Средние"],
            "is_target_segment": pd.array([True, False, False, False], dtype="boolean"),
            "medium_risk_from": 0.3,
            "high_risk_from": 0.6,
            "medium_value_from_profit": 2.5,
            "high_value_from_profit": 3.5,
            "expected_loss_rank": [1, 3, 2, 4],
        }
    )


def test_overview_numbers_by_hand() -> None:
    numbers = metrics.overview(small_segments())
    assert numbers.customers == 4
    assert numbers.high_risk_customers == 2 and numbers.high_risk_share == 0.5
    assert numbers.expected_loss == pytest.approx(7.8)
    assert numbers.loss_share_of_profit == pytest.approx(7.8 / 14)
    assert numbers.target_customers == 1
    assert numbers.target_loss_share == pytest.approx(4.5 / 7.8)


def test_risk_bands_list_every_band_even_an_empty_one() -> None:
    bands = metrics.risk_bands(small_segments().iloc[:2])
    assert bands["risk_band"].tolist() == ["low", "medium", "high"]
    assert bands["customers"].tolist() == [0, 0, 2]
    assert bands["share"].tolist() == [0, 0, 1]


def test_the_segment_grid_has_all_nine_cells(marts: dict[str, pd.DataFrame]) -> None:
    summary = marts["segment_summary"]
    grid = metrics.segment_grid(summary.iloc[:4])
    assert len(grid) == 9
    assert grid["customers"].sum() == summary["customers"].iloc[:4].sum()
    assert set(grid.loc[grid["customers"] == 0, "segment"]) == set(grid["segment"]) - set(
        summary["segment"].iloc[:4]
    )
    assert grid["segment_name"].notna().all()


def test_segments_are_ordered_from_most_valuable_and_most_at_risk() -> None:
    frame = pd.DataFrame(
        {"segment": ["low_value_stable", "something_new", "high_value_watch", "high_value_at_risk"]}
    )
    assert metrics.order_segments(frame)["segment"].tolist() == [
        "high_value_at_risk",
        "high_value_watch",
        "low_value_stable",
        "something_new",
    ]


def test_the_customer_list_is_sorted_by_expected_loss_and_searchable() -> None:
    segments = small_segments()
    offers = pd.DataFrame({"customer_id": [1, 2, 3, 4], "offer_text": list("abcd"), "channel": ["email"] * 4})
    listed = metrics.customer_list(segments, offers)
    assert listed["customer_id"].tolist() == [1, 3, 2, 4]
    assert listed["channel"].iloc[0] == "письмо на e-mail"
    assert metrics.customer_list(segments, None, "№ 3")["customer_id"].tolist() == [3]
    assert metrics.customer_list(segments, None, segment_codes=["low_value_at_risk"])[
        "customer_id"
    ].tolist() == [2]


def test_a_customer_card_gathers_reasons_in_rank_order() -> None:
    reasons = pd.DataFrame(
        {
            "customer_id": [1, 1, 2],
            "reason_rank": [2, 1, 1],
            "feature": ["pages_per_visit", "promo_purchase_share", "service_errors"],
            "feature_label": [None, "Доля покупок по акции", "Сбои"],
            "contribution": [-0.2, 0.8, 0.1],
            "feature_value": ["3", "0.58", "5"],
        }
    )
    card = metrics.customer_card(1, small_segments(), reasons=reasons)
    assert card is not None
    assert card.reasons["label"].tolist() == ["Доля покупок по акции", "Страниц за визит"]
    assert card.reasons["effect"].tolist() == ["повышает риск", "снижает риск"]
    assert card.reasons["value_text"].tolist() == ["0,58", "3"]
    assert card.offer is None and card.prediction is None
    assert metrics.customer_card(99, small_segments()) is None


def test_prediction_notes() -> None:
    known = pd.Series({"is_activity_declined": True, "prediction_kind": "out_of_fold"})
    assert metrics.prediction_note(known).startswith("Исход уже известен: активность снизилась")
    unknown = pd.Series({"is_activity_declined": pd.NA, "prediction_kind": "scored"})
    assert metrics.prediction_note(unknown) == "Исход пока неизвестен: вероятность — прогноз модели."


def test_driver_means_compare_each_segment_with_everyone() -> None:
    features = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "pages_per_visit": [2, 4, 6, 8],
            "allows_messages": [True, True, False, True],
        }
    )
    means = metrics.driver_means_by_segment(
        features, small_segments(), ["pages_per_visit", "allows_messages"]
    )
    pages = means[means["feature"] == "pages_per_visit"].set_index("segment")
    assert pages.loc["high_value_at_risk", "mean"] == 2
    assert pages.loc["high_value_at_risk", "overall_mean"] == 5
    assert pages.loc["high_value_at_risk", "relative_difference"] == pytest.approx(-0.6)
    messages = means[means["feature"] == "allows_messages"].set_index("segment")
    assert messages.loc["high_value_watch", "mean"] == 0
    assert means["segment"].iloc[0] == "high_value_at_risk"


def test_category_shares_sum_to_one_per_segment(marts: dict[str, pd.DataFrame]) -> None:
    shares = metrics.category_shares_by_segment(
        marts["customer_features"], marts["customer_segments"], "favourite_category"
    )
    assert shares.groupby("segment")["share"].sum().to_numpy() == pytest.approx(1.0)
    assert shares["customers"].sum() == len(marts["customer_features"])


def test_driver_features_put_the_ranked_ones_first(marts: dict[str, pd.DataFrame]) -> None:
    drivers = metrics.driver_features(marts["customer_features"], ["service_errors", "not_a_column"])
    assert drivers[0] == "service_errors"
    assert "not_a_column" not in drivers and "customer_id" not in drivers
    assert metrics.is_numeric_driver(marts["customer_features"], "allows_messages")
    assert not metrics.is_numeric_driver(marts["customer_features"], "favourite_category")


def test_checks_summary_counts_tests_and_lists_problems_worst_first(tmp_path: Path) -> None:
    path = tmp_path / "run_results.json"
    write_run_results(
        path,
        {
            "test.one_click.b_rule.0123456789": "warn",
            "test.one_click.a_rule.0123456789": "fail",
            "test.one_click.c_rule.0123456789": "pass",
            "model.one_click.customer_segments": "error",
            "model.one_click.customer_offers": "skipped",
        },
    )
    results = read_run_results(path)
    assert results is not None
    summary = metrics.checks_summary(results)
    assert summary.tests == 3
    assert summary.by_status == {"warn": 1, "fail": 1, "pass": 1}
    assert summary.problems["Название"].tolist() == ["customer_segments", "a_rule", "b_rule"]
    assert summary.skipped_nodes == 1
    assert not summary.passed


def test_the_correlation_matrix_is_symmetric_with_a_unit_diagonal(marts: dict[str, pd.DataFrame]) -> None:
    correlations = marts["feature_correlations"]
    matrix = metrics.correlation_matrix(correlations)
    names = set(correlations["feature_a"]) | set(correlations["feature_b"])
    assert len(matrix) == len(names) ** 2
    square = matrix.pivot(index="feature_a", columns="feature_b", values="phik")
    assert np.allclose(square.to_numpy(), square.to_numpy().T)
    assert np.allclose(np.diag(square.to_numpy()), 1.0)
    assert matrix["feature_a"].iloc[0] == "is_activity_declined"


def test_drift_table_puts_the_largest_shift_first(marts: dict[str, pd.DataFrame]) -> None:
    table = metrics.drift_table(marts["feature_drift"])
    assert table["PSI"].is_monotonic_decreasing
    assert table["Сдвиг"].iloc[0] == "сильный сдвиг"
    counts = metrics.drift_counts(marts["feature_drift"])
    assert sum(counts.values()) == len(marts["feature_drift"])


def test_profiles_and_histograms_select_one_feature(marts: dict[str, pd.DataFrame]) -> None:
    histogram = metrics.histogram(marts["feature_histogram"], "pages_per_visit", ("declined", "kept"))
    assert set(histogram["outcome"]) == {"declined", "kept"}
    assert histogram.groupby("outcome")["share"].sum().to_numpy() == pytest.approx(1.0)
    stats = metrics.numeric_profile(marts["feature_profile"], "pages_per_visit")
    assert stats["Группа"].tolist() == [
        labels.OUTCOMES[name] for name in ("declined", "kept", "unknown", "all")
    ]
    categories = metrics.category_profile(marts["feature_profile"], "service_type", ("declined",))
    assert categories["share"].sum() == pytest.approx(1.0)
    assert metrics.profiled_features(marts["feature_profile"])[0] == "marketing_activity_6m"


def test_published_tables_show_missing_ones_as_empty(tmp_path: Path, marts: dict[str, pd.DataFrame]) -> None:
    publish_marts(tmp_path, marts, drop=["feature_drift"])
    snapshot = open_snapshot(tmp_path)
    assert snapshot is not None
    table = metrics.published_tables(snapshot, TABLE_COLUMNS).set_index("Имя в сборке")
    assert table.loc["customer_segments", "Строк"] == len(marts["customer_segments"])
    assert pd.isna(table.loc["feature_drift", "Строк"])
    summary = metrics.published_summary(metrics.published_tables(snapshot, TABLE_COLUMNS))
    assert (
        summary == f"Таблиц в сборке: {len(TABLE_COLUMNS) - 1} из {len(TABLE_COLUMNS)}; нет: Дрейф признаков."
    )


def test_the_target_profile_reads_shares_as_percentages() -> None:
    profile = pd.DataFrame(
        {
            "measure": ["pages_per_visit", "premium_service_share", "favourite_category: Книги"],
            "target_segment_value": [4.0, 0.3, 0.1],
            "other_customers_value": [8.0, 0.2, 0.1],
            "difference": [-4.0, 0.1, 0.0],
        }
    )
    frame = metrics.target_profile(profile)
    assert frame["relative_difference"].tolist() == pytest.approx([-0.5, 0.5, 0.0])
    table = metrics.target_profile_table(frame)
    assert table.to_dict("records") == [
        {
            "Показатель": "Доля с премиум-сервисом",
            "Целевой сегмент": f"30,0{NBSP}%",
            "Остальные покупатели": f"20,0{NBSP}%",
            "Разница": "+10,0 п. п.",
        },
        {
            "Показатель": "Любимая категория: Книги",
            "Целевой сегмент": f"10,0{NBSP}%",
            "Остальные покупатели": f"10,0{NBSP}%",
            "Разница": "0,0 п. п.",
        },
        {
            "Показатель": "Страниц за визит",
            "Целевой сегмент": "4,00",
            "Остальные покупатели": "8,00",
            "Разница": "−4,00",
        },
    ]


def test_cutoffs_note_names_this_builds_thresholds() -> None:
    note = metrics.cutoffs_note(small_segments())
    assert f"от 30{NBSP}%" in note and f"от 60{NBSP}%" in note and "2,50" in note and "3,50" in note


# --------------------------------------------------------------------------------------------- charts


def test_every_chart_builds_a_valid_vega_lite_spec(marts: dict[str, pd.DataFrame]) -> None:
    segments, features = marts["customer_segments"], marts["customer_features"]
    card = metrics.customer_card(
        int(segments["customer_id"].iloc[0]), segments, reasons=marts["customer_top_reasons"]
    )
    assert card is not None
    built = [
        charts.calibration(marts["model_reliability"]),
        charts.risk_bands(metrics.risk_bands(segments)),
        charts.segment_heatmap(metrics.segment_grid(marts["segment_summary"])),
        charts.target_profile(metrics.target_profile(marts["target_segment_profile"])),
        charts.reasons(card.reasons),
        charts.importance(metrics.importance(marts["feature_importance"])),
        charts.driver_heatmap(metrics.driver_means_by_segment(features, segments, ["pages_per_visit"])),
        charts.driver_by_segment(metrics.driver_means_by_segment(features, segments, ["pages_per_visit"])),
        charts.category_shares(metrics.category_shares_by_segment(features, segments, "service_type")),
        charts.histogram(
            metrics.histogram(marts["feature_histogram"], "pages_per_visit", ("declined",)), "x"
        ),
        charts.category_by_outcome(
            metrics.category_profile(marts["feature_profile"], "service_type", ("kept",))
        ),
        charts.correlation_heatmap(metrics.correlation_matrix(marts["feature_correlations"])),
        charts.drift(metrics.drift_table(marts["feature_drift"])),
    ]
    for chart in built:
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        json.dumps(spec)


def test_the_heatmap_cells_carry_size_and_loss(marts: dict[str, pd.DataFrame]) -> None:
    grid = metrics.segment_grid(marts["segment_summary"])
    spec = charts.segment_heatmap(grid).to_dict()
    rows = next(iter(spec["datasets"].values()))
    target = next(row for row in rows if row["is_target_segment"])
    assert target["size_text"] == f"{labels.fmt_int(target['customers'])} покуп."
    assert labels.fmt_number(target["total_expected_loss"]) in target["loss_text"]


def test_the_dashboard_never_opens_the_warehouse() -> None:
    """DuckDB allows one writer or many readers: a dashboard holding the warehouse would break `dbt build`."""
    sources = [
        *(PROJECT_ROOT / "dashboard").rglob("*.py"),
        *(PROJECT_ROOT / "src/one_click/dashboard").rglob("*.py"),
    ]
    assert len(sources) >= 10
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert "import duckdb" not in text and "duckdb.connect" not in text, source
