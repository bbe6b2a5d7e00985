{#- A double-precision float type for shares and means: dbt.type_float() is a 4-byte REAL on DuckDB, and
    dbt.type_numeric() a fixed-point decimal. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'one_click')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro bigquery__type_double() -%}
    float64
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{% macro databricks__type_double() -%}
    double
{%- endmacro %}
