"""The build's last step: every BI mart written as one Parquet snapshot that the dashboard reads without
opening the warehouse. dbt runs it only when every mart and test upstream passed, so a failed build leaves
the last good snapshot current."""

from pathlib import Path

import pandas as pd

from one_click.publish import new_build_id, publish_tables


def model(dbt, session):
    dbt.config(materialized="table")
    marts = {
        "customer_features": dbt.ref("customer_features"),
        "customer_predictions": dbt.ref("customer_predictions"),
        "customer_segments": dbt.ref("customer_segments"),
        "customer_top_reasons": dbt.ref("customer_top_reasons"),
        "customer_offers": dbt.ref("customer_offers"),
        "segment_summary": dbt.ref("segment_summary"),
        "target_segment_profile": dbt.ref("target_segment_profile"),
        "feature_importance": dbt.ref("feature_importance"),
        "model_summary": dbt.ref("model_summary"),
        "model_candidates": dbt.ref("model_candidates"),
        "model_reliability": dbt.ref("model_reliability"),
        "feature_profile": dbt.ref("feature_profile"),
        "feature_histogram": dbt.ref("feature_histogram"),
        "feature_correlations": dbt.ref("feature_correlations"),
        "feature_drift": dbt.ref("feature_drift"),
    }
    manifest = publish_tables(
        {name: relation.to_arrow_table() for name, relation in marts.items()},
        Path(dbt.config.get("publish_dir")),
        build_id=new_build_id(),
    )
    return pd.DataFrame(manifest)
