"""Trains, gates and publishes the activity-decline model: appends one registry row per published model.

With the var `retrain: false` nothing is trained and nothing is appended. A model below the var
`min_roc_auc` raises, so the build fails and the published model and its predictions stay as they were.
"""

from one_click.dbt_progress import as_bool, dbt_progress
from one_click.model_store import train_registry_row


def model(dbt, session):
    # The id is derived from data, family, parameters and seed: retraining on the same data reproduces it,
    # and that row is replaced rather than published twice.
    dbt.config(materialized="incremental", unique_key="model_id")
    if not as_bool(dbt.config.get("retrain")):
        if not dbt.is_incremental:
            raise RuntimeError("retrain is false, but no model is published: build once with retrain: true")
        return session.sql(f"select * from {dbt.this} where false")

    seed = int(dbt.config.get("training_seed"))
    return train_registry_row(
        dbt.ref("customer_features"),
        seed=seed,
        cv_splits=int(dbt.config.get("cv_splits")),
        cv_repeats=int(dbt.config.get("cv_repeats")),
        selection_sample_size=int(dbt.config.get("selection_sample_size")),
        min_roc_auc=float(dbt.config.get("min_roc_auc")),
        progress=dbt_progress("model_registry"),
    )
