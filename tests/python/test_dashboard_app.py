"""Every dashboard page run with Streamlit's AppTest on the snapshot of a real dbt build.

Each figure a page shows is compared with the cell of the published mart it comes from (read here straight
from the Parquet file), so a page showing the wrong column, row or table fails. Links are tested by setting
`query_params` before a run, as opening the link in a browser would.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from one_click.dashboard import labels
from one_click.dashboard.snapshot import PUBLISH_DIR_ENV, RUN_RESULTS_ENV

from dashboard_build import DashboardBuild, copy_snapshot
from dbt_cli import PROJECT_ROOT, project_var

pytestmark = [pytest.mark.dbt, pytest.mark.xdist_group("dashboard_build")]

APP = PROJECT_ROOT / "dashboard" / "app.py"
PAGES = ("overview", "customers", "segments", "drivers", "model", "results", "data")
TITLES = {
    "overview": "Обзор",
    "customers": "Покупатели",
    "segments": "Сегменты",
    "drivers": "Факторы",
    "model": "Модель",
    "results": "Результаты",
    "data": "Данные",
}
# What a person must never read on a page (raw Python and pandas values, JSON, the table toolbar's words).
LEFTOVERS = ("True", "False", "None", "nan", "NaN", "<NA>", "empty", '{"', "model__")
TIMEOUT = 60  # seconds per script run: generous for a loaded machine running dbt builds alongside


@pytest.fixture
def published(dashboard_build: DashboardBuild, monkeypatch: pytest.MonkeyPatch) -> DashboardBuild:
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(dashboard_build.publish_dir))
    monkeypatch.setenv(RUN_RESULTS_ENV, str(dashboard_build.run_results))
    return dashboard_build


def run_page(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """The app opened on `page`, with the link's query parameters when given."""
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    app.run()
    if page != "overview":
        app.switch_page(f"views/{page}.py")
    if query:
        app.query_params.update(query)
    if page != "overview" or query:
        app.run()
    return app


def assert_clean(app: AppTest) -> None:
    assert not app.exception, [exception.value for exception in app.exception]
    assert not app.error, [error.value for error in app.error]


def metric_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def metric_deltas(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.delta for metric in app.metric}


def texts(elements: object) -> str:
    return "\n".join(str(element.value) for element in elements)  # type: ignore[attr-defined]


def shown_text(app: AppTest) -> str:
    return "\n".join([texts(app.markdown), texts(app.caption), texts(app.success), texts(app.warning)])


def table_text(app: AppTest, index: int) -> pd.DataFrame:
    """The text a table shows (its cells as `labels` wrote them), not the numbers underneath."""
    styler = app.dataframe[index].proto.arrow_data.styler
    assert styler.display_values, "the table is not written by labels (no display values)"
    return pa.ipc.open_stream(styler.display_values).read_pandas()


def every_table_text(app: AppTest) -> str:
    return "\n".join(
        table_text(app, index).to_csv(index=False)
        for index in range(len(app.dataframe))
        if app.dataframe[index].proto.arrow_data.styler.display_values
    )


def money(build: DashboardBuild, measure: str = "profit") -> labels.Format:
    units = build.table("report_money_units").set_index("measure")["unit"]
    return labels.money(units[measure])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_errors(published: DashboardBuild, page: str) -> None:
    app = run_page(page)
    assert_clean(app)
    assert app.title[0].value == TITLES[page]
    assert not app.info, texts(app.info)  # every table is published: nothing may be reported missing
    assert any(caption.value.startswith("Данные сборки от") for caption in app.sidebar.caption)
    on_screen = shown_text(app) + every_table_text(app)
    leftovers = [word for word in LEFTOVERS if word in on_screen]
    assert not leftovers, leftovers


def test_overview_leads_with_whom_to_contact_and_the_profit_at_stake(published: DashboardBuild) -> None:
    overview = published.table("report_overview").iloc[0]
    summary = published.table("report_contact_summary")
    channels = summary[summary["channel"] != "all"].sort_values("channel_order")
    totals = summary[summary["channel"] == "all"].iloc[0]
    listed = published.table("report_contact_list")
    profit = money(published)
    app = run_page("overview")
    assert_clean(app)
    values, deltas = metric_values(app), metric_deltas(app)
    assert next(iter(values)) == "Связаться в этом периоде"  # the action comes first
    assert values["Связаться в этом периоде"] == f"{labels.fmt_int(len(listed))} покуп."
    in_target = listed[listed["segment"] == overview["target_segment"]]
    assert deltas["Связаться в этом периоде"] == f"из них {labels.fmt_int(len(in_target))} — целевой сегмент"
    assert values["Прибыль под угрозой"] == profit.screen(listed["expected_loss"].sum())
    assert profit.unit and values["Прибыль под угрозой"].endswith(profit.unit.replace(" ", labels.NBSP))
    assert values["Ожидаемые потери"] == profit.screen(overview["expected_loss"])
    assert f"«{overview['target_segment_name']}»" in texts(app.markdown)
    # Who waits beyond a channel's capacity and who is held out, as the summary counts them.
    said = texts(app.markdown)
    assert f"Ещё **{labels.fmt_int(totals['waiting_customers'])} покуп.** ждут" in said
    assert f"**{labels.fmt_int(totals['control_customers'])} покуп.** — контрольная группа" in said
    assert totals["control_customers"] > 0
    shown = table_text(app, 0)
    assert shown.iloc[:, 0].tolist() == channels["channel_name"].tolist()
    assert shown["expected_loss"].tolist() == [profit.screen(value) for value in channels["expected_loss"]]
    assert shown["waiting_customers"].tolist() == [labels.fmt_int(v) for v in channels["waiting_customers"]]
    trusted = texts(app.success) + texts(app.warning)
    assert labels.SCORE.screen(overview["holdout_roc_auc"]) in trusted
    assert ("можно доверять" in trusted) == bool(overview["is_model_trusted"])
    assert "ROC-AUC" not in values  # model quality lives on its own page

    download = app.get("download_button")
    assert [button.proto.label for button in download] == ["Скачать список для связи"]


def test_model_page_shows_the_published_models_quality(published: DashboardBuild) -> None:
    overview = published.table("report_overview").iloc[0]
    candidates = published.table("report_model_candidates").sort_values("candidate_order")
    app = run_page("model")
    assert_clean(app)
    values, deltas = metric_values(app), metric_deltas(app)
    assert values["ROC-AUC"] == labels.SCORE.screen(overview["holdout_roc_auc"])
    assert values["ROC-AUC при обучении"] == labels.SCORE.screen(overview["cv_roc_auc_mean"])
    assert deltas["ROC-AUC при обучении"].startswith(f"± {labels.SCORE.screen(overview['cv_roc_auc_std'])}")
    assert values["Brier"] == labels.SCORE.screen(overview["brier_score"])
    assert values["Обучена на"] == labels.fmt_int(overview["training_rows"])
    assert overview["model_family_name"] in texts(app.caption)
    shown = table_text(app, 0)
    assert shown["family_name"].tolist() == candidates["family_name"].tolist()
    assert shown["cv_roc_auc_mean"].tolist() == [
        labels.SCORE.screen(v) for v in candidates["cv_roc_auc_mean"]
    ]
    assert set(shown["is_selected"]) <= {labels.YES, labels.NO}
    params = shown["best_params"].tolist()
    assert all(" = " in text and "{" not in text and "model__" not in text for text in params), params


def test_results_page_with_one_period_shows_its_risk_and_says_there_is_no_previous_one(
    published: DashboardBuild,
) -> None:
    """The dashboard build stores one period: its customers at risk (the overview's figures of the same build)
    and, instead of movers, a sentence saying there is no previous period yet."""
    overview = published.table("report_overview").iloc[0]
    periods = published.table("report_risk_by_period")
    pooled = periods[periods["segment"] == "all"]
    assert len(pooled) == 1 and pooled["previous_export_date"].isna().all()
    assert published.table("report_risk_movers").empty
    row = pooled.iloc[0]
    assert row["customers"] == overview["customers"]
    assert row["high_risk_customers"] == overview["high_risk_customers"]
    assert row["expected_loss"] == pytest.approx(overview["expected_loss"])
    app = run_page("results")
    assert_clean(app)
    profit = money(published)
    assert "Предыдущего периода пока нет" in texts(app.markdown)
    assert "Перешли в высокий риск" not in metric_values(app)
    assert metric_values(app)["Высокий риск"] == labels.fmt_int(overview["high_risk_customers"])
    shown = table_text(app, 0)
    assert shown["export_date"].tolist() == [labels.fmt_calendar_date(row["export_date"])]
    assert shown["high_risk_share"].tolist() == [labels.fmt_share(overview["high_risk_share"])]
    assert shown["expected_loss"].tolist() == [profit.screen(row["expected_loss"])]
    assert shown["moved_to_high_risk_customers"].tolist() == [labels.MISSING]


def test_segments_page_shows_the_segments_mart_in_its_order(published: DashboardBuild) -> None:
    segments = published.table("report_segments").sort_values("segment_order")
    profile = published.table("report_target_profile").sort_values("display_order")
    app = run_page("segments")
    assert_clean(app)
    profit = money(published)
    table = app.dataframe[0].value
    assert table["segment_name"].tolist() == segments["segment_name"].tolist()
    for column in ("customers", "total_expected_loss", "share_of_expected_loss", "mean_monthly_profit"):
        assert table[column].tolist() == pytest.approx(segments[column].tolist(), nan_ok=True), column
    written = table_text(app, 0)
    assert written["total_expected_loss"].tolist() == [
        profit.screen(v) for v in segments["total_expected_loss"]
    ]
    assert written["share_of_expected_loss"].tolist() == [
        labels.fmt_share(v) for v in segments["share_of_expected_loss"]
    ]
    reasons = app.dataframe[1].value
    assert reasons["top_reasons"].tolist() == segments["top_reasons"].tolist()

    shown_profile = table_text(app, 2)
    assert shown_profile["measure_name"].tolist() == profile["measure_name"].tolist()
    for shown, row in zip(shown_profile.itertuples(), profile.itertuples(), strict=True):
        assert shown.target_text == labels.fmt_measure(row.target_segment_value, row.is_share)
        assert shown.others_text == labels.fmt_measure(row.other_customers_value, row.is_share)
    cutoffs = published.table("report_overview").iloc[0]
    assert labels.fmt_share(cutoffs["high_risk_from"], 0) in texts(app.caption)
    # The grid and the profile, each in a wide and a phone version (CSS shows one of them).
    assert len(app.get("vega_lite_chart")) == 4


def customer_rows(build: DashboardBuild) -> pd.DataFrame:
    """report_customers by expected loss, with the unit of profit and the forecast's horizon beside."""
    overview = build.table("report_overview").iloc[0]
    return (
        build.table("report_customers")
        .sort_values("expected_loss_rank")
        .assign(unit=money(build).unit, forecast_horizon_months=overview["forecast_horizon_months"])
    )


def customer_card(app: AppTest, customer: pd.Series) -> None:
    """The card on the page shows exactly this report_customers row."""
    values = metric_values(app)
    profit = labels.money(str(customer["unit"]))
    assert values["Вероятность снижения"] == labels.fmt_share(customer["decline_probability"])
    horizon = labels.fmt_months(int(customer["forecast_horizon_months"]))
    forecast = f"Прогноз: вероятность снижения активности в ближайшие {horizon} (по данным на "
    assert forecast in texts(app.caption)
    assert values["Прибыль в месяц"] == profit.screen(customer["monthly_profit"])
    assert values["Ожидаемая потеря"] == profit.screen(customer["expected_loss"])
    rank, total = labels.fmt_int(customer["expected_loss_rank"]), labels.fmt_int(customer["customers_total"])
    assert values["Место в списке"] == f"{rank} из {total}"
    assert f"Покупатель № {customer['customer_id']} · {customer['segment_name']}" in texts(app.markdown)
    state = {True: "активность снизилась", False: "активность сохранилась"}.get(
        None if pd.isna(customer["is_activity_declined"]) else bool(customer["is_activity_declined"]),
        "исход неизвестен",
    )
    assert f"**Сейчас, по последней выгрузке:** {state}." in texts(app.markdown)
    if isinstance(customer["offer_text"], str):
        assert app.success[0].value == customer["offer_text"]
        assert f"Канал: {customer['channel_name']}" in texts(app.markdown)


def test_customers_page_lists_by_expected_loss_and_shows_the_first(published: DashboardBuild) -> None:
    customers = customer_rows(published)
    app = run_page("customers")
    assert_clean(app)
    listed = app.dataframe[0].value
    assert listed["customer_id"].tolist() == customers["customer_id"].tolist()[:500]
    assert listed["expected_loss"].tolist() == pytest.approx(customers["expected_loss"].tolist()[:500])
    customer_card(app, customers.iloc[0])
    assert app.query_params["customer"] == str(customers["customer_id"].iloc[0])

    other = customers.iloc[6]
    app.text_input(key="customer_query").input(str(other["customer_id"])).run()
    assert_clean(app)
    assert other["customer_id"] in app.dataframe[0].value["customer_id"].tolist()
    assert app.query_params["q"] == str(other["customer_id"])


def test_the_contact_list_link_lists_only_the_customers_to_contact(published: DashboardBuild) -> None:
    customers = customer_rows(published)
    offered = published.table("report_contact_list").sort_values("expected_loss_rank")
    assert len(offered) < customers["offer_code"].notna().sum()  # control customers are left out
    app = run_page("customers", {"contact": "1"})
    assert_clean(app)
    assert app.toggle(key="contact_only").value
    assert app.dataframe[0].value["customer_id"].tolist() == offered["customer_id"].tolist()[:500]
    written = table_text(app, 0)
    assert set(written["channel_name"]) == set(offered["channel_name"])
    assert set(written["allows_messages"]) <= {labels.YES, labels.NO}
    assert not written["offer_text"].isin([labels.MISSING]).any()

    app.toggle(key="contact_only").set_value(False).run()
    assert "contact" not in app.query_params
    assert app.dataframe[0].value["customer_id"].tolist() == customers["customer_id"].tolist()[:500]
    assert labels.MISSING in table_text(app, 0)["offer_text"].tolist()  # no offer: a dash, never "None"


def test_the_same_figure_reads_the_same_on_every_page(published: DashboardBuild) -> None:
    """A figure shown on two pages is the same text on both: one rounding, one format, one unit."""
    overview_mart = published.table("report_overview").iloc[0]
    overview, segments, customers, model = (
        run_page(page) for page in ("overview", "segments", "customers", "model")
    )
    for app in (overview, segments, customers, model):
        assert_clean(app)
    # The target segment's share of the expected loss: overview sentence, segments table.
    target = published.table("report_segments").sort_values("segment_order")
    target_row = int(target.reset_index(drop=True).index[target["is_target_segment"].fillna(False)][0])
    share = table_text(segments, 0)["share_of_expected_loss"].iloc[target_row]
    assert f"{share} всех ожидаемых потерь" in texts(overview.markdown)
    # The first customer's probability and loss: the list and the card.
    first = table_text(customers, 0).iloc[0]
    card = metric_values(customers)
    assert first["decline_probability"] == card["Вероятность снижения"]
    assert first["expected_loss"] == card["Ожидаемая потеря"]
    # The model's honest ROC-AUC: the overview's trust line, the model page's figure.
    assert metric_values(model)["ROC-AUC"] in texts(overview.success) + texts(overview.warning)
    # The high-risk cut-off: the overview's help, the segments page's note.
    cutoff = labels.fmt_share(overview_mart["high_risk_from"], 0)
    assert cutoff in texts(segments.caption)
    # Money always with the one unit the export format declares.
    unit = money(published).unit.replace(" ", labels.NBSP)
    assert metric_values(overview)["Ожидаемые потери"].endswith(unit)
    assert card["Прибыль в месяц"].endswith(unit)


def test_customers_page_filters_by_segment(published: DashboardBuild) -> None:
    customers = customer_rows(published)
    segment = customers["segment"].iloc[0]
    app = run_page("customers")
    app.multiselect(key="customer_segments").set_value([segment]).run()
    assert_clean(app)
    listed = app.dataframe[0].value
    expected = customers[customers["segment"] == segment]
    assert listed["customer_id"].tolist() == expected["customer_id"].tolist()
    assert app.query_params["segment"] == segment


def test_a_link_opens_the_customer_card_it_names(published: DashboardBuild) -> None:
    customers = customer_rows(published)
    customer = customers.iloc[-1]  # the last of the list: not the card the page opens on by itself
    app = run_page("customers", {"customer": str(customer["customer_id"]), "segment": customer["segment"]})
    assert_clean(app)
    customer_card(app, customer)
    assert app.multiselect(key="customer_segments").value == [customer["segment"]]
    listed = app.dataframe[0].value
    assert (
        listed["customer_id"].tolist()
        == customers.loc[customers["segment"] == customer["segment"], "customer_id"].tolist()
    )
    assert app.query_params["customer"] == str(customer["customer_id"])
    assert app.query_params["segment"] == customer["segment"]

    reasons = published.table("report_customer_reasons")
    own = reasons[reasons["customer_id"] == customer["customer_id"]]
    assert len(app.get("vega_lite_chart")) == (1 if len(own) else 0)


def test_the_link_of_a_view_reproduces_it(published: DashboardBuild) -> None:
    customers = customer_rows(published)
    first = run_page("customers")
    segments = customers["segment"].drop_duplicates().tolist()[:2]
    first.multiselect(key="customer_segments").set_value(segments).run()
    chosen = first.selectbox(key="customer_id").options[2]
    first.selectbox(key="customer_id").set_value(int(chosen.split()[1])).run()
    assert_clean(first)
    link = dict(first.query_params)

    second = run_page("customers", link)
    assert_clean(second)
    assert metric_values(second) == metric_values(first)
    assert (
        second.dataframe[0].value["customer_id"].tolist() == first.dataframe[0].value["customer_id"].tolist()
    )
    assert second.query_params == first.query_params


def test_a_link_to_a_customer_not_in_this_build_opens_the_list(published: DashboardBuild) -> None:
    app = run_page("customers", {"customer": "999999999", "segment": "no_such_segment"})
    assert_clean(app)
    assert app.multiselect(key="customer_segments").value == []
    first = customer_rows(published).iloc[0]
    customer_card(app, first)


def test_drivers_page_ranks_the_features_and_its_link_names_the_driver(published: DashboardBuild) -> None:
    importance = published.table("report_feature_importance").sort_values("importance_rank")
    shares = published.table("report_segment_category_shares")
    app = run_page("drivers")
    assert_clean(app)
    assert app.selectbox(key="driver").value == importance["feature"].iloc[0]  # the strongest driver first
    assert app.query_params["driver"] == importance["feature"].iloc[0]
    assert len(app.get("vega_lite_chart")) == 3

    category = shares["feature"].iloc[0]
    linked = run_page("drivers", {"driver": category})
    assert_clean(linked)
    assert linked.selectbox(key="driver").value == category
    assert len(linked.get("vega_lite_chart")) == 3


def test_data_page_shows_the_build_and_the_runs_checks(published: DashboardBuild) -> None:
    results = json.loads(published.run_results.read_text(encoding="utf-8"))["results"]
    tests = Counter(
        row["status"] for row in results if row["unique_id"].split(".")[0] in ("test", "unit_test")
    )
    app = run_page("data")
    assert_clean(app)
    values = metric_values(app)
    assert values["Сборка"] == published.snapshot.name
    # the build's figures come from its build_info table; the same run wrote run_results.json
    published_at = datetime.fromisoformat(str(published.manifest[0]["published_at"]))
    assert values["Данные собраны"] == labels.fmt_datetime(published_at)
    declared = project_var("export_date")  # the test build passes none: the project's default, if any
    assert values["Выгрузка за"] == (
        labels.fmt_calendar_date(date.fromisoformat(str(declared))) if declared else labels.MISSING
    )
    assert values["Проверки сборки"] == labels.fmt_int(tests["pass"])
    assert metric_deltas(app)["Проверки сборки"] == f"с предупреждением: {labels.fmt_int(tests['warn'])}"
    assert values["Проверок"] == labels.fmt_int(sum(tests.values()))
    assert values["Пройдено"] == labels.fmt_int(tests["pass"])
    assert values["Не пройдено"] == "0"
    assert "Все проверки последнего запуска пройдены." in texts(app.success)
    tables = app.dataframe[0].value.set_index("table_name")
    for row in published.manifest:
        assert tables.loc[row["table_name"], "row_count"] == row["row_count"]
    names = published.table("display_names")
    table_names = names[names["domain"] == "table"].set_index("code")["display_name"]
    assert tables.loc["report_overview", "table_title"] == table_names["report_overview"]
    assert len(app.tabs) == 3


def test_data_page_figures_are_the_profile_and_drift_marts(published: DashboardBuild) -> None:
    profile = published.table("report_feature_profile")
    drift = published.table("report_feature_drift").sort_values("drift_rank")
    summary = published.table("report_drift_summary").iloc[0]
    numeric = profile[profile["has_histogram"].fillna(False)].sort_values("feature_order")
    feature = numeric["feature"].iloc[-1]
    app = run_page("data", {"feature": feature})
    assert_clean(app)
    assert app.selectbox(key="profile_feature").value == feature
    statistics = app.dataframe[1].value
    rows = numeric[(numeric["feature"] == feature) & numeric["category"].isna()].set_index("outcome_name")
    for shown in statistics.itertuples():
        assert shown.mean == pytest.approx(rows.loc[shown.outcome_name, "mean"], nan_ok=True)
        assert shown.n_values == rows.loc[shown.outcome_name, "n_values"]
    drift_table = app.dataframe[-1].value
    assert drift_table["feature_name"].tolist() == drift["feature_name"].tolist()
    assert drift_table["psi"].tolist() == pytest.approx(drift["psi"].tolist(), nan_ok=True)
    caption = texts(app.caption)
    assert f"Стабильно: {labels.fmt_int(summary['stable_features'])}" in caption
    assert f"признаки {labels.fmt_int(summary['current_customers'])} покупателей" in caption


def failed_run(build: DashboardBuild, path: Path) -> list[dict[str, object]]:
    """The build's run_results.json as a later run would leave it: one failed test, one model erroring,
    one skipped, written after the snapshot was published."""
    document = json.loads(build.run_results.read_text(encoding="utf-8"))
    rows = document["results"]
    test = next(row for row in rows if row["unique_id"].startswith("test."))
    model = next(row for row in rows if row["unique_id"].startswith("model."))
    skipped = next(row for row in rows if row["unique_id"].startswith("model.") and row is not model)
    test.update(status="fail", failures=3, message="Got 3 results, configured to fail if != 0")
    model.update(status="error", message="Runtime Error")
    skipped.update(status="skipped")
    later = datetime.now(UTC) + timedelta(hours=1)
    document["metadata"]["generated_at"] = later.isoformat().replace("+00:00", "Z")
    path.write_text(json.dumps(document), encoding="utf-8")
    return [model, test]


def test_data_page_lists_failed_checks_and_says_the_data_is_older(
    published: DashboardBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, _ = failed_run(published, tmp_path / "run_results.json")
    monkeypatch.setenv(RUN_RESULTS_ENV, str(tmp_path / "run_results.json"))
    app = run_page("data")
    assert_clean(app)
    assert metric_values(app)["Не пройдено"] == "1"
    problems = app.dataframe[1].value
    names = published.table("display_names").set_index(["domain", "code"])["display_name"]
    assert problems["Статус"].tolist() == [names[("test_status", "error")], names[("test_status", "fail")]]
    assert problems["Что"].tolist() == [names[("resource_type", "model")], names[("resource_type", "test")]]
    assert str(model["unique_id"]).endswith(problems["Название"].iloc[0])  # errors first
    assert "предыдущей успешной сборки" in texts(app.warning)
    assert "Пропущено шагов из-за проблем выше по цепочке: 1." in texts(app.caption)


def test_data_page_without_run_results_says_so(
    published: DashboardBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RUN_RESULTS_ENV, str(tmp_path / "absent.json"))
    app = run_page("data")
    assert_clean(app)
    assert "Результатов проверок нет" in texts(app.info)


@pytest.mark.parametrize("page", ["overview", "data"])
def test_without_a_snapshot_the_app_says_there_is_no_data_yet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(tmp_path / "published"))
    monkeypatch.setenv(RUN_RESULTS_ENV, str(tmp_path / "run_results.json"))
    app = run_page(page)
    assert not app.exception
    assert app.title[0].value == "Данных пока нет"
    assert "make build" in texts(app.info)
    assert not app.metric


@pytest.mark.parametrize("page", PAGES)
def test_a_snapshot_without_the_report_marts_shows_messages_not_errors(
    dashboard_build: DashboardBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    reports = tuple(
        row["table_name"] for row in dashboard_build.manifest if row["table_name"] != "display_names"
    )
    copy_snapshot(dashboard_build, tmp_path / "published", "build-old", drop_tables=reports)
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(tmp_path / "published"))
    monkeypatch.setenv(RUN_RESULTS_ENV, str(tmp_path / "absent.json"))
    app = run_page(page)
    assert_clean(app)
    assert app.title[0].value == TITLES[page]
    assert "нет таблицы" in texts(app.info)


def test_a_table_of_an_older_shape_is_reported_with_its_missing_columns(
    dashboard_build: DashboardBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_snapshot(
        dashboard_build,
        tmp_path / "published",
        "build-older-shape",
        drop_columns={"report_model_calibration": ("observed_rate",)},
    )
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(tmp_path / "published"))
    app = run_page("model")
    assert_clean(app)
    assert "observed_rate" in texts(app.info)
    assert len(app.dataframe) == 1  # the rest of the page still works: the candidates' table


def test_a_new_publish_is_picked_up_on_the_next_rerun(
    dashboard_build: DashboardBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_dir = tmp_path / "published"
    copy_snapshot(dashboard_build, publish_dir, "build-apptest-1")
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(publish_dir))
    app = run_page("overview")
    assert any("build-apptest-1" in caption.value for caption in app.sidebar.caption)

    copy_snapshot(dashboard_build, publish_dir, "build-apptest-2", drop_tables=("report_risk_bands",))
    app.run()
    assert_clean(app)
    assert any("build-apptest-2" in caption.value for caption in app.sidebar.caption)
    assert "report_risk_bands" in texts(app.info)
