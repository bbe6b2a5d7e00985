from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from one_click.build_info import BUILD_INFO, BuildRun
from one_click.publish import (
    BUILDS_KEPT,
    DATABASE_FILE,
    begin_snapshot,
    commit_snapshot,
    current_snapshot,
    publish_tables,
)


def snapshot_of(rows: int) -> dict[str, pa.Table]:
    return {"customer_segments": pa.table({"customer_id": list(range(rows))})}


def test_nothing_is_current_before_the_first_build(tmp_path: Path) -> None:
    assert current_snapshot(tmp_path) is None


def test_publish_makes_the_new_snapshot_current(tmp_path: Path) -> None:
    publish_tables(snapshot_of(2), tmp_path, "build-1")
    manifest = publish_tables(snapshot_of(5), tmp_path, "build-2")

    current = current_snapshot(tmp_path)
    assert current is not None and current.name == "build-2"
    assert pq.read_table(current / "customer_segments.parquet").num_rows == 5
    assert manifest == json.loads((current / "manifest.json").read_text())
    assert manifest[0]["row_count"] == 5


def test_a_publish_that_fails_midway_leaves_the_last_good_snapshot(tmp_path: Path) -> None:
    publish_tables(snapshot_of(3), tmp_path, "build-1")

    class Broken:
        num_rows = 1

    with pytest.raises(Exception):  # noqa: B017 - any failure inside pyarrow will do
        publish_tables({"customer_segments": Broken()}, tmp_path, "build-2")  # type: ignore[dict-item]

    current = current_snapshot(tmp_path)
    assert current is not None and current.name == "build-1"
    assert pq.read_table(current / "customer_segments.parquet").num_rows == 3


def test_old_snapshots_are_pruned(tmp_path: Path) -> None:
    for number in range(BUILDS_KEPT + 2):
        publish_tables(snapshot_of(number + 1), tmp_path, f"build-{number}")
    kept = sorted(path.name for path in (tmp_path / "builds").iterdir())
    assert len(kept) == BUILDS_KEPT
    assert f"build-{BUILDS_KEPT + 1}" in kept


def test_the_snapshot_holds_a_duckdb_file_with_the_same_tables(tmp_path: Path) -> None:
    manifest = publish_tables(snapshot_of(4), tmp_path, "build-1")
    current = current_snapshot(tmp_path)
    assert current is not None
    with duckdb.connect(str(current / DATABASE_FILE), read_only=True) as database:
        assert database.sql("select count(*) from customer_segments").fetchall() == [(4,)]
    assert manifest[0]["columns"] == [{"name": "customer_id", "data_type": "int64"}]


def publish_described(publish_dir: Path) -> Path:
    """A snapshot published as the build's hook publishes it: with the table's and columns' descriptions."""
    partial = begin_snapshot(publish_dir, "build-1")
    pq.write_table(
        pa.table({"customer_id": [1, 2], "segment": ["a", None]}), partial / "customer_segments.parquet"
    )
    commit_snapshot(
        partial,
        [
            {
                "table_name": "customer_segments",
                "description": "Each customer's segment; the store's \"segments\", cut at 0.3's risk.",
                "columns": [
                    {"name": "customer_id", "data_type": "bigint", "description": "The customer's id."},
                    {"name": "segment", "data_type": "varchar", "description": "It's the segment's code."},
                ],
            }
        ],
    )
    current = current_snapshot(publish_dir)
    assert current is not None
    return current / DATABASE_FILE


def test_descriptions_are_comments_bi_tools_read_with_external_access_off(tmp_path: Path) -> None:
    database = publish_described(tmp_path / "published")
    outside = tmp_path / "outside.txt"
    outside.write_text("not for BI users\n")
    config = {"enable_external_access": False}  # as the README's connection strings say
    with duckdb.connect(str(database), read_only=True, config=config) as connection:
        assert connection.sql("select count(*) from customer_segments").fetchall() == [(2,)]
        tables = connection.sql(
            "select table_name, comment from duckdb_tables() where table_name <> 'build_info'"
        ).fetchall()
        columns = connection.sql(
            "select column_name, comment from duckdb_columns() where table_name = 'customer_segments'"
        ).fetchall()
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            connection.sql(f"select content from read_text('{outside}')").fetchall()
    assert tables == [
        ("customer_segments", "Each customer's segment; the store's \"segments\", cut at 0.3's risk.")
    ]
    assert columns == [("customer_id", "The customer's id."), ("segment", "It's the segment's code.")]
    with duckdb.connect(":memory:") as unrestricted:  # the same file is readable where access is on
        assert unrestricted.sql(f"select content from read_text('{outside}')").fetchall() == [
            ("not for BI users\n",)
        ]


def test_the_duckdb_file_is_in_the_storage_format_duckdb_1_reads(tmp_path: Path) -> None:
    """DuckDB 1.0 and 1.1 read storage version 64 only ("we can only read version 64"); the number is the
    eight bytes after the magic `DUCK` at the start of the file."""
    header = publish_described(tmp_path / "published").read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert int.from_bytes(header[12:20], "little") == 64


def test_build_info_holds_the_build_its_period_and_its_checks(tmp_path: Path) -> None:
    run = BuildRun(
        invocation_id="0a1b",
        export_date=date(2026, 11, 1),
        check_statuses=("pass", "pass", "pass", "warn", "fail", "error", "skipped"),
    )
    before = datetime.now(UTC).replace(microsecond=0)
    manifest = publish_tables(snapshot_of(2), tmp_path, "build-7", run)
    current = current_snapshot(tmp_path)
    assert current is not None
    config = {"enable_external_access": False}
    with duckdb.connect(str(current / DATABASE_FILE), read_only=True, config=config) as connection:
        row = connection.sql(
            "select build_id, built_at, typeof(built_at), export_date, dbt_invocation_id, checks_passed,"
            " checks_warned, checks_failed from build_info"
        ).fetchall()
        undescribed = connection.sql(
            "select column_name from duckdb_columns() where table_name = 'build_info' and comment is null"
        ).fetchall()
    [(build_id, built_at, built_at_type, export_date, invocation_id, passed, warned, failed)] = row
    assert (build_id, export_date, invocation_id, passed, warned, failed) == (
        "build-7",
        date(2026, 11, 1),
        "0a1b",
        3,
        1,
        2,
    )
    assert built_at_type == "TIMESTAMP WITH TIME ZONE"
    assert before <= built_at <= datetime.now(UTC)
    entry = next(table for table in manifest if table["table_name"] == BUILD_INFO)
    assert entry["row_count"] == 1 and datetime.fromisoformat(str(entry["published_at"])) == built_at
    assert undescribed == []


def test_build_info_of_a_run_without_an_export_period_leaves_it_empty(tmp_path: Path) -> None:
    publish_tables(snapshot_of(1), tmp_path, "build-1")
    current = current_snapshot(tmp_path)
    assert current is not None
    info = pq.read_table(current / f"{BUILD_INFO}.parquet").to_pylist()
    assert [(row["export_date"], row["checks_passed"], row["checks_failed"]) for row in info] == [
        (None, 0, 0)
    ]


def test_an_export_date_that_is_not_a_date_is_named_in_the_error() -> None:
    assert BuildRun.from_mapping({"export_date": "2026-11-01"}).export_date == date(2026, 11, 1)
    with pytest.raises(ValueError, match="var export_date: '11/2026' is not a date written YYYY-MM-DD"):
        BuildRun.from_mapping({"export_date": "11/2026", "check_statuses": ["pass"]})
