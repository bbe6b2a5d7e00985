"""dbt's cross-database macros (`{{ dbt.listagg(...) }}` ...) as dbt-duckdb renders them."""

from __future__ import annotations


def type_string() -> str:
    return "varchar"


def type_int() -> str:
    return "integer"


def type_bigint() -> str:
    return "bigint"


def type_boolean() -> str:
    return "boolean"


def safe_cast(field: str, type_: str) -> str:
    return f"try_cast({field} as {type_})"


def concat(fields: list[str]) -> str:
    return " || ".join(fields)


def bool_or(expression: str) -> str:
    return f"bool_or({expression})"


def any_value(expression: str) -> str:
    return f"any_value({expression})"


def listagg(
    measure: str,
    delimiter_text: str = "','",
    order_by_clause: str | None = None,
    limit_num: int | None = None,
) -> str:
    order = f" {order_by_clause}" if order_by_clause else ""
    if limit_num:
        return f"list_aggr((array_agg({measure}{order}))[1:{limit_num}], 'string_agg', {delimiter_text})"
    return f"string_agg({measure}, {delimiter_text}{order})"


def dateadd(datepart: str, interval: int, from_date_or_timestamp: str) -> str:
    return f"date_add({from_date_or_timestamp}, interval ({interval}) {datepart})"
