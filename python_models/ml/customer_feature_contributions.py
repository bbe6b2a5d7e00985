"""Per-customer SHAP contributions per original feature, computed on the published model's calibrated
log-odds: the very pipeline that produced the probabilities. Everyone is explained up to the var
`explain_everyone_up_to` customers; above it, only the customers in segments worth acting on (`is_actionable`
in seeds/segment_grid.csv)."""

from one_click.dbt_progress import dbt_progress
from one_click.engine import path_for
from one_click.options import ExplanationOptions


def model(dbt, session):
    features = dbt.ref("customer_features")
    path = path_for(features)
    # dbt finds a model's refs by reading its calls: a ref stays a plain argument, never inside an expression.
    grid = path.segment_grid(dbt.ref("segment_grid"))
    options = ExplanationOptions.from_settings(dbt.config.get("meta"), actionable_segments=grid.actionable)
    return path.explain_customers(
        path.published_model(dbt.ref("model_registry")),
        features,
        dbt.ref("customer_segments"),
        options,
        progress=dbt_progress("customer_feature_contributions"),
    )
