"""Global importance of each feature (mean |SHAP| on the calibrated log-odds) with its direction: from
customer_feature_contributions when they cover every customer, else on a random sample of the var
`importance_sample_size` customers."""

from one_click.dbt_progress import dbt_progress
from one_click.engine import path_for
from one_click.options import ImportanceOptions


def model(dbt, session):
    options = ImportanceOptions.from_settings(dbt.config.get("meta"))
    features = dbt.ref("customer_features")
    path = path_for(features)
    return path.global_importance(
        path.published_model(dbt.ref("model_registry")),
        features,
        dbt.ref("customer_feature_contributions"),
        options,
        progress=dbt_progress("feature_importance"),
    )
