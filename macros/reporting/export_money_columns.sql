{#- The exports' amounts of money, as their columns' meta declares them (`money: {measure, unit}` in
    models/staging/_exports__sources.yml): a list of {measure, unit, file_name, column}, by file and column.
    While dbt parses (and for the linter) the graph is empty: one placeholder keeps the SQL's shape. -#}
{% macro export_money_columns() %}
    {% if not execute %}
        {{ return([{'measure': 'profit', 'unit': '', 'file_name': '', 'column': ''}]) }}
    {% endif %}
    {% set found = [] %}
    {% for node in graph.sources.values() | sort(attribute='name') if node.meta.file_name %}
        {% for column in node.columns.values() if column.meta.money %}
            {% do found.append({
                'measure': column.meta.money.measure,
                'unit': column.meta.money.unit,
                'file_name': node.meta.file_name,
                'column': column.name,
            }) %}
        {% endfor %}
    {% endfor %}
    {% if not found %}
        {{ exceptions.raise_compiler_error(
            "models/staging/_exports__sources.yml declares no amount of money: the reports need the unit of "
            ~ "profit and revenue (column meta `money: {measure: ..., unit: ...}`)") }}
    {% endif %}
    {{ return(found) }}
{% endmacro %}
