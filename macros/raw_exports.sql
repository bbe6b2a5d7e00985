{#- Where the raw exports are read from, and the gate that checks them before any model runs.
    dbt seeds are not used for the exports: the sample and a user's folder are read the same way, with
    DuckDB's CSV reader, and nothing is ever written into that folder. -#}

{% macro raw_export_path(file_name) -%}
    {{- var('raw_data_dir') ~ '/' ~ file_name -}}
{%- endmacro %}


{% macro expected_export_columns() -%}
    {{ return({
        'market_file.csv': [
            'id', 'Покупательская активность', 'Тип сервиса', 'Разрешить сообщать', 'Маркет_актив_6_мес',
            'Маркет_актив_тек_мес', 'Длительность', 'Акционные_покупки', 'Популярная_категория',
            'Средний_просмотр_категорий_за_визит', 'Неоплаченные_продукты_штук_квартал', 'Ошибка_сервиса',
            'Страниц_за_визит'],
        'market_money.csv': ['id', 'Период', 'Выручка'],
        'market_time.csv': ['id', 'Период', 'минут'],
        'money.csv': ['id', 'Прибыль'],
    }) }}
{%- endmacro %}


{#- Called by on-run-start: a missing, empty or header-only file, or a missing column, stops the whole run
    with a message naming the file, before any relation is replaced. Row-level rules are data tests on the
    sources (models/staging/_exports__sources.yml), which block every model downstream of a bad file. -#}
{% macro validate_raw_exports() %}
    {% if not execute or not var('validate_raw_exports', true) %}{{ return('') }}{% endif %}
    {% set problems = [] %}
    {% set delimiters = {'money.csv': ';'} %}
    {% for file_name, expected in expected_export_columns().items() %}
        {% set path = raw_export_path(file_name) %}
        {% set found = run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] %}
        {% if found == 0 %}
            {% do problems.append(file_name ~ ": file not found at '" ~ path ~ "'") %}
        {% elif run_query("select size from read_blob('" ~ path ~ "')").columns[0].values()[0] == 0 %}
            {% do problems.append(file_name ~ ": the file is empty (no header, no rows)") %}
        {% else %}
            {% set sample = run_query(
                "select * from read_csv('" ~ path ~ "', header = true, all_varchar = true, delim = '"
                ~ delimiters.get(file_name, ',') ~ "') limit 1") %}
            {% set present = sample.column_names | map('trim') | list %}
            {% set missing = expected | reject('in', present) | list %}
            {% if missing %}
                {% do problems.append(file_name ~ ": missing column(s) " ~ missing | join(', ')
                    ~ " (found: " ~ present | join(', ') ~ ")") %}
            {% elif sample.rows | length == 0 %}
                {% do problems.append(file_name ~ ": the file has a header but no rows") %}
            {% endif %}
        {% endif %}
    {% endfor %}
    {% if problems %}
        {{ exceptions.raise_compiler_error(
            "Raw exports in '" ~ var('raw_data_dir') ~ "' failed validation; nothing was built:\n  - "
            ~ problems | join('\n  - ')) }}
    {% endif %}
    {{ return('') }}
{% endmacro %}
