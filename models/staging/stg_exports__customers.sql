with source as (
    select * from {{ source('exports', 'market_file') }}
),

renamed as (
    select
        cast(trim(id) as bigint) as customer_id,
        nullif(trim({{ adapter.quote('Покупательская активность') }}), '') as purchase_activity,
        case nullif(trim({{ adapter.quote('Покупательская активность') }}), '')
            when 'Снизилась' then true
            when 'Прежний уровень' then false
        end as is_activity_declined,
        -- The export misspells the standard tier on some rows.
        replace(trim({{ adapter.quote('Тип сервиса') }}), 'стандартт', 'стандарт') as service_type,
        trim({{ adapter.quote('Разрешить сообщать') }}) = 'да' as allows_messages,
        cast(trim({{ adapter.quote('Маркет_актив_6_мес') }}) as double) as marketing_activity_6m,
        cast(trim({{ adapter.quote('Маркет_актив_тек_мес') }}) as integer) as marketing_activity_current_month,
        cast(trim({{ adapter.quote('Длительность') }}) as integer) as days_since_registration,
        cast(trim({{ adapter.quote('Акционные_покупки') }}) as double) as promo_purchase_share,
        replace(trim({{ adapter.quote('Популярная_категория') }}), 'аксесуары', 'аксессуары') as favourite_category,
        cast(trim({{ adapter.quote('Средний_просмотр_категорий_за_визит') }}) as integer) as categories_per_visit,
        cast(trim({{ adapter.quote('Неоплаченные_продукты_штук_квартал') }}) as integer) as unpaid_items_quarter,
        cast(trim({{ adapter.quote('Ошибка_сервиса') }}) as integer) as service_errors,
        cast(trim({{ adapter.quote('Страниц_за_визит') }}) as integer) as pages_per_visit
    from source
)

select * from renamed
