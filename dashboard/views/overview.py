"""Обзор: how many customers may slip, what it costs, and how far the model can be trusted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, metrics, ui

ui.page_header(
    "Обзор",
    "Кто из постоянных покупателей может снизить активность в ближайшие месяцы и сколько прибыли это стоит.",
)


def headline(segments: pd.DataFrame) -> None:
    numbers = metrics.overview(segments)
    high_from = segments["high_risk_from"].iloc[0] if len(segments) else None
    first, second, third, fourth = st.columns(4)
    first.metric("Покупателей", labels.fmt_int(numbers.customers), border=True)
    second.metric(
        "Высокий риск",
        labels.fmt_share(numbers.high_risk_share),
        f"{labels.fmt_int(numbers.high_risk_customers)} покупателей",
        delta_color="off",
        delta_arrow="off",
        help=f"Доля покупателей с вероятностью снижения активности {labels.fmt_share(high_from, 0)} и выше.",
        border=True,
    )
    third.metric(
        "Ожидаемые потери",
        labels.fmt_number(numbers.expected_loss),
        f"в месяц · {labels.fmt_share(numbers.loss_share_of_profit)} прибыли",
        delta_color="off",
        delta_arrow="off",
        help="Сколько прибыли в месяц магазин рискует потерять: сумма по покупателям произведения "
        "вероятности снижения активности на прибыль от покупателя.",
        border=True,
    )
    fourth.metric(
        "Целевой сегмент",
        labels.fmt_int(numbers.target_customers),
        f"{labels.fmt_share(numbers.target_loss_share)} ожидаемых потерь",
        delta_color="off",
        delta_arrow="off",
        help="Ценные покупатели под угрозой ухода: с ними работаем в первую очередь.",
        border=True,
    )
    st.markdown("**Покупатели по уровню риска**")
    ui.chart(charts.risk_bands(metrics.risk_bands(segments)))


def model_quality(summary: pd.DataFrame, reliability: pd.DataFrame) -> None:
    model = metrics.published_model(summary)
    if model is None:
        st.info("Опубликованной модели в этой сборке нет.")
        return
    first, second, third, fourth = st.columns(4)
    first.metric(
        "ROC-AUC",
        labels.fmt_number(model["holdout_roc_auc"], 3),
        "на отложенной выборке",
        delta_color="off",
        delta_arrow="off",
        help="Насколько хорошо модель отличает тех, кто снизит активность, от остальных — на покупателях, "
        "которых она не видела при обучении: 0,5 — не лучше монетки, 1 — без ошибок.",
        border=True,
    )
    second.metric(
        "ROC-AUC при обучении",
        labels.fmt_number(model["cv_roc_auc_mean"], 3),
        f"± {labels.fmt_number(model['cv_roc_auc_std'], 3)} по частям данных",
        delta_color="off",
        delta_arrow="off",
        help="Кросс-валидация: среднее и разброс по частям обучающих данных. Маленький разброс — качество "
        "устойчиво.",
        border=True,
    )
    third.metric(
        "Brier",
        labels.fmt_number(model["brier_score"], 3),
        "меньше — лучше",
        delta_color="off",
        delta_arrow="off",
        help="Средний квадрат ошибки вероятности: 0 — идеально, 0,25 — как всегда говорить «50 на 50».",
        border=True,
    )
    fourth.metric(
        "Обучена на",
        labels.fmt_int(model["training_rows"]),
        "покупателях",
        delta_color="off",
        delta_arrow="off",
        help="Покупатели, у которых уже известно, снизилась ли активность.",
        border=True,
    )
    trained = pd.Timestamp(model["trained_at"]).to_pydatetime() if pd.notna(model["trained_at"]) else None
    st.caption(
        f"Модель: {labels.label(labels.MODEL_FAMILIES, model['family'])} · обучена "
        f"{labels.fmt_datetime(trained)} · `{model['model_id']}`"
    )
    plot, explanation = st.columns([3, 2], gap="large")
    with plot:
        ui.chart(charts.calibration(reliability))
    with explanation:
        st.markdown("**Можно ли верить вероятностям**")
        st.markdown(
            "Покупатели с известным исходом сгруппированы по вероятности, которую им дала модель; чем "
            "крупнее точка, тем больше покупателей в группе.\n\n"
            "Если точки лежат на пунктирной диагонали, вероятностям можно верить: из покупателей с "
            "вероятностью 30 % активность на деле снижают около 30 %. Точка выше диагонали — модель "
            "недооценивает риск, ниже — переоценивает."
        )
    candidates = ui.optional_table("model_candidates")
    if candidates is not None:
        with st.expander("Какие модели сравнивались"):
            st.dataframe(
                metrics.candidates_table(candidates),
                hide_index=True,
                column_config={
                    "ROC-AUC (кросс-валидация)": ui.number_column("ROC-AUC (кросс-валидация)", 3),
                    "± разброс": ui.number_column("± разброс", 3),
                    "Brier": ui.number_column("Brier", 3),
                    "Обучение, с": ui.number_column("Обучение, с", 1),
                },
            )


ui.section("Риск и потери", "customer_segments", render=headline)
ui.section("Качество модели", "model_summary", "model_reliability", render=model_quality)
