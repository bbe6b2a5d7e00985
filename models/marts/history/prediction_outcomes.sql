{#- Each earlier prediction meets its outcome: the first export at least `outcome_horizon_months` after the
    scoring period settles it (int_customer_outcomes defines the outcome). A build adds the predictions this
    export settles and replaces them when the period is built again; predictions settled by an earlier export
    keep that outcome. Only predictions still unsettled are read, so a build's cost follows the unsettled rows. -#}
{{ config(
    materialized='incremental',
    incremental_strategy=history_incremental_strategy(),
    unique_key='observed_export_date',
    partition_by=['observed_export_date'],
    full_refresh=false,
    on_schema_change='append_new_columns',
    tags=['published'],
) }}

with due as (
    select * from {{ ref('prediction_history') }}
    where {{ dbt.dateadd('month', var('outcome_horizon_months'), 'export_date') }} <= {{ export_date_literal() }}
),

{% if is_incremental() %}
    settled_earlier as (
        select
            export_date,
            customer_id
        from {{ this }}
        where observed_export_date < {{ export_date_literal() }}
    ),
{% endif %}

outcomes as (
    select * from {{ ref('int_customer_outcomes') }}
)

select
    due.export_date,
    due.customer_id,
    {{ export_date_literal() }} as observed_export_date,
    due.model_id,
    due.decline_probability,
    due.segment,
    due.monthly_profit,
    due.offer_code,
    due.control_share,
    due.offer_cost_rub,
    due.arm,
    due.fits_capacity,
    due.is_sent,
    coalesce(outcomes.outcome_category, 'absent') as outcome_category,
    outcomes.is_activity_declined
from due
left join outcomes on due.customer_id = outcomes.customer_id
{% if is_incremental() %}
    left join settled_earlier
        on due.export_date = settled_earlier.export_date and due.customer_id = settled_earlier.customer_id
    where settled_earlier.customer_id is null
{% endif %}
