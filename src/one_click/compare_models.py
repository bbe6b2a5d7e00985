"""Print the published model's candidates next to the notebooks' models, on the same rows and folds.

    python -m one_click.compare_models --warehouse one_click.duckdb

Reads `customer_features` and `model_candidates` from a built warehouse (read-only, so run it when no build
is writing) and re-scores the notebooks' kNN (12 neighbours), L1 logistic regression (C=2) and SVC with the
seed and CV settings of the dbt vars given here (defaults match dbt_project.yml).
"""

from __future__ import annotations

import argparse

import duckdb
import pandas as pd

from one_click.modeling import evaluate_seed_models, side_by_side


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--warehouse", default="one_click.duckdb")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cv-splits", type=int, default=5)
    parser.add_argument("--cv-repeats", type=int, default=2)
    parser.add_argument("--selection-sample-size", type=int, default=20_000)
    args = parser.parse_args(argv)

    with duckdb.connect(args.warehouse, read_only=True) as connection:
        features = connection.sql("select * from customer_features").df()
        candidates = connection.sql("select * from model_candidates").df()
    seed_models = evaluate_seed_models(
        features,
        seed=args.seed,
        cv_splits=args.cv_splits,
        cv_repeats=args.cv_repeats,
        selection_sample_size=args.selection_sample_size,
    )
    table = side_by_side(candidates, seed_models)
    with pd.option_context("display.width", 160, "display.max_columns", 10):
        print(table.round(4).to_string(index=False))


if __name__ == "__main__":
    main()
