"""Publishing the BI marts as snapshots that readers open without touching the warehouse.

DuckDB allows one writing process or many reading ones per file, never both: a dashboard or a BI tool
holding the warehouse open would make the next `dbt build` fail. So at the end of a successful build dbt
writes every published mart into a new folder (`builds/.<build id>.partial`), one Parquet file per
table; this module adds `warehouse.duckdb`, a DuckDB database holding the same tables for BI tools. The
folder is then renamed to `builds/<build id>/` and `current` pointed at it in one atomic rename. A reader
sees either the previous complete build or the new complete build, never a half-written one; a build that
fails never reaches this step, so `current` keeps pointing at the last good data.

The SQL side (which tables, their rows and columns) is `macros/publishing/publish_marts.sql`; this module
owns the file system side, reached from that macro through the DuckDB functions of
`one_click.duckdb_plugin`.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

CURRENT = "current"
BUILDS = "builds"
MANIFEST = "manifest.json"
DATABASE_FILE = "warehouse.duckdb"
PARTIAL_SUFFIX = ".partial"
BUILDS_KEPT = 3  # a reader still holding an older snapshot open keeps working while two newer ones land


def new_build_id() -> str:
    """Sortable by time, unique across processes."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def begin_snapshot(publish_dir: Path, build_id: str | None = None) -> Path:
    """An empty folder for the next snapshot's files, invisible to readers until `commit_snapshot`."""
    build_id = build_id or new_build_id()
    partial = publish_dir.resolve() / BUILDS / f".{build_id}{PARTIAL_SUFFIX}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    return partial


def commit_snapshot(partial: Path, tables: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """Write the manifest, make the snapshot in `partial` current and prune old ones.

    `tables` holds one entry per published table (`table_name`, `description`, `columns`); each is written
    to the manifest with its row count, read from its Parquet file's footer, the build's id and publication
    time.
    """
    builds_dir = partial.parent
    build_id = partial.name.removeprefix(".").removesuffix(PARTIAL_SUFFIX)
    missing = [str(table["table_name"]) for table in tables if not _has_files(partial, table)]
    if missing:
        raise FileNotFoundError(f"snapshot {build_id} lacks the Parquet files of: {', '.join(missing)}")
    _write_database(partial, [str(table["table_name"]) for table in tables])
    published_at = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = [
        {
            **table,
            "row_count": pq.read_metadata(partial / f"{table['table_name']}.parquet").num_rows,
            "build_id": build_id,
            "published_at": published_at,
        }
        for table in tables
    ]
    (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")

    snapshot = builds_dir / build_id
    partial.rename(snapshot)
    publish_dir = builds_dir.parent
    link = publish_dir / f".{CURRENT}.{build_id}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(BUILDS) / build_id)
    os.replace(link, publish_dir / CURRENT)
    _prune(builds_dir, keep=snapshot)
    return manifest


def publish_tables(
    tables: Mapping[str, pa.Table], publish_dir: Path, build_id: str
) -> list[dict[str, object]]:
    """Write Arrow `tables` as one snapshot (Parquet only) and make it current: the same steps a build
    takes, for callers outside dbt."""
    partial = begin_snapshot(publish_dir, build_id)
    entries = []
    for name, table in tables.items():
        pq.write_table(table, partial / f"{name}.parquet")
        columns = [{"name": field.name, "data_type": str(field.type)} for field in table.schema]
        entries.append({"table_name": name, "columns": columns})
    return commit_snapshot(partial, entries)


def _write_database(folder: Path, table_names: Sequence[str]) -> None:
    """`warehouse.duckdb` beside the Parquet files, with the same tables, for BI tools that speak DuckDB."""
    with duckdb.connect(str(folder / DATABASE_FILE)) as connection:
        for name in table_names:
            parquet = str(folder / f"{name}.parquet").replace("'", "''")
            connection.execute(f"create table \"{name}\" as select * from read_parquet('{parquet}')")


def _has_files(folder: Path, table: Mapping[str, object]) -> bool:
    return (folder / f"{table['table_name']}.parquet").is_file()


def _prune(builds_dir: Path, keep: Path) -> None:
    snapshots = sorted(
        (path for path in builds_dir.iterdir() if not path.name.startswith(".")), key=os.path.getmtime
    )
    for old in snapshots[:-BUILDS_KEPT]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def current_snapshot(publish_dir: Path) -> Path | None:
    """The folder of the last published build, or None before the first successful build."""
    current = publish_dir / CURRENT
    return current.resolve() if (current / MANIFEST).is_file() else None
