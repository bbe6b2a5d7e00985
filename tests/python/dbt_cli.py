"""Runs the project's dbt in a subprocess against a DuckDB file of the test's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from one_click.project import PROJECT_ROOT, project_vars

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
    completed = subprocess.run(
        dbt_command(args, variables),
        cwd=PROJECT_ROOT,
        env=dbt_environment(duckdb_path, extra_env),
        capture_output=True,
        text=True,
        check=False,
    )
    return DbtResult(completed.returncode, completed.stdout + completed.stderr)


def start_dbt(
    *args: str, duckdb_path: Path, variables: dict[str, object] | None = None
) -> subprocess.Popen[str]:
    """`run_dbt` without waiting: the caller does something while dbt runs, then `communicate()`s."""
    return subprocess.Popen(
        dbt_command(args, variables),
        cwd=PROJECT_ROOT,
        env=dbt_environment(duckdb_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def dbt_command(args: tuple[str, ...], variables: dict[str, object] | None) -> list[str]:
    command = [str(DBT), *args]
    if variables:
        command += ["--vars", json.dumps(variables)]
    return command


def dbt_environment(duckdb_path: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    work_dir = duckdb_path.parent
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_DUCKDB_PATH": str(duckdb_path),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        **(extra_env or {}),
    }


def project_var(name: str) -> object:
    """A var's default as `dbt_project.yml` declares it (None when it declares none)."""
    return project_vars().get(name)
