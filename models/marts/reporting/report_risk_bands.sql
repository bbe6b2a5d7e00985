{#- Customers and expected loss per risk band, low to high: every band of the grid, with zeros when no
    customer falls in it. -#}
with bands as (
    select distinct
        risk_band,
        risk_band_order
    from {{ ref('segment_grid') }}
),

band_totals as (
    select
        risk_band,
        count(*) as customers,
        sum(expected_loss) as expected_loss
    from {{ ref('customer_segments') }}
    group by risk_band
),

every_band as (
    select
        bands.risk_band,
        bands.risk_band_order,
        coalesce(band_totals.customers, 0) as customers,
        coalesce(band_totals.expected_loss, 0) as expected_loss
    from bands
    left join band_totals on bands.risk_band = band_totals.risk_band
)

select
    every_band.risk_band,
    {{ display_name('risk_band', 'every_band.risk_band') }} as risk_band_name,
    every_band.risk_band_order as band_order,
    every_band.customers,
    cast(every_band.customers as {{ type_double() }}) / nullif(sum(every_band.customers) over (), 0)
        as share_of_customers,
    every_band.expected_loss
from every_band
