{#- The staff's name of a code, from seeds/display_names.csv. A scalar subquery rather than a join in every
    model, so a select list reads `{{ display_name('segment', 'segment') }} as segment_name`. Aggregated with
    max() because some engines (Spark) only accept a correlated scalar subquery that aggregates; the seed holds
    one row per domain and code (tested). NULL when the seed has no name for the code: the reporting marts'
    `*_name` columns are NOT NULL, so a code without a name fails the build instead of showing a blank. -#}
{% macro display_name(domain, code_expression) -%}
    (
        select max(display_names.display_name)
        from {{ ref('display_names') }} as display_names
        where
            display_names.domain = '{{ domain }}'
            and display_names.code = {{ code_expression }}
    )
{%- endmacro %}
