"""Global importance of each feature (mean |SHAP| on the calibrated log-odds) with its direction: from
customer_feature_contributions when they cover every customer, else on a random sample of the var
`importance_sample_size` customers."""

from one_click.dbt_progress import dbt_progress
from one_click.model_store import global_importance, latest_registry_row, published_model


def model(dbt, session):
    dbt.config(materialized="table")
    return global_importance(
        published_model(latest_registry_row(dbt.ref("model_registry"))),
        dbt.ref("customer_features"),
        dbt.ref("customer_feature_contributions"),
        sample_size=int(dbt.config.get("importance_sample_size")),
        seed=int(dbt.config.get("training_seed")),
        progress=dbt_progress("feature_importance"),
    )
