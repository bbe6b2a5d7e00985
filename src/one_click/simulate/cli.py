"""`python -m one_click.simulate --out DIR [--published DIR] [--effect CODE=EFFECT ...] [--seed S]`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from one_click.exports import ALL_EXPORTS
from one_click.project import PROJECT_ROOT, project_vars
from one_click.publish import CURRENT
from one_click.sample import SAMPLE_SEED
from one_click.simulate.next_period import JOIN_SHARE, LEAVE_SHARE, simulate_next_period
from one_click.simulate.snapshot import read_last_period
from one_click.simulate.truth import DEFAULT_OFFER_EFFECTS


def _effect(text: str) -> tuple[str, float]:
    code, sep, value = text.partition("=")
    if not sep or not code:
        raise argparse.ArgumentTypeError(f"expected OFFER_CODE=EFFECT, got {text!r}")
    return code, float(value)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="one_click.simulate", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder for the four exports and truth.json")
    parser.add_argument(
        "--published", type=Path, help="snapshot to read (default: the current one in the var publish_dir)"
    )
    parser.add_argument(
        "--effect",
        type=_effect,
        action="append",
        help=f"OFFER_CODE=EFFECT, repeatable; default {dict(DEFAULT_OFFER_EFFECTS)}, every other offer 0",
    )
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED)
    parser.add_argument("--leave-share", type=float, default=LEAVE_SHARE)
    parser.add_argument("--join-share", type=float, default=JOIN_SHARE)
    parser.add_argument("--overwrite", action="store_true", help="replace exports already in --out")
    args = parser.parse_args(argv)
    existing = [e.file_name for e in ALL_EXPORTS if (args.out / e.file_name).exists()]
    if existing and not args.overwrite:
        parser.error(f"{args.out} already holds {', '.join(existing)}; choose another folder or --overwrite")
    effects = dict(args.effect) if args.effect else DEFAULT_OFFER_EFFECTS
    last = read_last_period(args.published or PROJECT_ROOT / project_vars()["publish_dir"] / CURRENT)
    period = simulate_next_period(last, effects, args.seed, args.leave_share, args.join_share)
    for path in period.write(args.out):
        print(path)
    print(
        f"next period {period.truth.export_date}: .venv/bin/dbt build --vars "
        f"'{{raw_data_dir: {args.out}, export_date: \"{period.truth.export_date}\"}}'"
    )
