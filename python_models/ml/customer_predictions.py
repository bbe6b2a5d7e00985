"""Every active customer's calibrated decline probability from the published model: out-of-fold for the
labelled customers it was trained on, scored for everyone else."""

from one_click.dbt_progress import dbt_progress
from one_click.engine import path_for


def model(dbt, session):
    features = dbt.ref("customer_features")
    path = path_for(features)
    published = path.published_model(dbt.ref("model_registry"))
    return path.score_customers(published, features, progress=dbt_progress("customer_predictions"))
