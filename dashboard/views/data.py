"""Данные: which build this is, whether its checks passed, and the exploratory profile of the features.

The feature whose distribution is shown lives in the link (`?feature=<feature>`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, ui
from one_click.dashboard.checks import (
    RunResultsUnreadable,
    checks_summary,
    problems_table,
    read_run_results,
)
from one_click.dashboard.snapshot import run_results_path

ui.page_header("Данные", "Откуда цифры на дашборде: сборка, её проверки и описание признаков покупателей.")
FEATURE = "feature"  # the page's link parameter
OUTCOMES_SHOWN = ("declined", "kept")
PROFILE = (
    "feature",
    "feature_name",
    "feature_order",
    "has_histogram",
    "outcome",
    "outcome_name",
    "outcome_order",
    "category",
    "category_name",
    "n_values",
    "n_missing",
    "share",
    "mean",
    "median",
    "p05",
    "p95",
    "min_value",
    "max_value",
)
HISTOGRAM = (
    "feature",
    "outcome",
    "outcome_name",
    "outcome_order",
    "bin_index",
    "bin_lower",
    "bin_upper",
    "share",
)
STATISTICS = (
    "outcome_name",
    "n_values",
    "n_missing",
    "mean",
    "median",
    "p05",
    "p95",
    "min_value",
    "max_value",
)
CORRELATIONS = (
    "feature_a",
    "feature_b",
    "feature_a_name",
    "feature_b_name",
    "feature_a_order",
    "feature_b_order",
    "phik",
    "is_flagged",
    "flag_name",
)
DRIFT = (
    "feature_name",
    "psi",
    "psi_flag",
    "psi_flag_name",
    "ks_statistic",
    "reference_missing_share",
    "current_missing_share",
    "current_unseen_share",
    "drift_rank",
)
DRIFT_SUMMARY = (
    "reference_customers",
    "current_customers",
    "stable_features",
    "moderate_features",
    "significant_features",
)


def build() -> None:
    snapshot = ui.snapshot()
    if snapshot is None:  # app.py stops before any page then; a page run alone says nothing
        return
    first, second = st.columns(2)
    first.metric("Данные собраны", labels.fmt_datetime(snapshot.published_at), border=True)
    second.metric("Сборка", snapshot.build_id, border=True)
    names = ui.display_names("table")
    published = pd.DataFrame(
        {
            "Таблица": [names.get(table.name, table.name) for table in snapshot.tables],
            "Имя в сборке": [table.name for table in snapshot.tables],
            "Строк": [table.row_count for table in snapshot.tables],
            "Описание": [table.description for table in snapshot.tables],
        }
    )
    with st.expander("Таблицы сборки и число строк"):
        st.dataframe(
            published,
            hide_index=True,
            height=ui.table_height(len(published)),
            column_config={"Строк": ui.count_column("Строк")},
        )


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
    st.caption(f"Последний запуск dbt: {labels.fmt_datetime(results.generated_at)}")
    counts = summary.by_status
    columns = st.columns(5)
    columns[0].metric("Проверок", labels.fmt_int(summary.tests), border=True)
    columns[1].metric("Пройдено", labels.fmt_int(counts.get("pass", 0)), border=True)
    columns[2].metric("Не пройдено", labels.fmt_int(counts.get("fail", 0)), border=True)
    columns[3].metric("Ошибки", labels.fmt_int(summary.errors), border=True)
    columns[4].metric("Предупреждения", labels.fmt_int(counts.get("warn", 0)), border=True)
    newer = (
        snapshot is not None
        and results.generated_at is not None
        and snapshot.published_at is not None
        and results.generated_at > snapshot.published_at
    )
    if summary.passed:
        st.success("Все проверки последнего запуска пройдены.", icon=":material/check_circle:")
        return
    if newer:
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
    ui.from_url(FEATURE, "profile_feature", list(names))
    feature = st.selectbox("Признак", list(names), format_func=names.get, key="profile_feature")
    ui.to_url(FEATURE, feature)
    rows = profile[profile["feature"] == feature]
    if rows.empty:
        return
    if ui.is_true(rows["has_histogram"].iloc[0]):
        bins = histogram[(histogram["feature"] == feature) & histogram["outcome"].isin(OUTCOMES_SHOWN)]
        ui.chart(charts.distribution(bins.sort_values(["outcome_order", "bin_index"]), names[feature]))
        statistics = rows[rows["category"].isna()].sort_values("outcome_order")
        st.dataframe(
            statistics,
            hide_index=True,
            column_order=STATISTICS,
            column_config={
                "outcome_name": st.column_config.TextColumn("Группа"),
                "n_values": ui.count_column("Значений"),
                "n_missing": ui.count_column("Пропусков"),
                "mean": ui.number_column("Среднее"),
                "median": ui.number_column("Медиана"),
                "p05": ui.number_column("Процентиль 5 %"),
                "p95": ui.number_column("Процентиль 95 %"),
                "min_value": ui.number_column("Минимум"),
                "max_value": ui.number_column("Максимум"),
            },
        )
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
    st.dataframe(
        flagged.sort_values("phik", ascending=False),
        hide_index=True,
        column_order=("feature_a_name", "feature_b_name", "phik", "flag_name"),
        column_config={
            "feature_a_name": st.column_config.TextColumn("Признак 1"),
            "feature_b_name": st.column_config.TextColumn("Признак 2"),
            "phik": ui.number_column("phik"),
            "flag_name": st.column_config.TextColumn("Почему отмечено"),
        },
    )


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
    ui.chart(charts.drift(drift))
    st.dataframe(
        drift,
        hide_index=True,
        placeholder="—",
        height=ui.table_height(len(drift)),
        column_order=(
            "feature_name",
            "psi_flag_name",
            "psi",
            "ks_statistic",
            "reference_missing_share",
            "current_missing_share",
            "current_unseen_share",
        ),
        column_config={
            "feature_name": st.column_config.TextColumn("Признак"),
            "psi_flag_name": st.column_config.TextColumn("Сдвиг"),
            "psi": ui.number_column("PSI", 3),
            "ks_statistic": ui.number_column(
                "KS", 3, "Колмогоров–Смирнов: наибольший разрыв долей, от 0 до 1."
            ),
            "reference_missing_share": ui.share_column("Пропусков было"),
            "current_missing_share": ui.share_column("Пропусков стало"),
            "current_unseen_share": ui.share_column("Новых значений"),
        },
    )


st.subheader("Сборка")
build()
st.subheader("Проверки последней сборки")
checks()
st.subheader("Описание признаков")
distributions_tab, correlations_tab, drift_tab = st.tabs(["Распределения", "Связи признаков", "Дрейф"])
with distributions_tab:
    frames = ui.tables({"report_feature_profile": PROFILE, "report_feature_histogram": HISTOGRAM})
    if frames is not None:
        distributions(*frames)
with correlations_tab:
    found = ui.table("report_feature_correlations", CORRELATIONS)
    if found is not None:
        correlations(found)
with drift_tab:
    frames = ui.tables({"report_feature_drift": DRIFT, "report_drift_summary": DRIFT_SUMMARY})
    if frames is not None:
        drift(*frames)
