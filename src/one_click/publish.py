"""Publishing the BI marts as Parquet snapshots that readers open without touching the warehouse.

DuckDB allows one writing process or many reading ones per file, never both: a dashboard holding the
warehouse open would make the next `dbt build` fail. So the last step of a build writes every BI mart to a
new folder `builds/<build id>/`, then points the symlink `current` at it in one atomic rename. A reader sees
either the previous complete build or the new complete build, never a half-written one; a build that fails
earlier never reaches this step, so `current` keeps pointing at the last good data.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

CURRENT = "current"
BUILDS = "builds"
MANIFEST = "manifest.json"
BUILDS_KEPT = 3  # a reader still holding an older snapshot open keeps working while two newer ones land


def new_build_id() -> str:
    """Sortable by time, unique across processes."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def publish_tables(
    tables: Mapping[str, pa.Table], publish_dir: Path, build_id: str
) -> list[dict[str, object]]:
    """Write `tables` as one snapshot and make it current; returns one manifest row per table."""
    builds_dir = publish_dir / BUILDS
    snapshot = builds_dir / build_id
    partial = builds_dir / f".{build_id}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)

    published_at = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = []
    for name, table in tables.items():
        pq.write_table(table, partial / f"{name}.parquet")
        manifest.append(
            {
                "table_name": name,
                "row_count": table.num_rows,
                "build_id": build_id,
                "published_at": published_at,
            }
        )
    (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.rename(snapshot)

    link = publish_dir / f".{CURRENT}.{build_id}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(BUILDS) / build_id)
    os.replace(link, publish_dir / CURRENT)
    _prune(builds_dir, keep=snapshot)
    return manifest


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
