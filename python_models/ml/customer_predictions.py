"""Every active customer's calibrated decline probability from the published model: out-of-fold for the
labelled customers it was trained on, scored for everyone else."""

from one_click.dbt_progress import dbt_progress
from one_click.model_store import latest_registry_row, published_model, score_customers


def model(dbt, session):
    dbt.config(materialized="table")
    published = published_model(latest_registry_row(dbt.ref("model_registry")))
    return score_customers(
        published, dbt.ref("customer_features"), progress=dbt_progress("customer_predictions")
    )
