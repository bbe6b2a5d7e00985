"""Обзор: whom to contact this period and through which channel, the profit at stake, the target segment,
whether the model can be trusted, and how the customers spread over the risk bands."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, contacts, labels, ui
from one_click.dashboard.ui import Figure

ui.page_header(
    "Обзор",
    "Кого из постоянных покупателей удержать в этом периоде, через какой канал и сколько прибыли это стоит.",
)
ACTION = (
    "offer_customers offer_expected_loss offer_target_customers target_segment_name target_customers "
    "target_loss_share forecast_horizon_months"
)
TRUST = "model_id holdout_roc_auc out_of_fold_roc_auc min_roc_auc is_model_trusted"
HEADLINE = "customers high_risk_customers high_risk_share expected_loss loss_share_of_profit high_risk_from"


def action(overview: pd.DataFrame, channels: pd.DataFrame) -> None:
    numbers, money = overview.iloc[0], ui.money()
    ui.figures(
        Figure(
            "Связаться в этом периоде",
            f"{labels.fmt_int(numbers['offer_customers'])} покуп.",
            f"из них {labels.fmt_int(numbers['offer_target_customers'])} — целевой сегмент",
            "Покупатели, которым подобрано предложение: каждому — через свой канал.",
        ),
        Figure(
            "Прибыль под угрозой",
            money.screen(numbers["offer_expected_loss"]),
            "в месяц у этих покупателей",
            "Сумма по ним вероятности снижения активности × прибыль в месяц.",
        ),
    )
    st.markdown(
        f"Целевой сегмент — **«{numbers['target_segment_name']}»**: "
        f"{labels.fmt_int(numbers['target_customers'])} покупателей, "
        f"{labels.fmt_share(numbers['target_loss_share'])} всех ожидаемых потерь. "
        "С ними работаем в первую очередь."
    )
    st.markdown("**По каналам**")
    ui.table(channels.sort_values("channel_order"), contacts.channel_columns(money))
    customers = ui.optional_table(contacts.SOURCE.list_table, contacts.SOURCE.list_needs())
    link, download = st.columns([1, 1])
    with link:
        st.page_link(
            "views/customers.py",
            label="Открыть список для связи",
            icon=":material/list:",
            query_params={"contact": "1"},
        )
    if customers is not None:
        with download:
            listed = contacts.SOURCE.contacts(customers).sort_values("expected_loss_rank")
            ui.download(listed, contacts.list_columns(money), contacts.FILE_NAME, "Скачать список для связи")


def trust(overview: pd.DataFrame) -> None:
    model = overview.iloc[0]
    if pd.isna(model["model_id"]):
        st.info("Опубликованной модели в этой сборке нет.")
        return
    auc = model["holdout_roc_auc"] if pd.notna(model["holdout_roc_auc"]) else model["out_of_fold_roc_auc"]
    detail = (
        f"ROC-AUC {labels.SCORE.screen(auc)} на покупателях, которых модель не видела при обучении "
        f"(порог публикации {labels.SCORE.screen(model['min_roc_auc'])})."
    )
    if ui.is_true(model["is_model_trusted"]):
        st.success(f"Прогнозу можно доверять: {detail}", icon=":material/verified:")
    else:
        st.warning(f"Прогноз ненадёжен: {detail}", icon=":material/warning:")
    st.page_link("views/model.py", label="Подробнее о модели", icon=":material/model_training:")


def headline(overview: pd.DataFrame, bands: pd.DataFrame) -> None:
    numbers = overview.iloc[0]
    ui.figures(
        Figure("Покупателей", labels.fmt_int(numbers["customers"])),
        Figure(
            "Высокий риск",
            labels.fmt_share(numbers["high_risk_share"]),
            f"{labels.fmt_int(numbers['high_risk_customers'])} покупателей",
            "Доля покупателей с вероятностью снижения активности "
            f"{labels.fmt_share(numbers['high_risk_from'], 0)} и выше.",
        ),
        Figure(
            "Ожидаемые потери",
            ui.money().screen(numbers["expected_loss"]),
            f"в месяц · {labels.fmt_share(numbers['loss_share_of_profit'])} прибыли",
            "Сколько прибыли в месяц магазин рискует потерять: сумма по покупателям произведения "
            "вероятности снижения активности на прибыль от покупателя.",
        ),
    )
    st.markdown("**Покупатели по уровню риска**")
    ui.chart(charts.risk_bands(bands.sort_values("band_order")))


ui.section(
    "Что сделать в этом периоде",
    {
        "report_overview": ACTION,
        contacts.SOURCE.summary_table: ("channel_order", *contacts.channel_columns(ui.money())),
    },
    render=action,
)
ui.section(None, {"report_overview": TRUST}, render=trust)
ui.section(
    "Риск и потери",
    {"report_overview": HEADLINE, "report_risk_bands": ("band_order", *charts.risk_bands.columns)},
    render=headline,
)
