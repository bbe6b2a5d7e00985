with source as (
    select * from {{ source('exports', 'money') }}
),

renamed as (
    select
        cast(trim(id) as bigint) as customer_id,
        -- money.csv writes decimals with a comma.
        cast(replace(trim({{ adapter.quote('Прибыль') }}), ',', '.') as double) as monthly_profit
    from source
)

select * from renamed
