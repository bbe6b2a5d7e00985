from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from one_click.exports import ALL_EXPORTS

from dashboard_build import DashboardBuild, build_once
from dbt_cli import PROJECT_ROOT

REAL_EXPORTS_DIR = (PROJECT_ROOT / ".." / "shared" / "data" / "one_click_exports").resolve()
SAMPLE_DIR = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="session")
def real_exports_dir() -> Path:
    if not all((REAL_EXPORTS_DIR / export.file_name).is_file() for export in ALL_EXPORTS):
        pytest.skip(f"the store's exports are not at {REAL_EXPORTS_DIR}")
    return REAL_EXPORTS_DIR


@pytest.fixture(scope="session")
def dashboard_build(tmp_path_factory: pytest.TempPathFactory) -> DashboardBuild:
    """One dbt build of a small generated sample for every dashboard test of the session."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's folder, shared by its xdist workers
    return build_once(root)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled sample that a test may damage."""
    exports_dir = tmp_path / "exports"
    exports_dir.mkdir()
    for export in ALL_EXPORTS:
        shutil.copyfile(SAMPLE_DIR / export.file_name, exports_dir / export.file_name)
    return exports_dir


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
