{#- The unit of every amount of money the reports show, as the export format declares it: one row per
    measure (revenue, profit), read from the meta of the exports' columns. Expected loss is profit. -#}
{% for money in export_money_columns() %}
    select
        cast('{{ money.measure }}' as {{ dbt.type_string() }}) as measure,
        cast('{{ money.unit }}' as {{ dbt.type_string() }}) as unit,
        cast('{{ money.file_name }}' as {{ dbt.type_string() }}) as source_file,
        cast('{{ money.column }}' as {{ dbt.type_string() }}) as source_column
    {% if not loop.last %}union all{% endif %}
{% endfor %}
