{#- One row per customer, revenue as three month columns. A current-month revenue above the var
    revenue_outlier_threshold is taken for an entry error: it becomes NULL (the model pipeline imputes it)
    and the row is flagged, so the customer keeps being scored and nobody averages a typo. -#}
with pivoted as (
    select
        customer_id,
        max(revenue) filter (where months_ago = 2) as revenue_month_before_previous,
        max(revenue) filter (where months_ago = 1) as revenue_previous_month,
        max(revenue) filter (where months_ago = 0) as revenue_current_month_as_exported
    from {{ ref('stg_exports__monthly_revenue') }}
    group by customer_id
)

select
    customer_id,
    revenue_month_before_previous,
    revenue_previous_month,
    revenue_current_month_as_exported,
    revenue_current_month_as_exported > {{ var('revenue_outlier_threshold') }} as has_revenue_outlier,
    case
        when revenue_current_month_as_exported <= {{ var('revenue_outlier_threshold') }}
            then revenue_current_month_as_exported
    end as revenue_current_month
from pivoted
