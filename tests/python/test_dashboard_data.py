"""Unit tests of the dashboard's data layer: the snapshot and its manifest, the run's checks, Russian formats,
and the charts built from the marts of a real build."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from one_click.dashboard import charts, contacts, labels, ui
from one_click.dashboard.checks import (
    NodeResult,
    RunResults,
    RunResultsUnreadable,
    checks_summary,
    node_name,
    problems_table,
    read_run_results,
)
from one_click.dashboard.snapshot import (
    PUBLISH_DIR_ENV,
    RUN_RESULTS_ENV,
    TableUnavailable,
    open_snapshot,
    publish_dir,
    read_table,
    run_results_path,
)

from dashboard_build import DashboardBuild, copy_snapshot
from dbt_cli import PROJECT_ROOT, project_var

NBSP = labels.NBSP

# ------------------------------------------------------------------------------------------- snapshot


def test_paths_come_from_the_environment_or_the_project_root() -> None:
    assert publish_dir({PUBLISH_DIR_ENV: "/data/published"}) == Path("/data/published")
    assert publish_dir({}) == PROJECT_ROOT / str(project_var("publish_dir"))
    assert run_results_path({RUN_RESULTS_ENV: "/x/run_results.json"}) == Path("/x/run_results.json")
    assert run_results_path({}) == PROJECT_ROOT / "target" / "run_results.json"


def test_no_snapshot_before_the_first_publish(tmp_path: Path) -> None:
    assert open_snapshot(tmp_path) is None
    assert open_snapshot(tmp_path / "missing") is None


@pytest.mark.dbt
@pytest.mark.xdist_group("dashboard_build")
def test_the_snapshot_lists_the_published_tables_and_their_columns(dashboard_build: DashboardBuild) -> None:
    snapshot = open_snapshot(dashboard_build.publish_dir)
    assert snapshot is not None
    assert snapshot.build_id == dashboard_build.snapshot.name
    assert snapshot.published_at is not None
    names = {table.name for table in snapshot.tables}
    assert {"report_overview", "report_customers", "display_names"} <= names
    overview = snapshot.table("report_overview")
    assert overview is not None and overview.row_count == 1
    assert overview.columns is not None and "high_risk_share" in overview.columns


@pytest.mark.dbt
@pytest.mark.xdist_group("dashboard_build")
def test_read_table_gives_the_asked_columns_and_names_what_is_missing(
    dashboard_build: DashboardBuild, tmp_path: Path
) -> None:
    snapshot = open_snapshot(dashboard_build.publish_dir)
    assert snapshot is not None
    frame = read_table(snapshot, "report_customers", ("expected_loss", "customer_id", "allows_messages"))
    assert list(frame.columns) == ["expected_loss", "customer_id", "allows_messages"]
    assert str(frame["allows_messages"].dtype) == "boolean"  # nullable, never object True/False/None
    with pytest.raises(TableUnavailable, match="нет таблицы «nowhere»"):
        read_table(snapshot, "nowhere", ("x",))

    copy_snapshot(dashboard_build, tmp_path, "older", drop_columns={"report_overview": ("brier_score",)})
    older = open_snapshot(tmp_path)
    assert older is not None
    with pytest.raises(TableUnavailable) as problem:
        read_table(older, "report_overview", ("customers", "brier_score", "no_such_column"))
    assert problem.value.missing_columns == ("brier_score", "no_such_column")


# --------------------------------------------------------------------------------------------- checks


def test_run_results_are_parsed_and_their_absence_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "run_results.json"
    assert read_run_results(path) is None
    document = {
        "metadata": {"generated_at": "2026-11-23T10:00:00Z"},
        "results": [
            {"unique_id": "test.one_click.money_csv__id__unique.05d393dcba", "status": "fail", "failures": 3},
            {"unique_id": "model.one_click.customer_features", "status": "success", "failures": None},
        ],
        "args": {"which": "build"},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    results = read_run_results(path)
    assert results is not None
    assert results.generated_at == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
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


def test_checks_summary_counts_tests_and_lists_problems_worst_first() -> None:
    def node(unique_id: str, status: str) -> NodeResult:
        resource_type, name = node_name(unique_id)
        return NodeResult(unique_id, resource_type, name, status, None, "")

    results = RunResults(
        generated_at=None,
        results=(
            node("test.one_click.b_rule.0123456789", "warn"),
            node("test.one_click.a_rule.0123456789", "fail"),
            node("test.one_click.c_rule.0123456789", "pass"),
            node("model.one_click.customer_segments", "error"),
            node("model.one_click.customer_offers", "skipped"),
        ),
    )
    summary = checks_summary(results)
    assert summary.tests == 3
    assert summary.by_status == {"warn": 1, "fail": 1, "pass": 1}
    assert summary.errors == 0  # the model's error is not a test's
    assert [problem.name for problem in summary.problems] == ["customer_segments", "a_rule", "b_rule"]
    assert summary.skipped_nodes == 1
    assert not summary.passed
    table = problems_table(summary, {"error": "ошибка"}, {"model": "модель"})
    assert table["Статус"].tolist() == ["ошибка", "fail", "warn"]  # a code without a name shows as itself
    assert table["Что"].tolist() == ["модель", "test", "test"]


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


def test_shares_signs_points_values_and_times() -> None:
    assert labels.fmt_share(0.2351) == f"23,5{NBSP}%"
    assert labels.fmt_share(1) == f"100,0{NBSP}%"
    assert labels.fmt_signed(0.5) == "+0,50"
    assert labels.fmt_signed(-0.5) == "−0,50"
    assert labels.fmt_points(0.052) == f"+5,2{NBSP}п.{NBSP}п."
    assert labels.fmt_measure(0.25, True) == f"25,0{NBSP}%"
    assert labels.fmt_measure(4.5, False) == "4,50"
    assert labels.fmt_measure(4.5, None) == "4,50"
    assert labels.fmt_value("0.58") == "0,58"
    assert labels.fmt_value("4.0") == "4"
    assert labels.fmt_value("Книги") == "Книги"
    assert labels.fmt_value(None) == "—"
    assert labels.fmt_datetime(datetime(2026, 11, 23, 13, 45, tzinfo=UTC)) == "23.11.2026 16:45 МСК"
    assert labels.fmt_datetime(datetime(2026, 11, 23, 13, 45)) == "23.11.2026 16:45 МСК"  # bare time is UTC
    assert labels.fmt_datetime(None) == "—"
    assert labels.fmt_date(datetime(2026, 11, 23, 22, 30, tzinfo=UTC)) == "24.11.2026"  # Moscow is UTC+3


def test_money_yes_no_months_params_and_feature_values() -> None:
    assert labels.fmt_money(1234.5, "у. е.") == f"1{NBSP}234,50{NBSP}у.{NBSP}е."
    assert labels.fmt_money(None, "у. е.") == "—"
    assert labels.fmt_yes_no(True) == "да" and labels.fmt_yes_no(False) == "нет"
    assert labels.fmt_yes_no("false") == "нет" and labels.fmt_yes_no(None) == "—"
    assert labels.fmt_value("true") == "да"
    assert [labels.fmt_months(n) for n in (1, 3, 5, 11, 21, 22)] == [
        f"1{NBSP}месяц",
        f"3{NBSP}месяца",
        f"5{NBSP}месяцев",
        f"11{NBSP}месяцев",
        f"21{NBSP}месяц",
        f"22{NBSP}месяца",
    ]
    names = {"model__C": "C", "model__max_depth": "глубина деревьев"}
    assert labels.fmt_params('{"model__C": 5.0}', names) == "C = 5"
    assert labels.fmt_params('{"model__max_depth": 10, "model__C": 0.05}', names) == (
        "глубина деревьев = 10; C = 0,05"
    )
    assert labels.fmt_params(None, names) == "—" and labels.fmt_params("{}", names) == "—"
    assert labels.fmt_feature_value("0.93", "share") == f"93,0{NBSP}%"
    assert labels.fmt_feature_value("4395.0", "money", "у. е.") == f"4{NBSP}395{NBSP}у.{NBSP}е."
    assert labels.fmt_feature_value("Книги", "text") == "Книги"
    assert labels.fmt_feature_value("False", "boolean") == "нет"
    assert labels.wrap("Мелкая бытовая техника и электроника", 20) == "Мелкая бытовая\nтехника и\nэлектроника"


@pytest.mark.parametrize(
    ("fmt", "value", "screen", "excel"),
    [
        (labels.SHARE, 0.34649, f"34,6{NBSP}%", "34,6%"),
        (labels.SHARE, 0.34651, f"34,7{NBSP}%", "34,7%"),
        (labels.SCORE, 0.93149, "0,931", "0,931"),
        (labels.money("у. е."), 2010.334, f"2{NBSP}010,33{NBSP}у.{NBSP}е.", "2010,33"),
        (labels.money("у. е."), -4.185, f"−4,18{NBSP}у.{NBSP}е.", "-4,18"),
        (labels.COUNT, 1296, f"1{NBSP}296", "1296"),
        (labels.YES_NO, True, "да", "да"),
        (labels.TEXT, None, "—", ""),
    ],
)
def test_a_format_rounds_the_same_on_screen_and_in_the_download(
    fmt: labels.Format, value: object, screen: str, excel: str
) -> None:
    assert fmt.screen(value) == screen
    assert fmt.excel(value) == excel


# --------------------------------------------------------------------------------------------- charts


@pytest.mark.dbt
@pytest.mark.xdist_group("dashboard_build")
def test_every_chart_builds_a_valid_vega_lite_spec_from_the_marts(dashboard_build: DashboardBuild) -> None:
    table = dashboard_build.table
    segments = table("report_segments").sort_values("segment_order")
    bands = table("report_risk_bands").sort_values("band_order")
    means = table("report_segment_driver_means")
    shares = table("report_segment_category_shares")
    reasons = table("report_customer_reasons")
    profile = table("report_feature_profile")
    histogram = table("report_feature_histogram")
    correlations = table("report_feature_correlations")
    first_customer = reasons["customer_id"].iloc[0]
    numeric = histogram["feature"].iloc[0]
    categorical = profile.loc[profile["category"].notna(), "feature"].iloc[0]
    order = segments["segment_name"].tolist()
    built = [
        charts.calibration(table("report_model_calibration")),
        charts.risk_bands(bands),
        charts.segment_heatmap(segments, bands["risk_band_name"].tolist(), ["a", "b", "c"]),
        charts.segment_heatmap(segments, [], [], labels.money("у. е."), compact=True),
        charts.target_profile(table("report_target_profile").sort_values("display_order")),
        charts.reasons(reasons[reasons["customer_id"] == first_customer].sort_values("reason_rank")),
        charts.importance(table("report_feature_importance").sort_values("importance_rank")),
        charts.driver_heatmap(means, order, means["feature_name"].tolist()),
        charts.driver_by_segment(means[means["feature"] == means["feature"].iloc[0]]),
        charts.category_shares(shares[shares["feature"] == shares["feature"].iloc[0]], order),
        charts.distribution(histogram[histogram["feature"] == numeric], "x"),
        charts.category_by_outcome(
            profile[(profile["feature"] == categorical) & profile["category"].notna()]
        ),
        charts.correlation_heatmap(correlations, correlations["feature_a_name"].tolist()),
        charts.drift(table("report_feature_drift").sort_values("drift_rank")),
    ]
    for chart in built:
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        json.dumps(spec)


@pytest.mark.dbt
@pytest.mark.xdist_group("dashboard_build")
def test_the_heatmap_cells_carry_the_segments_size_and_loss(dashboard_build: DashboardBuild) -> None:
    segments = dashboard_build.table("report_segments")
    profit = labels.money("у. е.")
    spec = charts.segment_heatmap(segments, [], [], profit).to_dict()
    rows = next(iter(spec["datasets"].values()))
    target = next(row for row in rows if row["is_target_segment"])
    mart = segments[segments["is_target_segment"].fillna(False)].iloc[0]
    assert target["size_text"] == f"{labels.fmt_int(mart['customers'])} покуп."
    assert profit.screen(mart["total_expected_loss"]) in target["loss_text"]


@pytest.mark.dbt
@pytest.mark.xdist_group("dashboard_build")
def test_the_reasons_of_every_customer_share_one_scale(dashboard_build: DashboardBuild) -> None:
    reasons = dashboard_build.table("report_customer_reasons")
    first, last = reasons["customer_id"].iloc[0], reasons["customer_id"].iloc[-1]
    domains = [
        charts.reasons(reasons[reasons["customer_id"] == customer]).to_dict()["layer"][0]["encoding"]["x"]
        for customer in (first, last)
    ]
    largest = reasons["contribution"].abs().max()
    assert [domain["scale"]["domain"] for domain in domains] == [[-largest, largest]] * 2


@pytest.mark.dbt
@pytest.mark.xdist_group("dashboard_build")
def test_the_contact_list_downloads_for_a_russian_excel(dashboard_build: DashboardBuild) -> None:
    listed = dashboard_build.table(contacts.SOURCE.list_table).sort_values("expected_loss_rank")
    unit = dashboard_build.table("report_money_units").set_index("measure")["unit"]["profit"]
    columns = contacts.list_columns(labels.money(unit))
    data = ui.csv_for_excel(listed, columns)
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only with its byte-order mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Покупатель",
        "Вероятность снижения",
        f"Ожидаемая потеря, {unit}",
        "Канал",
        "Предложение",
        "Причина",
        "Согласие на рассылки",
        "Сегмент",
        f"Прибыль в месяц, {unit}",
    ]
    assert len(rows) == len(listed) + 1
    first, mart = rows[1], listed.iloc[0]
    assert first[0] == str(mart["customer_id"])
    assert first[1] == f"{mart['decline_probability'] * 100:.1f}".replace(".", ",") + "%"
    assert first[2] == f"{mart['expected_loss']:.2f}".replace(".", ",")
    assert first[3] == mart["channel_name"] and first[5] == mart["reason_text"]
    assert first[6] == ("да" if mart["allows_messages"] else "нет")


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
