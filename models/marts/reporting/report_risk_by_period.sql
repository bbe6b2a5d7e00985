{#- Customers at risk and expected loss across export periods, as the results page shows them: per period and
    segment, with an `all` row pooled over segments, from the kept prediction_history; the customers who
    moved into high risk since the previous period counted from risk_movers. -#}
with history as (
    select * from {{ ref('prediction_history') }}
),

periods as (
    select * from {{ ref('export_periods') }}
),

movers as (
    select
        export_date,
        segment,
        count(*) as moved_to_high_risk_customers
    from {{ ref('risk_movers') }}
    group by export_date, segment
),

segment_cells as (
    select
        export_date,
        segment,
        count(*) as customers,
        sum(case when risk_band = 'high' then 1 else 0 end) as high_risk_customers,
        coalesce(sum(expected_loss), 0) as expected_loss,
        coalesce(sum(case when risk_band = 'high' then expected_loss end), 0) as high_risk_expected_loss,
        sum(case when is_sent then 1 else 0 end) as offers_sent,
        sum(case when arm = 'control' then 1 else 0 end) as control_customers
    from history
    group by export_date, segment
),

cells as (
    select
        segment_cells.*,
        coalesce(movers.moved_to_high_risk_customers, 0) as moved_to_high_risk_customers
    from segment_cells
    left join movers
        on
            segment_cells.export_date = movers.export_date
            and segment_cells.segment = movers.segment
),

pooled as (
    select * from cells
    union all
    select
        export_date,
        'all' as segment,
        sum(customers) as customers,
        sum(high_risk_customers) as high_risk_customers,
        sum(expected_loss) as expected_loss,
        sum(high_risk_expected_loss) as high_risk_expected_loss,
        sum(offers_sent) as offers_sent,
        sum(control_customers) as control_customers,
        sum(moved_to_high_risk_customers) as moved_to_high_risk_customers
    from cells
    group by export_date
)

select
    pooled.export_date,
    periods.previous_export_date,
    periods.is_newest_period,
    pooled.segment,
    {{ segment_or_all_name('pooled.segment') }} as segment_name,
    cast(pooled.customers as bigint) as customers,
    cast(pooled.high_risk_customers as bigint) as high_risk_customers,
    cast(pooled.high_risk_customers as {{ type_double() }}) / pooled.customers as high_risk_share,
    cast(pooled.expected_loss as {{ type_double() }}) as expected_loss,
    cast(pooled.high_risk_expected_loss as {{ type_double() }}) as high_risk_expected_loss,
    cast(pooled.offers_sent as bigint) as offers_sent,
    cast(pooled.control_customers as bigint) as control_customers,
    case
        when periods.previous_export_date is not null then cast(pooled.moved_to_high_risk_customers as bigint)
    end as moved_to_high_risk_customers
from pooled
inner join periods on pooled.export_date = periods.export_date
