"""Trains, gates and publishes the activity-decline model: appends one registry row per published model.

With the var `retrain: false` nothing is trained and nothing is appended. A model below the var
`min_roc_auc` raises, so the build fails and the published model and its predictions stay as they were.
"""

from one_click.dbt_progress import as_bool, dbt_progress
from one_click.engine import path_for
from one_click.options import TrainingOptions


def model(dbt, session):
    # The id is derived from data, family, parameters and seed: retraining on the same data reproduces it,
    # and that row is replaced rather than published twice.
    dbt.config(materialized="incremental", unique_key="model_id")
    if not as_bool(dbt.config.get("retrain")):
        if not dbt.is_incremental:
            raise RuntimeError("retrain is false, but no model is published: build once with retrain: true")
        return session.sql(f"select * from {dbt.this} where false")

    options = TrainingOptions.from_settings(dbt.config.get("meta"))
    # customer_features with the labels that offers changed withheld (int_training_customers).
    features = dbt.ref("int_training_customers")
    return path_for(features).train_registry_row(features, options, progress=dbt_progress("model_registry"))
