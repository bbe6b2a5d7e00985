-- The export's misspellings and decimal mark are corrected as the source declares them
-- (models/staging/_exports__sources.yml), never spelled out here.
{%- set market_file = raw_export_node('exports', 'market_file') %}

with corrected as (
    select
        cast(trim(id) as bigint) as customer_id,
        nullif({{ raw_export_corrected_text(market_file, 'Покупательская активность') }}, '') as purchase_activity,
        {{ raw_export_corrected_text(market_file, 'Тип сервиса') }} as service_type,
        {{ raw_export_corrected_text(market_file, 'Разрешить сообщать') }} as message_consent,
        cast({{ raw_export_number_text(market_file, 'Маркет_актив_6_мес') }} as double) as marketing_activity_6m,
        cast(
            {{ raw_export_number_text(market_file, 'Маркет_актив_тек_мес') }} as integer
        ) as marketing_activity_current_month,
        cast({{ raw_export_number_text(market_file, 'Длительность') }} as integer) as days_since_registration,
        cast({{ raw_export_number_text(market_file, 'Акционные_покупки') }} as double) as promo_purchase_share,
        {{ raw_export_corrected_text(market_file, 'Популярная_категория') }} as favourite_category,
        cast(
            {{ raw_export_number_text(market_file, 'Средний_просмотр_категорий_за_визит') }} as integer
        ) as categories_per_visit,
        cast(
            {{ raw_export_number_text(market_file, 'Неоплаченные_продукты_штук_квартал') }} as integer
        ) as unpaid_items_quarter,
        cast({{ raw_export_number_text(market_file, 'Ошибка_сервиса') }} as integer) as service_errors,
        cast({{ raw_export_number_text(market_file, 'Страниц_за_визит') }} as integer) as pages_per_visit
    from {{ source('exports', 'market_file') }}
),

renamed as (
    select
        customer_id,
        purchase_activity,
        case purchase_activity
            when 'Снизилась' then true
            when 'Прежний уровень' then false
        end as is_activity_declined,
        service_type,
        message_consent = 'да' as allows_messages,
        marketing_activity_6m,
        marketing_activity_current_month,
        days_since_registration,
        promo_purchase_share,
        favourite_category,
        categories_per_visit,
        unpaid_items_quarter,
        service_errors,
        pages_per_visit
    from corrected
)

select * from renamed
