"""Multi-period benchmark (`make bench-periods`): a generated store built for one export period, then for
each later period simulated from the last snapshot and built again; the wall seconds of every build. The
history tables grow with each period, and a build must not: the last build should take at most 1.2 times
the first.

    python -m one_click.simulate.bench --customers 100000 --periods 4 --work-dir target/bench-periods
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from one_click.simulate.check import FIRST_PERIOD
from one_click.simulate.store import SimulatedStore, store_arguments, write_result

MAX_GROWTH = 1.2


def run_bench(work_dir: Path, customers: int, periods: int, seed: int) -> dict[str, Any]:
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    store = SimulatedStore(work_dir)
    store.generate_first_period(customers, seed)
    builds = [{"period": 1, "export_date": FIRST_PERIOD, "seconds": store.build(1, FIRST_PERIOD)}]
    for period in range(2, periods + 1):
        truth = store.simulate(period, seed).truth
        builds.append(
            {
                "period": period,
                "export_date": truth.export_date,
                "seconds": store.build(period, truth.export_date),
            }
        )
    history_rows = store.query("select count(*) as n from prediction_history")["n"].iloc[0]
    growth = builds[-1]["seconds"] / builds[0]["seconds"]
    return {
        "customers": customers,
        "periods": periods,
        "builds": builds,
        "history_rows": int(history_rows),
        "last_over_first": growth,
        "within_limit": growth <= MAX_GROWTH,
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
