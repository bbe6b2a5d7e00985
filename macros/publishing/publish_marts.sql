{#- The build's last step: every node tagged `published` written as one snapshot that readers open without
    the warehouse (see one_click.publish). Runs from `on-run-end`, so it sees every result of the run. -#}
{% macro publish_marts(results) %}
    {{ return(adapter.dispatch('publish_marts', 'one_click')(results)) }}
{% endmacro %}


{% macro default__publish_marts(results) %}
    {% do log("publish_marts: snapshots are written on DuckDB only; target "
              ~ target.type ~ " publishes nothing (BI tools read its marts directly).", info=true) %}
{% endmacro %}


{% macro duckdb__publish_marts(results) %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set published = published_nodes() %}
    {% set published_ids = published | map(attribute='unique_id') | list %}
    {% set problems = [] %}
    {% set rebuilt = [] %}
    {% for result in results %}
        {% if result.status in ('error', 'fail', 'skipped', 'runtime error') %}
            {% do problems.append(result.node.name) %}
        {% elif result.node.unique_id in published_ids %}
            {% do rebuilt.append(result.node.name) %}
        {% endif %}
    {% endfor %}
    {% if problems %}
        {% do log("publish_marts: not published, the run had failures (" ~ problems | join(', ')
                  ~ "); the last good snapshot stays current.", info=true) %}
        {{ return('') }}
    {% endif %}
    {% if not rebuilt %}
        {{ return('') }}
    {% endif %}

    {% set relations = [] %}
    {% for node in published %}
        {% set relation = adapter.get_relation(node.database, node.schema, node.alias) %}
        {% if relation is none %}
            {% do log("publish_marts: not published, " ~ node.name ~ " has never been built; "
                      ~ "a full `dbt build` publishes the first snapshot.", info=true) %}
            {{ return('') }}
        {% endif %}
        {% do relations.append((node, relation)) %}
    {% endfor %}

    {% set partial = run_query(
        "select one_click_begin_snapshot('" ~ var('publish_dir') ~ "')").columns[0].values()[0] %}
    {% set tables = [] %}
    {% for node, relation in relations %}
        {% do run_query("copy (select * from " ~ relation ~ ") to '" ~ partial ~ "/" ~ node.name
                        ~ ".parquet' (format parquet)") %}
        {% do tables.append({
            'table_name': node.name,
            'description': node.description,
            'columns': published_columns(node, relation),
        }) %}
    {% endfor %}
    {% set build_id = run_query("select one_click_commit_snapshot('" ~ partial ~ "', '"
                                ~ tojson(tables) | replace("'", "''") ~ "', '"
                                ~ tojson(publishing_run(results)) | replace("'", "''")
                                ~ "')").columns[0].values()[0] %}
    {% do log("publish_marts: published " ~ tables | length ~ " tables as build " ~ build_id, info=true) %}
{% endmacro %}


{#- Models and seeds tagged `published`, by name. -#}
{% macro published_nodes() %}
    {% set nodes = [] %}
    {% for node in graph.nodes.values() | sort(attribute='name') %}
        {% if node.resource_type in ('model', 'seed') and 'published' in node.tags %}
            {% do nodes.append(node) %}
        {% endif %}
    {% endfor %}
    {{ return(nodes) }}
{% endmacro %}


{#- Each column of the built table with the type its contract declares (the warehouse's type where the
    node declares none) and its description. -#}
{% macro published_columns(node, relation) %}
    {% set columns = [] %}
    {% for column in adapter.get_columns_in_relation(relation) %}
        {% set declared = node.columns.get(column.name, {}) %}
        {% do columns.append({
            'name': column.name,
            'data_type': declared.get('data_type') or column.dtype,
            'description': declared.get('description', ''),
        }) %}
    {% endfor %}
    {{ return(columns) }}
{% endmacro %}


{#- What the publishing run says about itself for the snapshot's `build_info` table (one_click.build_info):
    dbt's invocation id, the export period (the var `export_date`) and each check's status. -#}
{% macro publishing_run(results) %}
    {% set check_statuses = [] %}
    {% for result in results if result.node.resource_type in ('test', 'unit_test') %}
        {% do check_statuses.append(result.status | string) %}
    {% endfor %}
    {{ return({
        'invocation_id': invocation_id,
        'export_date': checked_export_date(),
        'check_statuses': check_statuses,
    }) }}
{% endmacro %}
