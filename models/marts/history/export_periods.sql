{#- The export periods prediction_history holds, each with the one before it: the one definition of "the
    previous period" that the risk-across-periods reports share. -#}
with stored_periods as (
    select distinct export_date
    from {{ ref('prediction_history') }}
)

select
    export_date,
    lag(export_date) over (order by export_date) as previous_export_date,
    export_date = max(export_date) over () as is_newest_period
from stored_periods
