"""Risk × value segments: probability, profit, expected loss, bands, the segment code and a rank."""

from one_click.engine import path_for
from one_click.options import SegmentCutoffs


def model(dbt, session):
    dbt.config(materialized="table")
    cutoffs = SegmentCutoffs(
        medium_risk_from=dbt.config.get("medium_risk_from"),
        high_risk_from=dbt.config.get("high_risk_from"),
        medium_value_from_quantile=dbt.config.get("medium_value_from_quantile"),
        high_value_from_quantile=dbt.config.get("high_value_from_quantile"),
    )
    predictions = dbt.ref("customer_predictions")
    return path_for(predictions).customer_segments(
        predictions, dbt.ref("customer_features"), dbt.ref("segment_grid"), cutoffs
    )
