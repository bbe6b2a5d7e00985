{#- The order the outcome groups of the profile tables are shown in: known declines, kept, unknown, then
    everyone together. -#}
{% macro outcome_order(outcome_expression) -%}
    case {{ outcome_expression }}
        when 'declined' then 1
        when 'kept' then 2
        when 'unknown' then 3
        when 'all' then 4
    end
{%- endmacro %}
