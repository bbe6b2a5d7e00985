-- Text and numbers are read as the source declares them (models/staging/_exports__sources.yml): a
-- misspelling, decimal mark or month declared there is read here without a change to this model.
{%- set market_money = raw_export_node('exports', 'market_money') %}

select
    {{ raw_export_monthly_key(market_money, 'Период') }},
    cast({{ raw_export_number_text(market_money, 'Выручка') }} as double) as revenue
from {{ source('exports', 'market_money') }}
