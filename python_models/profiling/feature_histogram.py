"""Histogram bins per numeric feature and outcome, with edges shared across outcomes."""

from one_click.profiling import feature_histogram


def model(dbt, session):
    dbt.config(materialized="table")
    return feature_histogram(dbt.ref("customer_features").df(), bins=dbt.config.get("histogram_bins", 20))
