"""Per feature and outcome: counts, missing, mean and quantiles, or the share of each category."""

from one_click.engine import path_for
from one_click.options import ProfilingOptions


def model(dbt, session):
    dbt.config(materialized="table")
    options = ProfilingOptions(
        profiling_row_limit=dbt.config.get("profiling_row_limit"),
        training_seed=dbt.config.get("training_seed"),
    )
    features = dbt.ref("customer_features")
    return path_for(features).feature_profile(features, options)
