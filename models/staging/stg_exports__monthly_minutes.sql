-- The export's misspelling of the previous month is corrected as the source declares it
-- (models/staging/_exports__sources.yml), once, before the month is numbered.
{%- set market_time = raw_export_node('exports', 'market_time') %}

with source as (
    select * from {{ source('exports', 'market_time') }}
),

corrected as (
    select
        cast(trim(id) as bigint) as customer_id,
        {{ raw_export_corrected_text(market_time, 'Период') }} as period,
        cast({{ raw_export_number_text(market_time, 'минут') }} as integer) as minutes_on_site
    from source
),

renamed as (
    select
        customer_id,
        period,
        case period
            when 'предыдущий_месяц' then 1
            when 'текущий_месяц' then 0
        end as months_ago,
        minutes_on_site
    from corrected
)

select * from renamed
