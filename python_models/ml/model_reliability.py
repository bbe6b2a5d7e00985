"""Reliability of the published model's calibrated out-of-fold probabilities: predicted vs observed."""

from one_click.model_store import latest_table


def model(dbt, session):
    dbt.config(materialized="table")
    return latest_table(dbt.ref("model_registry"), "reliability_blob")
