{#- SQL the history models share: the period's date, how a period's rows are replaced on each engine, and the
    control group's md5 buckets. History tables are incremental with `full_refresh: false`: `dbt build
    --full-refresh` keeps them. (The run-start check of the var is in export_period.sql.) -#}


{#- SQL: the export period (the var export_date, an ISO date) as a date. -#}
{% macro export_date_literal() -%}
    cast('{{ var("export_date") }}' as date)
{%- endmacro %}


{#- SQL: the date `months` months before the export period (the start of the outcome horizon). -#}
{% macro months_before_export_date(months) -%}
    {{ dbt.dateadd('month', -1 * months, export_date_literal()) }}
{%- endmacro %}


{#- How a history model replaces one period's rows: delete+insert on DuckDB and on Databricks' Delta tables
    (keyed by the period), insert_overwrite of the period's partition on the local Spark (Parquet tables, where
    dbt-spark has neither merge nor delete+insert). -#}
{% macro history_incremental_strategy() %}
    {{ return(adapter.dispatch('history_incremental_strategy', 'one_click')()) }}
{% endmacro %}

{% macro default__history_incremental_strategy() %}
    {{ return('delete+insert') }}
{% endmacro %}

{% macro spark__history_incremental_strategy() %}
    {{ return('insert_overwrite') }}
{% endmacro %}

{% macro databricks__history_incremental_strategy() %}
    {{ return('delete+insert') }}
{% endmacro %}


{#- The partition columns of a history table: the period on Spark and Databricks (insert_overwrite replaces
    whole partitions), none on DuckDB (whose tables have no partitions). -#}
{% macro history_partition_by() %}
    {{ return(adapter.dispatch('history_partition_by', 'one_click')()) }}
{% endmacro %}

{% macro default__history_partition_by() %}
    {{ return(['export_date']) }}
{% endmacro %}

{% macro duckdb__history_partition_by() %}
    {{ return(none) }}
{% endmacro %}


{#- The control group's randomisation: a customer's bucket (0 to 9,999) from the first 32 bits of the md5 of
    '<salt>:<id>'. md5 gives the same bucket on every engine and version (DuckDB's and Spark's hash() do not),
    and one_click.assignment computes it in Python; tests compare the three. -#}
{% macro assignment_bucket_count() %}{{ return(10000) }}{% endmacro %}


{% macro assignment_bucket(key_expr) %}
    {{ return(adapter.dispatch('assignment_bucket', 'one_click')(key_expr)) }}
{% endmacro %}


{#- SQL: the text that is hashed, '<salt>:<key>'. -#}
{% macro assignment_key(key_expr) -%}
    concat('{{ var("assignment_salt") }}', ':', cast({{ key_expr }} as {{ dbt.type_string() }}))
{%- endmacro %}


{% macro default__assignment_bucket(key_expr) -%}
    cast(cast(('0x' || substr(md5({{ assignment_key(key_expr) }}), 1, 8)) as bigint) % {{ assignment_bucket_count() }} as integer)
{%- endmacro %}


{% macro spark__assignment_bucket(key_expr) -%}
    cast(cast(conv(substr(md5({{ assignment_key(key_expr) }}), 1, 8), 16, 10) as bigint) % {{ assignment_bucket_count() }} as integer)
{%- endmacro %}
