"""The model-selection table of the published model: every family, its best parameters and CV scores."""

from one_click.engine import path_for


def model(dbt, session):
    registry = dbt.ref("model_registry")
    return path_for(registry).registry_table(registry, "candidates_blob")
