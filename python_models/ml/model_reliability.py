"""Reliability of the published model's calibrated out-of-fold probabilities: predicted vs observed."""

from one_click.engine import path_for


def model(dbt, session):
    registry = dbt.ref("model_registry")
    return path_for(registry).registry_table(registry, "reliability_blob")
