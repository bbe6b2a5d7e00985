"""A store's working folder, laid out alike by the loop check, the multi-period benchmark and the tests: the
warehouse DuckDB file, the published snapshots, and dbt's own target and log folders side by side.

    store = StoreFolder(Path("target/loop-check"))
    subprocess.run(["dbt", "build", ...], env=store.dbt_environment())  # builds into store.warehouse
    store.query("select count(*) from prediction_history")              # read-only, while nothing builds
    copy = store.copy_to(Path("elsewhere"))                             # a copy to build on further
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import duckdb
import pandas as pd

from one_click.project import PROJECT_ROOT

WAREHOUSE_FILE = "warehouse.duckdb"
PUBLISH_FOLDER = "published"
DBT_TARGET_FOLDER = "target"
DBT_LOG_FOLDER = "logs"
# dbt's own files: a copy leaves them behind (dbt parses the project again for the copy's paths anyway).
DBT_FOLDERS = (DBT_TARGET_FOLDER, DBT_LOG_FOLDER)


@dataclass(frozen=True)
class StoreFolder:
    folder: Path

    @property
    def warehouse(self) -> Path:
        return self.folder / WAREHOUSE_FILE

    @property
    def publish_dir(self) -> Path:
        return self.folder / PUBLISH_FOLDER

    @property
    def dbt_target(self) -> Path:
        return self.folder / DBT_TARGET_FOLDER

    def dbt_environment(self, warehouse: Path | None = None) -> dict[str, str]:
        """The environment for `dbt` on this store (or on another `warehouse` file beside it): profiles.yml
        reads the warehouse's path from DBT_DUCKDB_PATH; dbt's target and logs stay in the folder."""
        return {
            **os.environ,
            "DBT_PROFILES_DIR": str(PROJECT_ROOT),
            "DBT_DUCKDB_PATH": str(warehouse or self.warehouse),
            "DBT_TARGET_PATH": str(self.dbt_target),
            "DBT_LOG_PATH": str(self.folder / DBT_LOG_FOLDER),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }

    def query(self, sql: str) -> pd.DataFrame:
        with duckdb.connect(str(self.warehouse), read_only=True) as connection:
            return connection.sql(sql).df()

    def copy_to(self, folder: Path) -> Self:
        """This store copied to `folder` (which must not exist yet): the warehouse, the published snapshots
        (their `current` link stays relative) and every other file, but not dbt's own folders."""
        shutil.copytree(self.folder, folder, symlinks=True, ignore=shutil.ignore_patterns(*DBT_FOLDERS))
        return dataclasses.replace(self, folder=folder)
