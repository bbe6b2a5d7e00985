"""Risk × value segments: probability, profit, expected loss, bands, the segment code and a rank."""

from one_click.engine import path_for
from one_click.options import SegmentCutoffs


def model(dbt, session):
    cutoffs = SegmentCutoffs.from_settings(dbt.config.get("meta"))
    predictions = dbt.ref("customer_predictions")
    return path_for(predictions).customer_segments(
        predictions, dbt.ref("customer_features"), dbt.ref("segment_grid"), cutoffs
    )
