"""`build_info`: the one-row table each snapshot publishes about the build that wrote it.

A BI user or the dashboard's «Данные» page reads which build this is, when it was published, which export
period it holds and how its checks went, from the snapshot itself rather than from files beside the
warehouse. The table is not a dbt model: its facts (the build id, the publication time, the run's test
results) exist only once every node has run, in the `on-run-end` hook that publishes
(`macros/publishing/publish_marts.sql`), so its columns and their descriptions are declared here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import pyarrow as pa

BUILD_INFO = "build_info"
BUILD_INFO_DESCRIPTION = (
    "The build that published this snapshot, one row: its id, when it was published, the period of the "
    "store's exports it read and how the checks (dbt data and unit tests) of the publishing run ended. A "
    "run publishes only when none of its checks failed, so `checks_failed` is 0 in every published build."
)
FAILED_STATUSES = ("fail", "error", "runtime error")  # dbt's test statuses for a failed or broken check


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str  # DuckDB's name, as the contracts of the published marts write types
    arrow_type: pa.DataType
    description: str


COLUMNS = (
    Column(
        "build_id",
        "varchar",
        pa.string(),
        "The build's id: the UTC time its publishing began (YYYYMMDDTHHMMSS) and a random suffix; the "
        "snapshot's folder under `builds/`.",
    ),
    Column(
        "built_at",
        "timestamp with time zone",
        pa.timestamp("us", tz="UTC"),
        "When the snapshot was published (the end of the build), an instant with its time zone (UTC).",
    ),
    Column(
        "export_date",
        "date",
        pa.date32(),
        "The export period the build is for (the var `export_date`, the day the store delivered its "
        "exports); empty only for a snapshot published outside dbt.",
    ),
    Column(
        "dbt_invocation_id",
        "varchar",
        pa.string(),
        "dbt's id of the publishing run, as in its `target/run_results.json` and logs; empty outside dbt.",
    ),
    Column("checks_passed", "bigint", pa.int64(), "Checks of the publishing run that passed."),
    Column(
        "checks_warned",
        "bigint",
        pa.int64(),
        "Checks of the publishing run that found rows but are set to warn (severity `warn`).",
    ),
    Column(
        "checks_failed", "bigint", pa.int64(), "Checks of the publishing run that failed or could not run."
    ),
)


@dataclass(frozen=True)
class BuildRun:
    """What the publishing run says about itself: dbt's invocation id, the export period and the status of
    each of its checks (dbt's codes: pass, warn, fail, error, skipped)."""

    invocation_id: str | None = None
    export_date: date | None = None
    check_statuses: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, facts: Mapping[str, object]) -> BuildRun:
        """From the hook's JSON; `export_date` as an ISO date (YYYY-MM-DD)."""
        export_date = facts.get("export_date")
        statuses = facts.get("check_statuses") or []
        invocation_id = facts.get("invocation_id")
        return cls(
            invocation_id=str(invocation_id) if invocation_id else None,
            export_date=_iso_date(str(export_date)) if export_date else None,
            check_statuses=tuple(str(status) for status in statuses),  # type: ignore[attr-defined]
        )


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"var export_date: {text!r} is not a date written YYYY-MM-DD") from None


def build_info_table(build_id: str, built_at: datetime, run: BuildRun) -> pa.Table:
    """The table's one row, typed as `COLUMNS` declares."""
    statuses = Counter(run.check_statuses)
    row = {
        "build_id": build_id,
        "built_at": built_at,
        "export_date": run.export_date,
        "dbt_invocation_id": run.invocation_id,
        "checks_passed": statuses["pass"],
        "checks_warned": statuses["warn"],
        "checks_failed": sum(statuses[status] for status in FAILED_STATUSES),
    }
    schema = pa.schema([pa.field(column.name, column.arrow_type) for column in COLUMNS])
    return pa.Table.from_pylist([row], schema=schema)


def build_info_entry() -> dict[str, object]:
    """The table's entry for the snapshot's manifest and comments, as the hook gives one per mart."""
    return {
        "table_name": BUILD_INFO,
        "description": BUILD_INFO_DESCRIPTION,
        "columns": [
            {"name": column.name, "data_type": column.data_type, "description": column.description}
            for column in COLUMNS
        ],
    }
