"""phik correlation for every pair of features and the label, with multicollinearity and leakage flags."""

from one_click.dbt_progress import dbt_progress
from one_click.engine import path_for
from one_click.options import CorrelationOptions


def model(dbt, session):
    options = CorrelationOptions.from_settings(dbt.config.get("meta"))
    features = dbt.ref("customer_features")
    return path_for(features).feature_correlations(
        features, options, progress=dbt_progress("feature_correlations")
    )
