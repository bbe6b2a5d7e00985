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

SEGMENTS = (
    "segment",
    "segment_name",
    "segment_order",
    "risk_band_name",
    "value_band_name",
    "is_target_segment",
    "customers",
    "mean_decline_probability",
    "known_decline_share",
    "mean_monthly_profit",
    "total_expected_loss",
    "share_of_expected_loss",
    "top_categories",
    "top_reasons",
)
RISK_ORDER = ("risk_band_name", "band_order")
CUTOFFS = ("medium_risk_from", "high_risk_from", "medium_value_from_profit", "high_value_from_profit")
PROFILE = (
    "measure_name",
    "is_share",
    "target_segment_value",
    "other_customers_value",
    "difference",
    "relative_difference",
    "display_order",
)
TABLE_COLUMNS = (
    "segment_name",
    "customers",
    "mean_decline_probability",
    "known_decline_share",
    "mean_monthly_profit",
    "total_expected_loss",
    "share_of_expected_loss",
)


def grid(segments: pd.DataFrame, bands: pd.DataFrame) -> None:
    segments = segments.sort_values("segment_order")
    # The mart orders segments from the most valuable, so value bands come high → low in that order.
    value_order = list(dict.fromkeys(segments["value_band_name"]))
    risk_order = bands.sort_values("band_order")["risk_band_name"].tolist()
    ui.chart(charts.segment_heatmap(segments, risk_order, value_order))
    notes = ["Обведён целевой сегмент — ценные покупатели под угрозой ухода."]
    cutoffs = ui.optional_table("report_overview", CUTOFFS)
    if cutoffs is not None and len(cutoffs):
        notes.append(cutoffs_note(cutoffs.iloc[0]))
    st.caption(" ".join(notes))
    st.dataframe(
        segments,
        hide_index=True,
        column_order=TABLE_COLUMNS,
        column_config={
            "segment_name": st.column_config.TextColumn("Сегмент", pinned=True, width=240),
            "customers": ui.count_column("Покупателей", width=100),
            "mean_decline_probability": ui.probability_column("Вероятность (средняя)", width=150),
            "known_decline_share": ui.share_column(
                "Снизили",
                "Среди покупателей сегмента с известным исходом — доля тех, у кого активность снизилась.",
                width=130,
            ),
            "mean_monthly_profit": ui.money_column("Прибыль (средняя)", "Средняя прибыль в месяц.", 130),
            "total_expected_loss": ui.money_column("Потери в месяц", "Ожидаемые потери прибыли.", 120),
            "share_of_expected_loss": ui.share_column(
                "Доля потерь", "Доля сегмента во всех ожидаемых потерях.", 100
            ),
        },
    )
    st.markdown("**Что любят и почему уходят**")
    st.dataframe(
        segments,
        hide_index=True,
        column_order=("segment_name", "top_categories", "top_reasons"),
        column_config={
            "segment_name": st.column_config.TextColumn("Сегмент", width=240),
            "top_categories": st.column_config.TextColumn("Любимые категории"),
            "top_reasons": st.column_config.TextColumn("Частые причины"),
        },
    )


def cutoffs_note(cutoffs: pd.Series) -> str:
    """This build's band cut-offs in words."""
    medium, high = cutoffs["medium_risk_from"], cutoffs["high_risk_from"]
    return (
        f"Риск: средний — вероятность снижения активности от {labels.fmt_share(medium, 0)}, "
        f"высокий — от {labels.fmt_share(high, 0)}. "
        "Ценность (трети покупателей по прибыли): средняя — прибыль от "
        f"{labels.fmt_number(cutoffs['medium_value_from_profit'])} в месяц, высокая — от "
        f"{labels.fmt_number(cutoffs['high_value_from_profit'])}."
    )


def target(profile: pd.DataFrame) -> None:
    profile = profile.sort_values("display_order")
    ui.chart(charts.target_profile(profile))
    shares = profile["is_share"].fillna(False).tolist()
    table = pd.DataFrame(
        {
            "Показатель": profile["measure_name"].tolist(),
            "Целевой сегмент": [
                labels.fmt_measure(value, share)
                for value, share in zip(profile["target_segment_value"], shares, strict=True)
            ],
            "Остальные покупатели": [
                labels.fmt_measure(value, share)
                for value, share in zip(profile["other_customers_value"], shares, strict=True)
            ],
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
    {"report_segments": SEGMENTS, "report_risk_bands": RISK_ORDER},
    render=grid,
)
ui.section(
    "Чем выделяется целевой сегмент",
    {"report_target_profile": PROFILE},
    render=target,
    help_text="Средние значения у ценных покупателей под угрозой ухода против всех остальных.",
)
