"""`python -m one_click.bench run|render`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from one_click.bench.render import render_growth, render_table, write_docs
from one_click.bench.runs import PROJECT_ROOT, benchmark
from one_click.sample import SAMPLE_CUSTOMERS, SAMPLE_SEED

# -------------------------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m one_click.bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the benchmark and print the table")
    run.add_argument("--sizes", type=int, nargs="+", default=[SAMPLE_CUSTOMERS, 100_000, 1_000_000])
    run.add_argument("--work-dir", type=Path, default=PROJECT_ROOT / "target" / "bench")
    run.add_argument("--seed", type=int, default=SAMPLE_SEED)
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
