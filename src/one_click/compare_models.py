"""Print the published model's candidates next to the notebooks' models, on the same rows and folds.

    python -m one_click.compare_models --warehouse one_click.duckdb

Reads `customer_features` and `model_candidates` from a built warehouse (read-only, so run it when no build
is writing) and re-scores the notebooks' kNN (12 neighbours), L1 logistic regression (C=2) and SVC with the
seed, CV settings and selection sample size of the build: the vars dbt_project.yml declares, each replaced by
`--var NAME=VALUE` where the build was run with other `--vars`.
"""

from __future__ import annotations

import argparse

import duckdb
import pandas as pd
import yaml

from one_click.modeling import evaluate_seed_models, side_by_side
from one_click.options import TrainingOptions
from one_click.project import project_vars


def _name_value(text: str) -> tuple[str, object]:
    name, separator, value = text.partition("=")
    if not separator:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), yaml.safe_load(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--warehouse", default="one_click.duckdb")
    parser.add_argument(
        "--var",
        type=_name_value,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a var the build was given, e.g. --var cv_splits=3 (training_seed, cv_splits, cv_repeats, "
        "selection_sample_size)",
    )
    args = parser.parse_args(argv)
    options = TrainingOptions.from_settings(project_vars() | dict(args.var))

    with duckdb.connect(args.warehouse, read_only=True) as connection:
        features = connection.sql("select * from customer_features").df()
        candidates = connection.sql("select * from model_candidates").df()
    table = side_by_side(candidates, evaluate_seed_models(features, options))
    with pd.option_context("display.width", 160, "display.max_columns", 10):
        print(table.round(4).to_string(index=False))


if __name__ == "__main__":
    main()
