{#- How each text feature's categories split within each segment: a segment's shares of one feature sum to 1.
    Only segments with customers. -#}
{%- set roles = customer_feature_roles() -%}
with customers as (
    select * from {{ ref('int_customers_segmented') }}
),

feature_categories as (
    {%- for feature in roles['categorical'] if feature not in roles['boolean'] %}
        select
            segment,
            '{{ feature }}' as feature,
            cast({{ feature }} as {{ dbt.type_string() }}) as category
        from customers
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

category_counts as (
    select
        segment,
        feature,
        category,
        count(*) as customers
    from feature_categories
    group by segment, feature, category
),

segments as (
    select * from {{ ref('report_segments') }}
),

importance as (
    select * from {{ ref('feature_importance') }}
)

select
    category_counts.segment,
    segments.segment_name,
    segments.segment_order,
    category_counts.feature,
    {{ display_name('feature', 'category_counts.feature') }} as feature_name,
    importance.rank as importance_rank,
    category_counts.category,
    category_counts.customers,
    cast(category_counts.customers as {{ type_double() }})
    / sum(category_counts.customers) over (partition by category_counts.segment, category_counts.feature)
        as share_of_segment
from category_counts
inner join segments on category_counts.segment = segments.segment
left join importance on category_counts.feature = importance.feature
