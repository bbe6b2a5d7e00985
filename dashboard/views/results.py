"""Результаты: did the risk the model promised come true, did each offer keep anyone, how many customers
are at risk period by period, and who moved into high risk since the previous period.

The first two answers need a later export, the last a previous period: until then the page says so.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from one_click.dashboard import labels, ui
from one_click.dashboard.ui import Column, Figure

ui.page_header(
    "Результаты",
    "Сбылся ли прогноз риска и удержали ли предложения покупателей — по исходам из следующих выгрузок; "
    "сколько покупателей под угрозой от периода к периоду и кто перешёл в высокий риск.",
)
NO_OUTCOMES = (
    "Исходов пока нет: они появятся, когда будет собрана выгрузка не раньше чем через три месяца после "
    "периода прогноза (см. README, «Closing the loop»)."
)
NO_PREVIOUS_PERIOD = (
    "Предыдущего периода пока нет: кто перешёл в высокий риск, станет видно после сборки следующей выгрузки "
    "(см. README, «Closing the loop»)."
)
MONEY = ui.money()  # every amount in the unit of profit the export format declares (report_money_units)
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
    "profit_kept": Column("Сохранённая прибыль", MONEY, "За вычетом стоимости предложений.", 140),
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
PERIODS = {
    "export_date": Column("Период", width=100),
    "customers": Column("Покупателей", labels.COUNT, width=100),
    "high_risk_customers": Column("Высокий риск", labels.COUNT, width=100),
    "high_risk_share": Column("Доля высокого риска", labels.SHARE, width=110),
    "expected_loss": Column(
        "Ожидаемые потери", MONEY, "Прибыль в месяц, которую магазин рискует потерять.", 140
    ),
    "high_risk_expected_loss": Column("Из них высокий риск", MONEY, width=140),
    "moved_to_high_risk_customers": Column(
        "Перешли в высокий риск",
        labels.COUNT,
        "С прошлого периода; у первого периода сравнивать не с чем.",
        120,
    ),
    "offers_sent": Column("Отправлено предложений", labels.COUNT, width=120),
    "control_customers": Column("Контрольная группа", labels.COUNT, width=110),
}
MOVERS = {
    "customer_id": Column("Покупатель", labels.TEXT, width=90),
    "segment_name": Column("Сегмент", width=200),
    "previous_risk_band_name": Column(
        "Риск в прошлом периоде", help="«—»: в прошлом периоде покупателя не было в выгрузке.", width=130
    ),
    "previous_decline_probability": Column("Вероятность тогда", labels.PROBABILITY, width=110),
    "decline_probability": Column("Вероятность сейчас", labels.PROBABILITY, width=110),
    "expected_loss": Column("Ожидаемая потеря", MONEY, "Вероятность снижения × прибыль в месяц.", 130),
    "offer_text": Column("Предложение", width=240),
    "channel_name": Column("Канал", width=150),
    "is_sent": Column(
        "Отправлено", labels.YES_NO, "Нет — контрольная группа или не хватило мест в канале.", 100
    ),
}
MOVERS_FILE = "pereshli-v-vysokiy-risk.csv"


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


def periods(risk: pd.DataFrame) -> None:
    pooled = risk[risk["segment"] == "all"].sort_values("export_date")
    newest = pooled[pooled["is_newest_period"]].iloc[0]
    ui.figures(
        Figure(
            "Высокий риск",
            labels.fmt_int(newest["high_risk_customers"]),
            f"{labels.fmt_share(newest['high_risk_share'])} покупателей "
            f"на {labels.fmt_calendar_date(newest['export_date'])}",
        ),
        Figure(
            "Ожидаемые потери высокого риска",
            MONEY.screen(newest["high_risk_expected_loss"]),
            f"в месяц · всего {MONEY.screen(newest['expected_loss'])}",
        ),
    )
    ui.table(dated(pooled), PERIODS)


def movers(risk: pd.DataFrame, moved: pd.DataFrame) -> None:
    newest = risk[(risk["segment"] == "all") & risk["is_newest_period"]].iloc[0]
    if labels.is_missing(newest["previous_export_date"]):
        st.markdown(f":material/schedule: {NO_PREVIOUS_PERIOD}")
        return
    since = labels.fmt_calendar_date(newest["previous_export_date"])
    ui.figures(
        Figure(
            "Перешли в высокий риск",
            labels.fmt_int(newest["moved_to_high_risk_customers"]),
            f"с {since}",
            "Покупатели с высоким риском сейчас, у которых в прошлом периоде он был ниже или которых тогда "
            "не было в выгрузке.",
        )
    )
    if moved.empty:
        st.markdown(f"С {since} никто не перешёл в высокий риск.")
        return
    listed = moved.sort_values("expected_loss_rank")
    ui.table(listed, MOVERS)
    ui.download(listed, MOVERS, MOVERS_FILE)


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
ui.section(
    "Риск по периодам",
    {"report_risk_by_period": ("segment is_newest_period", *PERIODS)},
    render=periods,
)
ui.section(
    "Перешли в высокий риск",
    {
        "report_risk_by_period": "segment is_newest_period previous_export_date moved_to_high_risk_customers",
        "report_risk_movers": ("expected_loss_rank", *MOVERS),
    },
    render=movers,
)
