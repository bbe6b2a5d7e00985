"""Runs the project's dbt in a subprocess against a DuckDB file of the test's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")


@dataclass(frozen=True)
class DbtResult:
    returncode: int
    output: str

    @property
    def succeeded(self) -> bool:
        return self.returncode == 0


def run_dbt(
    *args: str,
    duckdb_path: Path,
    variables: dict[str, object] | None = None,
    extra_env: dict[str, str] | None = None,
) -> DbtResult:
    """Run `dbt <args>` from the project root; the warehouse and dbt's own files stay in the test's folder."""
    work_dir = duckdb_path.parent
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_DUCKDB_PATH": str(duckdb_path),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        **(extra_env or {}),
    }
    command = [str(DBT), *args]
    if variables:
        command += ["--vars", json.dumps(variables)]
    completed = subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False
    )
    return DbtResult(completed.returncode, completed.stdout + completed.stderr)
