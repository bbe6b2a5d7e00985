"""The project parses for the `spark` target (dbt-spark in this environment) and, offline, for the
`databricks` target (dbt-databricks in .venv-databricks, built by `make databricks-venv`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SparkCompile
from dbt_cli import PROJECT_ROOT, run_dbt

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

DATABRICKS_DBT = PROJECT_ROOT / ".venv-databricks" / "bin" / "dbt"
# Placeholders: parsing reads the profile but never connects.
OFFLINE_DATABRICKS = {
    "DATABRICKS_HOST": "example.cloud.databricks.com",
    "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/offline",
    "DATABRICKS_TOKEN": "offline-parse-only",
}


def test_the_project_parses_for_local_spark(spark_compile: SparkCompile) -> None:
    """The session's `dbt compile --target spark` parsed the project first (no parse of its own here)."""
    assert "Registered adapter: spark" in spark_compile.result.output
    assert (spark_compile.folder / "target" / "manifest.json").is_file()


def test_the_project_parses_for_databricks_offline(tmp_path: Path) -> None:
    if not DATABRICKS_DBT.exists():
        pytest.skip(f"{DATABRICKS_DBT} is missing: `make databricks-venv` builds it")
    done = run_dbt(
        "parse",
        "--target",
        "databricks",
        duckdb_path=tmp_path / "unused.duckdb",
        extra_env=OFFLINE_DATABRICKS,
        dbt=DATABRICKS_DBT,
    )
    assert done.succeeded, done.output
    assert "Registered adapter: databricks" in done.output
    assert (tmp_path / "target" / "manifest.json").is_file()
