"""One benchmark: an export per size, a full `dbt build` and the scoring-only rebuilds, all measured."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from one_click.bench.measure import Measured, machine_info, run_measured
from one_click.bench.steps import (
    explained_customers,
    node_seconds,
    parse_progress,
    python_model_seconds,
    silent_gaps,
    steps_from_run,
)
from one_click.project import PROJECT_ROOT

SAMPLE_DIR = PROJECT_ROOT / "seeds"
FULL_PARSE = "Unable to do partial parsing"


def count_customers(folder: Path) -> int:
    with (folder / "market_file.csv").open("rb") as f:
        return sum(1 for line in f if line.strip()) - 1


def exports_for(size: int, *, seed: int, data_dir: Path, log: Path) -> tuple[Path, float | None]:
    """The folder of a `size`-customer export and the seconds it took to write (None for the bundled sample).

    The bundled sample in seeds/ is used when it has exactly `size` customers (it is
    `python -m one_click.sample` with its defaults); other sizes are generated once and reused.
    """
    if count_customers(SAMPLE_DIR) == size:
        return SAMPLE_DIR, None
    folder = data_dir / f"customers_{size}_seed_{seed}"
    marker = folder / ".complete"
    if marker.is_file():  # written by an earlier run: report the seconds that run took
        return folder, json.loads(marker.read_text()).get("wall_seconds")
    shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, "-m", "one_click.sample", "--customers", str(size), "--out", str(folder)]
    measured = run_measured([*command, "--seed", str(seed)], env=os.environ, cwd=PROJECT_ROOT, log=log)
    if measured.returncode != 0:
        raise RuntimeError(f"generating {size} customers failed; see {log}")
    marker.write_text(json.dumps(asdict(measured)))
    return folder, measured.wall_seconds


def dbt_executable() -> str:
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


@dataclass
class RunResult(Measured):
    customers: int
    kind: str  # "full", "scoring_only" or "scoring_only_repeat"
    command: str
    steps: dict[str, float]
    python_seconds: float | None = None
    active_customers: int | None = None
    explained_customers: int | None = None
    generate_seconds: float | None = None
    units: float | None = None  # wall seconds in units of the one-model parse measured in the same benchmark
    full_parse: bool | None = None  # False: dbt reused the saved manifest (partial parsing)
    nodes: dict[str, float] = field(default_factory=dict)
    progress: list[dict[str, str]] = field(default_factory=list)
    silent_gaps: list[dict[str, Any]] = field(default_factory=list)


def _read_json(path: Path, default: dict[str, Any]) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else default


# The unit of the benchmark: `dbt parse --no-partial-parse` of a dbt-duckdb project with one model, measured
# in the same run, so that a ratio means the same on a quiet machine and on a busy one.
UNIT_PROJECT = {
    "dbt_project.yml": (
        'name: unit\nversion: "1.0"\nconfig-version: 2\nprofile: unit\nmodel-paths: ["models"]\n'
    ),
    "profiles.yml": (
        "unit:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: unit.duckdb\n"
    ),
    "models/one.sql": "select 1 as id\n",
}
UNIT_COMMAND = "dbt parse --no-partial-parse"


def unit_seconds(work_dir: Path, *, repeats: int = 3) -> list[float]:
    """Wall seconds of `dbt parse --no-partial-parse` on a one-model dbt-duckdb project, `repeats` times."""
    project = work_dir / "unit"
    for name, text in UNIT_PROJECT.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    env = os.environ | {
        "DBT_PROFILES_DIR": str(project),
        "DBT_PROJECT_DIR": str(project),
        "DBT_TARGET_PATH": str(project / "target"),
        "DBT_LOG_PATH": str(project / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    seconds = []
    for _ in range(repeats):
        command = [dbt_executable(), *UNIT_COMMAND.split()[1:]]
        measured = run_measured(command, env=env, cwd=project, log=project / "parse.out")
        if measured.returncode != 0:
            raise RuntimeError(f"the unit project did not parse; see {project / 'parse.out'}")
        seconds.append(measured.wall_seconds)
    return seconds


def run_dbt(
    size: int,
    kind: str,
    *,
    raw_dir: Path,
    run_dir: Path,
    extra: Sequence[str],
    variables: dict[str, Any],
    environment: dict[str, str] | None = None,
) -> RunResult:
    # One target folder per size, as a user's own: a rebuild may reuse the saved manifest (partial parsing).
    target, logs = run_dir / "target", run_dir / f"logs_{kind}"
    (target / "run_results.json").unlink(missing_ok=True)
    shutil.rmtree(logs, ignore_errors=True)
    env = os.environ | {
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_PROJECT_DIR": str(PROJECT_ROOT),
        "DBT_DUCKDB_PATH": str(run_dir / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(logs),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **(environment or {}),
    }
    variables = {"raw_data_dir": str(raw_dir), "publish_dir": str(run_dir / "published"), **variables}
    command = [dbt_executable(), "build", *extra, "--vars", json.dumps(variables)]
    output = run_dir / f"dbt_{kind}.out"
    measured = run_measured(command, env=env, cwd=PROJECT_ROOT, log=output)
    # A run that fails before executing any node writes no run_results.json: it then shows no steps.
    run_results = _read_json(target / "run_results.json", {"results": []})
    manifest = _read_json(target / "manifest.json", {"nodes": {}})
    log_file = logs / "dbt.log"
    models = {node["name"] for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    log_text = log_file.read_text(errors="replace") if log_file.exists() else ""
    progress = parse_progress(log_text, models)
    explained, active = explained_customers(progress)
    return RunResult(
        customers=size,
        kind=kind,
        command=" ".join(
            [
                *(f"{k}={v}" for k, v in (environment or {}).items()),
                "dbt",
                "build",
                *extra,
                "--vars",
                f"'{json.dumps(variables)}'",
            ]
        ),
        **asdict(measured),
        steps={
            k: round(v, 2)
            for k, v in steps_from_run(run_results, manifest, progress, measured.wall_seconds).items()
        },
        python_seconds=round(python_model_seconds(run_results, manifest), 2),
        active_customers=active,
        explained_customers=explained,
        full_parse=FULL_PARSE in output.read_text(errors="replace"),
        nodes=node_seconds(run_results),
        progress=progress,
        silent_gaps=silent_gaps(log_text),
    )


def benchmark(
    sizes: Sequence[int], *, work_dir: Path, seed: int, scoring_only: bool, say=print
) -> dict[str, Any]:
    """Run every size; `results.json` in `work_dir` is rewritten after each run."""
    work_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "sizes": list(sizes),
        "seed": seed,
        "memory_method": "sum of RSS over the dbt process tree, polled from /proc every 0.2 s",
        "runs": [],
    }
    out = work_dir / "results.json"
    samples = unit_seconds(work_dir)
    results |= {
        "unit_command": UNIT_COMMAND,
        "unit_samples": samples,
        "unit_seconds": statistics.median(samples),
    }
    say(f"bench: unit ({UNIT_COMMAND} of a one-model project) {results['unit_seconds']:.2f} s of {samples}")
    for size in sizes:
        run_dir = work_dir / "runs" / str(size)
        shutil.rmtree(run_dir, ignore_errors=True)
        run_dir.mkdir(parents=True)
        raw_dir, generate = exports_for(
            size, seed=seed, data_dir=work_dir / "data", log=run_dir / "sample.out"
        )
        say(
            f"bench: {size} customers from {raw_dir}"
            + (f" (written in {generate:.1f} s)" if generate else "")
        )
        plan: list[tuple[str, list[str], dict[str, str]]] = [("full", [], {})]
        if scoring_only:
            # `make score` right after the build, then again: the selector and the environment variable leave
            # `--vars` as they were, so both reuse the build's parse; the repeat is a scheduled scoring job.
            scoring = (["--selector", "scoring"], {"ONE_CLICK_RETRAIN": "false"})
            plan += [("scoring_only", *scoring), ("scoring_only_repeat", *scoring)]
        for kind, extra, environment in plan:
            run = run_dbt(
                size,
                kind,
                raw_dir=raw_dir,
                run_dir=run_dir,
                extra=extra,
                variables={},
                environment=environment,
            )
            run.units = round(run.wall_seconds / results["unit_seconds"], 2)
            if kind == "full":
                run.generate_seconds = generate
            results["runs"].append(asdict(run))
            out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
            say(
                f"bench: {size} {kind}: rc {run.returncode}, {run.wall_seconds:.1f} s, "
                f"peak {run.peak_tree_rss_mb:.0f} MB, load {run.load_during:.1f}"
            )
            if run.returncode != 0:
                say(f"bench: dbt failed, see {run_dir}/dbt_{kind}.out")
                break
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return results
