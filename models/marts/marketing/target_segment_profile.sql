{#- The target segment (valuable customers at high risk) against everyone else, on every feature of the catalogue
    (customer_feature_roles) and profit. Long format: one row per measure, so the dashboard can plot any of them:
    a number's mean, a yes/no feature's share of yes, each category's share of a text feature. -#}
{%- set roles = customer_feature_roles() -%}
{%- set means = roles['numeric'] + [roles['profit']] -%}
with customers as (
    select * from {{ ref('int_customers_segmented') }}
),

numeric_profile as (
    {%- for feature in means + roles['boolean'] %}
        select
            is_target_segment,
            '{{ feature }}' as measure,
            '{{ feature }}' as feature,
            cast(null as {{ dbt.type_string() }}) as category,
            {{ 'true' if feature in roles['boolean'] or feature in roles['share'] else 'false' }} as is_share,
            {%- if feature in roles['boolean'] %}
                avg(case when {{ feature }} then 1.0 when not {{ feature }} then 0.0 end) as measure_value
            {%- else %}
                avg(cast({{ feature }} as {{ type_double() }})) as measure_value
            {%- endif %}
        from customers
        group by is_target_segment
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

category_profile as (
    {%- for feature in roles['categorical'] if feature not in roles['boolean'] %}
        select
            is_target_segment,
            {{ dbt.concat(["'" ~ feature ~ ": '", feature]) }} as measure,
            '{{ feature }}' as feature,
            cast({{ feature }} as {{ dbt.type_string() }}) as category,
            true as is_share,
            cast(count(*) as {{ type_double() }}) / sum(count(*)) over (partition by is_target_segment)
                as measure_value
        from customers
        group by is_target_segment, {{ feature }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
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
