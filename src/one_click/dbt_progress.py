"""Progress lines for dbt's log from inside Python models, so a user watching a long build sees it live."""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger("one_click")


def dbt_progress(model_name: str) -> Callable[[str], None]:
    """A callback writing `<model>: <message>` to dbt's console and log file (plain logging outside dbt)."""
    try:
        from dbt_common.events.base_types import EventLevel
        from dbt_common.events.functions import fire_event
        from dbt_common.events.types import Note
    except ImportError:  # pragma: no cover - dbt is always installed with the project
        return lambda message: logger.info("%s: %s", model_name, message)

    def report(message: str) -> None:
        fire_event(Note(msg=f"{model_name}: {message}"), level=EventLevel.INFO)

    return report


def as_bool(value: object) -> bool:
    """A dbt var passed through a model config arrives as a bool or as its rendered text."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no"}:
        return False
    raise ValueError(f"expected true or false, got {value!r}")
