"""How every figure is written, in one place: cards, tables, charts and downloads all call these, so a figure
reads the same wherever it appears and whatever the reader's browser locale (tables get the text from here,
not from the browser).

Russian notation: 1 234,5; shares always as percents with a non-breaking space (23,5 %); amounts of money with
their unit (the export format declares it, report_money_units carries it); yes/no in words; dates as
23.11.2026 16:45 МСК. A `Format` also writes the same figure for a Russian Excel (`excel`): the same rounding,
no thousands separator, so Excel reads it as a number.

The Russian names of codes (segments, bands, features, statuses...) are not here: they are data, the
`*_name` columns of the published marts and the `display_names` seed.
"""

from __future__ import annotations

import json
import math
import os
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

NBSP = "\u00a0"
MISSING = "—"
YES, NO = "да", "нет"


def is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except TypeError:
        return False


def _digits(value: float, digits: int, thousands: str) -> str:
    text = f"{value:,.{digits}f}"
    return text.replace(",", thousands).replace(".", ",").replace("-", "−")


def fmt_number(value: object, digits: int = 2) -> str:
    """1234.5 → '1 234,50': Russian decimal comma and non-breaking space between thousands."""
    if is_missing(value):
        return MISSING
    return _digits(float(value), digits, NBSP)  # type: ignore[arg-type]


def fmt_int(value: object) -> str:
    return fmt_number(value, 0)


def fmt_share(value: object, digits: int = 1) -> str:
    """0.2351 → '23,5 %'."""
    if is_missing(value):
        return MISSING
    return f"{fmt_number(float(value) * 100, digits)}{NBSP}%"  # type: ignore[arg-type]


def fmt_money(value: object, unit: str, digits: int = 2) -> str:
    """1234.5, 'у. е.' → '1 234,50 у. е.'."""
    if is_missing(value):
        return MISSING
    number = fmt_number(value, digits)
    return f"{number}{NBSP}{unit.replace(' ', NBSP)}" if unit else number


def fmt_signed(value: object, digits: int = 2) -> str:
    """+0,25 / −0,10: the sign matters when reading a contribution or a difference."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    return ("+" if number > 0 else "") + fmt_number(number, digits)


def fmt_signed_share(value: object, digits: int = 0) -> str:
    """A relative difference: 0.25 → '+25 %'."""
    if is_missing(value):
        return MISSING
    return f"{fmt_signed(float(value) * 100, digits)}{NBSP}%"  # type: ignore[arg-type]


def fmt_points(value: object, digits: int = 1) -> str:
    """A difference of two shares in percentage points: 0.052 → '+5,2 п. п.'."""
    if is_missing(value):
        return MISSING
    return f"{fmt_signed(float(value) * 100, digits)}{NBSP}п.{NBSP}п."  # type: ignore[arg-type]


def fmt_yes_no(value: object) -> str:
    """да / нет for a boolean (also for the text 'true'/'false' a feature value is published as)."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        return {"true": YES, "false": NO}.get(value.strip().lower(), value)
    return YES if bool(value) else NO


def fmt_months(count: int) -> str:
    """3 → '3 месяца', 1 → '1 месяц', 6 → '6 месяцев'."""
    tens, ones = count % 100, count % 10
    word = (
        "месяц"
        if ones == 1 and tens != 11
        else "месяца"
        if 2 <= ones <= 4 and not 12 <= tens <= 14
        else "месяцев"
    )
    return f"{count}{NBSP}{word}"


def fmt_measure(value: object, is_share: object) -> str:
    """A value that is a share (in %) or a plain number, as the mart's `is_share` says."""
    return fmt_share(value) if not is_missing(is_share) and bool(is_share) else fmt_number(value)


def fmt_value(value: object) -> str:
    """A published feature value (text) in Russian notation: '0.58' → '0,58', '4.0' → '4'; words stay."""
    if is_missing(value):
        return MISSING
    text = str(value)
    if text.strip().lower() in ("true", "false"):
        return fmt_yes_no(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return fmt_int(number) if number.is_integer() else fmt_number(number, 2)


def fmt_feature_value(value: object, value_format: str, unit: str = "") -> str:
    """A customer's feature value as a reason sentence's `value_format` says (seed reason_sentences)."""
    if is_missing(value):
        return MISSING
    if value_format == "share":
        return fmt_share(float(str(value)))
    if value_format == "money":
        return fmt_money(float(str(value)), unit, 0)
    if value_format == "boolean":
        return fmt_yes_no(value)
    return fmt_value(value)


def fmt_params(params: object, names: Mapping[str, str]) -> str:
    """A model's hyperparameters, published as JSON ({"model__C": 0.05}), as 'C = 0,05' in the staff's names
    (display_names, domain model_param)."""
    if is_missing(params) or not str(params).strip():
        return MISSING
    try:
        parsed = json.loads(str(params))
    except ValueError:
        return MISSING
    if not isinstance(parsed, dict) or not parsed:
        return MISSING
    return "; ".join(f"{names.get(key, key)} = {fmt_value(value)}" for key, value in parsed.items())


def display_zone() -> tuple[ZoneInfo | None, str]:
    """The zone the staff read times in (Moscow unless ONE_CLICK_TIMEZONE says otherwise) and its label."""
    name = os.environ.get("ONE_CLICK_TIMEZONE", "Europe/Moscow")
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None, "UTC"
    return zone, "МСК" if name == "Europe/Moscow" else name


def _local(value: datetime) -> datetime:
    zone, _ = display_zone()
    if value.tzinfo is None:  # dbt and the publisher write UTC; a bare time is theirs
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone or UTC)


def fmt_datetime(value: datetime | None) -> str:
    """'23.11.2026 16:45 МСК'."""
    if value is None:
        return MISSING
    return f"{_local(value):%d.%m.%Y %H:%M} {display_zone()[1]}"


def fmt_calendar_date(value: object) -> str:
    """A calendar date, no time or zone (an export period): '01.11.2026'."""
    if is_missing(value) or value is pd.NaT:
        return MISSING
    return f"{value:%d.%m.%Y}"


def fmt_date(value: datetime | None) -> str:
    """'23.11.2026'."""
    return MISSING if value is None else f"{_local(value):%d.%m.%Y}"


def wrap(text: object, width: int) -> str:
    """A chart label in lines of at most `width` characters, joined by '\\n' (charts split them back)."""
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


Kind = Literal["number", "share", "money", "signed", "points", "yes_no", "text", "params"]


@dataclass(frozen=True)
class Format:
    """One figure's format: its kind, its decimals and, for money, its unit. `screen` is the text on every
    page; `excel` the same figure rounded alike for a CSV a Russian Excel opens (decimal comma, no
    thousands separator, percents as 23,5%)."""

    kind: Kind = "number"
    digits: int = 2
    unit: str = ""

    def screen(self, value: object) -> str:
        if self.kind == "share":
            return fmt_share(value, self.digits)
        if self.kind == "money":
            return fmt_money(value, self.unit, self.digits)
        if self.kind == "signed":
            return fmt_signed(value, self.digits)
        if self.kind == "points":
            return fmt_points(value, self.digits)
        if self.kind == "yes_no":
            return fmt_yes_no(value)
        if self.kind == "text":
            return MISSING if is_missing(value) else str(value)
        return fmt_number(value, self.digits)

    def excel(self, value: object) -> str:
        if is_missing(value):
            return ""
        if self.kind == "share":
            return _digits(float(value) * 100, self.digits, "") + "%"  # type: ignore[arg-type]
        if self.kind in ("number", "money", "signed"):
            return _digits(float(value), self.digits, "").replace("−", "-")  # type: ignore[arg-type]
        return self.screen(value).replace(NBSP, " ")

    def title(self, title: str) -> str:
        """A column's title with its unit: 'Ожидаемая потеря, у. е.'."""
        return f"{title}, {self.unit}" if self.kind == "money" and self.unit else title


COUNT = Format("number", 0)
NUMBER = Format("number", 2)
SHARE = Format("share", 1)
PROBABILITY = SHARE
SCORE = Format("number", 3)  # ROC-AUC, Brier, PSI, KS
TEXT = Format("text")
YES_NO = Format("yes_no")


def money(unit: str, digits: int = 2) -> Format:
    return Format("money", digits, unit)
