"""`make bench-spark`: scoring and explaining N customers through Spark's mapInPandas on a local Spark,
beside the pandas path over a DuckDB relation (what the dbt-duckdb build runs), on the same machine.

Per size: synthetic features with NULLs (`one_click.modeling.synthetic`), one gradient-boosting model trained
on 20,000 of them, then wall seconds of

* pandas/DuckDB: `score_customers` and `explain_customers` (everyone) on a DuckDB relation of the features;
* Spark: the same two functions on a Spark DataFrame read from Parquet, run to completion with Spark's
  `noop` sink (nothing is collected), and once more collected to compare the probabilities with pandas'.

    python -m one_click.bench.spark --sizes 100000 1000000 --out target/bench/spark.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from one_click import pandas_path
from one_click.bench.measure import machine_info
from one_click.features import CUSTOMER_ID
from one_click.modeling import train
from one_click.modeling.candidates import FAMILY_BY_NAME
from one_click.modeling.synthetic import synthetic_features
from one_click.options import ExplanationOptions, TrainingOptions
from one_click.published import published_model, registry_row
from one_click.sample import SAMPLE_SEED
from one_click.spark import path as spark_path
from one_click.spark.session import local_session

TRAINING_ROWS = 20_000


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def features_with_nulls(size: int, seed: int):
    features = synthetic_features(size, seed=seed, unlabelled_share=0.2)
    rng = np.random.default_rng(seed)
    for column in ("revenue_previous_month", "pages_per_visit"):
        features[column] = features[column].astype(float)
        features.loc[rng.random(size) < 0.05, column] = np.nan
    features.loc[rng.random(size) < 0.05, "favourite_category"] = None
    return features


def run_size(spark, size: int, *, seed: int, work_dir: Path, say: Callable[[str], None]) -> dict[str, Any]:
    features = features_with_nulls(size, seed)
    training = features.iloc[:TRAINING_ROWS]
    family = FAMILY_BY_NAME["hist_gradient_boosting"]
    # One family, 3×1 CV and no quality bar: the bench times Spark's scoring and explaining, not the search.
    options = TrainingOptions(
        training_seed=seed, cv_splits=3, cv_repeats=1, selection_sample_size=TRAINING_ROWS, min_roc_auc=0.5
    )
    result = train(training, options, families=[family])
    published = published_model(registry_row(result, training, seed=seed))
    segments = features[[CUSTOMER_ID]].assign(segment="all")
    explain_all = ExplanationOptions(actionable_segments=["all"], explain_everyone_up_to=size)

    connection = duckdb.connect()
    connection.register("features_frame", features)
    connection.execute("create table customer_features as select * from features_frame")
    relation = connection.table("customer_features")
    pandas_score, expected = timed(lambda: pandas_path.score_customers(published, relation))
    say(f"bench-spark: {size} pandas/DuckDB scoring {pandas_score:.1f} s")
    pandas_explain, _ = timed(
        lambda: pandas_path.explain_customers(published, relation, segments, explain_all)
    )
    say(f"bench-spark: {size} pandas/DuckDB explaining {pandas_explain:.1f} s")
    connection.close()

    parquet = work_dir / f"features_{size}.parquet"
    features.to_parquet(parquet, index=False)
    frame = spark.read.parquet(str(parquet))
    spark_segments = spark.createDataFrame(segments)
    spark_score, _ = timed(
        lambda: spark_path.score_customers(published, frame).write.format("noop").mode("overwrite").save()
    )
    say(f"bench-spark: {size} Spark scoring {spark_score:.1f} s")
    spark_explain, _ = timed(
        lambda: (
            spark_path.explain_customers(published, frame, spark_segments, explain_all)
            .write.format("noop")
            .mode("overwrite")
            .save()
        )
    )
    say(f"bench-spark: {size} Spark explaining {spark_explain:.1f} s")
    actual = (
        spark_path.score_customers(published, frame).toPandas().sort_values(CUSTOMER_ID, ignore_index=True)
    )
    expected = expected.sort_values(CUSTOMER_ID, ignore_index=True)
    identical = bool(
        np.array_equal(actual[CUSTOMER_ID], expected[CUSTOMER_ID])
        and np.array_equal(actual["decline_probability"], expected["decline_probability"])
    )
    return {
        "customers": size,
        "family": published.model.family,
        "partitions": frame.rdd.getNumPartitions(),
        "pandas_duckdb_score_seconds": round(pandas_score, 2),
        "pandas_duckdb_explain_seconds": round(pandas_explain, 2),
        "spark_score_seconds": round(spark_score, 2),
        "spark_explain_seconds": round(spark_explain, 2),
        "probabilities_identical": identical,
    }


def render(runs: Sequence[dict[str, Any]]) -> str:
    lines = [
        "| customers | pandas/DuckDB scoring | Spark scoring | pandas/DuckDB explaining | Spark explaining "
        "| identical probabilities |",
        "|---:|---:|---:|---:|---:|:---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run['customers']:,} | {run['pandas_duckdb_score_seconds']:.1f} s "
            f"| {run['spark_score_seconds']:.1f} s "
            f"| {run['pandas_duckdb_explain_seconds']:.1f} s | {run['spark_explain_seconds']:.1f} s "
            f"| {'yes' if run['probabilities_identical'] else 'no'} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m one_click.bench.spark", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED)
    parser.add_argument("--out", type=Path, default=Path("target/bench/spark.json"))
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    spark = local_session(cores=os.cpu_count() or 2, shuffle_partitions=4, driver_memory="4g")
    results: dict[str, Any] = {"machine": machine_info(), "spark_version": spark.version, "runs": []}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work_dir:
        for size in args.sizes:
            results["runs"].append(run_size(spark, size, seed=args.seed, work_dir=Path(work_dir), say=say))
            args.out.write_text(json.dumps(results, indent=2))
    spark.stop()
    print(render(results["runs"]))
    say(f"results: {args.out}")


if __name__ == "__main__":
    main()
