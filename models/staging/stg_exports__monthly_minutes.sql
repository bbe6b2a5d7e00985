-- The export's misspelling of the previous month is corrected, and the months numbered, as the source declares
-- them (models/staging/_exports__sources.yml): the key is read as market_money.csv's is.
{%- set market_time = raw_export_node('exports', 'market_time') %}

select
    {{ raw_export_monthly_key(market_time, 'Период') }},
    cast({{ raw_export_number_text(market_time, 'минут') }} as integer) as minutes_on_site
from {{ source('exports', 'market_time') }}
