"""Russian names and number formats for the store's staff.

The marts carry codes ('high_value_at_risk', 'psi_flag = moderate', dbt statuses); the staff read Russian,
with Russian number conventions (1 234,5; 23,5 %). Unknown codes fall through unchanged, so a code added
by a newer build shows up as itself instead of breaking a page.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from one_click.features import FEATURE_LABELS_RU, LABEL, PROFIT

NBSP = "\u00a0"
MISSING = "—"

FEATURE_LABELS: dict[str, str] = {
    **FEATURE_LABELS_RU,
    LABEL: "Снижение активности (целевой признак)",
    PROFIT: "Прибыль в месяц",
    "has_revenue_outlier": "Выброс в выручке",
    "decline_probability": "Вероятность снижения активности",
    "expected_loss": "Ожидаемая потеря прибыли",
    # Measures of target_segment_profile that are not features themselves.
    "premium_service_share": "Доля с премиум-сервисом",
    "message_consent_share": "Доля с согласием на рассылки",
}

RISK_BANDS: dict[str, str] = {"low": "низкий", "medium": "средний", "high": "высокий"}
VALUE_BANDS: dict[str, str] = {"low": "низкая", "medium": "средняя", "high": "высокая"}

OUTCOMES: dict[str, str] = {
    "declined": "Активность снизилась",
    "kept": "Активность сохранилась",
    "unknown": "Исход неизвестен",
    "all": "Все покупатели",
}

PSI_FLAGS: dict[str, str] = {
    "stable": "стабильно",
    "moderate": "заметный сдвиг",
    "significant": "сильный сдвиг",
}

CHANNELS: dict[str, str] = {
    "email": "письмо на e-mail",
    "phone": "звонок",
    "push": "push-уведомление",
    "sms": "SMS",
    "site": "личный кабинет на сайте",
}

MODEL_FAMILIES: dict[str, str] = {
    "logistic_regression": "логистическая регрессия",
    "decision_tree": "дерево решений",
    "knn": "k ближайших соседей",
    "svc": "метод опорных векторов",
    "hist_gradient_boosting": "градиентный бустинг",
    "extra_trees": "случайный лес (Extra Trees)",
}

TEST_STATUSES: dict[str, str] = {
    "pass": "пройдено",
    "success": "успешно",
    "warn": "предупреждение",
    "fail": "не пройдено",
    "error": "ошибка",
    "runtime error": "ошибка",
    "skipped": "пропущено",
}

RESOURCE_TYPES: dict[str, str] = {
    "test": "проверка",
    "model": "модель",
    "seed": "справочник",
    "operation": "служебный шаг",
    "snapshot": "снимок",
    "unit_test": "юнит-тест",
}

TABLES: dict[str, str] = {
    "customer_features": "Признаки покупателей",
    "customer_predictions": "Прогнозы модели",
    "customer_segments": "Сегменты покупателей",
    "customer_top_reasons": "Главные причины риска по покупателям",
    "feature_importance": "Важность факторов",
    "customer_offers": "Персональные предложения",
    "segment_summary": "Сводка по сегментам",
    "target_segment_profile": "Профиль целевого сегмента",
    "model_summary": "Опубликованная модель",
    "model_candidates": "Модели-кандидаты",
    "model_reliability": "Калибровка модели",
    "feature_profile": "Профиль признаков",
    "feature_histogram": "Гистограммы признаков",
    "feature_correlations": "Связи признаков (phik)",
    "feature_drift": "Дрейф признаков",
}

# What the explanation step writes into feature_importance.direction (one_click.modeling.explain), in the
# staff's words; the arrow forms are the wording of the published contract.
DIRECTIONS: dict[str, str] = {
    "higher_increases_risk": "чем больше, тем выше риск",
    "higher_decreases_risk": "чем больше, тем ниже риск",
    "depends_on_category": "зависит от значения",
    "no_effect": "не влияет",
    "higher value → higher risk": "чем больше, тем выше риск",
    "higher value → lower risk": "чем больше, тем ниже риск",
    "lower value → higher risk": "чем меньше, тем выше риск",
    "lower value → lower risk": "чем меньше, тем ниже риск",
    "mixed": "влияние зависит от покупателя",
    "depends on category": "зависит от значения",
}


def label(mapping: Mapping[str, str], code: object) -> str:
    """The Russian name of `code`, or the code itself when this dashboard does not know it yet."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return MISSING
    return mapping.get(str(code), str(code))


def feature_label(feature: object) -> str:
    return label(FEATURE_LABELS, feature)


def measure_label(measure: object) -> str:
    """A profile measure: a feature ('pages_per_visit') or a feature's value ('favourite_category: Книги')."""
    if isinstance(measure, str) and ": " in measure:
        feature, value = measure.split(": ", 1)
        return f"{feature_label(feature)}: {value}"
    return feature_label(measure)


def direction_label(direction: object) -> str:
    if not isinstance(direction, str):
        return MISSING
    key = direction.strip().lower().replace("->", "→")
    return DIRECTIONS.get(key, direction)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except TypeError:
        return False


def fmt_number(value: object, digits: int = 2) -> str:
    """1234.5 → '1 234,50': Russian decimal comma and non-breaking space between thousands."""
    if _is_missing(value):
        return MISSING
    text = f"{float(value):,.{digits}f}"  # type: ignore[arg-type]
    return text.replace(",", NBSP).replace(".", ",").replace("-", "−")


def fmt_int(value: object) -> str:
    return fmt_number(value, 0)


def fmt_share(value: object, digits: int = 1) -> str:
    """0.2351 → '23,5 %'."""
    if _is_missing(value):
        return MISSING
    return f"{fmt_number(float(value) * 100, digits)}{NBSP}%"  # type: ignore[arg-type]


def fmt_signed(value: object, digits: int = 2) -> str:
    """+0,25 / −0,10: the sign matters when reading a contribution or a difference."""
    if _is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    return ("+" if number > 0 else "") + fmt_number(number, digits)


def display_zone() -> tuple[ZoneInfo | None, str]:
    """The zone the staff read times in (Moscow unless ONE_CLICK_TIMEZONE says otherwise) and its label."""
    name = os.environ.get("ONE_CLICK_TIMEZONE", "Europe/Moscow")
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None, "UTC"
    return zone, "МСК" if name == "Europe/Moscow" else name


def fmt_datetime(value: datetime | None) -> str:
    """'23.11.2026 16:45 МСК'."""
    if value is None:
        return MISSING
    zone, zone_label = display_zone()
    if value.tzinfo is None:  # dbt and the publisher write UTC; a bare time is theirs
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(zone or UTC)
    return f"{value:%d.%m.%Y %H:%M} {zone_label}"
