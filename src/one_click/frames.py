"""What `dbt.ref()` hands a Python model, whatever the engine: a DuckDB relation here, a Spark DataFrame on
Databricks (or pandas in tests). The dbt Python models pass refs through unchanged; the package decides here
which path a ref takes, so a shim reads the same on every engine.

A Spark DataFrame is recognised by its class's module, not by importing pyspark: the DuckDB path never
imports pyspark (seconds of import, and a JVM it does not need), and Spark Connect's DataFrame, a class of
its own, is recognised the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd

Engine = Literal["pandas", "duckdb", "spark"]


def engine_of(frame: Any) -> Engine:
    """Which kind of frame `frame` is; `TypeError` for anything else."""
    if isinstance(frame, pd.DataFrame):
        return "pandas"
    module = type(frame).__module__
    if module.startswith("pyspark.sql"):
        return "spark"
    if module.startswith("duckdb") or module.startswith("_duckdb"):
        return "duckdb"
    raise TypeError(f"expected a pandas, DuckDB or Spark frame, got {type(frame).__module__}.{type(frame)}")


def is_spark(frame: Any) -> bool:
    """True for a Spark DataFrame (classic or Spark Connect)."""
    return not isinstance(frame, pd.DataFrame) and type(frame).__module__.startswith("pyspark.sql")


def to_pandas(frame: Any, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The whole frame (or `columns` of it) in pandas. Only for frames known to be small or on a single
    machine: on Spark this collects every row to the driver."""
    engine = engine_of(frame)
    if engine == "pandas":
        return frame if columns is None else frame[list(columns)]
    if engine == "duckdb":
        relation = frame if columns is None else frame.project(", ".join(_quoted(c) for c in columns))
        return relation.df()
    selected = frame if columns is None else frame.select(*columns)
    return selected.toPandas()


def newest_rows(
    frame: Any, order_by: str, *, limit: int = 1, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """The `limit` rows with the largest `order_by`, in pandas, reading only `columns` (default: all)."""
    engine = engine_of(frame)
    if engine == "pandas":
        rows = frame.sort_values(order_by, ascending=False).head(limit)
        return rows if columns is None else rows[list(columns)]
    if engine == "duckdb":
        relation = frame.order(f"{_quoted(order_by)} desc").limit(limit)
        if columns is not None:
            relation = relation.project(", ".join(_quoted(c) for c in columns))
        return relation.df()
    rows = frame.orderBy(frame[order_by].desc()).limit(limit)
    return (rows if columns is None else rows.select(*columns)).toPandas()


def count_rows(frame: Any) -> int:
    """Number of rows, counted by the engine."""
    engine = engine_of(frame)
    if engine == "pandas":
        return len(frame)
    if engine == "duckdb":
        return int(frame.aggregate("count(*)").fetchall()[0][0])
    return int(frame.count())


def count_distinct(frame: Any, column: str) -> int:
    """Number of distinct non-null values of `column`, counted by the engine."""
    engine = engine_of(frame)
    if engine == "pandas":
        return int(frame[column].nunique())
    if engine == "duckdb":
        return int(frame.aggregate(f"count(distinct {_quoted(column)})").fetchall()[0][0])
    from pyspark.sql import functions as F

    return int(frame.agg(F.countDistinct(frame[column])).first()[0])


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
