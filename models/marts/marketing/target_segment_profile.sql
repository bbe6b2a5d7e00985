{#- The target segment (valuable customers at high risk) against everyone else, on the behaviour the brief
    asks about. Long format: one row per measure, so the dashboard can plot any of them. -#}
{#- (measure, expression averaged per customer, whether the mean is a share between 0 and 1) -#}
{%- set measures = [
    ('promo_purchase_share', 'promo_purchase_share', 'true'),
    ('pages_per_visit', 'pages_per_visit', 'false'),
    ('categories_per_visit', 'categories_per_visit', 'false'),
    ('minutes_previous_month', 'minutes_previous_month', 'false'),
    ('minutes_current_month', 'minutes_current_month', 'false'),
    ('unpaid_items_quarter', 'unpaid_items_quarter', 'false'),
    ('service_errors', 'service_errors', 'false'),
    ('marketing_activity_6m', 'marketing_activity_6m', 'false'),
    ('monthly_profit', 'monthly_profit', 'false'),
    ('premium_service_share', "case when service_type = 'премиум' then 1.0 else 0.0 end", 'true'),
    ('message_consent_share', 'case when allows_messages then 1.0 else 0.0 end', 'true'),
] -%}
with customers as (
    select
        features.*,
        segments.is_target_segment
    from {{ ref('customer_features') }} as features
    inner join {{ ref('customer_segments') }} as segments on features.customer_id = segments.customer_id
),

numeric_profile as (
    {%- for measure, expression, is_share in measures %}
        select
            is_target_segment,
            '{{ measure }}' as measure,
            '{{ measure }}' as feature,
            cast(null as {{ dbt.type_string() }}) as category,
            {{ is_share }} as is_share,
            avg({{ expression }}) as measure_value
        from customers
        group by is_target_segment
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

category_profile as (
    select
        is_target_segment,
        {{ dbt.concat(["'favourite_category: '", 'favourite_category']) }} as measure,
        'favourite_category' as feature,
        favourite_category as category,
        true as is_share,
        cast(count(*) as {{ type_double() }}) / sum(count(*)) over (partition by is_target_segment) as measure_value
    from customers
    group by is_target_segment, favourite_category
),

profile as (
    select * from numeric_profile
    union all
    select * from category_profile
)

select
    measure,
    feature,
    category,
    is_share,
    max(case when is_target_segment then measure_value end) as target_segment_value,
    max(case when not is_target_segment then measure_value end) as other_customers_value,
    max(case when is_target_segment then measure_value end)
    - max(case when not is_target_segment then measure_value end) as difference
from profile
group by measure, feature, category, is_share
