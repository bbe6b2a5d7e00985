"""The model-selection table of the published model: every family, its best parameters and CV scores."""

from one_click.model_store import latest_table


def model(dbt, session):
    dbt.config(materialized="table")
    return latest_table(dbt.ref("model_registry"), "candidates_blob")
