{#- The brief studies customers who bought something in each of the last three months: a customer with
    zero revenue in any of them is not a regular customer whose activity can decline, so is left out. -#}
with customers as (
    select * from {{ ref('stg_exports__customers') }}
),

revenue as (
    select * from {{ ref('int_customer_revenue_pivoted') }}
),

minutes as (
    select * from {{ ref('int_customer_minutes_pivoted') }}
),

profit as (
    select * from {{ ref('stg_exports__profit') }}
),

joined as (
    select
        -- Every column of the customers' file, whatever it holds: a new one reaches customer_features without
        -- an edit here.
        customers.*,  -- noqa: AM04
        revenue.revenue_month_before_previous,
        revenue.revenue_previous_month,
        revenue.revenue_current_month,
        revenue.has_revenue_outlier,
        revenue.revenue_current_month_as_exported,
        minutes.minutes_previous_month,
        minutes.minutes_current_month,
        profit.monthly_profit
    from customers
    inner join revenue on customers.customer_id = revenue.customer_id
    inner join minutes on customers.customer_id = minutes.customer_id
    inner join profit on customers.customer_id = profit.customer_id
)

select * from joined  -- noqa: AM04
where
    revenue_month_before_previous > 0
    and revenue_previous_month > 0
    and revenue_current_month_as_exported > 0
