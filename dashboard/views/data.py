"""Данные: which build this is, whether its checks passed, and the exploratory profile of the features.

The feature whose distribution is shown lives in the link (`?feature=<feature>`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.build_info import BUILD_INFO
from one_click.dashboard import charts, labels, ui
from one_click.dashboard.checks import (
    RunResultsUnreadable,
    checks_summary,
    problems_table,
    read_run_results,
)
from one_click.dashboard.snapshot import run_results_path
from one_click.dashboard.ui import Column, Figure

ui.page_header("Данные", "Откуда цифры на дашборде: сборка, её проверки и описание признаков покупателей.")
FEATURE = "feature"  # the page's link parameter
BUILD_FACTS = "build_id built_at export_date checks_passed checks_warned"
OUTCOMES_SHOWN = ("declined", "kept")
STATISTICS = {
    "outcome_name": Column("Группа", width=170),
    "n_values": Column("Значений", labels.COUNT),
    "n_missing": Column("Пропусков", labels.COUNT),
    "mean": Column("Среднее", labels.NUMBER),
    "median": Column("Медиана", labels.NUMBER),
    "p05": Column("Процентиль 5 %", labels.NUMBER),
    "p95": Column("Процентиль 95 %", labels.NUMBER),
    "min_value": Column("Минимум", labels.NUMBER),
    "max_value": Column("Максимум", labels.NUMBER),
}
PROFILE = (
    "feature feature_name feature_order has_histogram outcome_order category",
    *STATISTICS,
    *charts.category_by_outcome.columns,
)
HISTOGRAM = ("feature outcome_order bin_index", *charts.distribution.columns)
FLAGGED = {
    "feature_a_name": Column("Признак 1", width=200),
    "feature_b_name": Column("Признак 2", width=200),
    "phik": Column("phik", labels.NUMBER),
    "flag_name": Column("Почему отмечено", width=200),
}
DRIFT = {
    "feature_name": Column("Признак", width=220),
    "psi_flag_name": Column("Сдвиг", width=110),
    "psi": Column("PSI", labels.SCORE),
    "ks_statistic": Column("KS", labels.SCORE, "Колмогоров–Смирнов: наибольший разрыв долей, от 0 до 1."),
    "reference_missing_share": Column("Пропусков было", labels.SHARE),
    "current_missing_share": Column("Пропусков стало", labels.SHARE),
    "current_unseen_share": Column("Новых значений", labels.SHARE),
}
TABLES = {
    "table_title": Column("Таблица", width=280),
    "table_name": Column("Имя в сборке", width=240),
    "row_count": Column("Строк", labels.COUNT, width=90),
}
CORRELATIONS = (
    "feature_a feature_b feature_a_order feature_b_order is_flagged",
    *FLAGGED,
    *charts.correlation_heatmap.columns,
)
DRIFTS = ("drift_rank", *DRIFT, *charts.drift.columns)
DRIFT_SUMMARY = "reference_customers current_customers stable_features moderate_features significant_features"


def build() -> None:
    snapshot = ui.snapshot()
    if snapshot is None:  # app.py stops before any page then; a page run alone says nothing
        return
    info = ui.optional_table(BUILD_INFO, BUILD_FACTS)
    if info is None:  # a snapshot published before build_info: its manifest still says when and which
        ui.figures(
            Figure("Данные собраны", labels.fmt_datetime(snapshot.published_at)),
            Figure("Сборка", snapshot.build_id),
        )
    else:
        facts = info.iloc[0]
        ui.figures(
            Figure("Данные собраны", labels.fmt_datetime(facts["built_at"])),
            Figure("Сборка", str(facts["build_id"])),
            Figure("Выгрузка за", labels.fmt_calendar_date(facts["export_date"])),
            Figure(
                "Проверки сборки",
                labels.fmt_int(facts["checks_passed"]),
                f"с предупреждением: {labels.fmt_int(facts['checks_warned'])}",
                "Проверки запуска, который опубликовал эти данные: пройдено и (ниже) с предупреждением.",
            ),
        )
    names = ui.display_names("table")
    # The descriptions are the analysts' (English, in the dbt docs); staff read the table's Russian name.
    published = pd.DataFrame(
        [(names.get(t.name, t.name), t.name, t.row_count) for t in snapshot.tables],
        columns=list(TABLES),
    )
    with st.expander("Таблицы сборки и число строк"):
        ui.table(published, TABLES, height=ui.table_height(len(published)))


def checks() -> None:
    snapshot = ui.snapshot()
    path = run_results_path()
    try:
        results = read_run_results(path)
    except RunResultsUnreadable:
        st.warning(
            f"Файл результатов последней сборки `{path}` не читается: возможно, сборка идёт прямо сейчас."
        )
        return
    if results is None:
        st.info(f"Результатов проверок нет: файл `{path}` не найден (сборка здесь ещё не запускалась).")
        return
    summary = checks_summary(results)
    st.caption(f"Последний запуск сборки: {labels.fmt_datetime(results.generated_at)}")
    counts = summary.by_status
    ui.figures(
        Figure("Проверок", labels.fmt_int(summary.tests)),
        Figure("Пройдено", labels.fmt_int(counts.get("pass", 0))),
        Figure("Не пройдено", labels.fmt_int(counts.get("fail", 0))),
        Figure("Ошибки", labels.fmt_int(summary.errors)),
        Figure("Предупреждения", labels.fmt_int(counts.get("warn", 0))),
    )
    if summary.passed:
        st.success("Все проверки последнего запуска пройдены.", icon=":material/check_circle:")
        return
    published = snapshot.published_at if snapshot is not None else None
    if results.generated_at and published and results.generated_at > published:
        st.warning(
            "Последний запуск сборки прошёл с проблемами, поэтому дашборд показывает данные предыдущей "
            "успешной сборки.",
            icon=":material/history:",
        )
    if summary.skipped_nodes:
        st.caption(f"Пропущено шагов из-за проблем выше по цепочке: {labels.fmt_int(summary.skipped_nodes)}.")
    if summary.problems:
        problems = problems_table(summary, ui.display_names("test_status"), ui.display_names("resource_type"))
        st.dataframe(problems, hide_index=True)


def distributions(profile: pd.DataFrame, histogram: pd.DataFrame) -> None:
    profile = profile.sort_values("feature_order")
    names = dict(zip(profile["feature"], profile["feature_name"], strict=True))
    feature = ui.choose("Признак", names, FEATURE, key="profile_feature")
    rows = profile[profile["feature"] == feature]
    if rows.empty:
        return
    if ui.is_true(rows["has_histogram"].iloc[0]):
        bins = histogram[(histogram["feature"] == feature) & histogram["outcome"].isin(OUTCOMES_SHOWN)]
        ui.chart(charts.distribution(bins.sort_values(["outcome_order", "bin_index"]), names[feature]))
        statistics = rows[rows["category"].isna()].sort_values("outcome_order")
        ui.table(statistics, STATISTICS)
        return
    categories = rows[rows["category"].notna() & rows["outcome"].isin(OUTCOMES_SHOWN)]
    if categories.empty:
        st.info("Для этого признака нет описания по группам.")
    else:
        ui.chart(charts.category_by_outcome(categories.sort_values(["outcome_order", "category_name"])))


def correlations(correlations: pd.DataFrame) -> None:
    st.caption(
        "phik — сила связи двух признаков любого типа, от 0 (нет связи) до 1. Очень сильная связь признака "
        "с целевым может означать, что он измерен уже после снижения активности (утечка)."
    )
    diagonal = correlations[correlations["feature_a"] == correlations["feature_b"]]
    order = diagonal.sort_values("feature_a_order")["feature_a_name"].tolist()
    ui.chart(charts.correlation_heatmap(correlations, order))
    # The mart is symmetric: each flagged pair once, from its upper half.
    flagged = correlations[
        correlations["is_flagged"].fillna(False)
        & (correlations["feature_a_order"] < correlations["feature_b_order"])
    ]
    if flagged.empty:
        st.caption("Подозрительно сильных связей нет.")
        return
    ui.table(flagged.sort_values("phik", ascending=False), FLAGGED)


def drift(drift: pd.DataFrame, summary: pd.DataFrame) -> None:
    counts = summary.iloc[0]
    current, reference = counts["current_customers"], counts["reference_customers"]
    st.caption(
        f"Насколько признаки {labels.fmt_int(current)} покупателей этой сборки отличаются "
        f"от данных, на которых обучена модель ({labels.fmt_int(reference)} покупателей). "
        f"Стабильно: {labels.fmt_int(counts['stable_features'])}, "
        f"заметный сдвиг: {labels.fmt_int(counts['moderate_features'])}, "
        f"сильный сдвиг: {labels.fmt_int(counts['significant_features'])}. "
        "Пунктир — границы PSI 0,1 и 0,25."
    )
    drift = drift.sort_values("drift_rank")
    if drift[drift["psi"] > 0].empty:
        st.success(
            "Сдвига нет: у всех признаков PSI равен 0, распределения совпадают с данными обучения модели.",
            icon=":material/check_circle:",
        )
    else:
        ui.chart(charts.drift(drift))
    ui.table(drift, DRIFT, height=ui.table_height(len(drift)))


st.subheader("Сборка")
build()
st.subheader("Проверки последней сборки")
checks()
st.subheader("Описание признаков")
# The chosen tab lives in the link (`?tab=…`), as every page's filters do.
distributions_tab, correlations_tab, drift_tab = st.tabs(
    ["Распределения", "Связи признаков", "Дрейф"], key="tab", bind="query-params"
)
with distributions_tab:
    ui.section(
        None, {"report_feature_profile": PROFILE, "report_feature_histogram": HISTOGRAM}, distributions
    )
with correlations_tab:
    ui.section(None, {"report_feature_correlations": CORRELATIONS}, correlations)
with drift_tab:
    ui.section(None, {"report_feature_drift": DRIFTS, "report_drift_summary": DRIFT_SUMMARY}, drift)
