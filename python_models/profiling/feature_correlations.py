"""phik correlation for every pair of features and the label, with multicollinearity and leakage flags."""

from one_click.dbt_progress import dbt_progress
from one_click.engine import path_for
from one_click.options import CorrelationOptions


def model(dbt, session):
    dbt.config(materialized="table")
    options = CorrelationOptions(
        multicollinearity_threshold=dbt.config.get("multicollinearity_threshold"),
        leakage_threshold=dbt.config.get("leakage_threshold"),
        correlation_sample_size=dbt.config.get("correlation_sample_size"),
        training_seed=dbt.config.get("training_seed"),
    )
    features = dbt.ref("customer_features")
    return path_for(features).feature_correlations(
        features, options, progress=dbt_progress("feature_correlations")
    )
