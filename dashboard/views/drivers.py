"""Факторы: what drives the model's risk overall, and how each driver differs across segments."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, metrics, ui

ui.page_header(
    "Факторы",
    "Что сильнее всего влияет на оценку риска и чем сегменты отличаются по этим факторам.",
)
HEATMAP_DRIVERS = 10


def global_importance(importance: pd.DataFrame) -> None:
    ranked = metrics.importance(importance)
    st.caption(
        "Длина полосы — насколько в среднем фактор сдвигает оценку риска одного покупателя; цвет — в какую "
        "сторону: например, «чем больше, тем выше риск»."
    )
    ui.chart(charts.importance(ranked))


def by_segment(features: pd.DataFrame, segments: pd.DataFrame) -> None:
    importance = ui.optional_table("feature_importance")
    ranked = metrics.importance(importance)["feature"].tolist() if importance is not None else []
    drivers = metrics.driver_features(features, ranked)
    numeric = [name for name in drivers if metrics.is_numeric_driver(features, name)]
    st.markdown("**Средние значения факторов по сегментам**")
    st.caption(
        "В клетке — среднее значение в сегменте; цвет — насколько оно выше (красный) или ниже (синий) "
        "среднего по всем покупателям."
    )
    shown = tuple(numeric[:HEATMAP_DRIVERS])
    means = ui.derived(
        ("driver_means", shown), lambda: metrics.driver_means_by_segment(features, segments, shown)
    )
    ui.chart(charts.driver_heatmap(means))

    feature = st.selectbox("Фактор подробнее", drivers, format_func=labels.feature_label, key="driver")
    if metrics.is_numeric_driver(features, feature):
        means = ui.derived(
            ("driver_means", (feature,)),
            lambda: metrics.driver_means_by_segment(features, segments, [feature]),
        )
        ui.chart(charts.driver_by_segment(means))
        st.caption("Красная пунктирная линия — среднее по всем покупателям.")
    else:
        shares = ui.derived(
            ("category_shares", feature),
            lambda: metrics.category_shares_by_segment(features, segments, feature),
        )
        ui.chart(charts.category_shares(shares))


ui.section("Главные факторы риска", "feature_importance", render=global_importance)
ui.section("Факторы в сегментах", "customer_features", "customer_segments", render=by_segment)
