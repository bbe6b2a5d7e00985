{#- Fails on every row whose text value is not a number, not a whole number when `whole` is set, or falls
    outside [min_value, max_value]. Raw exports arrive as text, so this is where a bad cell is named. Empty
    cells are left to not_null. -#}
{% test valid_number(model, column_name, min_value=none, max_value=none, whole=false, decimal_comma=false) %}
{%- set text_value = "trim(" ~ column_name ~ ")" -%}
{%- if decimal_comma -%}{%- set text_value = "replace(" ~ text_value ~ ", ',', '.')" -%}{%- endif -%}
with parsed as (
    select
        {{ column_name }} as raw_value,
        try_cast({{ text_value }} as double) as numeric_value
    from {{ model }}
    where {{ column_name }} is not null
)

select raw_value
from parsed
where
    numeric_value is null
    or not isfinite(numeric_value)
    {%- if whole %}
    or numeric_value != floor(numeric_value)
    {%- endif %}
    {%- if min_value is not none %}
    or numeric_value < {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
    or numeric_value > {{ max_value }}
    {%- endif %}
{% endtest %}
