{#- One row per customer, minutes on site as two month columns. -#}
select
    customer_id,
    max(minutes_on_site) filter (where months_ago = 1) as minutes_previous_month,
    max(minutes_on_site) filter (where months_ago = 0) as minutes_current_month
from {{ ref('stg_exports__monthly_minutes') }}
group by customer_id
