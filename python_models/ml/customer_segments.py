"""Risk × value segments: probability, profit, expected loss, bands, the segment code and a rank."""

from one_click.segments import SegmentCutoffs, segment_customers


def model(dbt, session):
    dbt.config(materialized="table")
    predictions = dbt.ref("customer_predictions").project("customer_id, decline_probability").df()
    profit = dbt.ref("customer_features").project("customer_id, monthly_profit").df()
    cutoffs = SegmentCutoffs(
        medium_risk_from=float(dbt.config.get("medium_risk_from")),
        high_risk_from=float(dbt.config.get("high_risk_from")),
        medium_value_from_quantile=float(dbt.config.get("medium_value_from_quantile")),
        high_value_from_quantile=float(dbt.config.get("high_value_from_quantile")),
    )
    return segment_customers(predictions.merge(profit, on="customer_id", validate="one_to_one"), cutoffs)
