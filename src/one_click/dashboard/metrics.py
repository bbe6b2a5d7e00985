"""The numbers and tables each page shows, computed from the published marts.

Pure pandas, no Streamlit: every figure a page displays comes from a function here and is unit-tested
against hand-computed values. Inputs are never modified (the dashboard's cache shares one frame per build
between all sessions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from one_click.dashboard import labels
from one_click.dashboard.snapshot import RunResults, Snapshot
from one_click.features import CATEGORICAL_FEATURES, CUSTOMER_ID, LABEL, NUMERIC_FEATURES, PROFIT
from one_click.segments import RISK_BANDS, SEGMENTS, VALUE_BANDS

# Segments listed from the most to the least valuable, and within a value band from the most at risk:
# the order the marketing team works through them.
SEGMENT_ORDER: tuple[str, ...] = tuple(
    SEGMENTS[(value, risk)][0] for value in reversed(VALUE_BANDS) for risk in reversed(RISK_BANDS)
)
PROBLEM_STATUSES = ("fail", "error", "runtime error", "warn")
CUSTOMER_LIST_LIMIT = 500  # rows sent to the browser; the search narrows the rest


def segment_rank(codes: Iterable[str]) -> list[int]:
    """Sort keys for segment codes in SEGMENT_ORDER; codes a newer build adds go last."""
    return [SEGMENT_ORDER.index(code) if code in SEGMENT_ORDER else len(SEGMENT_ORDER) for code in codes]


def order_segments(frame: pd.DataFrame, column: str = "segment") -> pd.DataFrame:
    keys = pd.Series(segment_rank(frame[column].astype(str)), index=frame.index)
    return frame.assign(_order=keys).sort_values(["_order", column]).drop(columns="_order")


# ----------------------------------------------------------------------------------------------- overview


@dataclass(frozen=True)
class Overview:
    customers: int
    high_risk_customers: int
    high_risk_share: float
    medium_risk_customers: int
    monthly_profit: float
    expected_loss: float
    loss_share_of_profit: float
    target_customers: int
    target_expected_loss: float
    target_loss_share: float


def overview(segments: pd.DataFrame) -> Overview:
    """Headline numbers from customer_segments (one row per customer)."""
    customers = len(segments)
    high = int(segments["risk_band"].eq("high").sum())
    profit = float(segments["monthly_profit"].sum())
    loss = float(segments["expected_loss"].sum())
    target = segments["is_target_segment"].fillna(False).astype(bool)
    target_loss = float(segments.loc[target, "expected_loss"].sum())
    return Overview(
        customers=customers,
        high_risk_customers=high,
        high_risk_share=high / customers if customers else np.nan,
        medium_risk_customers=int(segments["risk_band"].eq("medium").sum()),
        monthly_profit=profit,
        expected_loss=loss,
        loss_share_of_profit=loss / profit if profit else np.nan,
        target_customers=int(target.sum()),
        target_expected_loss=target_loss,
        target_loss_share=target_loss / loss if loss else np.nan,
    )


def risk_bands(segments: pd.DataFrame) -> pd.DataFrame:
    """Customers and expected loss per risk band, low → high, every band present."""
    grouped = segments.groupby("risk_band", observed=True).agg(
        customers=(CUSTOMER_ID, "size"), expected_loss=("expected_loss", "sum")
    )
    frame = grouped.reindex(list(RISK_BANDS), fill_value=0).rename_axis("risk_band").reset_index()
    frame["customers"] = frame["customers"].astype("int64")
    frame["risk_label"] = [labels.label(labels.RISK_BANDS, band) for band in frame["risk_band"]]
    total = frame["customers"].sum()
    frame["share"] = frame["customers"] / total if total else np.nan
    return frame


def published_model(model_summary: pd.DataFrame) -> pd.Series | None:
    """The published model's row (the latest trained, should the table ever hold more than one)."""
    if model_summary.empty:
        return None
    return model_summary.sort_values("trained_at", na_position="first").iloc[-1]


def candidates_table(candidates: pd.DataFrame) -> pd.DataFrame:
    frame = candidates.sort_values(["is_selected", "cv_roc_auc_mean"], ascending=False)
    return pd.DataFrame(
        {
            "Модель": [labels.label(labels.MODEL_FAMILIES, family) for family in frame["family"]],
            "Выбрана": frame["is_selected"].fillna(False).astype(bool).to_numpy(),
            "ROC-AUC (кросс-валидация)": frame["cv_roc_auc_mean"].to_numpy(),
            "± разброс": frame["cv_roc_auc_std"].to_numpy(),
            "Brier": frame["brier_score"].to_numpy(),
            "Обучение, с": frame["fit_seconds"].to_numpy(),
            "Параметры": frame["best_params"].astype(str).to_numpy(),
        }
    )


# ----------------------------------------------------------------------------------------------- segments


def segment_grid(summary: pd.DataFrame) -> pd.DataFrame:
    """All nine risk × value cells (empty ones with zeros), with Russian axis labels."""
    cells = pd.DataFrame(
        [
            {"value_band": value, "risk_band": risk, "segment": SEGMENTS[(value, risk)][0]}
            for value in VALUE_BANDS
            for risk in RISK_BANDS
        ]
    )
    known = summary[
        [
            "value_band",
            "risk_band",
            "segment_name",
            "is_target_segment",
            "customers",
            "total_expected_loss",
            "share_of_expected_loss",
            "mean_decline_probability",
        ]
    ]
    grid = cells.merge(known, on=["value_band", "risk_band"], how="left")
    fallback_names = pd.Series({code: name for code, name in SEGMENTS.values()})
    grid["segment_name"] = grid["segment_name"].fillna(grid["segment"].map(fallback_names))
    grid["customers"] = grid["customers"].fillna(0).astype("int64")
    grid["total_expected_loss"] = grid["total_expected_loss"].fillna(0.0)
    grid["share_of_expected_loss"] = grid["share_of_expected_loss"].fillna(0.0)
    grid["is_target_segment"] = grid["is_target_segment"].fillna(False).astype(bool)
    grid["risk_label"] = [labels.RISK_BANDS[band] for band in grid["risk_band"]]
    grid["value_label"] = [labels.VALUE_BANDS[band] for band in grid["value_band"]]
    return grid


def cutoffs_note(segments: pd.DataFrame) -> str:
    """The band cut-offs of this build in words (every customer_segments row carries the same ones)."""
    first = segments.iloc[0]
    medium_risk, high_risk = (
        labels.fmt_share(first["medium_risk_from"], 0),
        labels.fmt_share(first["high_risk_from"], 0),
    )
    return (
        f"Риск: средний — вероятность снижения активности от {medium_risk}, высокий — от {high_risk}. "
        "Ценность (трети покупателей по прибыли): средняя — прибыль от "
        f"{labels.fmt_number(first['medium_value_from_profit'])} в месяц, высокая — от "
        f"{labels.fmt_number(first['high_value_from_profit'])}."
    )


def segment_table(summary: pd.DataFrame) -> pd.DataFrame:
    frame = order_segments(summary)
    return pd.DataFrame(
        {
            "Сегмент": frame["segment_name"].to_numpy(),
            "Целевой": frame["is_target_segment"].fillna(False).astype(bool).to_numpy(),
            "Покупателей": frame["customers"].to_numpy(),
            "Средняя вероятность снижения": frame["mean_decline_probability"].to_numpy(),
            "Доля снизивших активность (известные)": frame["known_decline_share"].to_numpy(),
            "Средняя прибыль в месяц": frame["mean_monthly_profit"].to_numpy(),
            "Ожидаемые потери в месяц": frame["total_expected_loss"].to_numpy(),
            "Доля потерь": frame["share_of_expected_loss"].to_numpy(),
            "Любимые категории": frame["top_categories"].astype(str).to_numpy(),
            "Частые причины": frame["top_reasons"].astype(str).to_numpy(),
        }
    )


def target_profile(profile: pd.DataFrame) -> pd.DataFrame:
    """The target segment against everyone else, with a relative difference where it means something."""
    others = pd.to_numeric(profile["other_customers_value"], errors="coerce")
    difference = pd.to_numeric(profile["difference"], errors="coerce")
    relative = (difference / others.abs()).where(others.abs() > 1e-12)
    return pd.DataFrame(
        {
            "measure": profile["measure"].to_numpy(),
            "Показатель": [labels.measure_label(measure) for measure in profile["measure"]],
            "Целевой сегмент": pd.to_numeric(profile["target_segment_value"], errors="coerce").to_numpy(),
            "Остальные покупатели": others.to_numpy(),
            "Разница": difference.to_numpy(),
            "relative_difference": relative.to_numpy(),
        }
    )


def is_share_measure(measure: str) -> bool:
    """Shares (0..1) read as percentages: '*_share' measures and one favourite category's share."""
    return measure.endswith("_share") or measure.startswith("favourite_category: ")


def target_profile_table(frame: pd.DataFrame) -> pd.DataFrame:
    """`target_profile` as text for reading, largest relative difference first: shares in %, their
    differences in percentage points, everything else as numbers."""
    frame = frame.sort_values("relative_difference", ascending=False, na_position="last")
    shares = [is_share_measure(str(measure)) for measure in frame["measure"]]

    def values(column: str) -> list[str]:
        return [
            labels.fmt_share(value) if share else labels.fmt_number(value)
            for value, share in zip(frame[column], shares, strict=True)
        ]

    return pd.DataFrame(
        {
            "Показатель": frame["Показатель"].to_numpy(),
            "Целевой сегмент": values("Целевой сегмент"),
            "Остальные покупатели": values("Остальные покупатели"),
            "Разница": [
                f"{labels.fmt_signed(value * 100, 1)} п. п." if share else labels.fmt_signed(value)
                for value, share in zip(frame["Разница"], shares, strict=True)
            ],
        }
    )


# ---------------------------------------------------------------------------------------------- customers


def customer_list(
    segments: pd.DataFrame,
    offers: pd.DataFrame | None,
    query: str = "",
    segment_codes: Sequence[str] = (),
) -> pd.DataFrame:
    """Customers by expected loss (largest first), narrowed by an id fragment and segments."""
    frame = segments
    if query.strip():
        digits = query.strip().lstrip("№#").strip()
        frame = frame[frame[CUSTOMER_ID].astype(str).str.contains(digits, regex=False)]
    if segment_codes:
        frame = frame[frame["segment"].isin(list(segment_codes))]
    frame = frame.sort_values("expected_loss_rank")
    columns = [
        CUSTOMER_ID,
        "expected_loss_rank",
        "segment_name",
        "decline_probability",
        PROFIT,
        "expected_loss",
    ]
    frame = frame[columns]
    if offers is not None:
        frame = frame.merge(offers[[CUSTOMER_ID, "offer_text", "channel"]], on=CUSTOMER_ID, how="left")
        frame["channel"] = [labels.label(labels.CHANNELS, channel) for channel in frame["channel"]]
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class CustomerCard:
    customer_id: int
    segment: pd.Series  # the customer's customer_segments row
    prediction: pd.Series | None
    reasons: pd.DataFrame  # reason_rank order, with `label` and `effect`
    offer: pd.Series | None
    features: pd.Series | None


def customer_card(
    customer_id: int,
    segments: pd.DataFrame,
    predictions: pd.DataFrame | None = None,
    reasons: pd.DataFrame | None = None,
    offers: pd.DataFrame | None = None,
    features: pd.DataFrame | None = None,
) -> CustomerCard | None:
    """Everything the dashboard knows about one customer, or None when the id is not in this build."""

    def row(frame: pd.DataFrame | None) -> pd.Series | None:
        if frame is None:
            return None
        rows = frame[frame[CUSTOMER_ID] == customer_id]
        return None if rows.empty else rows.iloc[0]

    segment = row(segments)
    if segment is None:
        return None
    if reasons is None:
        own = pd.DataFrame(
            columns=["reason_rank", "label", "contribution", "feature_value", "effect", "value_text"]
        )
    else:
        own = reasons[reasons[CUSTOMER_ID] == customer_id].sort_values("reason_rank")
        own = own.assign(
            label=[
                text if isinstance(text, str) and text else labels.feature_label(feature)
                for text, feature in zip(own["feature_label"], own["feature"], strict=True)
            ],
            effect=np.where(own["contribution"] > 0, "повышает риск", "снижает риск"),
            value_text=[feature_value_text(value) for value in own["feature_value"]],
        )
    return CustomerCard(
        customer_id=customer_id,
        segment=segment,
        prediction=row(predictions),
        reasons=own.reset_index(drop=True),
        offer=row(offers),
        features=row(features),
    )


def prediction_note(prediction: pd.Series) -> str:
    """What the customer's probability is: a check on a known outcome, or a forecast."""
    outcome = prediction["is_activity_declined"]
    if outcome is None or outcome is pd.NA or (isinstance(outcome, float) and np.isnan(outcome)):
        return "Исход пока неизвестен: вероятность — прогноз модели."
    actual = "снизилась" if bool(outcome) else "сохранилась"
    if prediction["prediction_kind"] == "out_of_fold":
        return f"Исход уже известен: активность {actual}. Вероятность — от модели, обученной без него."
    return f"Исход уже известен: активность {actual}."


def feature_value_text(value: object) -> str:
    """A published feature value (text) in Russian notation: '0.58' → '0,58'; words stay as they are."""
    if value is None or value is pd.NA:
        return labels.MISSING
    text = str(value)
    try:
        number = float(text)
    except ValueError:
        return text
    return labels.fmt_int(number) if number.is_integer() else labels.fmt_number(number, 2)


# ------------------------------------------------------------------------------------------------ drivers


def importance(feature_importance: pd.DataFrame) -> pd.DataFrame:
    """Features by mean absolute contribution, largest first, with the direction in words."""
    frame = feature_importance.sort_values("mean_abs_contribution", ascending=False).reset_index(drop=True)
    return frame.assign(
        label=[
            text if isinstance(text, str) and text else labels.feature_label(feature)
            for text, feature in zip(frame["feature_label"], frame["feature"], strict=True)
        ],
        direction_label=[labels.direction_label(direction) for direction in frame["direction"]],
    )


def driver_features(features: pd.DataFrame, ranked: Sequence[str] = ()) -> list[str]:
    """Features a segment comparison can show: the ranked ones first, then the rest of the mart's."""
    known = [name for name in (*CATEGORICAL_FEATURES, *NUMERIC_FEATURES) if name in features.columns]
    first = [name for name in ranked if name in known]
    return first + [name for name in known if name not in first]


def is_numeric_driver(features: pd.DataFrame, feature: str) -> bool:
    """Numbers and yes/no flags compare by their mean per segment; text categories by their shares."""
    column = features[feature]
    return pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)


def _with_segments(features: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    return features.merge(segments[[CUSTOMER_ID, "segment", "segment_name"]], on=CUSTOMER_ID, how="inner")


def driver_means_by_segment(
    features: pd.DataFrame, segments: pd.DataFrame, driver_names: Sequence[str]
) -> pd.DataFrame:
    """Mean of each numeric driver per segment against all customers' mean.

    Long: segment, segment_name, feature, label, mean, overall_mean, relative_difference (segment mean
    over the overall mean, minus 1; NULL when the overall mean is 0, where a ratio says nothing).
    """
    joined = _with_segments(features, segments)
    rows = []
    for feature in driver_names:
        values = pd.to_numeric(joined[feature].astype("Float64"), errors="coerce")
        overall = float(values.mean()) if values.notna().any() else np.nan
        means = values.groupby(joined["segment"]).mean()
        names = joined.groupby("segment")["segment_name"].first()
        for segment, mean in means.items():
            mean = float(mean) if pd.notna(mean) else np.nan
            rows.append(
                {
                    "segment": segment,
                    "segment_name": names[segment],
                    "feature": feature,
                    "label": labels.feature_label(feature),
                    "mean": mean,
                    "overall_mean": overall,
                    "relative_difference": mean / overall - 1 if abs(overall) > 1e-12 else np.nan,
                }
            )
    columns = ["segment", "segment_name", "feature", "label", "mean", "overall_mean", "relative_difference"]
    frame = pd.DataFrame(rows, columns=columns)
    return order_segments(frame).reset_index(drop=True)


def category_shares_by_segment(features: pd.DataFrame, segments: pd.DataFrame, feature: str) -> pd.DataFrame:
    """Share of each category of `feature` within each segment (shares of a segment sum to 1)."""
    joined = _with_segments(features, segments)
    values = joined[feature].astype("string").fillna("нет данных")
    counts = (
        pd.DataFrame(
            {"segment": joined["segment"], "segment_name": joined["segment_name"], "category": values}
        )
        .groupby(["segment", "segment_name", "category"])
        .size()
        .rename("customers")
        .reset_index()
    )
    counts["share"] = counts["customers"] / counts.groupby("segment")["customers"].transform("sum")
    return order_segments(counts).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------- data


def published_tables(snapshot: Snapshot, expected: Iterable[str]) -> pd.DataFrame:
    """Every table the dashboard knows with its row count in this build (NULL when not published)."""
    names = list(dict.fromkeys([*expected, *snapshot.row_counts]))
    return pd.DataFrame(
        {
            "Таблица": [labels.label(labels.TABLES, name) for name in names],
            "Имя в сборке": names,
            "Строк": pd.array([snapshot.row_counts.get(name) for name in names], dtype="Int64"),
        }
    )


def published_summary(published: pd.DataFrame) -> str:
    """'Таблиц в сборке: 14 из 15; нет: Дрейф признаков.' from `published_tables`."""
    missing = published.loc[published["Строк"].isna(), "Таблица"].tolist()
    text = f"Таблиц в сборке: {len(published) - len(missing)} из {len(published)}"
    return text + (f"; нет: {', '.join(missing)}." if missing else ".")


@dataclass(frozen=True)
class ChecksSummary:
    tests: int
    by_status: dict[str, int]  # tests only, dbt's status codes
    problems: pd.DataFrame  # every node (test, model, ...) that failed, errored or warned
    skipped_nodes: int

    @property
    def passed(self) -> bool:
        return self.problems.empty and self.skipped_nodes == 0


def checks_summary(run_results: RunResults) -> ChecksSummary:
    tests = [node for node in run_results.results if node.resource_type in ("test", "unit_test")]
    problems = [node for node in run_results.results if node.status in PROBLEM_STATUSES]
    # Errors first, then failures, then warnings: what blocks a build before what merely warns.
    severity = {"error": 0, "runtime error": 0, "fail": 1, "warn": 2}
    problems.sort(key=lambda node: (severity.get(node.status, 3), node.name))
    frame = pd.DataFrame(
        {
            "Статус": [labels.label(labels.TEST_STATUSES, node.status) for node in problems],
            "Что": [labels.label(labels.RESOURCE_TYPES, node.resource_type) for node in problems],
            "Название": [node.name for node in problems],
            "Строк с нарушением": pd.array([node.failures for node in problems], dtype="Int64"),
            "Сообщение": [node.message for node in problems],
        }
    )
    return ChecksSummary(
        tests=len(tests),
        by_status=dict(Counter(node.status for node in tests)),
        problems=frame,
        skipped_nodes=sum(node.status == "skipped" for node in run_results.results),
    )


def histogram(feature_histogram: pd.DataFrame, feature: str, outcomes: Sequence[str]) -> pd.DataFrame:
    frame = feature_histogram[
        (feature_histogram["feature"] == feature) & feature_histogram["outcome"].isin(list(outcomes))
    ]
    return frame.assign(
        outcome_label=[labels.label(labels.OUTCOMES, outcome) for outcome in frame["outcome"]]
    ).sort_values(["outcome", "bin_index"])


def category_profile(feature_profile: pd.DataFrame, feature: str, outcomes: Sequence[str]) -> pd.DataFrame:
    frame = feature_profile[
        (feature_profile["feature"] == feature)
        & feature_profile["outcome"].isin(list(outcomes))
        & feature_profile["category"].notna()
    ]
    return frame.assign(
        outcome_label=[labels.label(labels.OUTCOMES, outcome) for outcome in frame["outcome"]]
    )


def numeric_profile(feature_profile: pd.DataFrame, feature: str) -> pd.DataFrame:
    """Summary statistics of a numeric feature, one row per outcome, Russian column names."""
    frame = feature_profile[(feature_profile["feature"] == feature) & feature_profile["category"].isna()]
    order = {outcome: index for index, outcome in enumerate(labels.OUTCOMES)}
    frame = frame.sort_values("outcome", key=lambda outcomes: outcomes.map(order))
    return pd.DataFrame(
        {
            "Группа": [labels.label(labels.OUTCOMES, outcome) for outcome in frame["outcome"]],
            "Значений": frame["n_values"].to_numpy(),
            "Пропусков": frame["n_missing"].to_numpy(),
            "Среднее": frame["mean"].to_numpy(),
            "Медиана": frame["median"].to_numpy(),
            "Процентиль 5 %": frame["p05"].to_numpy(),
            "Процентиль 95 %": frame["p95"].to_numpy(),
            "Минимум": frame["min_value"].to_numpy(),
            "Максимум": frame["max_value"].to_numpy(),
        }
    )


def profiled_features(feature_profile: pd.DataFrame) -> list[str]:
    """Features in the profile: numeric ones (and profit) first, they have histograms; then categories."""
    present = list(dict.fromkeys(feature_profile["feature"].astype(str)))
    known = [name for name in (*NUMERIC_FEATURES, PROFIT, *CATEGORICAL_FEATURES) if name in present]
    return known + [name for name in present if name not in known]


def correlation_matrix(correlations: pd.DataFrame) -> pd.DataFrame:
    """The long phik table made symmetric (both halves, plus 1 on the diagonal) with Russian labels."""
    pairs = correlations[["feature_a", "feature_b", "phik", "is_above_threshold", "is_leakage_suspect"]]
    mirrored = pairs.rename(columns={"feature_a": "feature_b", "feature_b": "feature_a"})
    names = list(dict.fromkeys([*pairs["feature_a"], *pairs["feature_b"]]))
    diagonal = pd.DataFrame(
        {
            "feature_a": names,
            "feature_b": names,
            "phik": 1.0,
            "is_above_threshold": False,
            "is_leakage_suspect": False,
        }
    )
    frame = pd.concat([pairs, mirrored, diagonal], ignore_index=True)
    # The label first, then the features in the mart's order, so related columns sit together.
    order = [name for name in (LABEL, *CATEGORICAL_FEATURES, *NUMERIC_FEATURES) if name in names]
    order += [name for name in names if name not in order]
    rank = {name: index for index, name in enumerate(order)}
    frame = frame.sort_values(["feature_a", "feature_b"], key=lambda column: column.map(rank))
    frame = frame.reset_index(drop=True)
    frame["label_a"] = [labels.feature_label(name) for name in frame["feature_a"]]
    frame["label_b"] = [labels.feature_label(name) for name in frame["feature_b"]]
    frame["flag"] = np.select(
        [frame["is_leakage_suspect"].fillna(False), frame["is_above_threshold"].fillna(False)],
        ["возможная утечка", "почти дублируют друг друга"],
        default="",
    )
    return frame


def flagged_pairs(correlations: pd.DataFrame) -> pd.DataFrame:
    flagged = correlations[
        correlations["is_above_threshold"].fillna(False) | correlations["is_leakage_suspect"].fillna(False)
    ].sort_values("phik", ascending=False)
    return pd.DataFrame(
        {
            "Признак 1": [labels.feature_label(name) for name in flagged["feature_a"]],
            "Признак 2": [labels.feature_label(name) for name in flagged["feature_b"]],
            "phik": flagged["phik"].to_numpy(),
            "Почему отмечено": np.where(
                flagged["is_leakage_suspect"].fillna(False),
                "слишком сильно связан с целевым признаком: возможная утечка",
                "почти дублируют друг друга",
            ),
        }
    )


def drift_table(drift: pd.DataFrame) -> pd.DataFrame:
    """Features by PSI, the largest shift first."""
    frame = drift.sort_values("psi", ascending=False, na_position="last")
    return pd.DataFrame(
        {
            "Признак": [labels.feature_label(name) for name in frame["feature"]],
            "Сдвиг": [labels.label(labels.PSI_FLAGS, flag) for flag in frame["psi_flag"]],
            "PSI": frame["psi"].to_numpy(),
            "KS": frame["ks_statistic"].to_numpy(),
            "Пропусков было": frame["reference_missing_share"].to_numpy(),
            "Пропусков стало": frame["current_missing_share"].to_numpy(),
            "Новых значений": frame["current_unseen_share"].to_numpy(),
        }
    )


def drift_rows(drift: pd.DataFrame) -> tuple[int, int]:
    """(reference rows, current rows) the PSI compares: the model's data against this build's."""
    return int(drift["n_reference"].max()), int(drift["n_current"].max())


def drift_counts(drift: pd.DataFrame) -> dict[str, int]:
    counts = drift["psi_flag"].value_counts()
    return {flag: int(counts.get(flag, 0)) for flag in labels.PSI_FLAGS}
