"""Histogram bins per numeric feature and outcome, with edges shared across outcomes."""

from one_click.engine import path_for
from one_click.options import HistogramOptions


def model(dbt, session):
    dbt.config(materialized="table")
    options = HistogramOptions(
        profiling_row_limit=dbt.config.get("profiling_row_limit"),
        training_seed=dbt.config.get("training_seed"),
        histogram_bins=dbt.config.get("histogram_bins"),
    )
    features = dbt.ref("customer_features")
    return path_for(features).feature_histogram(features, options)
