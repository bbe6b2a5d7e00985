"""Number and date formats for the store's staff: Russian notation (1 234,5; 23,5 %; 23.11.2026 16:45 МСК).

The Russian names of codes (segments, bands, features, statuses...) are not here: they are data, the
`*_name` columns of the published marts and the `display_names` seed.
"""

from __future__ import annotations

import math
import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

NBSP = "\u00a0"
MISSING = "—"


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
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


def fmt_date(value: object) -> str:
    """A calendar date: '01.11.2026'."""
    if _is_missing(value) or value is pd.NaT:
        return MISSING
    return f"{value:%d.%m.%Y}"


def fmt_points(value: object, digits: int = 1) -> str:
    """A difference of two shares in percentage points: 0.052 → '+5,2 п. п.'."""
    if _is_missing(value):
        return MISSING
    return f"{fmt_signed(float(value) * 100, digits)}{NBSP}п.{NBSP}п."  # type: ignore[arg-type]


def fmt_measure(value: object, is_share: object) -> str:
    """A value that is a share (in %) or a plain number, as the mart's `is_share` says."""
    return fmt_share(value) if not _is_missing(is_share) and bool(is_share) else fmt_number(value)


def fmt_value(value: object) -> str:
    """A published feature value (text) in Russian notation: '0.58' → '0,58', '4.0' → '4'; words stay."""
    if _is_missing(value):
        return MISSING
    text = str(value)
    try:
        number = float(text)
    except ValueError:
        return text
    return fmt_int(number) if number.is_integer() else fmt_number(number, 2)
