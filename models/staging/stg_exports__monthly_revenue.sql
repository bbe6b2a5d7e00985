with source as (
    select * from {{ source('exports', 'market_money') }}
),

renamed as (
    select
        cast(trim(id) as bigint) as customer_id,
        trim({{ adapter.quote('Период') }}) as period,
        case trim({{ adapter.quote('Период') }})
            when 'препредыдущий_месяц' then 2
            when 'предыдущий_месяц' then 1
            when 'текущий_месяц' then 0
        end as months_ago,
        cast(trim({{ adapter.quote('Выручка') }}) as double) as revenue
    from source
)

select * from renamed
