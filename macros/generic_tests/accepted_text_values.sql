{#- accepted_values on the trimmed text of a raw export column: the values are the column's declaration
    (accepted_values and the export's misspellings, meta in models/staging/_exports__sources.yml). Staging
    trims, so the test judges the value staging will see. Empty cells pass unless not_null is also set. -#}
{% test accepted_text_values(model, column_name) %}
{%- set spellings = raw_export_spellings(raw_export_column(raw_export_node_of(model), column_name)) -%}
select
    {{ column_name }} as unexpected_value,
    count(*) as rows_with_value
from {{ model }}
where
    {{ column_name }} is not null
    and trim({{ column_name }}) not in (
        {%- for value in spellings %}'{{ value }}'{{ ", " if not loop.last }}{% endfor -%}
    )
group by 1
{% endtest %}
