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

shares as (
    select
        *,
        cast(customers as {{ type_double() }}) / sum(customers) over (partition by segment, feature) as share_of_segment
    from category_counts
)

{{ segment_feature_report('shares', ['category', 'customers', 'share_of_segment']) }}
