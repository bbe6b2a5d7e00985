with source as (
    select * from {{ source('exports', 'market_time') }}
),

renamed as (
    select
        cast(trim(id) as bigint) as customer_id,
        -- The export misspells the previous month as «предыдцщий».
        replace(trim({{ adapter.quote('Период') }}), 'предыдцщий', 'предыдущий') as period,
        case replace(trim({{ adapter.quote('Период') }}), 'предыдцщий', 'предыдущий')
            when 'предыдущий_месяц' then 1
            when 'текущий_месяц' then 0
        end as months_ago,
        cast(trim({{ adapter.quote('минут') }}) as integer) as minutes_on_site
    from source
)

select * from renamed
