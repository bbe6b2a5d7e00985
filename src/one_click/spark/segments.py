"""Risk × value segments of a Spark DataFrame, equal to `one_click.segments.segment_customers`.

The value band's edges are quantiles of monthly profit over all customers. Spark's own `percentile`
interpolates with another formula than numpy's (and so pandas'), which can move an edge by one unit in the
last place, so the edges here are numpy's linear interpolation between two order statistics that Spark finds
exactly by counting. Everything else about a customer depends on that customer alone and runs per batch
(`assign_segments`); the rank by expected loss, ties broken by customer id as in the DuckDB build, is a
window over all customers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from one_click.features import CUSTOMER_ID, PROFIT
from one_click.segments import SegmentCutoffs, SegmentGrid, assign_segments
from one_click.spark.shipping import schema_like

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def linear_quantile_position(count: int, q: float) -> tuple[int, int, float]:
    """numpy's `quantile(method='linear')` for `count` values: (lower index, upper index, weight)."""
    virtual = (count - 1) * q
    if virtual >= count - 1:
        return count - 1, count - 1, 0.0
    if virtual < 0:
        return 0, 0, 0.0
    lower = math.floor(virtual)
    return lower, lower + 1, virtual - lower


def lerp(a: float, b: float, t: float) -> float:
    """numpy's `_lerp`: exact at both ends, and the same rounding as `np.quantile`."""
    diff = b - a
    return b - diff * (1 - t) if t >= 0.5 else a + diff * t


def order_statistic(values: DataFrame, k: int) -> tuple[float, int]:
    """The k-th smallest (0-based) value of the single non-null double column `v` of `values`, exactly, and
    how many values are at most it. Spark's interpolating percentile gives a first guess; counts of the values
    below and at a candidate then correct it value by value."""
    from pyspark.sql import functions as F

    v = F.col("v")
    count = values.count()
    guess = values.agg(F.percentile(v, F.lit(k / max(count - 1, 1)))).first()[0]
    candidate = values.where(v <= F.lit(guess)).agg(F.max(v)).first()[0]
    if candidate is None:
        candidate = values.agg(F.min(v)).first()[0]
    while True:
        below, at_most = values.agg(
            F.sum((v < F.lit(candidate)).cast("long")), F.sum((v <= F.lit(candidate)).cast("long"))
        ).first()
        if below <= k < at_most:
            return float(candidate), int(at_most)
        if at_most <= k:
            candidate = values.where(v > F.lit(candidate)).agg(F.min(v)).first()[0]
        else:
            candidate = values.where(v < F.lit(candidate)).agg(F.max(v)).first()[0]


def exact_quantile(frame: DataFrame, column: str, q: float) -> float:
    """`pandas.Series.quantile(q)` of `column` (NULLs skipped), bit for bit, computed by Spark."""
    from pyspark.sql import functions as F

    values = frame.select(F.col(column).cast("double").alias("v")).where(F.col("v").isNotNull())
    count = values.count()
    if count == 0:
        return math.nan
    lower, upper, weight = linear_quantile_position(count, q)
    a, at_most_a = order_statistic(values, lower)
    if upper == lower or at_most_a > upper:
        b = a
    else:
        b = float(values.where(F.col("v") > F.lit(a)).agg(F.min("v")).first()[0])
    return lerp(a, b, weight)


def _segmented_batches(
    batches: Iterator[pd.DataFrame],
    *,
    cutoffs: SegmentCutoffs,
    value_edges: tuple[float, float],
    grid: SegmentGrid,
) -> Iterator[pd.DataFrame]:
    for batch in batches:
        yield assign_segments(batch, cutoffs, value_edges, grid)


def segment_customers(
    predictions: DataFrame, features: DataFrame, cutoffs: SegmentCutoffs, grid: SegmentGrid
) -> DataFrame:
    """`customer_segments` from `customer_predictions` and `customer_features` on Spark."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    joined = predictions.select(CUSTOMER_ID, "decline_probability").join(
        features.select(CUSTOMER_ID, PROFIT), on=CUSTOMER_ID, how="inner"
    )
    joined = joined.cache()
    value_edges = (
        exact_quantile(joined, PROFIT, cutoffs.medium_value_from_quantile),
        exact_quantile(joined, PROFIT, cutoffs.high_value_from_quantile),
    )
    example = assign_segments(
        pd.DataFrame({CUSTOMER_ID: [0], "decline_probability": [0.5], PROFIT: [1.0]}),
        cutoffs,
        value_edges,
        grid,
    )
    segmented = joined.mapInPandas(
        partial(_segmented_batches, cutoffs=cutoffs, value_edges=value_edges, grid=grid),
        schema_like(example, joined.schema),
    )
    by_loss = Window.orderBy(F.col("expected_loss").desc(), F.col(CUSTOMER_ID).asc())
    return segmented.withColumn("expected_loss_rank", F.row_number().over(by_loss).cast("long"))
