{#- A select: per group, the group's most frequent values of a column joined into one text, the most frequent
    first (ties in the values' order), the first top_n only; NULL values are no value. -#}
{% macro most_frequent_values(relation, group_column, value_column, top_n, separator, as_column) -%}
    select
        {{ group_column }},
        {{ dbt.listagg(value_column, separator, 'order by value_rank') }} as {{ as_column }}
    from (
        select
            {{ group_column }},
            {{ value_column }},
            row_number() over (
                partition by {{ group_column }} order by count(*) desc, {{ value_column }}
            ) as value_rank
        from {{ relation }}
        where {{ value_column }} is not null
        group by {{ group_column }}, {{ value_column }}
    ) as ranked_values
    where value_rank <= {{ top_n }}
    group by {{ group_column }}
{%- endmacro %}
