"""What the tests share, and how to build on it without paying for a build of your own.

- `dashboard_build` (session): one `dbt build` of a small generated store (dashboard_build.py), made once per
  run for every module and every xdist worker. Read it (`.query(sql)`, `.table(name)` from the published
  snapshot, `.folder / "target"` for dbt's manifest and run results); never write to it. To build further,
  copy it: `store = dashboard_build.copy_to(tmp_path / "store")`, then `store.dbt("build", "--select", ...,
  some_var=...)` runs dbt on the copy with its own exports and snapshots (one_click.store_folder's layout).
- `dbt_cli.Workspace`: for many small builds of edited exports in one module, one folder whose paths never
  change, so dbt parses the project once for all of them instead of once per test.
- `spark_session` (session): the one local Spark.
- A module's tests run on one xdist worker (`--dist=loadscope`), so a module-scoped fixture is built once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from one_click.exports import ALL_EXPORTS

from dashboard_build import DashboardBuild, build_once
from dbt_cli import PROJECT_ROOT, DbtResult, run_dbt

REAL_EXPORTS_DIR = (PROJECT_ROOT / ".." / "shared" / "data" / "one_click_exports").resolve()
SAMPLE_DIR = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="session")
def real_exports_dir() -> Path:
    if not all((REAL_EXPORTS_DIR / export.file_name).is_file() for export in ALL_EXPORTS):
        pytest.skip(f"the store's exports are not at {REAL_EXPORTS_DIR}")
    return REAL_EXPORTS_DIR


@pytest.fixture(scope="session")
def dashboard_build(tmp_path_factory: pytest.TempPathFactory) -> DashboardBuild:
    """One dbt build of a small generated store for every test of the session that needs a whole build."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's folder, shared by its xdist workers
    return build_once(root)


def folder_digest(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


def read_table(duckdb_path: Path, query: str) -> pd.DataFrame:
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        return connection.sql(query).df()


@pytest.fixture(scope="session")
def spark_session():
    """One local Spark for the whole run (`local[2]`, 4 shuffle partitions, no UI): a JVM start-up costs
    seconds, so every Spark test shares it. Skips, saying why, without pyspark or Java."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (it is pinned in requirements.lock)")
    from one_click.spark import java_available, local_session

    if not java_available():
        pytest.skip("no Java for Spark: `make java` installs Debian's openjdk-17-jre-headless")
    session = local_session(cores=2, shuffle_partitions=4, driver_memory="1g")
    yield session
    session.stop()


@dataclass(frozen=True)
class SparkCompile:
    folder: Path  # the run's folder: target/manifest.json and target/compiled/
    result: DbtResult


@pytest.fixture(scope="session")
def spark_compile(tmp_path_factory: pytest.TempPathFactory) -> SparkCompile:
    """`dbt compile --target spark` of the whole project, once: it parses the project for the local Spark
    too, so the parse check and the Spark SQL checks read the same run. Skips without dbt-spark."""
    pytest.importorskip(
        "dbt.adapters.spark", reason="dbt-spark is not installed (it is pinned in requirements.lock)"
    )
    work_dir = tmp_path_factory.mktemp("spark_compile")
    warehouse = work_dir / "spark"
    result = run_dbt(
        "compile",
        "--target",
        "spark",
        duckdb_path=work_dir / "unused.duckdb",
        extra_env={
            "DBT_SPARK_WAREHOUSE": str(warehouse / "warehouse"),
            "DBT_SPARK_METASTORE": str(warehouse / "metastore"),
        },
    )
    assert result.succeeded, result.output[-5000:]
    return SparkCompile(work_dir, result)
