"""Per feature and outcome: counts, missing, mean and quantiles, or the share of each category."""

from one_click.profiling import feature_profile


def model(dbt, session):
    dbt.config(materialized="table")
    return feature_profile(dbt.ref("customer_features").df())
