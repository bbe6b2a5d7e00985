{#- dbt's cast() on Spark, where the contracts' `varchar` (DuckDB's text type) has no length: Spark reads an
    unsized varchar as its `string`. dbt looks for implementations of its own macros in the root project
    first, so this serves the contracts' empty-schema check too. -#}
{% macro spark__cast(field, type) %}
    {%- set spark_type = 'string' if type | trim | lower == 'varchar' else type -%}
    cast({{ field }} as {{ spark_type }})
{%- endmacro %}
