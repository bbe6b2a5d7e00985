"""Publishing the BI marts as snapshots that readers open without touching the warehouse.

DuckDB allows one writing process or many reading ones per file, never both: a dashboard or a BI tool
holding the warehouse open would make the next `dbt build` fail. So at the end of a successful build dbt
writes every published mart into a new folder (`builds/.<build id>.partial`), one Parquet file per
table; this module adds `warehouse.duckdb`, a DuckDB database holding the same tables, with their dbt
descriptions as comments, for BI tools. The folder is then renamed to `builds/<build id>/` and `current`
pointed at it in one atomic rename. A reader sees either the previous complete build or the new complete
build, never a half-written one; a build that fails never reaches this step, so `current` keeps pointing at
the last good data.

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

from one_click.build_info import BUILD_INFO, BuildRun, build_info_entry, build_info_table

CURRENT = "current"
BUILDS = "builds"
MANIFEST = "manifest.json"
DATABASE_FILE = "warehouse.duckdb"
PARTIAL_SUFFIX = ".partial"
BUILDS_KEPT = 3  # a reader still holding an older snapshot open keeps working while two newer ones land
# DuckDB 2.x writes its newest storage format by default, which the DuckDB 1.x drivers many BI tools still
# bundle refuse ("version number 69"). Written for v1.0.0, the file opens in every DuckDB from 0.10.3 to 2.0
# (measured, see the README); the price is that compression methods newer than 1.0 go unused.
STORAGE_COMPATIBILITY_VERSION = "v1.0.0"


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


def commit_snapshot(
    partial: Path, tables: Sequence[Mapping[str, object]], run: BuildRun | None = None
) -> list[dict[str, object]]:
    """Write `build_info` and the manifest, make the snapshot in `partial` current and prune old ones.

    `tables` holds one entry per published table (`table_name`, `description`, `columns`); each is written
    to the manifest with its row count, read from its Parquet file's footer, the build's id and publication
    time. `run` is what the publishing run says about itself, for `build_info` (see `one_click.build_info`).
    """
    builds_dir = partial.parent
    build_id = partial.name.removeprefix(".").removesuffix(PARTIAL_SUFFIX)
    missing = [str(table["table_name"]) for table in tables if not _has_files(partial, table)]
    if missing:
        raise FileNotFoundError(f"snapshot {build_id} lacks the Parquet files of: {', '.join(missing)}")
    published_at = datetime.now(UTC).replace(microsecond=0)
    pq.write_table(
        build_info_table(build_id, published_at, run or BuildRun()), partial / f"{BUILD_INFO}.parquet"
    )
    tables = [*tables, build_info_entry()]
    _write_database(partial, tables)
    manifest = [
        {
            **table,
            "row_count": pq.read_metadata(partial / f"{table['table_name']}.parquet").num_rows,
            "build_id": build_id,
            "published_at": published_at.isoformat(),
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
    tables: Mapping[str, pa.Table], publish_dir: Path, build_id: str, run: BuildRun | None = None
) -> list[dict[str, object]]:
    """Write Arrow `tables` as one snapshot (Parquet only) and make it current: the same steps a build
    takes, for callers outside dbt."""
    partial = begin_snapshot(publish_dir, build_id)
    entries = []
    for name, table in tables.items():
        pq.write_table(table, partial / f"{name}.parquet")
        columns = [{"name": field.name, "data_type": str(field.type)} for field in table.schema]
        entries.append({"table_name": name, "columns": columns})
    return commit_snapshot(partial, entries, run)


def _write_database(folder: Path, tables: Sequence[Mapping[str, object]]) -> None:
    """`warehouse.duckdb` beside the Parquet files, with the same tables, for BI tools that speak DuckDB.

    Each table's and column's dbt description becomes its `COMMENT`, which BI tools (DBeaver, Superset)
    show as the description."""
    config = {"storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION}
    with duckdb.connect(str(folder / DATABASE_FILE), config=config) as connection:
        for table in tables:
            name = str(table["table_name"])
            parquet = str(folder / f"{name}.parquet")
            connection.execute(
                f"create table {_identifier(name)} as select * from read_parquet({_text(parquet)})"
            )
            for statement in comment_statements(table):
                connection.execute(statement)


def comment_statements(table: Mapping[str, object]) -> list[str]:
    """`COMMENT ON` the table and each column that has a description (a missing one stays NULL)."""
    name = _identifier(str(table["table_name"]))
    statements = []
    if table.get("description"):
        statements.append(f"comment on table {name} is {_text(str(table['description']))}")
    columns = table.get("columns")
    for column in columns if isinstance(columns, list) else []:
        if column.get("description"):
            column_name = f"{name}.{_identifier(str(column['name']))}"
            statements.append(f"comment on column {column_name} is {_text(str(column['description']))}")
    return statements


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


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
