{#- The outcome every customer of this export gives an earlier prediction, defined here once: the training
    label (`is_activity_declined` of staging) for a customer in the active population; a customer who dropped
    out of it (no revenue in one of the last three months) counts as declined. A customer absent from the
    export has no row here; prediction_outcomes files them as `absent`. -#}
with customers as (
    select
        customer_id,
        is_activity_declined
    from {{ ref('stg_exports__customers') }}
),

active as (
    select customer_id from {{ ref('int_customers_active') }}
)

select
    customers.customer_id,
    case
        when active.customer_id is null then 'dropped_out'
        when customers.is_activity_declined then 'declined'
        when not customers.is_activity_declined then 'kept'
        else 'unlabelled'
    end as outcome_category,
    case
        when active.customer_id is null then true
        else customers.is_activity_declined
    end as is_activity_declined
from customers
left join active on customers.customer_id = active.customer_id
