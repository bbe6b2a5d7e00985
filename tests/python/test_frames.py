"""`one_click.frames` reads pandas frames and DuckDB relations alike, and sends a Spark DataFrame away."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from one_click.frames import count_distinct, count_rows, engine_of, newest_rows, to_pandas

REGISTRY = pd.DataFrame({"model_id": ["a", "b", "c"], "trained_at": [1, 3, 2], "blob": [b"x", b"y", b"z"]})


@pytest.fixture
def relation():
    connection = duckdb.connect()
    yield connection.from_df(REGISTRY)
    connection.close()


def test_engines_are_recognised(relation) -> None:
    assert engine_of(REGISTRY) == "pandas" and engine_of(relation) == "duckdb"
    with pytest.raises(TypeError):
        engine_of([1, 2])


@pytest.mark.parametrize("kind", ["pandas", "duckdb"])
def test_the_same_answers_from_pandas_and_duckdb(kind: str, relation) -> None:
    frame = REGISTRY if kind == "pandas" else relation
    newest = newest_rows(frame, "trained_at", columns=["model_id"])
    assert newest["model_id"].tolist() == ["b"] and list(newest.columns) == ["model_id"]
    assert count_rows(frame) == 3 and count_distinct(frame, "model_id") == 3
    assert to_pandas(frame, ["trained_at"])["trained_at"].tolist() == [1, 3, 2]


@pytest.mark.spark
@pytest.mark.xdist_group("spark")
def test_a_spark_frame_is_recognised_and_not_read_here(spark_session) -> None:
    frame = spark_session.createDataFrame(REGISTRY)
    assert engine_of(frame) == "spark"
    with pytest.raises(TypeError, match=r"one_click\.spark"):
        to_pandas(frame)
