"""dbt-duckdb plugin: the file-system steps of publishing and of reading raw exports, as functions dbt's SQL
can call.

A snapshot is written by the `on-run-end` hook (`macros/publishing/publish_marts.sql`), after every model
and test has run. SQL writes the data (`COPY ... TO` Parquet, `ATTACH` a DuckDB file); creating the folder
and switching `current` atomically are file operations SQL cannot do, so they are registered here as
DuckDB functions on each connection dbt opens (profile: `plugins: [{module: one_click.duckdb_plugin}]`).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from one_click.build_info import BuildRun
from one_click.publish import begin_snapshot, commit_snapshot
from one_click.raw_files import Dialect, readable_path, refusal


def begin(publish_dir: str) -> str:
    return str(begin_snapshot(Path(publish_dir)))


def commit(partial: str, tables_json: str, run_json: str) -> str:
    run = BuildRun.from_mapping(json.loads(run_json))
    manifest = commit_snapshot(Path(partial), json.loads(tables_json), run)
    return str(manifest[0]["build_id"]) if manifest else ""


def raw_export_readable_path(path: str, copies_dir: str) -> str:
    return str(readable_path(Path(path), Path(copies_dir)))


def raw_export_refusal(read_path: str, delimiter: str, quote: str, encoding: str, dialect_sql: str) -> str:
    """'' when the file at `read_path` reads strictly with `dialect_sql` (read_csv options), else why not, as
    JSON facts (`one_click.raw_files.Refusal`) that the macro raw_export_refusal_message words. The strict
    read runs in a database of its own: an error there is a value here, where the SQL that called this could
    not catch it."""

    def strict_count(width: int) -> int:
        columns = ", ".join(f"'c{position}': 'VARCHAR'" for position in range(width))
        location = read_path.replace("'", "''")
        with duckdb.connect() as connection:
            return connection.sql(
                f"select count(*) from read_csv('{location}', {dialect_sql}, header = true,"
                f" strict_mode = true, columns = {{{columns}}})"
            ).fetchall()[0][0]

    found = refusal(Path(read_path), Dialect(delimiter, quote, encoding), strict_count)
    return "" if found is None else json.dumps(found)


class Plugin(BasePlugin):
    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        # side_effects: DuckDB must call these once per query, never fold or cache them.
        for name, function, parameters in (
            ("one_click_begin_snapshot", begin, ["VARCHAR"]),
            ("one_click_commit_snapshot", commit, ["VARCHAR", "VARCHAR", "VARCHAR"]),
            ("one_click_raw_export_readable_path", raw_export_readable_path, ["VARCHAR"] * 2),
            ("one_click_raw_export_refusal", raw_export_refusal, ["VARCHAR"] * 5),
        ):
            conn.create_function(name, function, parameters, "VARCHAR", side_effects=True)
