{#- Fails on every row of a raw export column whose text is not a number, not a whole number when the column
    is declared whole_number, or falls outside its declared [min, max]; the file's declared decimal mark is
    read as a point. The rule is the column's meta (models/staging/_exports__sources.yml). Raw exports
    arrive as text, so this is where a bad cell is named. Empty cells are left to not_null. -#}
{% test valid_number(model, column_name) %}
{%- set node = raw_export_node_of(model) -%}
{%- set column = raw_export_column(node, column_name) -%}
{%- if execute and column.type not in ('number', 'whole_number') -%}
    {{ exceptions.raise_compiler_error(node.meta.file_name ~ ": valid_number on " ~ column_name
        ~ ", which is declared " ~ column.type ~ ", not number or whole_number") }}
{%- endif -%}
with parsed as (
    select
        {{ column_name }} as raw_value,
        try_cast({{ raw_export_number_text(node, column_name) }} as double) as numeric_value
    from {{ model }}
    where {{ column_name }} is not null
)

select raw_value
from parsed
where
    numeric_value is null
    -- Infinity and NaN fall outside the finite doubles on every engine (isfinite() is DuckDB's alone).
    or numeric_value not between -1.7976931348623157e308 and 1.7976931348623157e308
    {%- if column.type == 'whole_number' %}
    or numeric_value != floor(numeric_value)
    {%- endif %}
    {%- if column.get('min') is not none %}
    or numeric_value < {{ column.min }}
    {%- endif %}
    {%- if column.get('max') is not none %}
    or numeric_value > {{ column.max }}
    {%- endif %}
{% endtest %}
