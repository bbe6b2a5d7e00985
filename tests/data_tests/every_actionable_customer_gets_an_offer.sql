-- The offer rules must cover every customer in a segment worth acting on (keep a `*,*` fallback rule).
select segments.customer_id
from {{ ref('customer_segments') }} as segments
left join {{ ref('customer_offers') }} as offers on segments.customer_id = offers.customer_id
where
    segments.segment in (
        {%- for segment in var('actionable_segments') %}'{{ segment }}'{{ ", " if not loop.last }}{% endfor -%}  -- noqa: LT05
    )
    and offers.customer_id is null
