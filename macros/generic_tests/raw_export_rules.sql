{#- Every row rule of one raw export, checked in one read of the file. `columns` maps a raw column name to its
    rules, each named `<file>__<column>__<rule>`:

      not_null: <name>                 no empty cell
      unique: <name>                   no value twice
      valid_number: <name>             a number (whole when declared whole_number) within the declared min/max
      accepted_text_values: <name>     the trimmed text is an accepted value or a declared misspelling
      trimmed_relationships: {name, to, field}             every trimmed key is in `to` (another export)
      has_row_for_every_key_and_value: {name, key, parent, parent_key}
                                       every key of `parent` has a row per accepted value of the column

    `table_rules` takes {unique_combination_of_columns: {name, combination_of_columns}}. The rule of
    valid_number and accepted_text_values is the column's meta (models/staging/_exports__sources.yml), as in the
    one-rule tests of the same names beside this file.

    The rules that look at one row at a time and the uniqueness rules are one aggregate over the file's rows;
    the rules that compare two files read the other file. The test returns one row per broken rule (its name
    and how many rows or keys break it), and on DuckDB it stops with an error naming them all, so the console
    says which file, column and rule failed, not only that the file's test did. -#}
{% test raw_export_rules(model, columns, table_rules=none) %}
{%- set node = raw_export_node_of(model) -%}
{%- set aggregates = [] -%}
{%- set lookups = [] -%}
{%- for column_name, rules in columns.items() -%}
    {%- set quoted = adapter.quote(column_name) -%}
    {%- set column = raw_export_column(node, column_name) -%}
    {%- for rule, spec in rules.items() -%}
        {%- set name = spec if spec is string else spec.name -%}
        {%- if rule == 'not_null' -%}
            {%- do aggregates.append((name, column_name, "sum(case when " ~ quoted ~ " is null then 1 else 0 end)")) -%}
        {%- elif rule == 'unique' -%}
            {%- do aggregates.append((name, column_name, "count(" ~ quoted ~ ") - count(distinct " ~ quoted ~ ")")) -%}
        {%- elif rule == 'valid_number' -%}
            {%- if execute and column.type not in ('number', 'whole_number') -%}
                {{ exceptions.raise_compiler_error(node.meta.file_name ~ ": valid_number on " ~ column_name
                    ~ ", which is declared " ~ column.type ~ ", not number or whole_number") }}
            {%- endif -%}
            {%- set number = "try_cast(" ~ raw_export_number_text(node, column_name) ~ " as double)" -%}
            {#- Infinity and NaN fall outside the finite doubles on every engine (isfinite() is DuckDB's alone). -#}
            {%- set broken = [number ~ " is null", number ~ " not between -1.7976931348623157e308 and 1.7976931348623157e308"] -%}
            {%- if column.type == 'whole_number' -%}{%- do broken.append(number ~ " != floor(" ~ number ~ ")") -%}{%- endif -%}
            {%- if column.get('min') is not none -%}{%- do broken.append(number ~ " < " ~ column.min) -%}{%- endif -%}
            {%- if column.get('max') is not none -%}{%- do broken.append(number ~ " > " ~ column.max) -%}{%- endif -%}
            {%- do aggregates.append((name, column_name, "sum(case when " ~ quoted ~ " is not null and (" ~ broken | join(" or ")
                ~ ") then 1 else 0 end)")) -%}
        {%- elif rule == 'accepted_text_values' -%}
            {%- set spellings = [] -%}
            {%- for value in raw_export_spellings(column) -%}
                {%- do spellings.append("'" ~ value | replace("'", "''") ~ "'") -%}
            {%- endfor -%}
            {%- do aggregates.append((name, column_name, "sum(case when " ~ quoted ~ " is not null and trim(" ~ quoted
                ~ ") not in (" ~ (spellings | join(", ") if spellings else "null") ~ ") then 1 else 0 end)")) -%}
        {%- elif rule == 'trimmed_relationships' -%}
            {%- do lookups.append((name, column_name,
                "select count(distinct trim(child_rows." ~ quoted ~ ")) from raw_rows as child_rows"
                ~ " where child_rows." ~ quoted ~ " is not null and not exists (select 1 from " ~ spec.to
                ~ " as parent_rows where trim(parent_rows." ~ adapter.quote(spec.field) ~ ") = trim(child_rows."
                ~ quoted ~ "))")) -%}
        {%- elif rule == 'has_row_for_every_key_and_value' -%}
            {%- set values = [] -%}
            {%- for value in column.accepted_values or [] -%}
                {%- do values.append("select '" ~ value | replace("'", "''") ~ "' as expected_value") -%}
            {%- endfor -%}
            {%- do lookups.append((name, column_name,
                "select count(*) from (select distinct trim(parent_rows." ~ adapter.quote(spec.parent_key)
                ~ ") as expected_key from " ~ spec.parent ~ " as parent_rows) as parent_keys cross join ("
                ~ values | join(" union all ") ~ ") as expected_values where not exists (select 1 from raw_rows"
                ~ " as child_rows where trim(child_rows." ~ adapter.quote(spec.key) ~ ") = parent_keys.expected_key"
                ~ " and " ~ raw_export_corrected_text(node, column_name, "child_rows." ~ quoted)
                ~ " = expected_values.expected_value)")) -%}
        {%- else -%}
            {{ exceptions.raise_compiler_error(node.meta.file_name ~ ": unknown raw export rule '" ~ rule
                ~ "' on column " ~ column_name) }}
        {%- endif -%}
    {%- endfor -%}
{%- endfor -%}
{%- for rule, spec in (table_rules or {}).items() -%}
    {%- if rule == 'unique_combination_of_columns' -%}
        {%- set parts = [] -%}
        {%- for expression in spec.combination_of_columns -%}
            {%- do parts.append("coalesce(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
            {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
        {%- endfor -%}
        {%- do aggregates.append((spec.name, spec.combination_of_columns | join(' + '), "count(*) - count(distinct " ~ dbt.concat(parts) ~ ")")) -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(node.meta.file_name ~ ": unknown raw export table rule '" ~ rule ~ "'") }}
    {%- endif -%}
{%- endfor -%}
with raw_rows as (
    select * from {{ model }}
),

row_rules as (
    select
        {%- for name, column_name, expression in aggregates %}
        {{ expression }} as {{ adapter.quote(name) }}{{ "," if not loop.last }}
        {%- endfor %}
    from raw_rows
),

broken_rules as (
    {%- for name, column_name, expression in aggregates %}
    select
        '{{ name }}' as rule_name,
        '{{ column_name | replace("'", "''") }}' as column_name,
        {{ adapter.quote(name) }} as failing_rows
    from row_rules
    {{ "union all" if not loop.last or lookups }}
    {%- endfor %}
    {%- for name, column_name, query in lookups %}
    select
        '{{ name }}' as rule_name,
        '{{ column_name | replace("'", "''") }}' as column_name,
        ({{ query }}) as failing_rows
    {{ "union all" if not loop.last }}
    {%- endfor %}
)

{{ adapter.dispatch('raw_export_rules_failures', 'one_click')(node.meta.file_name) }}
{% endtest %}


{#- The broken rules of `broken_rules` (rule_name, column_name, failing_rows), one row each: the test fails on
    any. -#}
{% macro default__raw_export_rules_failures(file_name) %}
select
    rule_name,
    column_name,
    failing_rows
from broken_rules
where failing_rows > 0
{% endmacro %}


{#- The same rows; DuckDB's error() then stops the test with every broken rule named in the console. -#}
{% macro duckdb__raw_export_rules_failures(file_name) %}
, failures as (
    select
        count(*) as broken,
        string_agg(
            'column ' || column_name || ', rule ' || rule_name || ': ' || cast(failing_rows as varchar)
            || ' failing', '; '
            order by rule_name
        ) as rules
    from broken_rules
    where failing_rows > 0
)

select
    rules as rule_names,
    error('{{ file_name }} breaks its rules: ' || rules) as failing_rule
from failures
where broken > 0
{% endmacro %}


{#- The same rows; Spark's raise_error() stops the test with every broken rule named in the console. -#}
{% macro spark__raw_export_rules_failures(file_name) %}
, failures as (
    select
        count(*) as broken,
        concat_ws('; ', array_sort(collect_list(
            concat('column ', column_name, ', rule ', rule_name, ': ', cast(failing_rows as string), ' failing')
        ))) as rules
    from broken_rules
    where failing_rows > 0
)

-- In the filter, not the select list: dbt counts the test's rows, and Spark prunes a column nobody reads.
select rules as rule_names
from failures
where
    broken > 0
    and (case when broken > 0 then raise_error(concat('{{ file_name }} breaks its rules: ', rules)) end) is null
{% endmacro %}
