"""Global importance of each feature (mean |SHAP| on the calibrated log-odds) with its direction, on all
customers or a random sample of the var `importance_sample_size`."""

from one_click.dbt_progress import dbt_progress
from one_click.model_store import latest_registry_row, published_model
from one_click.modeling import explain


def model(dbt, session):
    dbt.config(materialized="table")
    published = published_model(latest_registry_row(dbt.ref("model_registry")))
    features = dbt.ref("customer_features").df()
    sample_size = min(len(features), int(dbt.config.get("importance_sample_size")))
    if sample_size < len(features):
        dbt_progress("feature_importance")(
            f"importance on a random sample of {sample_size} of {len(features)} customers "
            "(var importance_sample_size)"
        )
    sample = features.sample(sample_size, random_state=int(dbt.config.get("training_seed")))
    return explain(published.model, sample).global_importance
