-- money.csv's decimal mark (a comma) is declared on the source (models/staging/_exports__sources.yml) and
-- made a point as declared.
{%- set money = raw_export_node('exports', 'money') %}

select
    cast(trim(id) as bigint) as customer_id,
    cast({{ raw_export_number_text(money, 'Прибыль') }} as double) as monthly_profit
from {{ source('exports', 'money') }}
