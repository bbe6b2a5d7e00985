"""Факторы: what drives the model's risk overall, and how each driver differs across segments.

The factor shown in detail lives in the link (`?driver=<feature>`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, ui

ui.page_header(
    "Факторы",
    "Что сильнее всего влияет на оценку риска и чем сегменты отличаются по этим факторам.",
)
HEATMAP_DRIVERS = 10
DRIVER = "driver"  # the page's link parameter


def global_importance(importance: pd.DataFrame) -> None:
    st.caption(
        "Длина полосы — насколько в среднем фактор сдвигает оценку риска одного покупателя; цвет — в какую "
        "сторону: красный — чем больше, тем выше риск, зелёный — чем больше, тем ниже."
    )
    ui.chart(charts.importance(importance.sort_values("importance_rank")))


def by_segment(
    means: pd.DataFrame, shares: pd.DataFrame, importance: pd.DataFrame, segments: pd.DataFrame
) -> None:
    importance = importance.sort_values("importance_rank")
    segment_order = segments.sort_values("segment_order")["segment_name"].tolist()
    st.markdown("**Средние значения факторов по сегментам**")
    strongest = importance[importance["feature"].isin(means["feature"])].head(HEATMAP_DRIVERS)
    shown = means[means["feature"].isin(strongest["feature"])]
    with ui.wide("driver-heatmap"):
        st.caption(
            "В клетке — среднее значение в сегменте; цвет — насколько оно выше (фиолетовый) или ниже "
            "(бирюзовый) среднего по всем покупателям."
        )
        ui.chart(charts.driver_heatmap(shown, segment_order, strongest["feature_name"].tolist()))
    with ui.phone("driver-heatmap"):
        st.caption("Выберите фактор ниже: его среднее значение в каждом сегменте.")

    drivers = importance[
        importance["feature"].isin(means["feature"]) | importance["feature"].isin(shares["feature"])
    ]
    names = dict(zip(drivers["feature"], drivers["feature_name"], strict=True))
    feature = ui.choose("Фактор подробнее", names, DRIVER, key="driver")
    if feature in set(means["feature"]):
        one = means[means["feature"] == feature].sort_values("segment_order")
        ui.chart(charts.driver_by_segment(one))
        st.caption("Пунктирная линия — среднее по всем покупателям.")
    elif feature is not None:
        one = shares[shares["feature"] == feature].sort_values(["segment_order", "category"])
        ui.chart(charts.category_shares(one, segment_order))


ui.section(
    "Главные факторы риска",
    {"report_feature_importance": ("feature importance_rank", *charts.importance.columns)},
    render=global_importance,
)
ui.section(
    "Факторы в сегментах",
    {
        "report_segment_driver_means": (
            "segment_order feature",
            *charts.driver_heatmap.columns,
            *charts.driver_by_segment.columns,
        ),
        "report_segment_category_shares": ("segment_order feature", *charts.category_shares.columns),
        "report_feature_importance": "feature feature_name importance_rank",
        "report_segments": "segment_name segment_order",
    },
    render=by_segment,
)
