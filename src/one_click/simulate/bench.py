"""Multi-period benchmark (`make bench-periods`): a generated store built for one export period, then for
each later period simulated from the last snapshot and built again; how long every build took. The history
tables grow with each period, and a build must not: the last build should take at most 1.2 times the first.

The limit is judged on the builds' CPU seconds, which the other work of a shared machine inflates far less
than their wall seconds; both are reported, with the load average beside each build, and so are the models
whose own time grew most from the first build to the last.

    python -m one_click.simulate.bench --customers 100000 --periods 4 --work-dir target/bench-periods
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from one_click.simulate.check import FIRST_PERIOD
from one_click.simulate.store import SimulatedStore, store_arguments, write_result

MAX_GROWTH = 1.2
# Models faster than this in both builds are left out of the growth list: their ratio is noise.
NODE_SECONDS_WORTH_LISTING = 1.0


def _timed_build(store: SimulatedStore, period: int, export_date: str) -> dict[str, Any]:
    took = store.build(period, export_date)
    return {
        "period": period,
        "export_date": export_date,
        "wall_seconds": took.wall_seconds,
        "cpu_seconds": took.cpu_seconds,
        "load_average_1m_after": os.getloadavg()[0],
        "node_seconds": store.node_seconds(),
    }


def node_growth(first: dict[str, float], last: dict[str, float]) -> list[dict[str, Any]]:
    """Per model, test or hook timed in both builds: its seconds in each and their ratio, largest growth
    in seconds first."""
    grown = [
        {"node": node, "first_seconds": first[node], "last_seconds": last[node]}
        for node in sorted(first.keys() & last.keys())
        if max(first[node], last[node]) >= NODE_SECONDS_WORTH_LISTING
    ]
    return sorted(grown, key=lambda row: row["last_seconds"] - row["first_seconds"], reverse=True)


def run_bench(work_dir: Path, customers: int, periods: int, seed: int) -> dict[str, Any]:
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    store = SimulatedStore(work_dir)
    store.generate_first_period(customers, seed)
    builds = [_timed_build(store, 1, FIRST_PERIOD)]
    for period in range(2, periods + 1):
        truth = store.simulate(period, seed).truth
        builds.append(_timed_build(store, period, truth.export_date))
    history_rows = store.query("select count(*) as n from prediction_history")["n"].iloc[0]
    first, last = builds[0], builds[-1]
    cpu_growth = last["cpu_seconds"] / first["cpu_seconds"]
    return {
        "customers": customers,
        "periods": periods,
        "cpus": os.cpu_count(),
        "builds": [{k: v for k, v in build.items() if k != "node_seconds"} for build in builds],
        "history_rows": int(history_rows),
        "last_over_first_cpu": cpu_growth,
        "last_over_first_wall": last["wall_seconds"] / first["wall_seconds"],
        "within_limit": cpu_growth <= MAX_GROWTH,
        "node_growth": node_growth(first["node_seconds"], last["node_seconds"])[:15],
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = store_arguments(
        "one_click.simulate.bench", __doc__, customers=100_000, work_dir=Path("target/bench-periods")
    )
    parser.add_argument("--periods", type=int, default=4)
    args = parser.parse_args(argv)
    result = run_bench(args.work_dir.resolve(), args.customers, args.periods, args.seed)
    write_result(result, args.work_dir / "bench_periods.json")


if __name__ == "__main__":
    main()
