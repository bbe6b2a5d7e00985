{#- The control group's randomisation: a customer's bucket (0 to 9,999) from the first 32 bits of the md5 of
    '<salt>:<id>'. md5 gives the same bucket on every engine and version (DuckDB's and Spark's hash() do not),
    and one_click.assignment computes it in Python; tests compare the three. -#}
{% macro assignment_bucket_count() %}{{ return(10000) }}{% endmacro %}


{% macro assignment_bucket(key_expr) %}
    {{ return(adapter.dispatch('assignment_bucket', 'one_click')(key_expr)) }}
{% endmacro %}


{% macro assignment_key(key_expr) -%}
    concat('{{ var("assignment_salt") }}', ':', cast({{ key_expr }} as {{ dbt.type_string() }}))
{%- endmacro %}


{% macro default__assignment_bucket(key_expr) -%}
    cast(cast(('0x' || substr(md5({{ assignment_key(key_expr) }}), 1, 8)) as bigint) % {{ assignment_bucket_count() }} as integer)
{%- endmacro %}


{% macro spark__assignment_bucket(key_expr) -%}
    cast(cast(conv(substr(md5({{ assignment_key(key_expr) }}), 1, 8), 16, 10) as bigint) % {{ assignment_bucket_count() }} as integer)
{%- endmacro %}
