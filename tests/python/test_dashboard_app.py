"""Every dashboard page run with Streamlit's AppTest against a synthetic published snapshot.

The expected numbers are computed here straight from the synthetic marts with pandas, independently of
`one_click.dashboard.metrics`, so a page showing the wrong column or a wrong aggregate fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from one_click.dashboard import labels
from one_click.dashboard.snapshot import PUBLISH_DIR_ENV, RUN_RESULTS_ENV

from dashboard_fixtures import publish_marts, synthetic_marts, write_run_results
from dbt_cli import PROJECT_ROOT

APP = PROJECT_ROOT / "dashboard" / "app.py"
PAGES = ("overview", "segments", "customers", "drivers", "data")
TITLES = {
    "overview": "Обзор",
    "segments": "Сегменты",
    "customers": "Покупатели",
    "drivers": "Факторы",
    "data": "Данные",
}
TIMEOUT = 60  # seconds per script run: generous for a loaded CI machine running dbt builds alongside
PASSING_RUN = {
    "test.one_click.money_csv__id__unique.05d393dcba": "pass",
    "test.one_click.money_csv__profit__not_null.1a2b3c4d5e": "pass",
    "test.one_click.customer_features__revenue__in_range.abcdef0123": "warn",
    "model.one_click.customer_features": "success",
}


@pytest.fixture(scope="module")
def marts() -> dict[str, pd.DataFrame]:
    return synthetic_marts(customers=120, seed=11)


@pytest.fixture
def published(tmp_path: Path, marts: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch) -> Path:
    publish_dir = tmp_path / "published"
    publish_marts(publish_dir, marts, build_id="build-apptest-1")
    write_run_results(tmp_path / "run_results.json", PASSING_RUN)
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(publish_dir))
    monkeypatch.setenv(RUN_RESULTS_ENV, str(tmp_path / "run_results.json"))
    return publish_dir


@pytest.fixture
def empty_publish_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(tmp_path / "published"))
    monkeypatch.setenv(RUN_RESULTS_ENV, str(tmp_path / "run_results.json"))
    yield tmp_path / "published"


def run_page(page: str) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    app.run()
    if page != "overview":
        app.switch_page(f"views/{page}.py").run()
    return app


def assert_clean(app: AppTest) -> None:
    assert not app.exception, [exception.value for exception in app.exception]
    assert not app.error, [error.value for error in app.error]


def metric_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def texts(elements: object) -> str:
    return "\n".join(str(element.value) for element in elements)  # type: ignore[attr-defined]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_errors(published: Path, page: str) -> None:
    app = run_page(page)
    assert_clean(app)
    assert app.title[0].value == TITLES[page]
    assert not app.info, texts(app.info)  # every table is published: nothing may be reported missing
    assert any(caption.value.startswith("Данные сборки от") for caption in app.sidebar.caption)


def test_overview_numbers_match_the_marts(published: Path, marts: dict[str, pd.DataFrame]) -> None:
    segments, model = marts["customer_segments"], marts["model_summary"].iloc[0]
    app = run_page("overview")
    assert_clean(app)
    values = metric_values(app)

    high = segments["risk_band"] == "high"
    target = segments["is_target_segment"]
    assert values["Покупателей"] == labels.fmt_int(len(segments))
    assert values["Высокий риск"] == labels.fmt_share(high.mean())
    assert values["Ожидаемые потери"] == labels.fmt_number(segments["expected_loss"].sum())
    assert values["Целевой сегмент"] == labels.fmt_int(target.sum())
    assert values["ROC-AUC"] == labels.fmt_number(model["holdout_roc_auc"], 3)
    assert values["ROC-AUC при обучении"] == labels.fmt_number(model["cv_roc_auc_mean"], 3)
    assert values["Brier"] == labels.fmt_number(model["brier_score"], 3)
    assert values["Обучена на"] == labels.fmt_int(model["training_rows"])
    deltas = {metric.label: metric.delta for metric in app.metric}
    target_share = segments.loc[target, "expected_loss"].sum() / segments["expected_loss"].sum()
    assert deltas["Целевой сегмент"] == f"{labels.fmt_share(target_share)} ожидаемых потерь"
    assert deltas["Высокий риск"] == f"{labels.fmt_int(high.sum())} покупателей"


def test_segments_page_shows_the_summary_and_the_target_profile(
    published: Path, marts: dict[str, pd.DataFrame]
) -> None:
    summary, profile = marts["segment_summary"], marts["target_segment_profile"]
    app = run_page("segments")
    assert_clean(app)
    table = app.dataframe[0].value
    assert table["Покупателей"].sum() == summary["customers"].sum() == len(marts["customer_segments"])
    assert table["Ожидаемые потери в месяц"].sum() == pytest.approx(summary["total_expected_loss"].sum())
    target_name = summary.loc[summary["is_target_segment"], "segment_name"].iloc[0]
    assert table["Сегмент"].iloc[0] == target_name  # the segment to work on comes first
    by_name = table.set_index("Сегмент")
    for row in summary.itertuples():
        assert by_name.loc[row.segment_name, "Покупателей"] == row.customers

    shown_profile = app.dataframe[1].value.set_index("Показатель")
    assert len(shown_profile) == len(profile)
    for row in profile.itertuples():
        shown = shown_profile.loc[labels.measure_label(row.measure)]
        as_text = (
            labels.fmt_share if row.measure.endswith("_share") or ": " in row.measure else labels.fmt_number
        )
        assert shown["Целевой сегмент"] == as_text(row.target_segment_value)
        assert shown["Остальные покупатели"] == as_text(row.other_customers_value)
    assert len(app.get("vega_lite_chart")) == 2  # the risk × value grid and the profile


def test_customers_page_lists_by_expected_loss_and_shows_one_customer(
    published: Path, marts: dict[str, pd.DataFrame]
) -> None:
    segments, offers = marts["customer_segments"], marts["customer_offers"]
    app = run_page("customers")
    assert_clean(app)
    listed = app.dataframe[0].value
    expected_order = segments.sort_values("expected_loss_rank")["customer_id"].tolist()
    assert listed["customer_id"].tolist() == expected_order
    top = segments.loc[segments["expected_loss_rank"] == 1].iloc[0]
    values = metric_values(app)
    assert values["Вероятность снижения"] == labels.fmt_share(top["decline_probability"])
    assert values["Ожидаемая потеря"] == labels.fmt_number(top["expected_loss"])
    assert values["Место в списке"] == f"1 из {labels.fmt_int(len(segments))}"
    top_offer = offers.loc[offers["customer_id"] == top["customer_id"], "offer_text"].iloc[0]
    assert app.success[0].value == top_offer

    # Another customer, picked by the search box, then in the selector.
    other = segments.loc[segments["expected_loss_rank"] == 7].iloc[0]
    app.text_input(key="customer_query").input(str(other["customer_id"])).run()
    assert_clean(app)
    assert app.dataframe[0].value["customer_id"].tolist() == [other["customer_id"]]
    assert metric_values(app)["Вероятность снижения"] == labels.fmt_share(other["decline_probability"])
    assert metric_values(app)["Место в списке"].startswith("7 из")


def test_customers_page_filters_by_segment(published: Path, marts: dict[str, pd.DataFrame]) -> None:
    segments = marts["customer_segments"]
    app = run_page("customers")
    app.multiselect(key="customer_segments").set_value(["low_value_stable"]).run()
    assert_clean(app)
    listed = app.dataframe[0].value
    assert len(listed) == int((segments["segment"] == "low_value_stable").sum())
    assert set(listed["segment_name"]) == {"Малоприбыльные и стабильные"}


def test_drivers_page_ranks_features_and_compares_segments(
    published: Path, marts: dict[str, pd.DataFrame]
) -> None:
    importance = marts["feature_importance"].sort_values("mean_abs_contribution", ascending=False)
    app = run_page("drivers")
    assert_clean(app)
    selector = app.selectbox(key="driver")
    assert selector.value == importance["feature"].iloc[0]  # the strongest driver first
    assert len(app.get("vega_lite_chart")) == 3
    selector.set_value("favourite_category").run()  # a text category: shares instead of means
    assert_clean(app)
    assert len(app.get("vega_lite_chart")) == 3


def test_data_page_shows_the_build_and_its_checks(published: Path, marts: dict[str, pd.DataFrame]) -> None:
    app = run_page("data")
    assert_clean(app)
    values = metric_values(app)
    assert values["Сборка"] == "build-apptest-1"
    assert values["Проверок"] == "3"
    assert values["Пройдено"] == "2"
    assert values["Предупреждения"] == "1"
    assert values["Не пройдено"] == "0"
    tables = app.dataframe[0].value.set_index("Имя в сборке")["Строк"]
    for name, frame in marts.items():
        assert tables[name] == len(frame)
    problems = app.dataframe[1].value
    assert problems["Название"].tolist() == ["customer_features__revenue__in_range"]
    assert len(app.tabs) == 3


def test_data_page_lists_failed_checks_and_says_the_data_is_older(published: Path, tmp_path: Path) -> None:
    failing = {
        "test.one_click.money_csv__id__unique.05d393dcba": "fail",
        "test.one_click.money_csv__profit__not_null.1a2b3c4d5e": "pass",
        "model.one_click.customer_segments": "error",
        "model.one_click.customer_offers": "skipped",
    }
    write_run_results(tmp_path / "run_results.json", failing)  # a later build that failed
    app = run_page("data")
    assert_clean(app)
    values = metric_values(app)
    assert (values["Проверок"], values["Не пройдено"], values["Пройдено"]) == ("2", "1", "1")
    problems = app.dataframe[1].value
    assert problems["Название"].tolist() == ["customer_segments", "money_csv__id__unique"]  # errors first
    assert "предыдущей успешной сборки" in texts(app.warning)


def test_data_page_without_run_results_says_so(published: Path, tmp_path: Path) -> None:
    (tmp_path / "run_results.json").unlink()
    app = run_page("data")
    assert_clean(app)
    assert "Результатов проверок нет" in texts(app.info)


@pytest.mark.parametrize("page", ["overview", "data"])
def test_without_a_snapshot_the_app_says_there_is_no_data_yet(empty_publish_dir: Path, page: str) -> None:
    app = run_page(page)
    assert not app.exception
    assert app.title[0].value == "Данных пока нет"
    assert "make build" in texts(app.info)
    assert not app.metric


@pytest.mark.parametrize("page", PAGES)
def test_an_older_snapshot_without_most_tables_shows_messages_not_errors(
    tmp_path: Path, marts: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    publish_dir = tmp_path / "published"
    publish_marts(publish_dir, marts, build_id="build-old", drop=set(marts) - {"customer_features"})
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(publish_dir))
    monkeypatch.setenv(RUN_RESULTS_ENV, str(tmp_path / "absent.json"))
    app = run_page(page)
    assert_clean(app)
    assert app.title[0].value == TITLES[page]
    assert "нет таблицы" in texts(app.info)


def test_a_table_of_an_older_shape_is_reported_with_its_missing_columns(
    tmp_path: Path, marts: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch
) -> None:
    older = {**marts, "model_summary": marts["model_summary"].drop(columns=["brier_score"])}
    publish_marts(tmp_path / "published", older, build_id="build-older-shape")
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(tmp_path / "published"))
    app = run_page("overview")
    assert_clean(app)
    assert "brier_score" in texts(app.info)
    assert "Покупателей" in metric_values(app)  # the rest of the page still works


def test_a_new_publish_is_picked_up_on_the_next_rerun(
    published: Path, marts: dict[str, pd.DataFrame]
) -> None:
    app = run_page("overview")
    assert metric_values(app)["Покупателей"] == labels.fmt_int(len(marts["customer_segments"]))

    smaller = synthetic_marts(customers=40, seed=3)
    publish_marts(published, smaller, build_id="build-apptest-2")
    app.run()
    assert_clean(app)
    assert metric_values(app)["Покупателей"] == "40"
    assert any("build-apptest-2" in caption.value for caption in app.sidebar.caption)
