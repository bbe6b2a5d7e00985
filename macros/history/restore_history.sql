{#- `dbt run-operation restore_history`: when the warehouse file is lost (or a history table dropped), reload
    every history table from the last published snapshot's Parquet files (<publish_dir>/current/). A history
    table is a model with `meta.history_key` (the column that says which rows one build wrote). Rows whose key
    the table already holds are left as they are, so running it twice, or on a warehouse that kept newer
    periods, adds only what is missing. -#}
{% macro restore_history() %}
    {{ return(adapter.dispatch('restore_history', 'one_click')()) }}
{% endmacro %}


{% macro default__restore_history() %}
    {{ exceptions.raise_compiler_error("restore_history: snapshots are published on DuckDB only; target "
        ~ target.type ~ " keeps its history in the cluster's own tables.") }}
{% endmacro %}


{% macro duckdb__restore_history() %}
    {% set snapshot = var('publish_dir') ~ '/current' %}
    {% for node in graph.nodes.values() | sort(attribute='name')
        if node.resource_type == 'model' and node.config.meta.get('history_key') %}
        {% set key = node.config.meta.history_key %}
        {% set parquet = snapshot ~ '/' ~ node.name ~ '.parquet' %}
        {% set exists = run_query("select count(*) from glob('" ~ parquet ~ "')").columns[0].values()[0] %}
        {% if exists == 0 %}
            {{ exceptions.raise_compiler_error("restore_history: " ~ parquet ~ " not found; the last published "
                ~ "snapshot must hold " ~ node.name ~ " (set the var publish_dir to where it was published)") }}
        {% endif %}
        {% set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) %}
        {% do run_query("create schema if not exists " ~ relation.without_identifier()) %}
        {% if adapter.get_relation(node.database, node.schema, node.alias) is none %}
            {% do run_query("create table " ~ relation ~ " as select * from read_parquet('" ~ parquet ~ "') where false") %}
        {% endif %}
        {% set restored = run_query(
            "insert into " ~ relation ~ " by name select * from read_parquet('" ~ parquet ~ "') where " ~ key
            ~ " not in (select " ~ key ~ " from " ~ relation ~ ")") %}
        {% set counts = run_query("select count(*), count(distinct " ~ key ~ ") from " ~ relation).rows[0] %}
        {% do log("restore_history: " ~ node.name ~ " holds " ~ counts[0] ~ " rows of " ~ counts[1] ~ " distinct "
                  ~ key ~ " after reading " ~ parquet, info=true) %}
    {% endfor %}
    {% do adapter.commit() %}
{% endmacro %}
