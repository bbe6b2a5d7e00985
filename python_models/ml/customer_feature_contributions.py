"""Per-customer SHAP contributions per original feature, computed on the published model's calibrated
log-odds: the very pipeline that produced the probabilities. Everyone is explained up to the var
`explain_everyone_up_to` customers; above it, only the customers in segments worth acting on (`is_actionable`
in seeds/segment_grid.csv)."""

from one_click.dbt_progress import dbt_progress
from one_click.model_store import explain_customers, latest_registry_row, published_model
from one_click.segments import SegmentGrid


def model(dbt, session):
    dbt.config(materialized="table")
    progress = dbt_progress("customer_feature_contributions")
    published = published_model(latest_registry_row(dbt.ref("model_registry")))
    grid = SegmentGrid.from_ref(dbt.ref("segment_grid"))
    return explain_customers(
        published,
        dbt.ref("customer_features"),
        dbt.ref("customer_segments"),
        actionable_segments=list(grid.actionable),
        explain_everyone_up_to=int(dbt.config.get("explain_everyone_up_to")),
        progress=progress,
    )
