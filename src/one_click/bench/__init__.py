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

Modules: `steps` (run_results and log → seconds per step), `measure` (wall time, memory of a process tree,
the machine), `runs` (exports, dbt runs, the benchmark loop), `render` (Markdown), `cli`.

    python -m one_click.bench run --sizes 1300 100000 1000000 --docs docs/benchmarks.md
    python -m one_click.bench render --results target/bench/results.json --docs docs/benchmarks.md
"""

from one_click.bench.cli import main
from one_click.bench.measure import Measured, machine_info, run_measured, tree_rss
from one_click.bench.render import (
    BEGIN,
    END,
    growth_exponent,
    node_breakdown,
    render_breakdown,
    render_growth,
    render_markdown,
    render_silences,
    render_table,
    render_units,
    write_docs,
)
from one_click.bench.runs import SAMPLE_DIR, RunResult, benchmark, count_customers, exports_for, run_dbt
from one_click.bench.steps import (
    STEP_LABELS,
    STEPS,
    explained_customers,
    node_step,
    parse_progress,
    python_model_seconds,
    selection_seconds,
    silent_gaps,
    steps_from_run,
)

__all__ = [
    "BEGIN",
    "END",
    "SAMPLE_DIR",
    "STEPS",
    "STEP_LABELS",
    "Measured",
    "RunResult",
    "benchmark",
    "count_customers",
    "explained_customers",
    "exports_for",
    "growth_exponent",
    "machine_info",
    "main",
    "node_breakdown",
    "node_step",
    "parse_progress",
    "python_model_seconds",
    "render_breakdown",
    "render_growth",
    "render_markdown",
    "render_silences",
    "render_table",
    "render_units",
    "run_dbt",
    "run_measured",
    "selection_seconds",
    "silent_gaps",
    "steps_from_run",
    "tree_rss",
    "write_docs",
]
