with source as (
    select * from {{ source('exports', 'market_file') }}
),

renamed as (
    select
        cast(trim(id) as bigint) as customer_id,
        nullif(trim("Покупательская активность"), '') as purchase_activity,
        case nullif(trim("Покупательская активность"), '')
            when 'Снизилась' then true
            when 'Прежний уровень' then false
        end as is_activity_declined,
        -- The export misspells the standard tier on some rows.
        replace(trim("Тип сервиса"), 'стандартт', 'стандарт') as service_type,
        trim("Разрешить сообщать") = 'да' as allows_messages,
        cast(trim("Маркет_актив_6_мес") as double) as marketing_activity_6m,
        cast(trim("Маркет_актив_тек_мес") as integer) as marketing_activity_current_month,
        cast(trim("Длительность") as integer) as days_since_registration,
        cast(trim("Акционные_покупки") as double) as promo_purchase_share,
        replace(trim("Популярная_категория"), 'аксесуары', 'аксессуары') as favourite_category,
        cast(trim("Средний_просмотр_категорий_за_визит") as integer) as categories_per_visit,
        cast(trim("Неоплаченные_продукты_штук_квартал") as integer) as unpaid_items_quarter,
        cast(trim("Ошибка_сервиса") as integer) as service_errors,
        cast(trim("Страниц_за_визит") as integer) as pages_per_visit
    from source
)

select * from renamed
