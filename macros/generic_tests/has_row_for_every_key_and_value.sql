{#- Every key of `parent` must have one row per declared value of the raw export column `column_name` (its
    accepted_values, meta in models/staging/_exports__sources.yml): a customer whose revenue for a month is
    missing from market_money.csv fails here, naming customer and period. The export's misspellings count
    as the value they misspell. -#}
{% test has_row_for_every_key_and_value(model, column_name, key, parent, parent_key) %}
{%- set node = raw_export_node_of(model) -%}
{%- set values = raw_export_column(node, column_name).accepted_values -%}
with expected as (
    select
        trim(parent_rows.{{ parent_key }}) as missing_key,
        expected_values.expected_value
    from {{ parent }} as parent_rows
    cross join (
        values {% for value in values %}('{{ value }}'){{ ", " if not loop.last }}{% endfor %}
    ) as expected_values (expected_value)
)

select
    expected.missing_key,
    expected.expected_value as missing_value
from expected
left join {{ model }} as child_rows
    on
        expected.missing_key = trim(child_rows.{{ key }})
        and expected.expected_value
        = {{ raw_export_corrected_text(node, column_name, "child_rows." ~ column_name) }}
where child_rows.{{ key }} is null
{% endtest %}
