"""A simulated store on disk for the loop check and the multi-period benchmark: its exports per period, its
own warehouse and published snapshots, and `dbt build` run for one period at a time."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from one_click import sample
from one_click.simulate.next_period import NextPeriod, simulate_next_period
from one_click.simulate.snapshot import LastPeriod, read_last_period
from one_click.store_folder import PROJECT_ROOT, StoreFolder


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
    ) -> float:
        """`dbt build` of one period; its wall seconds. A failed build raises with dbt's last output."""
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
    ) -> float:
        """Run dbt on this store (or on another `warehouse` file beside it); its wall seconds."""
        env = {
            **self.dbt_environment(warehouse),
            "ONE_CLICK_RETRAIN": "true" if retrain else "false",
        }
        dbt = Path(sys.executable).with_name("dbt")
        command = [str(dbt), *args, "--vars", json.dumps({"publish_dir": str(self.publish_dir), **variables})]
        started = time.perf_counter()
        completed = subprocess.run(
            command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - started
        if completed.returncode != 0:
            raise RuntimeError(f"{' '.join(command[1:])} failed:\n{completed.stdout[-6000:]}")
        return seconds
