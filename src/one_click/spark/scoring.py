"""Probabilities, SHAP contributions and global importance of a Spark DataFrame of `customer_features`.

Each is the pandas function of `one_click.modeling` (and of the DuckDB path) applied batch by batch inside
`mapInPandas`, with the published model loaded once per worker (`shipping`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from one_click.features import CUSTOMER_ID, FEATURES, LABEL
from one_click.modeling import explain, predict
from one_click.modeling.frame import validate
from one_click.options import ExplanationOptions, ImportanceOptions
from one_click.published import PublishedModel, row_fingerprints
from one_click.spark.shipping import ShippedModel, schema_like, ship_model
from one_click.spark.training import bounded_sample

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

Progress = Callable[[str], None] | None
MODEL_COLUMNS = (CUSTOMER_ID, LABEL, *FEATURES)


def shipped(published: PublishedModel, frame: DataFrame) -> ShippedModel:
    return ship_model(frame.sparkSession, published.model_id, bytes(published.row["model_blob"]))


def _scored_batches(batches: Iterator[pd.DataFrame], *, model: ShippedModel) -> Iterator[pd.DataFrame]:
    trained = model.load()
    for batch in batches:
        frame = validate(batch)
        yield pd.DataFrame(
            {
                CUSTOMER_ID: frame[CUSTOMER_ID].to_numpy(),
                LABEL: frame[LABEL].to_numpy(),
                "row_fingerprint": row_fingerprints(frame),
                "scored_probability": predict(trained, frame)["decline_probability"].to_numpy(),
            }
        )


def score_customers(
    published: PublishedModel, features: DataFrame, *, progress: Progress = None
) -> DataFrame:
    """`pandas_path.score_customers` on Spark: the stored out-of-fold probability where a customer's row is
    the one the model was trained on, otherwise the published model's score."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    source = features.select(*MODEL_COLUMNS)
    schema = T.StructType(
        [
            source.schema[CUSTOMER_ID],
            source.schema[LABEL],
            T.StructField("row_fingerprint", T.LongType()),
            T.StructField("scored_probability", T.DoubleType()),
        ]
    )
    scored = source.mapInPandas(partial(_scored_batches, model=shipped(published, features)), schema)
    out_of_fold = published.table("out_of_fold_blob").rename(
        columns={"decline_probability": "out_of_fold_probability"}
    )
    if progress is not None:
        progress(
            f"scoring on Spark with model {published.model_id}; {len(out_of_fold)} out-of-fold rows stored"
        )
    stored = features.sparkSession.createDataFrame(
        out_of_fold[[CUSTOMER_ID, "row_fingerprint", "out_of_fold_probability"]]
    )
    joined = scored.join(stored, on=[CUSTOMER_ID, "row_fingerprint"], how="left")
    reused = F.col("out_of_fold_probability").isNotNull()
    return joined.select(
        CUSTOMER_ID,
        F.when(reused, F.col("out_of_fold_probability"))
        .otherwise(F.col("scored_probability"))
        .alias("decline_probability"),
        F.when(reused, F.lit("out_of_fold")).otherwise(F.lit("scored")).alias("prediction_kind"),
        LABEL,
        F.lit(published.model_id).alias("model_id"),
    )


def _explained_batches(batches: Iterator[pd.DataFrame], *, model: ShippedModel) -> Iterator[pd.DataFrame]:
    trained = model.load()
    for batch in batches:
        if batch.empty:
            continue
        # One process per Spark task already: no worker processes of explain's own.
        yield explain(trained, batch, n_jobs=1, batch_size=max(len(batch), 1)).contributions


def probe_customer(published: PublishedModel, features: DataFrame) -> pd.DataFrame:
    """One customer-shaped row (the model's reference customer) for output schemas, without a Spark job."""
    row = {name: [np.nan if value is None else value] for name, value in published.model.reference.items()}
    return pd.DataFrame({CUSTOMER_ID: [0], LABEL: pd.array([None], dtype="boolean"), **row})


def explain_customers(
    published: PublishedModel,
    features: DataFrame,
    segments: DataFrame,
    options: ExplanationOptions,
    *,
    progress: Progress = None,
) -> DataFrame:
    """`customer_feature_contributions` on Spark: every customer up to `explain_everyone_up_to` customers,
    above it only those in `actionable_segments` (as the DuckDB path's `customers_to_explain` chooses)."""
    from pyspark.sql import functions as F

    source = features.select(*MODEL_COLUMNS)
    total = segments.count()
    if total > options.explain_everyone_up_to:
        actionable = list(options.actionable_segments)
        chosen = segments.where(F.col("segment").isin(actionable)).select(CUSTOMER_ID)
        source = source.join(chosen, on=CUSTOMER_ID, how="left_semi")
        if progress is not None:
            progress(f"explaining the segments {actionable} of {total} customers")
    elif progress is not None:
        progress(f"explaining all {total} customers")
    example = explain(published.model, probe_customer(published, features), n_jobs=1).contributions
    schema = schema_like(example, source.schema)
    return source.mapInPandas(partial(_explained_batches, model=shipped(published, features)), schema)


def global_importance(
    published: PublishedModel,
    features: DataFrame,
    contributions: DataFrame | None,
    options: ImportanceOptions,
    *,
    progress: Progress = None,
) -> pd.DataFrame:
    """Mean |SHAP| per feature and its direction, explained on the driver for at most
    `importance_sample_size` customers drawn by `bounded_sample` (every customer when there are no more): the
    same table as the DuckDB build's up to that size, a sample of the same size above it. `contributions` are
    not read: counting whether they cover everyone would cost a pass over them."""
    sample = bounded_sample(
        features.select(*MODEL_COLUMNS), options.importance_sample_size, seed=options.training_seed
    )
    if progress is not None:
        progress(f"importance on {len(sample)} customers")
    return explain(published.model, sample).global_importance


def to_rows(frame: DataFrame, order_by: Sequence[str] = (CUSTOMER_ID,)) -> pd.DataFrame:
    """A small Spark result in pandas, in a stable order (for tests and benchmarks only)."""
    rows: Any = frame.toPandas()
    return rows.sort_values(list(order_by), kind="stable").reset_index(drop=True)
