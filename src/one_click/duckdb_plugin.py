"""dbt-duckdb plugin: the file-system steps of publishing, as functions dbt's SQL can call.

A snapshot is written by the `on-run-end` hook (`macros/publishing/publish_marts.sql`), after every model
and test has run. SQL writes the data (`COPY ... TO` Parquet, `ATTACH` a DuckDB file); creating the folder
and switching `current` atomically are file operations SQL cannot do, so they are registered here as
DuckDB functions on each connection dbt opens (profile: `plugins: [{module: one_click.duckdb_plugin}]`).
"""

from __future__ import annotations

import json
from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from one_click.build_info import BuildRun
from one_click.publish import begin_snapshot, commit_snapshot


def begin(publish_dir: str) -> str:
    return str(begin_snapshot(Path(publish_dir)))


def commit(partial: str, tables_json: str, run_json: str) -> str:
    run = BuildRun.from_mapping(json.loads(run_json))
    manifest = commit_snapshot(Path(partial), json.loads(tables_json), run)
    return str(manifest[0]["build_id"]) if manifest else ""


class Plugin(BasePlugin):
    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        # side_effects: DuckDB must call these once per query, never fold or cache them.
        for name, function, parameters in (
            ("one_click_begin_snapshot", begin, ["VARCHAR"]),
            ("one_click_commit_snapshot", commit, ["VARCHAR", "VARCHAR", "VARCHAR"]),
        ):
            conn.create_function(name, function, parameters, "VARCHAR", side_effects=True)
