{#- One row per export period and customer, kept from build to build: what the model predicted, which offer
    the rules chose, the customer's arm and whether the offer went out. A build adds its period's rows, or
    replaces them when the period is built again; earlier periods are never read or rewritten, so a build costs
    the same however many periods are stored. -#}
{{ config(
    materialized='incremental',
    incremental_strategy=history_incremental_strategy(),
    unique_key='export_date',
    partition_by=history_partition_by(),
    full_refresh=false,
    on_schema_change='append_new_columns',
    tags=['published'],
) }}

select
    {{ export_date_literal() }} as export_date,
    customer_id,
    model_id,
    prediction_kind,
    is_activity_declined,
    decline_probability,
    risk_band,
    value_band,
    segment,
    monthly_profit,
    expected_loss,
    offer_code,
    channel,
    reason_code,
    control_share,
    offer_cost_rub,
    assignment_bucket,
    arm,
    fits_capacity,
    is_sent
from {{ ref('int_customers_assigned') }}
