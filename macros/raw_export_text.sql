{#- SQL for a raw export's text as its declaration says to read it: the export's misspellings corrected, the
    file's decimal mark made a point. Staging and the raw-export tests call these with a source table's node
    (`raw_export_node`, or a unit test's stand-in for it); they read nothing but the node, so sqlfluff lints
    staging with them too (lint/dbt_context stands in for the lookup). -#}


{#- A column's declaration (its meta), by raw name; a generic test passes the name quoted. -#}
{% macro raw_export_column(node, column_name) %}
    {% set name = column_name | replace('"', '') | replace('`', '') %}
    {% if not execute %}{{ return({}) }}{% endif %}
    {% if node is none %}
        {{ exceptions.raise_compiler_error(
            "column '" ~ name ~ "': no raw-export declaration to read it by (raw_export_node found no source"
            ~ " table with a file_name; a unit test, compiled without the graph, overrides raw_export_node)") }}
    {% endif %}
    {% if name not in node.columns %}
        {{ exceptions.raise_compiler_error(
            node.meta.file_name ~ ": column '" ~ name ~ "' is not declared in the source's columns") }}
    {% endif %}
    {{ return(node.columns[name].meta) }}
{% endmacro %}


{#- Every spelling a text column may hold in the export: the accepted values and the export's misspellings. -#}
{% macro raw_export_spellings(column) %}
    {{ return((column.accepted_values or []) + ((column.misspellings or {}).keys() | list)) }}
{% endmacro %}


{#- SQL: the trimmed text of a column with the export's misspellings corrected (declared per column). -#}
{% macro raw_export_corrected_text(node, column_name, column_sql=none) %}
    {%- set column = raw_export_column(node, column_name) -%}
    {%- set text = "trim(" ~ (column_sql or adapter.quote(column_name | replace('"', '') | replace('`', ''))) ~ ")" -%}
    {%- if not column.misspellings -%}{{ return(text) }}{%- endif -%}
    {%- set cases = [] -%}
    {%- for misspelt, correct in column.misspellings.items() -%}
        {%- do cases.append("when '" ~ misspelt ~ "' then '" ~ correct ~ "'") -%}
    {%- endfor -%}
    {{ return("case " ~ text ~ " " ~ cases | join(" ") ~ " else " ~ text ~ " end") }}
{%- endmacro %}


{#- SQL: the trimmed text of a number column with the file's declared decimal mark made a point. -#}
{% macro raw_export_number_text(node, column_name, column_sql=none) %}
    {%- set text = "trim(" ~ (column_sql or adapter.quote(column_name | replace('"', '') | replace('`', ''))) ~ ")" -%}
    {%- if node.meta.decimal_separator and node.meta.decimal_separator != '.' -%}
        {%- set text = "replace(" ~ text ~ ", '" ~ node.meta.decimal_separator ~ "', '.')" -%}
    {%- endif -%}
    {{ return(text) }}
{%- endmacro %}


{#- SQL: how many months before the export's month a period names, from the period column's declared months,
    oldest first (three declared: the first is 2 months ago, the last 0), over the text with misspellings
    corrected. -#}
{% macro raw_export_months_ago(node, column_name, column_sql=none) %}
    {%- set months = raw_export_column(node, column_name).accepted_values or [] -%}
    {%- if execute and not months -%}
        {{ exceptions.raise_compiler_error(
            node.meta.file_name ~ ": column '" ~ column_name ~ "' declares no months (accepted_values) to number") }}
    {%- endif -%}
    {%- set cases = [] -%}
    {%- for month in months -%}
        {%- do cases.append("when '" ~ month ~ "' then " ~ (months | length - loop.index)) -%}
    {%- endfor -%}
    {{ return("case " ~ raw_export_corrected_text(node, column_name, column_sql) ~ " " ~ cases | join(" ") ~ " end") }}
{%- endmacro %}


{#- SQL: the key of a monthly export's row (market_money.csv, market_time.csv), as three columns: the customer,
    the period as the export names it (misspellings corrected) and how many months ago that is. -#}
{% macro raw_export_monthly_key(node, period_column) -%}
    cast(trim(id) as bigint) as customer_id,
    {{ raw_export_corrected_text(node, period_column) }} as period,
    {{ raw_export_months_ago(node, period_column) }} as months_ago
{%- endmacro %}
