"""Модель: how well the published model tells who will slip from who will not, whether its probabilities can
be taken at their word, and which models it was chosen from."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, ui
from one_click.dashboard.ui import Column, Figure

ui.page_header("Модель", "Насколько точен прогноз снижения активности и из каких моделей он выбран.")
CANDIDATES = {
    "family_name": Column("Модель", width=200),
    "is_selected": Column("Выбрана", labels.YES_NO, width=80),
    "cv_roc_auc_mean": Column("ROC-AUC при обучении", labels.SCORE, width=110),
    "cv_roc_auc_std": Column("± разброс", labels.SCORE, width=90),
    "brier_score": Column("Brier", labels.SCORE, width=80),
    "fit_seconds": Column("Обучение, с", labels.Format("number", 1), width=90),
    "best_params": Column("Параметры", width=200),
}
QUALITY = (
    "model_id model_family_name trained_at holdout_roc_auc cv_roc_auc_mean cv_roc_auc_std brier_score "
    "training_rows"
)


def quality(model: pd.DataFrame, calibration: pd.DataFrame) -> None:
    model = model.iloc[0]
    if pd.isna(model["model_id"]):
        st.info("Опубликованной модели в этой сборке нет.")
        return
    ui.figures(
        Figure(
            "ROC-AUC",
            labels.SCORE.screen(model["holdout_roc_auc"]),
            "на отложенной выборке",
            "Насколько хорошо модель отличает тех, кто снизит активность, от остальных — на покупателях, "
            "которых она не видела при обучении: 0,5 — не лучше монетки, 1 — без ошибок.",
        ),
        Figure(
            "ROC-AUC при обучении",
            labels.SCORE.screen(model["cv_roc_auc_mean"]),
            f"± {labels.SCORE.screen(model['cv_roc_auc_std'])} по частям данных",
            "Кросс-валидация: среднее и разброс по частям обучающих данных. Маленький разброс — качество "
            "устойчиво.",
        ),
        Figure(
            "Brier",
            labels.SCORE.screen(model["brier_score"]),
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
    st.caption(
        f"Модель: {model['model_family_name']} · обучена {labels.fmt_datetime(trained)} · "
        f"номер `{model['model_id']}`"
    )
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


def candidates(candidates: pd.DataFrame) -> None:
    params = ui.display_names("model_param")
    shown = candidates.sort_values("candidate_order")
    shown = shown.assign(best_params=[labels.fmt_params(value, params) for value in shown["best_params"]])
    ui.table(shown, CANDIDATES)


ui.section(
    "Качество прогноза",
    {"report_overview": QUALITY, "report_model_calibration": ("bin", *charts.calibration.columns)},
    render=quality,
)
ui.section(
    "Какие модели сравнивались",
    {"report_model_candidates": ("candidate_order", *CANDIDATES)},
    render=candidates,
)
