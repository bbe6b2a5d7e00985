"""The SQL layer on a local Spark: dbt-spark (`--target spark`, `method: session`) builds the bundled sample
from the raw files to customer_features, row for row equal to DuckDB's, reads a file whose line ends mix CRLF
and LF like the file as exported, and refuses a damaged export with the words DuckDB gives. One dbt
process, hence one JVM, per build; the tables are read from the warehouse's Parquet files, so pytest starts
no Spark of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_dbt_foundation import FEATURES_BUILD, FEATURES_QUERY, drop_column, edit_cell
from test_raw_export_reader import appended_in_another_editor, damage_each_file

from one_click.exports import MARKET_FILE, MONEY

from conftest import SAMPLE_DIR, folder_digest, read_table
from dbt_cli import Workspace, run_dbt

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

SPARK_SCHEMA = "one_click"
# dbt unit tests stay on DuckDB: their SQL fixtures quote the Russian headers the DuckDB way.
SPARK_FEATURES_BUILD = (*FEATURES_BUILD, "--exclude-resource-type", "unit_test", "--target", "spark")


@pytest.fixture(scope="module")
def local_spark() -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (it is pinned in requirements.lock)")
    pytest.importorskip(
        "dbt.adapters.spark", reason="dbt-spark is not installed (it is pinned in requirements.lock)"
    )
    from one_click.spark import java_available

    if not java_available():
        pytest.skip("no Java for Spark: `make java` installs Debian's openjdk-17-jre-headless")


def spark_env(work_dir: Path) -> dict[str, str]:
    """The local Spark's warehouse and metastore under `work_dir`, read by the `spark` target's profile."""
    warehouse = work_dir / "spark"
    return {
        "DBT_SPARK_WAREHOUSE": str(warehouse / "warehouse"),
        "DBT_SPARK_METASTORE": str(warehouse / "metastore"),
        "DBT_SPARK_SCHEMA": SPARK_SCHEMA,
    }


def run_on_spark(*args: str, work_dir: Path, variables: dict[str, object] | None = None):
    return run_dbt(
        *args, duckdb_path=work_dir / "unused.duckdb", variables=variables, extra_env=spark_env(work_dir)
    )


@pytest.fixture(scope="module")
def spark_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Where the Spark builds of edited samples run, one after another, parsing the project once."""
    folder = tmp_path_factory.mktemp("spark_edited_samples")
    return Workspace(folder, extra_env=tuple(spark_env(folder).items()))


@pytest.fixture
def edited_sample(spark_workspace: Workspace) -> Path:
    """A fresh copy of the bundled sample in the Spark workspace (its last warehouse removed)."""
    return spark_workspace.fresh(SAMPLE_DIR)


def spark_table(work_dir: Path, table: str, schema: str = SPARK_SCHEMA) -> pd.DataFrame:
    """A managed table of the local warehouse, read from its Parquet files."""
    return pd.read_parquet(work_dir / "spark" / "warehouse" / f"{schema}.db" / table)


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values("customer_id").reset_index(drop=True)
    return frame.astype({column: "object" for column in frame.columns if frame[column].dtype == "bool"})


def test_spark_builds_customer_features_equal_to_duckdb(local_spark: None, tmp_path: Path) -> None:
    before = folder_digest(SAMPLE_DIR)
    spark_build = run_on_spark(*SPARK_FEATURES_BUILD, work_dir=tmp_path / "spark_build")
    assert spark_build.succeeded, spark_build.output[-5000:]
    assert folder_digest(SAMPLE_DIR) == before, "the Spark build wrote into the raw exports folder"

    duckdb_path = tmp_path / "duckdb_build" / "warehouse.duckdb"
    duckdb_path.parent.mkdir()
    duckdb_build = run_dbt(*FEATURES_BUILD, duckdb_path=duckdb_path)
    assert duckdb_build.succeeded, duckdb_build.output[-5000:]

    on_spark = comparable(spark_table(tmp_path / "spark_build", "customer_features"))
    on_duckdb = comparable(read_table(duckdb_path, FEATURES_QUERY))
    assert list(on_spark.columns) == list(on_duckdb.columns)
    pd.testing.assert_frame_equal(on_spark, on_duckdb, check_dtype=False, check_exact=True)


def test_spark_gate_names_a_missing_file_and_a_missing_column(
    local_spark: None, spark_workspace: Workspace, edited_sample: Path
) -> None:
    (edited_sample / MONEY.file_name).unlink()
    drop_column(MARKET_FILE, "Страниц_за_визит")(edited_sample)

    result = spark_workspace.dbt(*SPARK_FEATURES_BUILD)

    assert not result.succeeded
    assert "money.csv: file not found" in result.output, result.output[-3000:]
    assert "market_file.csv: missing column(s) Страниц_за_визит" in result.output, result.output[-3000:]


def test_spark_row_rules_name_a_bad_number(
    local_spark: None, spark_workspace: Workspace, edited_sample: Path, tmp_path: Path
) -> None:
    edit_cell(MONEY, "Прибыль", "n/a")(edited_sample)
    shutil.copyfile(edited_sample / MONEY.file_name, tmp_path / "damaged_money.csv")

    result = spark_workspace.dbt(
        *("build", "--target", "spark", "--select", "source:exports.money"),
        *("--exclude-resource-type", "unit_test"),
    )

    assert not result.succeeded
    assert "money_csv__profit__number" in result.output, result.output[-3000:]
    assert (edited_sample / MONEY.file_name).read_bytes() == (tmp_path / "damaged_money.csv").read_bytes()


def test_spark_reads_mixed_line_ends_like_the_file_as_exported(
    local_spark: None, spark_workspace: Workspace, edited_sample: Path, tmp_path: Path
) -> None:
    clean = tmp_path / "duckdb_build" / "warehouse.duckdb"
    clean.parent.mkdir()
    staging = ("build", "--select", "+stg_exports__customers", "--indirect-selection", "cautious")
    staging = (*staging, "--exclude-resource-type", "unit_test")
    duckdb_build = run_dbt(*staging, duckdb_path=clean, variables={"raw_data_dir": str(edited_sample)})
    assert duckdb_build.succeeded, duckdb_build.output[-5000:]
    appended_in_another_editor(edited_sample, MARKET_FILE)

    spark_build = spark_workspace.dbt(*staging, "--target", "spark")

    assert spark_build.succeeded, spark_build.output[-5000:]
    on_spark = comparable(spark_table(spark_workspace.folder, "stg_exports__customers", schema="staging"))
    on_duckdb = comparable(read_table(clean, "select * from staging.stg_exports__customers"))
    pd.testing.assert_frame_equal(on_spark, on_duckdb, check_dtype=False, check_exact=True)


def test_spark_names_each_damaged_file_with_the_words_duckdb_gives(
    local_spark: None, spark_workspace: Workspace, edited_sample: Path
) -> None:
    """The damages test_raw_export_reader refuses on DuckDB, refused by the gate on Spark in the same words
    (found in Spark SQL, worded by the same macro), before Spark's reader meets them."""
    expected = damage_each_file(edited_sample)
    damaged = folder_digest(edited_sample)

    result = spark_workspace.dbt(*SPARK_FEATURES_BUILD)

    assert not result.succeeded
    assert "failed validation; nothing was built" in result.output, result.output[-3000:]
    for message in expected:
        assert message in result.output, result.output[-3000:]
    assert folder_digest(edited_sample) == damaged, "the build wrote into the raw exports folder"
