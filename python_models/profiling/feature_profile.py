"""Per feature and outcome: counts, missing, mean and quantiles, or the share of each category."""

from one_click.engine import path_for
from one_click.options import ProfilingOptions


def model(dbt, session):
    options = ProfilingOptions.from_settings(dbt.config.get("meta"))
    features = dbt.ref("customer_features")
    return path_for(features).feature_profile(features, options)
