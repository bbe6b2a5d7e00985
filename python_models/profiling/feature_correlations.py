"""phik correlation for every pair of features and the label, with multicollinearity and leakage flags."""

from one_click.profiling import feature_correlations


def model(dbt, session):
    dbt.config(materialized="table")
    return feature_correlations(
        dbt.ref("customer_features").df(),
        threshold=dbt.config.get("multicollinearity_threshold"),
        leakage_threshold=dbt.config.get("leakage_threshold"),
        sample_size=dbt.config.get("correlation_sample_size"),
    )
