"""Per-customer SHAP contributions per original feature, computed on the published model's calibrated
log-odds: the very pipeline that produced the probabilities. Everyone is explained up to the var
`explain_everyone_up_to` customers; above it, only the customers in segments worth acting on."""

from one_click.dbt_progress import dbt_progress
from one_click.engine import path_for
from one_click.options import ExplanationOptions


def model(dbt, session):
    dbt.config(materialized="table")
    options = ExplanationOptions(
        actionable_segments=dbt.config.get("actionable_segments"),
        explain_everyone_up_to=dbt.config.get("explain_everyone_up_to"),
    )
    features = dbt.ref("customer_features")
    path = path_for(features)
    published = path.published_model(dbt.ref("model_registry"))
    return path.explain_customers(
        published,
        features,
        dbt.ref("customer_segments"),
        options,
        progress=dbt_progress("customer_feature_contributions"),
    )
