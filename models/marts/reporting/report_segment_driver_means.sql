{#- How each numeric or yes/no feature differs per segment: the segment's mean against all customers' mean.
    A yes/no feature's mean is its share of yes. Only segments with customers (a mean over nobody is no row). -#}
{%- set roles = customer_feature_roles() -%}
with customers as (
    select * from {{ ref('int_customers_segmented') }}
),

feature_values as (
    {%- for feature in roles['numeric'] + roles['boolean'] %}
        select
            segment,
            '{{ feature }}' as feature,
            {%- if feature in roles['boolean'] %}
                cast(case when {{ feature }} then 1 when not {{ feature }} then 0 end as {{ type_double() }})
            {%- else %}
                cast({{ feature }} as {{ type_double() }})
            {%- endif %} as feature_value
        from customers
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

segment_means as (
    select
        segment,
        feature,
        avg(feature_value) as segment_mean
    from feature_values
    group by segment, feature
),

overall_means as (
    select
        feature,
        avg(feature_value) as overall_mean
    from feature_values
    group by feature
),

differences as (
    select
        segment_means.segment,
        segment_means.feature,
        segment_means.segment_mean,
        overall_means.overall_mean,
        -- Segment mean over the overall mean, minus 1; a ratio to a zero mean says nothing, so NULL there.
        segment_means.segment_mean / nullif(overall_means.overall_mean, 0) - 1 as relative_difference
    from segment_means
    inner join overall_means on segment_means.feature = overall_means.feature
)

{{ segment_feature_report('differences', ['segment_mean', 'overall_mean', 'relative_difference']) }}
