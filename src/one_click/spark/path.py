"""The Python models on Spark: refs are Spark DataFrames, as dbt hands them to Python models on Databricks.

The twin of `one_click.pandas_path`, function for function and signature for signature;
`one_click.engine.path_for` picks one of the two once per model call. Per-customer work runs on the executors
(`scoring`, `segments`); only bounded samples and the registry's newest row reach the driver.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from one_click.options import CorrelationOptions, SegmentCutoffs, TrainingOptions
from one_click.published import PublishedModel, from_parquet_blob
from one_click.published import published_model as newest_published_model
from one_click.segments import GRID_COLUMNS, SegmentGrid
from one_click.spark import profiling, training
from one_click.spark.profiling import feature_histogram, feature_profile
from one_click.spark.scoring import explain_customers, global_importance, score_customers
from one_click.spark.segments import segment_customers

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from one_click.options import ProfilingOptions

__all__ = [
    "customer_segments",
    "explain_customers",
    "feature_correlations",
    "feature_drift",
    "feature_histogram",
    "feature_profile",
    "global_importance",
    "published_model",
    "registry_table",
    "score_customers",
    "segment_grid",
    "train_registry_row",
]

Progress = Callable[[str], None] | None


def _newest_registry_rows(registry: DataFrame, *columns: str) -> pd.DataFrame:
    newest = registry.orderBy(registry["trained_at"].desc()).limit(1)
    return (newest.select(*columns) if columns else newest).toPandas()


def published_model(registry: DataFrame) -> PublishedModel:
    """The newest row of `dbt.ref("model_registry")`, collected (one row) and loaded."""
    return newest_published_model(_newest_registry_rows(registry))


def registry_table(registry: DataFrame, blob_column: str) -> pd.DataFrame:
    """A table stored as a Parquet blob in the published model's registry row, reading only that blob."""
    row = _newest_registry_rows(registry, blob_column)
    if row.empty:
        raise LookupError("the model registry is empty: build once with the var retrain: true")
    return from_parquet_blob(row.iloc[0][blob_column])


def train_registry_row(
    features: DataFrame, options: TrainingOptions, *, progress: Progress = None
) -> pd.DataFrame:
    """The registry row, trained on the driver on at most `TRAINING_ROW_LIMIT` labelled customers."""
    return training.train_registry_row(features, options, progress=progress)


def customer_segments(
    predictions: DataFrame, features: DataFrame, grid: DataFrame, cutoffs: SegmentCutoffs
) -> DataFrame:
    """`customer_segments` on Spark; the nine-row grid seed is read to the driver."""
    return segment_customers(predictions, features, cutoffs, segment_grid(grid))


def segment_grid(grid: DataFrame) -> SegmentGrid:
    """The grid of `dbt.ref("segment_grid")` (nine rows, collected)."""
    return SegmentGrid.from_frame(grid.select(*GRID_COLUMNS).toPandas())


def feature_correlations(
    features: DataFrame, options: CorrelationOptions, *, progress: Progress = None
) -> pd.DataFrame:
    if progress is not None:
        progress(f"phik on at most {options.correlation_sample_size} customers drawn on Spark")
    return profiling.feature_correlations(features, options)


def feature_drift(registry: DataFrame, features: DataFrame, options: ProfilingOptions) -> pd.DataFrame:
    return profiling.feature_drift(registry_table(registry, "reference_features_blob"), features, options)
