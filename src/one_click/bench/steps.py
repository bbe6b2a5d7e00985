"""Seconds per pipeline step from dbt's artifacts, and progress lines and silences from its log."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Steps in pipeline order; a test belongs to the latest step among the nodes it depends on.
STEPS: tuple[str, ...] = (
    "ingest",
    "features",
    "profiling",
    "selection",
    "final_fit",
    "scoring",
    "segments",
    "explanations",
    "offers",
    "publish",
    "other",
)
STEP_LABELS = {
    "ingest": "ingest: gate + raw-file tests",
    "features": "features (SQL)",
    "profiling": "profiling",
    "selection": "model selection",
    "final_fit": "final fit + calibration",
    "scoring": "scoring",
    "segments": "segments",
    "explanations": "explanations",
    "offers": "offers + marketing marts",
    "publish": "publish",
    "other": "other (unit tests, model tables)",
    "dbt_overhead": "dbt start-up + parsing",
}
MODEL_STEPS: dict[str, str] = {
    "customer_features": "features",
    "feature_profile": "profiling",
    "feature_histogram": "profiling",
    "feature_correlations": "profiling",
    "feature_drift": "profiling",
    "model_registry": "final_fit",  # minus the selection part, see `steps_from_run`
    "customer_predictions": "scoring",
    "customer_segments": "segments",
    "customer_feature_contributions": "explanations",
    "customer_top_reasons": "explanations",
    "feature_importance": "explanations",
    "customer_offers": "offers",
    "segment_summary": "offers",
    "target_segment_profile": "offers",
    "published_marts": "publish",
}
FEATURE_PATHS = ("models/staging/", "models/intermediate/")
SELECTED = re.compile(r"^\[\s*(?P<seconds>\d+(?:\.\d+)?)s\] selected ")
PROGRESS_LINE = re.compile(
    r"(?P<clock>\d\d:\d\d:\d\d(?:\.\d+)?) \[info \] \[[^\]]*\]: (?P<model>[a-z_]+): (?P<message>.*)$"
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --------------------------------------------------------------------------------------------- steps


def node_step(unique_id: str, manifest: Mapping[str, Any]) -> str:
    """The step a model, seed, hook or test node of dbt's manifest counts towards."""
    kind = unique_id.partition(".")[0]
    name = unique_id.rsplit(".", 1)[-1]
    if kind in {"operation", "seed"}:
        return "ingest"
    if kind == "unit_test":
        return "other"
    node = manifest.get("nodes", {}).get(unique_id, {})
    if kind == "model":
        if name in MODEL_STEPS:
            return MODEL_STEPS[name]
        path = node.get("original_file_path", "")
        return "features" if path.startswith(FEATURE_PATHS) else "other"
    if kind == "test":
        parents = node.get("depends_on", {}).get("nodes", [])
        if not parents:
            return "other"
        steps = [
            "ingest" if parent.startswith("source.") else node_step(parent, manifest) for parent in parents
        ]
        return max(steps, key=STEPS.index)
    return "other"


def selection_seconds(progress: Iterable[Mapping[str, Any]]) -> float:
    """Seconds model_registry spent selecting, from its `[ 61.9s] selected <family>` line; 0 without one."""
    for line in progress:
        if line["model"] == "model_registry":
            match = SELECTED.match(line["message"])
            if match:
                return float(match["seconds"])
    return 0.0


def steps_from_run(
    run_results: Mapping[str, Any],
    manifest: Mapping[str, Any],
    progress: Sequence[Mapping[str, Any]] = (),
    wall_seconds: float | None = None,
) -> dict[str, float]:
    """Seconds per step (every key of `STEPS`), plus `dbt_overhead` = wall time not spent in any node."""
    steps = dict.fromkeys(STEPS, 0.0)
    for result in run_results["results"]:
        steps[node_step(result["unique_id"], manifest)] += float(result.get("execution_time") or 0.0)
    selecting = min(selection_seconds(progress), steps["final_fit"])
    steps["selection"] += selecting
    steps["final_fit"] -= selecting
    if wall_seconds is not None:
        steps["dbt_overhead"] = max(0.0, wall_seconds - sum(steps.values()))
    return steps


def python_model_seconds(run_results: Mapping[str, Any], manifest: Mapping[str, Any]) -> float:
    """Seconds spent in dbt Python models (their imports included: the first one pays for scikit-learn)."""
    nodes = manifest.get("nodes", {})
    return sum(
        float(r.get("execution_time") or 0.0)
        for r in run_results["results"]
        if nodes.get(r["unique_id"], {}).get("language") == "python"
    )


def node_seconds(run_results: Mapping[str, Any]) -> dict[str, float]:
    return {r["unique_id"]: round(float(r.get("execution_time") or 0.0), 3) for r in run_results["results"]}


def parse_progress(log_text: str, models: Iterable[str]) -> list[dict[str, str]]:
    """`<model>: <message>` lines that Python models wrote to dbt's log (see one_click.dbt_progress)."""
    known = set(models)
    lines = []
    for raw in log_text.splitlines():
        match = PROGRESS_LINE.search(ANSI.sub("", raw))
        if match and match["model"] in known:
            lines.append({"clock": match["clock"], "model": match["model"], "message": match["message"]})
    return lines


INFO_LINE = re.compile(r"^(?P<clock>\d\d:\d\d:\d\d\.\d+) \[info \] \[[^\]]*\]: (?P<text>.*)$")


def _clock_seconds(clock: str) -> float:
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def silent_gaps(log_text: str, *, at_least: float = 20.0, top: int = 5) -> list[dict[str, Any]]:
    """The longest stretches without a line on dbt's console (its log's info lines), longest first: what a
    user watching the build sees as silence, with the line that preceded it."""
    lines = []
    for raw in log_text.splitlines():
        match = INFO_LINE.match(ANSI.sub("", raw))
        if match and match["text"].strip():
            lines.append((_clock_seconds(match["clock"]), match["text"].strip()))
    gaps = []
    for (before, text), (after, _) in itertools.pairwise(lines):
        seconds = (after - before) % 86_400  # a build running past midnight
        if seconds >= at_least:
            gaps.append({"seconds": round(seconds, 1), "after": text[:160]})
    return sorted(gaps, key=lambda gap: -gap["seconds"])[:top]


def explained_customers(progress: Iterable[Mapping[str, Any]]) -> tuple[int | None, int | None]:
    """(explained, active) from customer_feature_contributions' `explaining X of Y customers` line."""
    for line in progress:
        match = re.match(r"explaining (\d+) of (\d+) customers", line["message"])
        if line["model"] == "customer_feature_contributions" and match:
            return int(match[1]), int(match[2])
    return None, None
