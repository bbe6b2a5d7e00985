"""Which engine runs a Python model: decided once per model call, from the frame `dbt.ref()` handed it.

    path = path_for(dbt.ref("customer_features"))
    return path.score_customers(path.published_model(dbt.ref("model_registry")), features)

`one_click.pandas_path` (DuckDB relations, pandas frames) and `one_click.spark.path` (Spark DataFrames,
classic or Spark Connect) offer the same functions with the same signatures (`EnginePath`). The Spark path is
imported only when a Spark DataFrame arrives, so a DuckDB build never imports pyspark.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from one_click.frames import engine_of

# What every path module offers (tests/python/test_engine.py checks both against this list).
PATH_FUNCTIONS = (
    "published_model",
    "registry_table",
    "train_registry_row",
    "score_customers",
    "segment_grid",
    "customer_segments",
    "explain_customers",
    "global_importance",
    "feature_profile",
    "feature_histogram",
    "feature_correlations",
    "feature_drift",
)


def path_for(frame: Any) -> ModuleType:
    """The module whose functions take `frame`'s engine's frames: `one_click.pandas_path` or
    `one_click.spark.path`; `TypeError` for anything else."""
    if engine_of(frame) == "spark":
        from one_click.spark import path

        return path
    from one_click import pandas_path

    return pandas_path
