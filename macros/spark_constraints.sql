{#- dbt-spark enforces a contract's not_null constraints with `alter table ... change column ... set not null`,
    which only Delta tables support; the local Spark writes Parquet. There the constraint is checked instead:
    a NULL in a not_null column fails the model, naming the column, as the ALTER would. Other constraint types
    are not enforced on Spark (as in dbt-spark). dbt looks for its own macros in the root project first. -#}
{% macro spark__alter_column_set_constraints(relation, column_dict) %}
    {% set supports_not_null = config.get('file_format', validator=validation.any[basestring]) in ['delta', 'iceberg'] %}
    {% for column_name in column_dict %}
        {% set quoted_name = adapter.quote(column_name) if column_dict[column_name]['quote'] else column_name %}
        {% for constraint in column_dict[column_name]['constraints'] if constraint.type == 'not_null' %}
            {% if supports_not_null %}
                {% call statement() %}
                    alter table {{ relation }} change column {{ quoted_name }} set not null {{ constraint.expression or "" }};
                {% endcall %}
            {% else %}
                {% set nulls = run_query("select count(*) from " ~ relation ~ " where " ~ quoted_name ~ " is null")
                    .columns[0].values()[0] %}
                {% if nulls > 0 %}
                    {{ exceptions.raise_compiler_error(relation ~ ": " ~ nulls ~ " NULL value(s) in column "
                        ~ column_name ~ ", which the contract declares not_null") }}
                {% endif %}
            {% endif %}
        {% endfor %}
    {% endfor %}
{% endmacro %}
