"""How each feature's distribution in this build differs from the data the published model was trained on
(population stability index, KS for numeric features), so nobody trusts scores on data the model never saw."""

from one_click.engine import path_for
from one_click.options import ProfilingOptions


def model(dbt, session):
    options = ProfilingOptions.from_settings(dbt.config.get("meta"))
    features = dbt.ref("customer_features")
    return path_for(features).feature_drift(dbt.ref("model_registry"), features, options)
