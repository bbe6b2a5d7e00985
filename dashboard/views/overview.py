"""Обзор: how many customers may slip, what it costs, and how far the model can be trusted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, ui
from one_click.dashboard.ui import Figure

ui.page_header(
    "Обзор",
    "Кто из постоянных покупателей может снизить активность в ближайшие месяцы и сколько прибыли это стоит.",
)
CANDIDATES = {
    "family_name": "Модель",
    "is_selected": st.column_config.CheckboxColumn("Выбрана"),
    "cv_roc_auc_mean": ui.number_column("ROC-AUC (кросс-валидация)", 3),
    "cv_roc_auc_std": ui.number_column("± разброс", 3),
    "brier_score": ui.number_column("Brier", 3),
    "fit_seconds": ui.number_column("Обучение, с", 1),
    "best_params": "Параметры",
}


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
            labels.fmt_number(numbers["expected_loss"]),
            f"в месяц · {labels.fmt_share(numbers['loss_share_of_profit'])} прибыли",
            "Сколько прибыли в месяц магазин рискует потерять: сумма по покупателям произведения "
            "вероятности снижения активности на прибыль от покупателя.",
        ),
        Figure(
            "Целевой сегмент",
            labels.fmt_int(numbers["target_customers"]),
            f"{labels.fmt_share(numbers['target_loss_share'])} ожидаемых потерь",
            "Ценные покупатели под угрозой ухода: с ними работаем в первую очередь.",
        ),
    )
    st.markdown("**Покупатели по уровню риска**")
    ui.chart(charts.risk_bands(bands.sort_values("band_order")))


def model_quality(model: pd.DataFrame, calibration: pd.DataFrame) -> None:
    model = model.iloc[0]
    if pd.isna(model["model_id"]):
        st.info("Опубликованной модели в этой сборке нет.")
        return
    ui.figures(
        Figure(
            "ROC-AUC",
            labels.fmt_number(model["holdout_roc_auc"], 3),
            "на отложенной выборке",
            "Насколько хорошо модель отличает тех, кто снизит активность, от остальных — на покупателях, "
            "которых она не видела при обучении: 0,5 — не лучше монетки, 1 — без ошибок.",
        ),
        Figure(
            "ROC-AUC при обучении",
            labels.fmt_number(model["cv_roc_auc_mean"], 3),
            f"± {labels.fmt_number(model['cv_roc_auc_std'], 3)} по частям данных",
            "Кросс-валидация: среднее и разброс по частям обучающих данных. Маленький разброс — качество "
            "устойчиво.",
        ),
        Figure(
            "Brier",
            labels.fmt_number(model["brier_score"], 3),
            "меньше — лучше",
            "Средний квадрат ошибки вероятности: 0 — идеально, 0,25 — как всегда говорить «50 на 50».",
        ),
        Figure(
            "Обучена на",
            labels.fmt_int(model["training_rows"]),
            "покупателях",
            "Покупатели, у которых уже известно, снизилась ли активность.",
        ),
    )
    trained = pd.Timestamp(model["trained_at"]).to_pydatetime() if pd.notna(model["trained_at"]) else None
    family, model_id = model["model_family_name"], model["model_id"]
    st.caption(f"Модель: {family} · обучена {labels.fmt_datetime(trained)} · `{model_id}`")
    plot, explanation = st.columns([3, 2], gap="large")
    with plot:
        ui.chart(charts.calibration(calibration.sort_values("bin")))
    with explanation:
        st.markdown("**Можно ли верить вероятностям**")
        st.markdown(
            "Покупатели с известным исходом сгруппированы по вероятности, которую им дала модель; чем "
            "крупнее точка, тем больше покупателей в группе.\n\n"
            "Если точки лежат на пунктирной диагонали, вероятностям можно верить: из покупателей с "
            "вероятностью 30 % активность на деле снижают около 30 %. Точка выше диагонали — модель "
            "недооценивает риск, ниже — переоценивает."
        )
    candidates = ui.optional_table("report_model_candidates", (*CANDIDATES, "candidate_order"))
    if candidates is not None:
        with st.expander("Какие модели сравнивались"):
            ui.dataframe(candidates.sort_values("candidate_order"), CANDIDATES)


ui.section(
    "Риск и потери",
    {
        "report_overview": "customers high_risk_customers high_risk_share expected_loss loss_share_of_profit "
        "target_customers target_loss_share high_risk_from",
        "report_risk_bands": ("band_order", *charts.risk_bands.columns),
    },
    render=headline,
)
ui.section(
    "Качество модели",
    {
        "report_overview": "model_id model_family_name trained_at holdout_roc_auc cv_roc_auc_mean "
        "cv_roc_auc_std brier_score training_rows",
        "report_model_calibration": ("bin", *charts.calibration.columns),
    },
    render=model_quality,
)
