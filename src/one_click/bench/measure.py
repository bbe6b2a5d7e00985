"""The machine, and a command's wall time and peak memory over its whole process tree."""

from __future__ import annotations

import os
import platform
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

POLL_SECONDS = 0.2

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
