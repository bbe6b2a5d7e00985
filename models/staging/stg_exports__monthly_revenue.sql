-- Text and numbers are read as the source declares them (models/staging/_exports__sources.yml): a
-- misspelling or decimal mark declared there is corrected here without a change to this model.
{%- set market_money = raw_export_node('exports', 'market_money') %}

with source as (
    select * from {{ source('exports', 'market_money') }}
),

corrected as (
    select
        cast(trim(id) as bigint) as customer_id,
        {{ raw_export_corrected_text(market_money, 'Период') }} as period,
        cast({{ raw_export_number_text(market_money, 'Выручка') }} as double) as revenue
    from source
),

renamed as (
    select
        customer_id,
        period,
        case period
            when 'препредыдущий_месяц' then 2
            when 'предыдущий_месяц' then 1
            when 'текущий_месяц' then 0
        end as months_ago,
        revenue
    from corrected
)

select * from renamed
