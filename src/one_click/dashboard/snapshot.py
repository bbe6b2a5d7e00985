"""Where the dashboard's data lives, and reading it without ever touching the warehouse.

A snapshot (`<publish dir>/current` → `builds/<build id>/`) never changes once current. Its manifest lists
each table's columns, so a page asking for a table or column an older build lacks gets `TableUnavailable` (a
message for the staff) rather than a KeyError deep inside the page."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from one_click.project import project_vars
from one_click.publish import MANIFEST, current_snapshot

PUBLISH_DIR_ENV = "ONE_CLICK_PUBLISH_DIR"
RUN_RESULTS_ENV = "ONE_CLICK_RUN_RESULTS"


def project_root() -> Path:
    """The dbt project this package belongs to (an editable install), else the working directory."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "dbt_project.yml").is_file():
            return folder
    return Path.cwd()


def publish_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the build publishes: the environment's ONE_CLICK_PUBLISH_DIR, else the project's var
    `publish_dir` (relative to the project, where dbt runs)."""
    if environ.get(PUBLISH_DIR_ENV):
        return Path(environ[PUBLISH_DIR_ENV])
    root = project_root()
    return root / str(project_vars(root / "dbt_project.yml")["publish_dir"])


def run_results_path(environ: Mapping[str, str] = os.environ) -> Path:
    return Path(environ.get(RUN_RESULTS_ENV) or project_root() / "target" / "run_results.json")


class TableUnavailable(Exception):
    """A table the page needs is not in the current snapshot, or is in an older shape."""

    def __init__(self, table: str, missing_columns: tuple[str, ...] = ()) -> None:
        self.table = table
        self.missing_columns = missing_columns
        if missing_columns:
            detail = f"в ней нет столбцов {', '.join(missing_columns)}"
            message = f"Таблица «{table}» в текущей сборке старого формата ({detail})."
        else:
            message = f"В текущей сборке нет таблицы «{table}»."
        super().__init__(message)


@dataclass(frozen=True)
class PublishedTable:
    """One row of the snapshot's manifest."""

    name: str
    row_count: int
    description: str
    columns: tuple[str, ...] | None  # None in a manifest written before columns were listed


@dataclass(frozen=True)
class Snapshot:
    """One published build: its folder, id, publication time and its manifest."""

    folder: Path
    build_id: str
    published_at: datetime | None
    tables: tuple[PublishedTable, ...]

    def table(self, name: str) -> PublishedTable | None:
        return next((table for table in self.tables if table.name == name), None)


def open_snapshot(publish_dir: Path, attempts: int = 3) -> Snapshot | None:
    """The current snapshot, or None before the first successful build.

    A reader can lose the race with pruning (`current` moved on twice and the old folder was removed
    between resolving the link and reading the manifest); resolving again then finds the newer build.
    """
    for _ in range(attempts):
        folder = current_snapshot(publish_dir)
        if folder is None:
            return None
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        published = manifest[0].get("published_at") if manifest else None  # one publish: one time
        return Snapshot(
            folder=folder,
            build_id=folder.name,
            published_at=parse_time(str(published)) if published else None,
            tables=tuple(_published_table(row) for row in manifest),
        )
    return None


def _published_table(row: Mapping[str, object]) -> PublishedTable:
    columns = row.get("columns")
    return PublishedTable(
        name=str(row["table_name"]),
        row_count=int(row["row_count"]),  # type: ignore[call-overload]
        description=str(row.get("description") or ""),
        columns=tuple(str(column["name"]) for column in columns) if isinstance(columns, list) else None,
    )


def read_table(snapshot: Snapshot, table: str, columns: Sequence[str]) -> pd.DataFrame:
    """`columns` of a published table as pandas, in that order; raises `TableUnavailable`.

    The columns are checked against the manifest (against the file itself when an older manifest does not
    list them), so a page only ever sees the columns it asked for.
    """
    listed = snapshot.table(table)
    path = snapshot.folder / f"{table}.parquet"
    if listed is None or not path.is_file():
        raise TableUnavailable(table)
    present = listed.columns if listed.columns is not None else tuple(pq.read_schema(path).names)
    missing = tuple(column for column in columns if column not in present)
    if missing:
        raise TableUnavailable(table, missing)
    try:
        arrow = pq.read_table(path, columns=list(columns))
    except FileNotFoundError:
        raise TableUnavailable(table) from None
    # Nullable booleans (an unlabelled customer's is_activity_declined) would otherwise become object
    # columns of True/False/None.
    return arrow.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get)


def parse_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
