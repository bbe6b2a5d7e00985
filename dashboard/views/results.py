"""Результаты: did the risk the model promised come true, and did each offer keep anyone.

Both answers need a later export: until a period's predictions meet their outcomes the page says so.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from one_click.dashboard import labels, ui
from one_click.dashboard.ui import Figure

ui.page_header(
    "Результаты",
    "Сбылся ли прогноз риска и удержали ли предложения покупателей — по исходам из следующих выгрузок.",
)
NO_OUTCOMES = (
    "Исходов пока нет: они появятся, когда будет собрана выгрузка не раньше чем через три месяца после "
    "периода прогноза (см. README, «Closing the loop»)."
)
UPLIFT = {
    "offer_text": "Предложение",
    "treated_customers": ui.number_column("Получили", 0),
    "control_customers": ui.number_column("Контроль", 0),
    "treated_decline_rate": ui.share_column("Снижение: получили"),
    "control_decline_rate": ui.share_column("Снижение: контроль"),
    "uplift": ui.share_column("Эффект", "Доля снижения в контроле минус доля среди получивших."),
    "uplift_ci_low": ui.share_column("95 % от"),
    "uplift_ci_high": ui.share_column("95 % до"),
    "p_value": ui.number_column("p-значение", 3),
    "profit_kept_rub": ui.number_column("Сохранённая прибыль, ₽", 0, "За вычетом стоимости предложений."),
    "verdict": "Вывод",
}
QUALITY = {
    "export_date": "Период прогноза",
    "segment_name": "Сегмент",
    "customers_with_outcome": ui.number_column("С исходом", 0),
    "promised_roc_auc": ui.number_column("ROC-AUC обещанный", 3),
    "realised_roc_auc": ui.number_column("ROC-AUC на исходах", 3),
    "brier_score": ui.number_column("Brier на исходах", 3),
    "promised_brier_score": ui.number_column("Brier обещанный", 3),
}


def risk(quality: pd.DataFrame, calibration: pd.DataFrame) -> None:
    if quality.empty:
        st.markdown(f":material/hourglass_empty: {NO_OUTCOMES}")
        return
    measured = quality[quality["population"] == "unchangeable"].sort_values(["export_date", "segment"])
    latest = measured[(measured["segment"] == "all")].iloc[-1]
    ui.figures(
        Figure("ROC-AUC обещанный", labels.fmt_number(latest["promised_roc_auc"], 3)),
        Figure(
            "ROC-AUC на исходах",
            labels.fmt_number(latest["realised_roc_auc"], 3),
            f"{labels.fmt_int(latest['customers_with_outcome'])} покупателей без предложения",
            "Покупатели, чей исход не могло изменить предложение: контрольная группа и те, кому его "
            "не отправили.",
        ),
    )
    ui.dataframe(measured, QUALITY)
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
        ui.dataframe(treated, QUALITY)


def offers(uplift: pd.DataFrame) -> None:
    pooled = uplift[uplift["export_date"].isna() & (uplift["segment"] == "all")]
    if pooled.empty:
        st.markdown(f":material/hourglass_empty: {NO_OUTCOMES}")
        return
    st.caption(
        "Все периоды вместе. Эффект — насколько реже снижалась активность у получивших предложение, чем у "
        "контрольной группы; где клиентов пока мало, вывод говорит, сколько ещё нужно."
    )
    ui.dataframe(pooled.sort_values("treated_customers", ascending=False), UPLIFT)


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
