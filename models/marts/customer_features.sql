with active_customers as (
    select * from {{ ref('int_customers_active') }}
)

select
    customer_id,
    is_activity_declined,
    service_type,
    allows_messages,
    favourite_category,
    marketing_activity_6m,
    marketing_activity_current_month,
    days_since_registration,
    promo_purchase_share,
    categories_per_visit,
    unpaid_items_quarter,
    service_errors,
    pages_per_visit,
    revenue_month_before_previous,
    revenue_previous_month,
    revenue_current_month,
    minutes_previous_month,
    minutes_current_month,
    monthly_profit,
    has_revenue_outlier
from active_customers
