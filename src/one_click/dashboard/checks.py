"""The last dbt run's checks, read from `target/run_results.json`.

The one figure no mart can carry: run_results.json describes the run that is happening or just failed, which
may never have published anything. Counting its nodes per status here is the dashboard's one deliberate
exception to "the marts own every number" (the aggregation test allows `Counter` and `sum` in this module
only)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from one_click.dashboard.snapshot import parse_time

TEST_TYPES = ("test", "unit_test")
# The problem statuses: errors first, then failures, then warnings (what blocks a build before what warns).
SEVERITY = {"error": 0, "runtime error": 0, "fail": 1, "warn": 2}


@dataclass(frozen=True)
class NodeResult:
    """One node of a dbt run: a test, model, seed or hook."""

    unique_id: str
    resource_type: str
    name: str
    status: str
    failures: int | None
    message: str


@dataclass(frozen=True)
class RunResults:
    """The last dbt invocation's results."""

    generated_at: datetime | None
    results: tuple[NodeResult, ...]


class RunResultsUnreadable(Exception):
    """run_results.json exists but is not the JSON dbt writes (e.g. caught mid-write)."""


_HASH_SUFFIX = re.compile(r"^[0-9a-f]{10}$")


def node_name(unique_id: str) -> tuple[str, str]:
    """('test', 'money_csv__id__unique') from 'test.one_click.money_csv__id__unique.05d393dcba'."""
    parts = unique_id.split(".")
    resource_type = parts[0]
    rest = parts[2:] if len(parts) > 2 else parts[1:]
    if resource_type == "test" and len(rest) > 1 and _HASH_SUFFIX.match(rest[-1]):
        rest = rest[:-1]
    return resource_type, ".".join(rest) or unique_id


def read_run_results(path: Path) -> RunResults | None:
    """The parsed file, or None when no build has run here yet; raises `RunResultsUnreadable`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        rows = document["results"]
        metadata = document.get("metadata", {})
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise RunResultsUnreadable(f"{path}: {error}") from error
    results = []
    for row in rows:
        resource_type, name = node_name(str(row.get("unique_id", "")))
        failures = row.get("failures")
        results.append(
            NodeResult(
                unique_id=str(row.get("unique_id", "")),
                resource_type=resource_type,
                name=name,
                status=str(row.get("status", "")),
                failures=int(failures) if isinstance(failures, int | float) else None,
                message=str(row.get("message") or ""),
            )
        )
    generated_at = metadata.get("generated_at")
    return RunResults(
        generated_at=parse_time(generated_at) if generated_at else None,
        results=tuple(results),
    )


@dataclass(frozen=True)
class ChecksSummary:
    tests: int
    by_status: dict[str, int]  # tests only, dbt's status codes
    problems: tuple[NodeResult, ...]  # every node (test, model, ...) that failed, errored or warned
    skipped_nodes: int

    @property
    def errors(self) -> int:
        """Tests that could not run: dbt says "error" or, in older versions, "runtime error"."""
        return sum(self.by_status.get(status, 0) for status in ("error", "runtime error"))

    @property
    def passed(self) -> bool:
        return not self.problems and self.skipped_nodes == 0


def checks_summary(run_results: RunResults) -> ChecksSummary:
    tests = [node for node in run_results.results if node.resource_type in TEST_TYPES]
    problems = sorted(
        (node for node in run_results.results if node.status in SEVERITY),
        key=lambda node: (SEVERITY[node.status], node.name),
    )
    statuses = Counter(node.status for node in run_results.results)
    return ChecksSummary(
        tests=len(tests),
        by_status=dict(Counter(node.status for node in tests)),
        problems=tuple(problems),
        skipped_nodes=statuses["skipped"],
    )


def problems_table(
    summary: ChecksSummary, status_names: Mapping[str, str], type_names: Mapping[str, str]
) -> pd.DataFrame:
    """The problem nodes for reading: statuses and node types in the staff's words."""
    return pd.DataFrame(
        {
            "Статус": [status_names.get(node.status, node.status) for node in summary.problems],
            "Что": [type_names.get(node.resource_type, node.resource_type) for node in summary.problems],
            "Название": [node.name for node in summary.problems],
            "Строк с нарушением": pd.array([node.failures for node in summary.problems], dtype="Int64"),
            "Сообщение": [node.message for node in summary.problems],
        }
    )
