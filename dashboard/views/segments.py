"""Сегменты: the risk × value grid, and what sets the target segment apart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, ui
from one_click.dashboard.ui import Column

ui.page_header(
    "Сегменты",
    "Покупатели разбиты по риску снижения активности и по прибыли, которую они приносят. "
    "Цвет клетки — ожидаемые потери прибыли в месяц.",
)


def summary_columns(money: labels.Format) -> dict[str, Column]:
    return {
        "segment_name": Column("Сегмент", width=200),
        "customers": Column("Покупателей", labels.COUNT, width=90),
        "mean_decline_probability": Column("Вероятность (средняя)", labels.PROBABILITY, width=100),
        "known_decline_share": Column(
            "Снизили",
            labels.SHARE,
            "Среди покупателей сегмента с известным исходом — доля тех, у кого активность снизилась.",
            width=80,
        ),
        "mean_monthly_profit": Column("Прибыль (средняя)", money, "Средняя прибыль в месяц.", 110),
        "total_expected_loss": Column("Потери в месяц", money, "Ожидаемые потери прибыли.", 110),
        "share_of_expected_loss": Column(
            "Доля потерь", labels.SHARE, "Доля сегмента во всех ожидаемых потерях.", 80
        ),
    }


FAVOURITES = {
    "segment_name": Column("Сегмент", width=200),
    "top_categories": Column("Любимые категории", width=280),
    "top_reasons": Column("Частые причины", width=280),
}
PROFILE = {
    "measure_name": Column("Показатель", width=240),
    "target_text": Column("Целевой сегмент", width=110),
    "others_text": Column("Остальные покупатели", width=110),
    "difference_text": Column("Разница", width=100),
}


def grid(segments: pd.DataFrame, bands: pd.DataFrame) -> None:
    money = ui.money()
    segments = segments.sort_values("segment_order")
    # The mart orders segments from the most valuable, so value bands come high → low in that order.
    value_order = list(dict.fromkeys(segments["value_band_name"]))
    risk_order = bands.sort_values("band_order")["risk_band_name"].tolist()
    with ui.wide("segment-grid"):
        ui.chart(charts.segment_heatmap(segments, risk_order, value_order, money))
    with ui.phone("segment-grid"):
        ui.chart(charts.segment_heatmap(segments, risk_order, value_order, money, compact=True))
    notes = ["Обведён целевой сегмент — ценные покупатели под угрозой ухода."]
    cutoffs = ui.optional_table(
        "report_overview", "medium_risk_from high_risk_from medium_value_from_profit high_value_from_profit"
    )
    if cutoffs is not None and len(cutoffs):
        cutoff = cutoffs.iloc[0]
        medium, high = (
            labels.fmt_share(cutoff["medium_risk_from"], 0),
            labels.fmt_share(cutoff["high_risk_from"], 0),
        )
        notes.append(
            f"Риск: средний — вероятность снижения активности от {medium}, высокий — от {high}. "
            "Ценность (трети покупателей по прибыли): средняя — прибыль от "
            f"{money.screen(cutoff['medium_value_from_profit'])} в месяц, высокая — от "
            f"{money.screen(cutoff['high_value_from_profit'])}."
        )
    st.caption(" ".join(notes))
    columns = summary_columns(money)
    ui.table(segments, columns)
    ui.download(segments, columns, "segmenty.csv")
    st.markdown("**Что любят и почему уходят**")
    ui.table(segments, FAVOURITES)


def target(profile: pd.DataFrame) -> None:
    profile = profile.sort_values("display_order")
    with ui.wide("target-profile"):
        ui.chart(charts.target_profile(profile))
    with ui.phone("target-profile"):
        ui.chart(charts.target_profile(profile, wrap_at=18))
    shares = profile["is_share"].fillna(False).tolist()
    table = profile.assign(
        target_text=list(map(labels.fmt_measure, profile["target_segment_value"], shares)),
        others_text=list(map(labels.fmt_measure, profile["other_customers_value"], shares)),
        difference_text=[
            labels.fmt_points(value) if share else labels.fmt_signed(value)
            for value, share in zip(profile["difference"], shares, strict=True)
        ],
    )
    st.caption("Доли — в процентах, их разница — в процентных пунктах (п. п.).")
    ui.table(table, PROFILE, height=ui.table_height(len(table)))


ui.section(
    "Риск × ценность",
    {
        "report_segments": (
            "segment segment_order",
            *charts.segment_heatmap.columns,
            *summary_columns(labels.NUMBER),
            *FAVOURITES,
        ),
        "report_risk_bands": "risk_band_name band_order",
    },
    render=grid,
)
ui.section(
    "Чем выделяется целевой сегмент",
    {"report_target_profile": ("difference display_order", *charts.target_profile.columns)},
    render=target,
    help_text="Средние значения у ценных покупателей под угрозой ухода против всех остальных.",
)
