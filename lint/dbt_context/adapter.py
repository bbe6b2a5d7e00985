"""`adapter` as dbt-duckdb renders it: `quote` with double quotes, and `dispatch` resolving the
project's macros to `duckdb__<name>`, else `default__<name>`, looked up among the macros sqlfluff loaded
from macros/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context


@pass_context
def dispatch(context: Context, macro_name: str, macro_namespace: str | None = None) -> Callable[..., Any]:
    for candidate in (f"duckdb__{macro_name}", f"default__{macro_name}"):
        macro = context.resolve_or_missing(candidate)
        if callable(macro):
            return macro
    raise KeyError(f"no duckdb__ or default__ implementation of {macro_name}")


def quote(identifier: str) -> str:
    """An identifier quoted as dbt-duckdb quotes it."""
    return f'"{identifier}"'


def get_columns_in_relation(relation: object) -> list[object]:
    """No warehouse while linting: a model that lists a relation's columns renders none of them."""
    return []
