"""Risk × value segments: probability, profit, expected loss, bands, the segment code and a rank."""

from one_click.segments import SegmentCutoffs, segment_refs


def model(dbt, session):
    dbt.config(materialized="table")
    cutoffs = SegmentCutoffs(
        medium_risk_from=float(dbt.config.get("medium_risk_from")),
        high_risk_from=float(dbt.config.get("high_risk_from")),
        medium_value_from_quantile=float(dbt.config.get("medium_value_from_quantile")),
        high_value_from_quantile=float(dbt.config.get("high_value_from_quantile")),
    )
    return segment_refs(
        dbt.ref("customer_predictions"), dbt.ref("customer_features"), dbt.ref("segment_grid"), cutoffs
    )
