"""Данные: which build this is, whether its checks passed, and the exploratory profile of the features."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, metrics, ui
from one_click.dashboard.snapshot import (
    TABLE_COLUMNS,
    RunResultsUnreadable,
    read_run_results,
    run_results_path,
)

ui.page_header("Данные", "Откуда цифры на дашборде: сборка, её проверки и описание признаков покупателей.")
OUTCOMES_SHOWN = ("declined", "kept")


def build() -> None:
    snapshot = ui.snapshot()
    if snapshot is None:  # app.py stops before any page then; a page run alone says nothing
        return
    first, second = st.columns(2)
    first.metric("Данные собраны", labels.fmt_datetime(snapshot.published_at), border=True)
    second.metric("Сборка", snapshot.build_id, border=True)
    published = metrics.published_tables(snapshot, TABLE_COLUMNS)
    st.caption(metrics.published_summary(published))
    with st.expander("Таблицы сборки и число строк"):
        table_list(published)


def table_list(published: pd.DataFrame) -> None:
    st.dataframe(
        published,
        hide_index=True,
        height=ui.table_height(len(published)),
        placeholder="нет в сборке",
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
    summary = metrics.checks_summary(results)
    st.caption(f"Последний запуск dbt: {labels.fmt_datetime(results.generated_at)}")
    counts = summary.by_status
    columns = st.columns(5)
    columns[0].metric("Проверок", labels.fmt_int(summary.tests), border=True)
    columns[1].metric("Пройдено", labels.fmt_int(counts.get("pass", 0)), border=True)
    columns[2].metric("Не пройдено", labels.fmt_int(counts.get("fail", 0)), border=True)
    columns[3].metric(
        "Ошибки", labels.fmt_int(counts.get("error", 0) + counts.get("runtime error", 0)), border=True
    )
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
    if not summary.problems.empty:
        st.dataframe(summary.problems, hide_index=True)


def distributions(profile: pd.DataFrame, histogram: pd.DataFrame) -> None:
    feature = st.selectbox(
        "Признак", metrics.profiled_features(profile), format_func=labels.feature_label, key="profile_feature"
    )
    bins = metrics.histogram(histogram, feature, OUTCOMES_SHOWN)
    if not bins.empty:
        ui.chart(charts.histogram(bins, labels.feature_label(feature)))
        stats = metrics.numeric_profile(profile, feature)
        st.dataframe(
            stats,
            hide_index=True,
            column_config={
                name: ui.count_column(name) if name in ("Значений", "Пропусков") else ui.number_column(name)
                for name in stats.columns
                if name != "Группа"
            },
        )
        return
    categories = metrics.category_profile(profile, feature, OUTCOMES_SHOWN)
    if categories.empty:
        st.info("Для этого признака нет описания по группам.")
    else:
        ui.chart(charts.category_by_outcome(categories))


def correlations(correlations: pd.DataFrame) -> None:
    st.caption(
        "phik — сила связи двух признаков любого типа, от 0 (нет связи) до 1. Очень сильная связь признака "
        "с целевым может означать, что он измерен уже после снижения активности (утечка)."
    )
    ui.chart(charts.correlation_heatmap(metrics.correlation_matrix(correlations)))
    flagged = metrics.flagged_pairs(correlations)
    if flagged.empty:
        st.caption("Подозрительно сильных связей нет.")
    else:
        st.dataframe(flagged, hide_index=True, column_config={"phik": ui.number_column("phik")})


def drift(drift: pd.DataFrame) -> None:
    counts = metrics.drift_counts(drift)
    reference, current = metrics.drift_rows(drift)
    st.caption(
        f"Насколько признаки {labels.fmt_int(current)} покупателей этой сборки отличаются от данных, "
        f"на которых обучена модель ({labels.fmt_int(reference)} покупателей). "
        f"Стабильно: {counts['stable']}, заметный сдвиг: {counts['moderate']}, "
        f"сильный сдвиг: {counts['significant']}. "
        "Пунктир — границы PSI 0,1 и 0,25."
    )
    table = metrics.drift_table(drift)
    ui.chart(charts.drift(table))
    st.dataframe(
        table,
        hide_index=True,
        placeholder="—",
        height=ui.table_height(len(table)),
        column_config={
            "PSI": ui.number_column("PSI", 3),
            "KS": ui.number_column("KS", 3, "Колмогоров–Смирнов: наибольший разрыв долей, от 0 до 1."),
            "Пропусков было": ui.share_column("Пропусков было"),
            "Пропусков стало": ui.share_column("Пропусков стало"),
            "Новых значений": ui.share_column("Новых значений"),
        },
    )


st.subheader("Сборка")
build()
st.subheader("Проверки последней сборки")
checks()
st.subheader("Описание признаков")
distributions_tab, correlations_tab, drift_tab = st.tabs(["Распределения", "Связи признаков", "Дрейф"])
with distributions_tab:
    frames = ui.tables("feature_profile", "feature_histogram")
    if frames is not None:
        distributions(*frames)
with correlations_tab:
    found = ui.table("feature_correlations")
    if found is not None:
        correlations(found)
with drift_tab:
    found = ui.table("feature_drift")
    if found is not None:
        drift(found)
