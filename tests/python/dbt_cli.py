"""Runs the project's dbt in a subprocess against a DuckDB file of the test's own."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from one_click.exports import ALL_EXPORTS
from one_click.project import PROJECT_ROOT, project_vars
from one_click.store_folder import WAREHOUSE_FILE, StoreFolder

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
    dbt: Path = DBT,
) -> DbtResult:
    """Run `dbt <args>` from the project root; the warehouse and dbt's own files stay in the test's folder.
    `dbt` is this environment's unless another one is named (dbt-databricks lives in its own)."""
    completed = subprocess.run(
        dbt_command(args, variables, dbt),
        cwd=PROJECT_ROOT,
        env=dbt_environment(duckdb_path, extra_env),
        capture_output=True,
        text=True,
        check=False,
    )
    return DbtResult(completed.returncode, completed.stdout + completed.stderr)


@dataclass(frozen=True)
class Workspace:
    """One folder for a module's many dbt runs on edited copies of one export.

        workspace = Workspace(tmp_path_factory.mktemp("damaged"))   # a module-scoped fixture
        exports = workspace.fresh(SAMPLE_DIR)                       # per test: a clean copy, no warehouse
        damage(exports)
        result = workspace.dbt("build", "--select", "+customer_features")

    The exports folder, the warehouse file and dbt's target folder keep their paths from run to run, so
    the `--vars` and the profile stay the same and dbt reuses its parse of the project (partial parsing)
    instead of parsing it again for every test, which is most of a small build's time. A project file
    changed between runs is still re-parsed: dbt checks every file's hash. `extra_env` that the profile
    reads (the local Spark's folders) must also stay the same from run to run."""

    folder: Path
    extra_env: tuple[tuple[str, str], ...] = ()

    @property
    def exports(self) -> Path:
        return self.folder / "exports"

    @property
    def duckdb_path(self) -> Path:
        return self.folder / WAREHOUSE_FILE

    def fresh(self, source: Path) -> Path:
        """The four exports copied again from `source`; every other file of the last run but dbt's removed."""
        for leftover in self.folder.iterdir():
            if leftover.name not in ("target", "logs"):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        self.exports.mkdir()
        for export in ALL_EXPORTS:
            shutil.copyfile(source / export.file_name, self.exports / export.file_name)
        return self.exports

    def dbt(self, *args: str) -> DbtResult:
        return run_dbt(
            *args,
            duckdb_path=self.duckdb_path,
            variables={"raw_data_dir": str(self.exports)},
            extra_env=dict(self.extra_env),
        )


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


def dbt_command(args: tuple[str, ...], variables: dict[str, object] | None, dbt: Path = DBT) -> list[str]:
    command = [str(dbt), *args]
    if variables:
        command += ["--vars", json.dumps(variables)]
    return command


def dbt_environment(duckdb_path: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """A store's dbt environment (one_click.store_folder) for the folder holding `duckdb_path`."""
    store = StoreFolder(duckdb_path.parent)
    return {**store.dbt_environment(warehouse=duckdb_path), "DBT_USE_COLORS": "false", **(extra_env or {})}


def project_var(name: str) -> object:
    """A var's default as `dbt_project.yml` declares it (None when it declares none)."""
    return project_vars().get(name)
