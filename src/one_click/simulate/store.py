"""A simulated store on disk for the loop check and the multi-period benchmark: its exports per period, its
own warehouse and published snapshots, and `dbt build` run for one period at a time."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from one_click import sample
from one_click.bench import steps
from one_click.project import PROJECT_ROOT
from one_click.simulate.next_period import NextPeriod, simulate_next_period
from one_click.simulate.snapshot import LastPeriod, read_last_period
from one_click.store_folder import StoreFolder


@dataclass(frozen=True)
class RunTime:
    """How long one dbt command took: wall seconds, and the CPU seconds (user + system) of its process, which
    other work on a shared machine inflates far less than the wall clock."""

    wall_seconds: float
    cpu_seconds: float


def _children_cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


@dataclass(frozen=True)
class SimulatedStore(StoreFolder):
    """A store folder (one_click.store_folder) with one folder of exports per period."""

    def exports(self, period: int) -> Path:
        return self.folder / f"period-{period}"

    def generate_first_period(self, customers: int, seed: int) -> Path:
        return sample.write_exports(sample.generate_exports(customers, seed), self.exports(1))[0].parent

    def last_period(self) -> LastPeriod:
        return read_last_period(self.publish_dir / "current")

    def simulate(self, period: int, seed: int, **kwargs: object) -> NextPeriod:
        """The export of `period` drawn from the snapshot the build of `period - 1` published."""
        drawn = simulate_next_period(self.last_period(), seed=seed, **kwargs)  # type: ignore[arg-type]
        drawn.write(self.exports(period))
        return drawn

    def build(
        self,
        period: int,
        export_date: str,
        *,
        retrain: bool = True,
        variables: dict[str, object] | None = None,
    ) -> RunTime:
        """`dbt build` of one period and how long it took. A failed build raises with dbt's last output."""
        period_vars = {
            "raw_data_dir": str(self.exports(period)),
            "export_date": export_date,
            **(variables or {}),
        }
        return self.dbt(["build"], period_vars, retrain=retrain)

    def dbt(
        self,
        args: list[str],
        variables: dict[str, object],
        *,
        warehouse: Path | None = None,
        retrain: bool = True,
    ) -> RunTime:
        """Run dbt on this store (or on another `warehouse` file beside it) and how long it took."""
        env = {
            **self.dbt_environment(warehouse),
            "ONE_CLICK_RETRAIN": "true" if retrain else "false",
        }
        dbt = Path(sys.executable).with_name("dbt")
        command = [str(dbt), *args, "--vars", json.dumps({"publish_dir": str(self.publish_dir), **variables})]
        started, cpu_before = time.perf_counter(), _children_cpu_seconds()
        completed = subprocess.run(
            command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False
        )
        took = RunTime(time.perf_counter() - started, _children_cpu_seconds() - cpu_before)
        if completed.returncode != 0:
            raise RuntimeError(f"{' '.join(command[1:])} failed:\n{completed.stdout[-6000:]}")
        return took

    def node_seconds(self) -> dict[str, float]:
        """Seconds per model, test and hook of the last dbt command, from its run_results.json."""
        run_results = json.loads((self.dbt_target / "run_results.json").read_text(encoding="utf-8"))
        return steps.node_seconds(run_results)


def store_arguments(prog: str, doc: str, *, customers: int, work_dir: Path) -> argparse.ArgumentParser:
    """The command line of a run over a simulated store: its size, the generators' seed and its folder."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--customers", type=int, default=customers)
    parser.add_argument("--seed", type=int, default=sample.SAMPLE_SEED)
    parser.add_argument("--work-dir", type=Path, default=work_dir)
    return parser


def write_result(result: dict[str, Any], path: Path) -> None:
    """The run's result as JSON in `path`, and on the console."""
    text = json.dumps(result, indent=2, default=float)
    path.write_text(text + "\n", encoding="utf-8")
    print(text)
