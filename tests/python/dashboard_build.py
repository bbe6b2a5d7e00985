"""The session's shared build: a small generated store through the whole dbt project, built once and read by
every module that needs a full build (the dashboard, the history and the loop, the Python models on Spark).

    build = build_once(root)        # the first caller builds, every later caller (any xdist worker) reuses
    build.publish_dir               # published/ with current → builds/<id>/, as `make build` leaves it
    build.table("report_overview")  # a published mart, read straight from its Parquet file
    build.query("select ...")       # the warehouse, read-only
    store = build.copy_to(tmp_path / "store")   # a private copy to build on: never write to `build` itself
    store.dbt("build", "--select", "...", export_date="2026-12-01")  # dbt on the copy, with its own exports

The build runs once per pytest session: each xdist worker asks for it, the first one to take the file lock
builds and the others wait and reuse its folder.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from one_click.publish import MANIFEST, current_snapshot
from one_click.store_folder import StoreFolder

from dbt_cli import PROJECT_ROOT, DbtResult, run_dbt

SAMPLE_CUSTOMERS = 400
SAMPLE_SEED = 7
FOLDER = "dashboard-build"


@dataclass(frozen=True)
class DashboardBuild(StoreFolder):
    """A store folder built from its own exports (`exports/`), laid out as one_click.store_folder says."""

    @property
    def exports(self) -> Path:
        return self.folder / "exports"

    @property
    def run_results(self) -> Path:
        return self.folder / "target" / "run_results.json"

    @property
    def snapshot(self) -> Path:
        found = current_snapshot(self.publish_dir)
        assert found is not None, f"the build published nothing in {self.publish_dir}"
        return found

    @property
    def manifest(self) -> list[dict[str, object]]:
        return json.loads((self.snapshot / MANIFEST).read_text(encoding="utf-8"))

    def table(self, name: str) -> pd.DataFrame:
        """A published table as the dashboard gets it (nullable booleans stay booleans)."""
        return pq.read_table(self.snapshot / f"{name}.parquet").to_pandas()

    def dbt(
        self,
        *args: str,
        exports: Path | None = None,
        extra_env: dict[str, str] | None = None,
        **variables: object,
    ) -> DbtResult:
        """`dbt <args>` on this store: its warehouse and snapshots, its own exports unless `exports` says
        otherwise, `variables` added to the `--vars`."""
        return run_dbt(
            *args,
            duckdb_path=self.warehouse,
            variables=self.variables(exports, **variables),
            extra_env=extra_env,
        )

    def variables(self, exports: Path | None = None, **variables: object) -> dict[str, object]:
        """The `--vars` of a dbt run on this store."""
        return {
            "raw_data_dir": str(exports or self.exports),
            "publish_dir": str(self.publish_dir),
            **variables,
        }


def build_once(root: Path) -> DashboardBuild:
    """Generate the sample and run `dbt build` on it under `root`, unless an earlier caller already did."""
    folder = root / FOLDER
    built, failed = folder / ".built", folder / ".failed"
    with open(root / f"{FOLDER}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists() and not failed.exists():
            _build(folder, built, failed)
    if failed.exists():
        raise RuntimeError(f"the dashboard tests' dbt build failed:\n{failed.read_text(encoding='utf-8')}")
    return DashboardBuild(folder)


def _build(folder: Path, built: Path, failed: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    exports = folder / "exports"
    exports.mkdir(parents=True)
    sample = subprocess.run(
        [
            sys.executable,
            "-m",
            "one_click.sample",
            "--customers",
            str(SAMPLE_CUSTOMERS),
            "--out",
            str(exports),
            "--seed",
            str(SAMPLE_SEED),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if sample.returncode != 0:
        failed.write_text(sample.stdout + sample.stderr, encoding="utf-8")
        return
    result = DashboardBuild(folder).dbt("build")
    if not result.succeeded:
        failed.write_text(result.output[-8000:], encoding="utf-8")
        return
    built.touch()


def copy_snapshot(
    build: DashboardBuild,
    publish_dir: Path,
    build_id: str,
    drop_tables: tuple[str, ...] = (),
    drop_columns: dict[str, tuple[str, ...]] | None = None,
) -> Path:
    """Publish a copy of the build's snapshot as the current one of `publish_dir`, as an older build would
    have left it: without `drop_tables`, or with `drop_columns` missing from their tables."""
    target = publish_dir / "builds" / build_id
    shutil.copytree(build.snapshot, target)
    manifest = []
    for row in json.loads((target / MANIFEST).read_text(encoding="utf-8")):
        name = str(row["table_name"])
        if name in drop_tables:
            (target / f"{name}.parquet").unlink()
            continue
        dropped = (drop_columns or {}).get(name, ())
        if dropped:
            path = target / f"{name}.parquet"
            pq.write_table(pq.read_table(path).drop_columns(list(dropped)), path)
            row["columns"] = [column for column in row.get("columns", []) if column["name"] not in dropped]
        manifest.append({**row, "build_id": build_id})
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    link = publish_dir / f".current.{build_id}"
    link.symlink_to(Path("builds") / build_id)
    link.replace(publish_dir / "current")
    return target
