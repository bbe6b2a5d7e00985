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
ACTION = "target_segment_name target_customers target_loss_share"
TRUST = "model_id holdout_roc_auc out_of_fold_roc_auc min_roc_auc is_model_trusted"
HEADLINE = "customers high_risk_customers high_risk_share expected_loss loss_share_of_profit high_risk_from"


def action(overview: pd.DataFrame, summary: pd.DataFrame) -> None:
    numbers, totals, money = overview.iloc[0], contacts.all_channels(summary), ui.money()
    ui.figures(
        Figure(
            "Связаться в этом периоде",
            f"{labels.fmt_int(totals['customers'])} покуп.",
            f"из них {labels.fmt_int(totals['target_customers'])} — целевой сегмент",
            "Покупатели из списка для связи: каждому — своё предложение через свой канал, в пределах лимита "
            "канала, кроме контрольной группы.",
        ),
        Figure(
            "Прибыль под угрозой",
            money.screen(totals["expected_loss"]),
            "в месяц у этих покупателей",
            "Сумма по ним вероятности снижения активности × прибыль в месяц.",
        ),
    )
    st.markdown(
        f"Ещё **{labels.fmt_int(totals['waiting_customers'])} покуп.** ждут: не вошли в лимит своего канала "
        f"на этот период. **{labels.fmt_int(totals['control_customers'])} покуп.** — контрольная группа: "
        "предложение им записано, но не отправляется, чтобы измерить его эффект."
    )
    st.markdown(
        f"Целевой сегмент — **«{numbers['target_segment_name']}»**: "
        f"{labels.fmt_int(numbers['target_customers'])} покупателей, "
        f"{labels.fmt_share(numbers['target_loss_share'])} всех ожидаемых потерь. "
        "С ними работаем в первую очередь."
    )
    st.markdown("**По каналам**")
    ui.table(contacts.channel_rows(summary), contacts.channel_columns(money))
    listed = ui.optional_table(contacts.SOURCE.list_table, contacts.SOURCE.list_needs())
    link, download = st.columns([1, 1])
    with link:
        st.page_link(
            "views/customers.py",
            label="Открыть список для связи",
            icon=":material/list:",
            query_params={"contact": "1"},
        )
    if listed is not None:
        with download:
            ui.download(
                listed.sort_values("expected_loss_rank"),
                contacts.list_columns(money),
                contacts.FILE_NAME,
                "Скачать список для связи",
            )


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
        contacts.SOURCE.summary_table: contacts.SOURCE.summary_needs(),
    },
    render=action,
)
ui.section(None, {"report_overview": TRUST}, render=trust)
ui.section(
    "Риск и потери",
    {"report_overview": HEADLINE, "report_risk_bands": ("band_order", *charts.risk_bands.columns)},
    render=headline,
)
