"""`make bench`: how the cost of a full `dbt build` grows with the number of customers.

For each size the benchmark writes (or reuses) a synthetic export of that many customers, runs a full
`dbt build` into a fresh warehouse, then a scoring-only rebuild (`--select customer_predictions+` with
`retrain: false`), and records per run:

* wall seconds of the dbt command;
* peak memory: the largest sum of RSS over the dbt process and all its descendants (scikit-learn's worker
  processes included), polled from /proc every 0.2 s. Shared pages count once per process, so this is an
  upper bound; the largest single process (`ru_maxrss` from wait4) is recorded next to it;
* the 1-minute load average before and during the run (the machine may be shared);
* seconds per step: dbt's `run_results.json` gives each node's execution time, and nodes are grouped into
  steps (`STEPS`); a data test counts towards the step of the last node it tests. model_registry is split
  into model selection and final fit at its progress line `selected <family>` in dbt's log.

Results go to `<work dir>/results.json`; the Markdown table is generated from it (`render`), and written
between the markers of docs/benchmarks.md, so no number there is typed by hand.

    python -m one_click.bench run --sizes 1300 100000 1000000 --docs docs/benchmarks.md
    python -m one_click.bench render --results target/bench/results.json --docs docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = PROJECT_ROOT / "seeds"
RAW_FILES = ("market_file.csv", "market_money.csv", "market_time.csv", "money.csv")

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
POLL_SECONDS = 0.2
FULL_PARSE = "Unable to do partial parsing"


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


# ------------------------------------------------------------------------------------------ machine


def machine_info() -> dict[str, Any]:
    cpu_model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    versions = {}
    for package in ("dbt-core", "dbt-duckdb", "duckdb", "scikit-learn", "pandas", "shap"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:  # pragma: no cover - a missing package is simply not reported
            versions[package] = None
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
    }


# ------------------------------------------------------------------------------------------ running


def _process_table() -> tuple[dict[int, list[int]], dict[int, int]]:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
        rss[int(entry)] = int(statm.split()[1]) * page
    return children, rss


def tree_rss(root: int) -> int:
    """Sum of resident memory (bytes) of `root` and all its descendants."""
    children, rss = _process_table()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


@dataclass
class Measured:
    returncode: int
    wall_seconds: float
    peak_tree_rss_mb: float
    max_process_rss_mb: float
    load_before: float
    load_during: float


def run_measured(command: Sequence[str], *, env: Mapping[str, str], cwd: Path, log: Path) -> Measured:
    """Run `command`, polling the RSS of its process tree; stdout and stderr go to `log`."""
    load_before = os.getloadavg()[0]
    peak, loads = 0, []
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=dict(env), cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def poll() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(process.pid))
                loads.append(os.getloadavg()[0])
                done.wait(POLL_SECONDS)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        poller.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        returncode=process.returncode,
        wall_seconds=round(wall, 2),
        peak_tree_rss_mb=round(peak / 2**20, 1),
        max_process_rss_mb=round(usage.ru_maxrss / 1024, 1),
        load_before=round(load_before, 2),
        load_during=round(sum(loads) / len(loads), 2) if loads else round(load_before, 2),
    )


def count_customers(folder: Path) -> int:
    with (folder / "market_file.csv").open("rb") as f:
        return sum(1 for line in f if line.strip()) - 1


def exports_for(size: int, *, seed: int, data_dir: Path, log: Path) -> tuple[Path, float | None]:
    """The folder of a `size`-customer export and the seconds it took to write (None for the bundled sample).

    The bundled sample in seeds/ is used when it has exactly `size` customers (it is
    `python -m one_click.sample --customers 1300 --seed 42`); other sizes are generated once and reused.
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
    full_parse: bool | None = None  # False: dbt reused the saved manifest (partial parsing)
    nodes: dict[str, float] = field(default_factory=dict)
    progress: list[dict[str, str]] = field(default_factory=list)
    silent_gaps: list[dict[str, Any]] = field(default_factory=list)


def _read_json(path: Path, default: dict[str, Any]) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else default


def run_dbt(
    size: int, kind: str, *, raw_dir: Path, run_dir: Path, extra: Sequence[str], variables: dict[str, Any]
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
        command=" ".join(["dbt", "build", *extra, "--vars", f"'{json.dumps(variables)}'"]),
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
        plan = [("full", [], {})]
        if scoring_only:
            # Twice: the first pays a full parse (its vars differ from the full build's, and dbt reparses
            # everything when vars change); the repeat is what a scheduled scoring job costs from then on.
            scoring = (["--select", "customer_predictions+"], {"retrain": False})
            plan += [("scoring_only", *scoring), ("scoring_only_repeat", *scoring)]
        for kind, extra, variables in plan:
            run = run_dbt(size, kind, raw_dir=raw_dir, run_dir=run_dir, extra=extra, variables=variables)
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


# ---------------------------------------------------------------------------------------- rendering

BEGIN, END = (
    "<!-- bench:begin (generated by python -m one_click.bench; edits here are overwritten) -->",
    ("<!-- bench:end -->"),
)


def _number(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def shown_steps(runs: Sequence[Mapping[str, Any]]) -> list[str]:
    keys = [*STEPS, "dbt_overhead"]
    return [k for k in keys if any(run["steps"].get(k, 0.0) >= 0.05 for run in runs)]


def render_table(runs: Sequence[Mapping[str, Any]]) -> str:
    """One Markdown row per run: size, run kind, wall time, memory, load and seconds per step."""
    steps = shown_steps(runs)
    header = [
        "customers",
        "run",
        "rc",
        "explained",
        "sample s",
        "dbt parse",
        "wall s",
        "Python models s",
        "peak RSS MB",
        "load",
        *(STEP_LABELS[s] for s in steps),
    ]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] * 2 + ["---:"] * (len(header) - 2)) + "|",
    ]
    for run in runs:
        cells = [
            f"{run['customers']:,}",
            run["kind"].replace("_", "-"),
            str(run["returncode"]),
            "–" if run.get("explained_customers") is None else f"{run['explained_customers']:,}",
            _number(run.get("generate_seconds")),
            {True: "full", False: "partial"}.get(run.get("full_parse"), "–"),
            _number(run["wall_seconds"]),
            _number(run.get("python_seconds")),
            _number(run["peak_tree_rss_mb"], 0),
            f"{run['load_before']:.1f} → {run['load_during']:.1f}",
            *(_number(run["steps"].get(s, 0.0)) for s in steps),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth_exponent(n1: float, t1: float, n2: float, t2: float) -> float | None:
    """b in t ∝ n^b between two sizes: 1 is linear, 0 a constant cost, 2 quadratic."""
    if min(n1, n2, t1, t2) <= 0 or n1 == n2:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def render_growth(runs: Sequence[Mapping[str, Any]]) -> str:
    """Per step, the growth exponent between consecutive sizes of the full builds."""
    full = sorted(
        (r for r in runs if r["kind"] == "full" and r["returncode"] == 0), key=lambda r: r["customers"]
    )
    if len(full) < 2:
        return "_Fewer than two successful full builds: no growth to read._"
    pairs = list(itertools.pairwise(full))
    header = ["step", *(f"{a['customers']:,} → {b['customers']:,}" for a, b in pairs)]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "|".join(["---:"] * len(pairs)) + "|"]
    rows = [("wall", "wall_seconds"), ("peak RSS", "peak_tree_rss_mb")]
    rows += [(STEP_LABELS[s], s) for s in shown_steps(full)]
    for label, key in rows:
        cells = []
        for a, b in pairs:
            ta = a[key] if key in a else a["steps"].get(key, 0.0)
            tb = b[key] if key in b else b["steps"].get(key, 0.0)
            exponent = growth_exponent(a["customers"], ta, b["customers"], tb)
            cells.append("–" if exponent is None else f"{exponent:.2f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_silences(runs: Sequence[Mapping[str, Any]]) -> str:
    """The longest silences on dbt's console during each full build."""
    lines = ["| customers | silent s | after the line |", "|---:|---:|---|"]
    for run in runs:
        if run["kind"] != "full":
            continue
        for gap in run.get("silent_gaps", []):
            text = gap["after"].replace("|", "\\|")
            lines.append(f"| {run['customers']:,} | {gap['seconds']:.0f} | `{text}` |")
    return "\n".join(lines) if len(lines) > 2 else "_No silence of 20 s or more._"


def render_machine(results: Mapping[str, Any]) -> str:
    m = results["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items() if v)
    return (
        f"- CPU: {m['cpu_model']}, nproc {m['nproc']}; memory {m['memory_gb']} GB\n"
        f"- {m['platform']}, Python {m['python']}; {versions}\n"
        f"- run {results.get('started_at', '?')} → {results.get('finished_at', 'unfinished')} (UTC)"
    )


def render_markdown(results: Mapping[str, Any]) -> str:
    """The generated block of docs/benchmarks.md."""
    runs = results["runs"]
    sizes = " ".join(str(s) for s in results.get("sizes", []))
    commands = sorted({run["command"].split(" --vars")[0] for run in runs})
    return "\n\n".join(
        [
            BEGIN,
            f'Command: `make bench SIZES="{sizes}"` (seed {results.get("seed")}); '
            f"dbt runs: {', '.join(f'`{c}`' for c in commands)}.",
            "### Machine\n\n" + render_machine(results),
            "### Runs\n\nSeconds per step from dbt's run_results.json; peak RSS is the "
            f"{results.get('memory_method', 'peak RSS')}; load is the 1-minute load average before → "
            "during the run.\n\n" + render_table(runs),
            "### Growth\n\nExponent b of t ∝ n^b between consecutive sizes of the full build "
            "(1 = linear, 0 = fixed cost).\n\n" + render_growth(runs),
            "### Silences\n\nStretches of 20 s or more without a line on dbt's console during the full "
            "builds (the longest five per size), and the line before each.\n\n" + render_silences(runs),
            END,
        ]
    )


DOC_HEADER = "# Benchmarks\n\n"


def write_docs(results: Mapping[str, Any], docs: Path) -> None:
    """Replace the generated block of `docs` (or create the file); text outside the markers stays."""
    block = render_markdown(results)
    text = docs.read_text(encoding="utf-8") if docs.exists() else DOC_HEADER + BEGIN + "\n" + END + "\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(text, encoding="utf-8")


# -------------------------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m one_click.bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the benchmark and print the table")
    run.add_argument("--sizes", type=int, nargs="+", default=[1300, 100_000, 1_000_000])
    run.add_argument("--work-dir", type=Path, default=PROJECT_ROOT / "target" / "bench")
    run.add_argument("--seed", type=int, default=42)
    run.add_argument("--no-scoring-only", action="store_true", help="skip the scoring-only rebuilds")
    run.add_argument("--docs", type=Path, help="Markdown file whose generated block to rewrite")
    render = commands.add_parser("render", help="print (and write) the tables of an earlier results.json")
    render.add_argument("--results", type=Path, default=PROJECT_ROOT / "target" / "bench" / "results.json")
    render.add_argument("--docs", type=Path)
    args = parser.parse_args(argv)

    if args.command == "run":
        results = benchmark(
            args.sizes,
            work_dir=args.work_dir.resolve(),
            seed=args.seed,
            scoring_only=not args.no_scoring_only,
            say=lambda message: print(message, file=sys.stderr, flush=True),
        )
        print(f"results: {args.work_dir.resolve() / 'results.json'}", file=sys.stderr)
    else:
        results = json.loads(args.results.read_text(encoding="utf-8"))
    print(render_table(results["runs"]))
    print()
    print(render_growth(results["runs"]))
    if args.docs:
        write_docs(results, args.docs)
        print(f"\nwrote {args.docs}", file=sys.stderr)
    if any(run["returncode"] != 0 for run in results["runs"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
