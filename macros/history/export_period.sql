{#- The export period a build is for (the var export_date), checked before anything runs. The SQL the
    history models share is in history_sql.sql. -#}


{#- The var export_date, checked to be an ISO date (YYYY-MM-DD); a clear error otherwise. -#}
{% macro checked_export_date() %}
    {% set value = var('export_date') | string | trim %}
    {% if not modules.re.match('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', value) %}
        {{ exceptions.raise_compiler_error(
            "var export_date: '" ~ value ~ "' is not an ISO date (YYYY-MM-DD), e.g. --vars '{export_date: 2026-09-01}'") }}
    {% endif %}
    {{ return(value) }}
{% endmacro %}


{#- The relation a history model was built into, or none before its first build. -#}
{% macro history_relation(model_name) %}
    {#- `graph` is dbt's; the SQL linter renders models without it. -#}
    {% set node = graph.nodes.get('model.one_click.' ~ model_name) if graph is defined else none %}
    {% if node is none %}{{ return(none) }}{% endif %}
    {{ return(adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias)) }}
{% endmacro %}


{#- Called by on-run-start: a build for a period older than the newest one in prediction_history is refused
    before anything runs (it would file this export's customers under a past period), unless the var
    allow_earlier_export_date is true. The same period again is allowed: it replaces that period's rows. -#}
{% macro check_export_period() %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set period = checked_export_date() %}
    {% set history = history_relation('prediction_history') %}
    {% if history is none or var('allow_earlier_export_date') %}{{ return('') }}{% endif %}
    {#- ISO dates order as text, so the newest period is compared without a date type of the engine. -#}
    {% set newest = run_query("select cast(max(export_date) as " ~ dbt.type_string() ~ ") from " ~ history)
        .columns[0].values()[0] %}
    {% if newest is not none and period < newest | string %}
        {{ exceptions.raise_compiler_error(
            "export_date " ~ period ~ " is older than the newest period in " ~ history ~ " (" ~ newest
            ~ "): a build files its customers under export_date, so an earlier date would rewrite the past. "
            ~ "Pass the export's own date, or --vars '{export_date: " ~ period
            ~ ", allow_earlier_export_date: true}' to rebuild that earlier period on purpose.") }}
    {% endif %}
{% endmacro %}
