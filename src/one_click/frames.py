"""Reading what `dbt.ref()` hands a Python model on the DuckDB path (a DuckDB relation), or a pandas frame in
tests, with the same few calls. Which engine a ref belongs to is decided once, by `one_click.engine`; a Spark
DataFrame never reaches this module (`one_click.spark` reads it).

An engine is recognised by its frame's class's module, not by importing it: the DuckDB path never imports
pyspark (seconds of import, and a JVM it does not need), and Spark Connect's DataFrame, a class of its own, is
recognised the same way.
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


def _local_engine(frame: Any) -> Engine:
    engine = engine_of(frame)
    if engine == "spark":
        raise TypeError("a Spark DataFrame takes one_click.spark's path (one_click.engine.path_for)")
    return engine


def to_pandas(frame: Any, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The whole frame (or `columns` of it) in pandas."""
    if _local_engine(frame) == "pandas":
        return frame if columns is None else frame[list(columns)]
    relation = frame if columns is None else frame.project(", ".join(_quoted(c) for c in columns))
    return relation.df()


def newest_rows(
    frame: Any, order_by: str, *, limit: int = 1, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """The `limit` rows with the largest `order_by`, in pandas, reading only `columns` (default: all)."""
    if _local_engine(frame) == "pandas":
        rows = frame.sort_values(order_by, ascending=False).head(limit)
        return rows if columns is None else rows[list(columns)]
    relation = frame.order(f"{_quoted(order_by)} desc").limit(limit)
    if columns is not None:
        relation = relation.project(", ".join(_quoted(c) for c in columns))
    return relation.df()


def count_rows(frame: Any) -> int:
    """Number of rows, counted by the engine."""
    if _local_engine(frame) == "pandas":
        return len(frame)
    return int(frame.aggregate("count(*)").fetchall()[0][0])


def count_distinct(frame: Any, column: str) -> int:
    """Number of distinct non-null values of `column`, counted by the engine."""
    if _local_engine(frame) == "pandas":
        return int(frame[column].nunique())
    return int(frame.aggregate(f"count(distinct {_quoted(column)})").fetchall()[0][0])


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
