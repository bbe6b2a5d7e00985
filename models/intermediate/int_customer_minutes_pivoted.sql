with monthly_minutes as (
    select * from {{ ref('stg_exports__monthly_minutes') }}
),

pivoted as (
    select
        customer_id,
        max(minutes_on_site) filter (where months_ago = 1) as minutes_previous_month,
        max(minutes_on_site) filter (where months_ago = 0) as minutes_current_month
    from monthly_minutes
    group by customer_id
)

select * from pivoted
