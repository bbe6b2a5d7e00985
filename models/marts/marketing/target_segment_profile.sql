{#- The target segment (valuable customers at high risk) against everyone else, on the behaviour the brief
    asks about. Long format: one row per measure, so the dashboard can plot any of them. -#}
with customers as (
    select
        features.*,
        segments.is_target_segment
    from {{ ref('customer_features') }} as features
    inner join {{ ref('customer_segments') }} as segments on features.customer_id = segments.customer_id
),

measures as (
    select
        is_target_segment,
        promo_purchase_share,
        cast(pages_per_visit as double) as pages_per_visit,
        cast(categories_per_visit as double) as categories_per_visit,
        cast(minutes_previous_month as double) as minutes_previous_month,
        cast(minutes_current_month as double) as minutes_current_month,
        cast(unpaid_items_quarter as double) as unpaid_items_quarter,
        cast(service_errors as double) as service_errors,
        marketing_activity_6m,
        monthly_profit,
        case when service_type = 'премиум' then 1.0 else 0.0 end as premium_service_share,
        case when allows_messages then 1.0 else 0.0 end as message_consent_share
    from customers
),

numeric_profile as (
    unpivot measures
    on columns(* exclude (is_target_segment))
    into name measure value measure_value
),

category_profile as (
    select
        is_target_segment,
        'favourite_category: ' || favourite_category as measure,
        count(*) / sum(count(*)) over (partition by is_target_segment) as measure_value
    from customers
    group by is_target_segment, favourite_category
),

profile as (
    select
        is_target_segment,
        measure,
        avg(measure_value) as measure_value
    from numeric_profile
    group by is_target_segment, measure
    union all
    select * from category_profile
)

select
    measure,
    max(measure_value) filter (where is_target_segment) as target_segment_value,
    max(measure_value) filter (where not is_target_segment) as other_customers_value,
    target_segment_value - other_customers_value as difference
from profile
group by measure
order by measure
