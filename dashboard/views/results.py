"""Результаты: did the risk the model promised come true, and did each offer keep anyone.

Both answers need a later export: until a period's predictions meet their outcomes the page says so.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from one_click.dashboard import labels, ui
from one_click.dashboard.ui import Column, Figure

ui.page_header(
    "Результаты",
    "Сбылся ли прогноз риска и удержали ли предложения покупателей — по исходам из следующих выгрузок.",
)
NO_OUTCOMES = (
    "Исходов пока нет: они появятся, когда будет собрана выгрузка не раньше чем через три месяца после "
    "периода прогноза (см. README, «Closing the loop»)."
)
RUBLES = labels.money("₽", 0)  # profit kept is reckoned in rubles by the mart (profit_kept_rub)
UPLIFT = {
    "offer_text": Column("Предложение", width=220),
    "treated_customers": Column("Получили", labels.COUNT, width=90),
    "control_customers": Column("Контроль", labels.COUNT, width=90),
    "treated_decline_rate": Column("Снижение: получили", labels.SHARE, width=110),
    "control_decline_rate": Column("Снижение: контроль", labels.SHARE, width=110),
    "uplift": Column("Эффект", labels.SHARE, "Доля снижения в контроле минус доля среди получивших.", 90),
    "uplift_ci_low": Column("95 % от", labels.SHARE, width=80),
    "uplift_ci_high": Column("95 % до", labels.SHARE, width=80),
    "p_value": Column("p-значение", labels.SCORE, width=90),
    "profit_kept_rub": Column("Сохранённая прибыль", RUBLES, "За вычетом стоимости предложений.", 140),
    "verdict": Column("Вывод", width=260),
}
QUALITY = {
    "export_date": Column("Период прогноза", width=110),
    "segment_name": Column("Сегмент", width=200),
    "customers_with_outcome": Column("С исходом", labels.COUNT, width=90),
    "promised_roc_auc": Column("ROC-AUC обещанный", labels.SCORE, width=110),
    "realised_roc_auc": Column("ROC-AUC на исходах", labels.SCORE, width=110),
    "brier_score": Column("Brier на исходах", labels.SCORE, width=100),
    "promised_brier_score": Column("Brier обещанный", labels.SCORE, width=100),
}


def dated(frame: pd.DataFrame) -> pd.DataFrame:
    """The scoring period written as every page writes a calendar date."""
    return frame.assign(export_date=frame["export_date"].map(labels.fmt_calendar_date))


def risk(quality: pd.DataFrame, calibration: pd.DataFrame) -> None:
    if quality.empty:
        st.markdown(f":material/schedule: {NO_OUTCOMES}")
        return
    measured = quality[quality["population"] == "unchangeable"].sort_values(["export_date", "segment"])
    latest = measured[(measured["segment"] == "all")].iloc[-1]
    ui.figures(
        Figure("ROC-AUC обещанный", labels.SCORE.screen(latest["promised_roc_auc"])),
        Figure(
            "ROC-AUC на исходах",
            labels.SCORE.screen(latest["realised_roc_auc"]),
            f"{labels.fmt_int(latest['customers_with_outcome'])} покупателей без предложения",
            "Покупатели, чей исход не могло изменить предложение: контрольная группа и те, кому его "
            "не отправили.",
        ),
    )
    ui.table(dated(measured), QUALITY)
    latest_bins = calibration[calibration["export_date"] == latest["export_date"]]
    st.caption("Калибровка на исходах: средняя вероятность против доли снизивших активность, по интервалам.")
    ui.chart(
        alt.Chart(latest_bins)
        .mark_circle(size=80)
        .encode(
            x=alt.X("mean_predicted_probability:Q", title="Прогноз", scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("observed_decline_rate:Q", title="Исход", scale=alt.Scale(domain=[0, 1])),
            tooltip=["customers_with_outcome:Q"],
        )
    )
    treated = quality[(quality["population"] == "treated") & (quality["segment"] == "all")]
    if not treated.empty:
        st.caption("Получившие предложение показаны отдельно: их исходы изменены предложениями.")
        ui.table(dated(treated), QUALITY)


def offers(uplift: pd.DataFrame) -> None:
    pooled = uplift[uplift["export_date"].isna() & (uplift["segment"] == "all")]
    if pooled.empty:
        st.markdown(f":material/schedule: {NO_OUTCOMES}")
        return
    st.caption(
        "Все периоды вместе. Эффект — насколько реже снижалась активность у получивших предложение, чем у "
        "контрольной группы; где клиентов пока мало, вывод говорит, сколько ещё нужно."
    )
    ui.table(pooled.sort_values("treated_customers", ascending=False), UPLIFT)


ui.section(
    "Сбылся ли риск",
    {
        "report_model_realised": (
            "export_date population segment segment_name customers_with_outcome promised_roc_auc "
            "realised_roc_auc brier_score promised_brier_score"
        ),
        "report_model_realised_calibration": (
            "export_date mean_predicted_probability observed_decline_rate customers_with_outcome"
        ),
    },
    render=risk,
)
ui.section(
    "Сработали ли предложения",
    {"report_offer_uplift": ("export_date segment", *UPLIFT)},
    render=offers,
)
