"""Сегменты: the risk × value grid, and what sets the target segment apart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, metrics, ui

ui.page_header(
    "Сегменты",
    "Покупатели разбиты по риску снижения активности и по прибыли, которую они приносят. "
    "Цвет клетки — ожидаемые потери прибыли в месяц.",
)


def grid(summary: pd.DataFrame) -> None:
    ui.chart(charts.segment_heatmap(metrics.segment_grid(summary)))
    notes = ["Обведён целевой сегмент — ценные покупатели под угрозой ухода."]
    segments = ui.optional_table("customer_segments")
    if segments is not None and len(segments):
        notes.append(metrics.cutoffs_note(segments))
    st.caption(" ".join(notes))
    table = metrics.segment_table(summary)
    st.dataframe(
        table.drop(columns=["Целевой", "Любимые категории", "Частые причины"]),
        hide_index=True,
        column_config={
            "Сегмент": st.column_config.TextColumn("Сегмент", pinned=True, width=240),
            "Покупателей": ui.count_column("Покупателей", width=100),
            "Средняя вероятность снижения": ui.probability_column("Вероятность (средняя)", width=150),
            "Доля снизивших активность (известные)": ui.share_column(
                "Снизили",
                "Среди покупателей сегмента с известным исходом — доля тех, у кого активность снизилась.",
                width=130,
            ),
            "Средняя прибыль в месяц": ui.money_column("Прибыль (средняя)", "Средняя прибыль в месяц.", 130),
            "Ожидаемые потери в месяц": ui.money_column("Потери в месяц", "Ожидаемые потери прибыли.", 120),
            "Доля потерь": ui.share_column("Доля потерь", "Доля сегмента во всех ожидаемых потерях.", 100),
        },
    )
    st.markdown("**Что любят и почему уходят**")
    st.table(table[["Сегмент", "Любимые категории", "Частые причины"]].set_index("Сегмент"))


def target(profile: pd.DataFrame) -> None:
    frame = metrics.target_profile(profile)
    ui.chart(charts.target_profile(frame))
    table = metrics.target_profile_table(frame)
    st.caption("Доли — в процентах, их разница — в процентных пунктах (п. п.).")
    numbers = {name: st.column_config.TextColumn(name, alignment="right") for name in table.columns[1:]}
    st.dataframe(table, hide_index=True, height=ui.table_height(len(table)), column_config=numbers)


ui.section("Риск × ценность", "segment_summary", render=grid)
ui.section(
    "Чем выделяется целевой сегмент",
    "target_segment_profile",
    render=target,
    help_text="Средние значения у ценных покупателей под угрозой ухода против всех остальных.",
)
