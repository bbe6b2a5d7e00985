"""Training from a Spark DataFrame: bounded, deterministic samples collected to the driver, then the
pandas training of the DuckDB build (`one_click.published.train_row`).

Samples are drawn by a hash of (customer id, seed), not by `rand()`: the same customers are drawn however
Spark partitions the table, so retraining on the same mart gives the same model and model id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from one_click.features import CUSTOMER_ID, FEATURES, LABEL, LABEL_WITHHELD
from one_click.options import TrainingOptions
from one_click.published import REFERENCE_SAMPLE_SIZE, to_parquet_blob, train_row

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

# The final fit (cv_splits + 1 fits of the selected family) runs on the driver on at most this many labelled
# customers, a stratified sample above it. At a million labelled customers the DuckDB build fits in minutes
# on two cores and the rows take some 200 MB in pandas; far more would need a distributed learner.
TRAINING_ROW_LIMIT = 1_000_000
_OVERDRAW = 1.05  # draw a little more than needed on the executors, trim to the exact size on the driver
_UNIT = 2**53


def uniform_of(seed: int) -> Column:
    """A number in [0, 1) per customer, fixed by customer id and seed."""
    from pyspark.sql import functions as F

    return F.pmod(F.xxhash64(F.col(CUSTOMER_ID), F.lit(seed)), F.lit(_UNIT)) / F.lit(float(_UNIT))


def _draw(frame: DataFrame, size: int, total: int, seed: int) -> pd.DataFrame:
    """At most `size` of `frame`'s `total` rows, the ones with the smallest hash uniform, in pandas."""
    from pyspark.sql import functions as F

    if total <= size:
        return frame.toPandas()
    threshold = min(1.0, size / total * _OVERDRAW + 100 / total)
    drawn = frame.withColumn("_uniform", uniform_of(seed)).where(F.col("_uniform") < threshold).toPandas()
    return drawn.nsmallest(size, "_uniform").drop(columns="_uniform")


def bounded_sample(frame: DataFrame, size: int, *, seed: int) -> pd.DataFrame:
    """At most `size` rows of `frame` (every row when it has no more), ordered by customer id."""
    drawn = _draw(frame, size, frame.count(), seed)
    return drawn.sort_values(CUSTOMER_ID, kind="stable").reset_index(drop=True)


def training_sample(features: DataFrame, *, limit: int = TRAINING_ROW_LIMIT, seed: int) -> pd.DataFrame:
    """The labelled customers, every one up to `limit`, above it a sample of `limit` stratified by label."""
    from pyspark.sql import functions as F

    labelled = features.select(CUSTOMER_ID, LABEL, *FEATURES).where(F.col(LABEL).isNotNull())
    counts = {bool(row[LABEL]): int(row["count"]) for row in labelled.groupBy(LABEL).count().collect()}
    total = sum(counts.values())
    parts = []
    for label, count in sorted(counts.items()):
        quota = count if total <= limit else round(limit * count / total)
        parts.append(_draw(labelled.where(F.col(LABEL) == F.lit(label)), quota, count, seed))
    sample = pd.concat(parts, ignore_index=True) if parts else labelled.limit(0).toPandas()
    sample[LABEL] = sample[LABEL].astype("boolean")
    return sample.sort_values(CUSTOMER_ID, kind="stable").reset_index(drop=True)


def train_registry_row(
    features: DataFrame,
    options: TrainingOptions,
    *,
    limit: int = TRAINING_ROW_LIMIT,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """`model_registry`'s new row from a Spark DataFrame of `customer_features`.

    Selection runs on `selection_sample_size` of the labelled customers and the final fit on at most
    `limit` (see `TRAINING_ROW_LIMIT`); the drift reference is a sample of `REFERENCE_SAMPLE_SIZE` of all
    customers. Up to those sizes the row equals the DuckDB build's but for `trained_at` (and the reference's
    row order: by customer id here).
    """
    seed = options.training_seed
    sample = training_sample(features, limit=limit, seed=seed)
    if progress is not None:
        progress(f"training on {len(sample)} labelled customers collected from Spark (limit {limit})")
    row = train_row(sample, options, progress=progress)
    if LABEL_WITHHELD in features.columns:
        # The sample holds labelled customers only, so the withheld labels are counted on Spark.
        metrics = json.loads(row.loc[0, "metrics_json"])
        metrics["n_labels_withheld"] = features.filter(features[LABEL_WITHHELD]).count()
        row["metrics_json"] = [json.dumps(metrics, sort_keys=True, default=str)]
    reference = bounded_sample(features.select(CUSTOMER_ID, *FEATURES), REFERENCE_SAMPLE_SIZE, seed=seed)
    row["reference_features_blob"] = [to_parquet_blob(reference[list(FEATURES)])]
    return row
