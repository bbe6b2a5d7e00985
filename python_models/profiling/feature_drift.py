"""How each feature's distribution in this build differs from the data the published model was trained on
(population stability index, KS for numeric features), so nobody trusts scores on data the model never saw."""

from one_click.model_store import latest_table
from one_click.profiling import feature_drift


def model(dbt, session):
    dbt.config(materialized="table")
    reference = latest_table(dbt.ref("model_registry"), "reference_features_blob")
    return feature_drift(reference, dbt.ref("customer_features").df())
