"""The project parses for the `spark` target (dbt-spark in this environment) and, offline, for the
`databricks` target (dbt-databricks in .venv-databricks, built by `make databricks-venv`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from dbt_cli import DBT, PROJECT_ROOT

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

DATABRICKS_DBT = PROJECT_ROOT / ".venv-databricks" / "bin" / "dbt"
# Placeholders: parsing reads the profile but never connects.
OFFLINE_DATABRICKS = {
    "DATABRICKS_HOST": "example.cloud.databricks.com",
    "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/offline",
    "DATABRICKS_TOKEN": "offline-parse-only",
}


def parse(dbt: Path, target: str, tmp_path: Path, extra_env: dict[str, str] | None = None):
    env = (
        os.environ
        | {
            "DBT_PROFILES_DIR": str(PROJECT_ROOT),
            "DBT_PROJECT_DIR": str(PROJECT_ROOT),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_LOG_PATH": str(tmp_path / "logs"),
        }
        | (extra_env or {})
    )
    return subprocess.run(
        [str(dbt), "parse", "--target", target, "--target-path", str(tmp_path / "target")],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_project_parses_for_local_spark(tmp_path: Path) -> None:
    pytest.importorskip(
        "dbt.adapters.spark", reason="dbt-spark is not installed (pinned in requirements.lock)"
    )
    done = parse(DBT, "spark", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Registered adapter: spark" in done.stdout
    assert (tmp_path / "target" / "manifest.json").is_file()


def test_the_project_parses_for_databricks_offline(tmp_path: Path) -> None:
    if not DATABRICKS_DBT.exists():
        pytest.skip(f"{DATABRICKS_DBT} is missing: `make databricks-venv` builds it")
    done = parse(DATABRICKS_DBT, "databricks", tmp_path, OFFLINE_DATABRICKS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Registered adapter: databricks" in done.stdout
    assert (tmp_path / "target" / "manifest.json").is_file()
