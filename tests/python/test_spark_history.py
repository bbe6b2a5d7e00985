"""The history's SQL on Spark: the whole project compiles for the `spark` target and every compiled SQL model
parses with Spark's own SQL parser; the control group's md5 bucket is the same on DuckDB, on Spark and in
Python for fixed ids."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from one_click.assignment import assignment_bucket, project_salt

from conftest import SparkCompile
from dbt_cli import run_dbt

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

COMPILED = Path("target") / "compiled" / "one_click"
BUCKETS_ANALYSIS = Path("analyses") / "assignment_buckets.sql"


@pytest.fixture(scope="module")
def compiled_for_spark(spark_compile: SparkCompile) -> Path:
    return spark_compile.folder / COMPILED


def test_every_compiled_sql_model_parses_on_spark(spark_session, compiled_for_spark: Path) -> None:
    parser = spark_session._jsparkSession.sessionState().sqlParser()
    manifest = json.loads((compiled_for_spark.parents[1] / "manifest.json").read_text(encoding="utf-8"))
    models = {
        node["name"]: node["compiled_code"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["language"] == "sql"
    }
    assert {"prediction_history", "int_customers_assigned", "offer_assignment_balance"} <= set(models)
    assert "int_training_customers" in models
    for name, sql in sorted(models.items()):
        try:
            parser.parsePlan(sql)
        except Exception as error:  # Spark's ParseException names the line and position
            pytest.fail(f"{name} does not parse on Spark: {error}")


def test_buckets_agree_on_duckdb_spark_and_python(
    spark_session, compiled_for_spark: Path, tmp_path: Path
) -> None:
    on_spark = {
        int(row["customer_id"]): int(row["assignment_bucket"])
        for row in spark_session.sql((compiled_for_spark / BUCKETS_ANALYSIS).read_text()).collect()
    }
    result = run_dbt("compile", "--select", "assignment_buckets", duckdb_path=tmp_path / "warehouse.duckdb")
    assert result.succeeded, result.output[-5000:]
    duckdb_sql = (tmp_path / COMPILED / BUCKETS_ANALYSIS).read_text()
    on_duckdb = dict(duckdb.sql(duckdb_sql).fetchall())
    salt = project_salt()
    in_python = {customer: assignment_bucket(customer, salt) for customer in on_spark}
    assert len(on_spark) == 8
    assert on_spark == on_duckdb == in_python
