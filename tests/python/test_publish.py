from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from one_click.publish import BUILDS_KEPT, DATABASE_FILE, current_snapshot, publish_tables


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
