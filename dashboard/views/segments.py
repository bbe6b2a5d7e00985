"""Сегменты: the risk × value grid, and what sets the target segment apart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, ui

ui.page_header(
    "Сегменты",
    "Покупатели разбиты по риску снижения активности и по прибыли, которую они приносят. "
    "Цвет клетки — ожидаемые потери прибыли в месяц.",
)
SUMMARY = {
    "segment_name": st.column_config.TextColumn("Сегмент", pinned=True, width=240),
    "customers": ui.number_column("Покупателей", 0, width=100),
    "mean_decline_probability": ui.probability_column("Вероятность (средняя)", width=150),
    "known_decline_share": ui.share_column(
        "Снизили",
        "Среди покупателей сегмента с известным исходом — доля тех, у кого активность снизилась.",
        width=130,
    ),
    "mean_monthly_profit": ui.number_column("Прибыль (средняя)", 2, "Средняя прибыль в месяц.", 130),
    "total_expected_loss": ui.number_column("Потери в месяц", 2, "Ожидаемые потери прибыли.", 120),
    "share_of_expected_loss": ui.share_column("Доля потерь", "Доля сегмента во всех ожидаемых потерях.", 100),
}
FAVOURITES = {
    "segment_name": st.column_config.TextColumn("Сегмент", width=240),
    "top_categories": "Любимые категории",
    "top_reasons": "Частые причины",
}


def grid(segments: pd.DataFrame, bands: pd.DataFrame) -> None:
    segments = segments.sort_values("segment_order")
    # The mart orders segments from the most valuable, so value bands come high → low in that order.
    value_order = list(dict.fromkeys(segments["value_band_name"]))
    risk_order = bands.sort_values("band_order")["risk_band_name"].tolist()
    ui.chart(charts.segment_heatmap(segments, risk_order, value_order))
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
            f"{labels.fmt_number(cutoff['medium_value_from_profit'])} в месяц, высокая — от "
            f"{labels.fmt_number(cutoff['high_value_from_profit'])}."
        )
    st.caption(" ".join(notes))
    ui.dataframe(segments, SUMMARY)
    st.markdown("**Что любят и почему уходят**")
    ui.dataframe(segments, FAVOURITES)


def target(profile: pd.DataFrame) -> None:
    profile = profile.sort_values("display_order")
    ui.chart(charts.target_profile(profile))
    shares = profile["is_share"].fillna(False).tolist()
    table = pd.DataFrame(
        {
            "Показатель": profile["measure_name"].tolist(),
            "Целевой сегмент": list(map(labels.fmt_measure, profile["target_segment_value"], shares)),
            "Остальные покупатели": list(map(labels.fmt_measure, profile["other_customers_value"], shares)),
            "Разница": [
                labels.fmt_points(value) if share else labels.fmt_signed(value)
                for value, share in zip(profile["difference"], shares, strict=True)
            ],
        }
    )
    st.caption("Доли — в процентах, их разница — в процентных пунктах (п. п.).")
    numbers = {name: st.column_config.TextColumn(name, alignment="right") for name in table.columns[1:]}
    st.dataframe(table, hide_index=True, height=ui.table_height(len(table)), column_config=numbers)


ui.section(
    "Риск × ценность",
    {
        "report_segments": ("segment segment_order", *charts.segment_heatmap.columns, *SUMMARY, *FAVOURITES),
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
