{#- target_segment_profile with names and a relative difference, ordered by it. -#}
with profile as (
    select
        target_segment_profile.*,
        {{ display_name('feature', 'target_segment_profile.feature') }} as feature_name
    from {{ ref('target_segment_profile') }} as target_segment_profile
),

compared as (
    select
        *,
        -- Relative to the other customers' level; a ratio to zero says nothing, so NULL there.
        difference / nullif(abs(other_customers_value), 0) as relative_difference
    from profile
)

select
    measure,
    case
        when category is null then feature_name
        else {{ dbt.concat(['feature_name', "': '", 'category']) }}
    end as measure_name,
    feature,
    feature_name,
    category,
    is_share,
    target_segment_value,
    other_customers_value,
    difference,
    relative_difference,
    row_number() over (order by relative_difference desc nulls last, measure asc) as display_order
from compared
