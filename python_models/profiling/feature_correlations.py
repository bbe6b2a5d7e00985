"""phik correlation for every pair of features and the label, with multicollinearity and leakage flags."""

from one_click.dbt_progress import dbt_progress
from one_click.profiling import feature_correlations


def model(dbt, session):
    dbt.config(materialized="table")
    features = dbt.ref("customer_features").df()
    sample_size = dbt.config.get("correlation_sample_size")
    if sample_size is not None and len(features) > int(sample_size):
        dbt_progress("feature_correlations")(
            f"phik on a sample of about {int(sample_size)} of {len(features)} customers, stratified by "
            "outcome (config correlation_sample_size)"
        )
    return feature_correlations(
        features,
        threshold=dbt.config.get("multicollinearity_threshold"),
        leakage_threshold=dbt.config.get("leakage_threshold"),
        sample_size=sample_size,
    )
