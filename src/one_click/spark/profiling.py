"""The four profiling tables of a Spark DataFrame of `customer_features`.

phik, PSI and the per-outcome statistics are the pandas functions of `one_click.profiling`, run on the driver
on a bounded sample drawn on Spark by a hash of customer id and seed (`bounded_sample`): at most
`profiling_row_limit` customers for the profile, the histogram and the current side of drift, at most
`correlation_sample_size` for phik. Up to those sizes the sample is every customer and each table equals the
DuckDB build's; above them the tables describe the sample (its counts are the sample's counts, its shares,
means and quantiles estimates of the whole), and phik's sample is uniform rather than stratified by outcome.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from one_click import profiling
from one_click.features import CATEGORICAL_FEATURES, CUSTOMER_ID, FEATURES, LABEL, NUMERIC_FEATURES, PROFIT
from one_click.options import CorrelationOptions, HistogramOptions, ProfilingOptions
from one_click.spark.training import bounded_sample

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

PROFILED_COLUMNS = (CUSTOMER_ID, LABEL, *CATEGORICAL_FEATURES, *NUMERIC_FEATURES, PROFIT)


def profiled_sample(features: DataFrame, size: int, seed: int) -> pd.DataFrame:
    """At most `size` customers with the columns profiling reads, in pandas, ordered by customer id."""
    return bounded_sample(features.select(*PROFILED_COLUMNS), size, seed=seed)


def feature_profile(features: DataFrame, options: ProfilingOptions) -> pd.DataFrame:
    sample = profiled_sample(features, options.profiling_row_limit, options.training_seed)
    return profiling.feature_profile(sample)


def feature_histogram(features: DataFrame, options: HistogramOptions) -> pd.DataFrame:
    sample = profiled_sample(features, options.profiling_row_limit, options.training_seed)
    return profiling.feature_histogram(sample, bins=options.histogram_bins)


def feature_correlations(features: DataFrame, options: CorrelationOptions) -> pd.DataFrame:
    sample = profiled_sample(features, options.correlation_sample_size, options.training_seed)
    return profiling.feature_correlations(
        sample,
        threshold=options.multicollinearity_threshold,
        leakage_threshold=options.leakage_threshold,
        sample_size=options.correlation_sample_size,
    )


def feature_drift(reference: pd.DataFrame, features: DataFrame, options: ProfilingOptions) -> pd.DataFrame:
    current = bounded_sample(
        features.select(CUSTOMER_ID, *FEATURES), options.profiling_row_limit, seed=options.training_seed
    )
    return profiling.feature_drift(reference, current[list(FEATURES)])
