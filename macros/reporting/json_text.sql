{#- The text of a top-level key of a JSON document held as text: `->>` on DuckDB and Postgres, Spark's
    get_json_object elsewhere. -#}
{% macro json_text(json_expression, key) -%}
    {{ return(adapter.dispatch('json_text', 'one_click')(json_expression, key)) }}
{%- endmacro %}

{% macro default__json_text(json_expression, key) -%}
    {{ json_expression }} ->> '{{ key }}'
{%- endmacro %}

{% macro spark__json_text(json_expression, key) -%}
    get_json_object({{ json_expression }}, '$.{{ key }}')
{%- endmacro %}
