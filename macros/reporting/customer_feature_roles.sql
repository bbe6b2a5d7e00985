{#- The feature catalogue: the roles of customer_features' columns, read from their `meta.role` in
    models/marts/customer_features.yml through dbt's graph (Python reads the same yml: one_click.features), in
    the yml's order. `boolean` features are also in `categorical` (the model treats them as categories); the
    reports compare them by their share of true. The graph is filled only when dbt executes: at parse time the
    lists are empty, and unit tests (compiled without the graph) override this macro with their own roles. -#}
{% macro customer_feature_roles() -%}
    {%- set roles = {'id': none, 'label': none, 'profit': none, 'numeric': [], 'categorical': [], 'boolean': [],
                     'share': [], 'flag': []} -%}
    {%- if execute -%}
        {%- set node = (graph.nodes or {}).get('model.' ~ project_name ~ '.customer_features') -%}
        {%- if node is none -%}
            {{ exceptions.raise_compiler_error("customer_feature_roles: the model customer_features is not in the graph") }}
        {%- endif -%}
        {%- for column in node.columns.values() -%}
            {%- set meta = column.meta or (column.config or {}).get('meta') or {} -%}
            {%- set role = meta.get('role') -%}
            {%- if role in ['id', 'label', 'profit'] -%}
                {%- do roles.update({role: column.name}) -%}
            {%- elif role in ['numeric', 'categorical', 'flag'] -%}
                {%- do roles[role].append(column.name) -%}
            {%- elif role == 'boolean' -%}
                {%- do roles['categorical'].append(column.name) -%}
                {%- do roles['boolean'].append(column.name) -%}
            {%- else -%}
                {{ exceptions.raise_compiler_error(
                    "models/marts/customer_features.yml, column " ~ column.name ~ ": meta.role must be one of"
                    ~ " id, label, profit, numeric, categorical, boolean, flag; got " ~ role) }}
            {%- endif -%}
            {%- if meta.get('share') -%}
                {%- do roles['share'].append(column.name) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(roles) }}
{%- endmacro %}
