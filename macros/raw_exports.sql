{#- The raw exports: where they are read from, how, and the gate that checks them before any model runs.

    Their format is declared once, as meta on the `exports` source (models/staging/_exports__sources.yml):
    the dialect on the source, the file name on each table, the kind of value and the accepted values on each
    column. Everything here reads that declaration from the graph. dbt seeds are not used for the exports:
    the sample and a user's folder are read the same way, and nothing is ever written into that folder.
    Engine-specific SQL (DuckDB's CSV reader) sits behind adapter.dispatch. -#}


{#- Every source table that declares a raw file, by name. -#}
{% macro raw_export_nodes() %}
    {% set nodes = [] %}
    {% for node in graph.sources.values() | sort(attribute='name') if node.meta.file_name %}
        {% do nodes.append(node) %}
    {% endfor %}
    {{ return(nodes) }}
{% endmacro %}


{#- Staging reads the declared corrections through this lookup; dbt compiles unit tests without the graph,
    so a unit test overrides it with a stand-in declaration (`overrides: macros: raw_export_node`). While dbt
    parses, the declaration is empty (a parsed model is never run). -#}
{% macro raw_export_node(source_name, table_name) %}
    {% if not execute %}{{ return({'meta': {}, 'columns': {}}) }}{% endif %}
    {% for node in graph.sources.values()
        if node.source_name == source_name and node.name == table_name and node.meta.file_name %}
        {{ return(node) }}
    {% endfor %}
    {{ return(none) }}
{% endmacro %}


{#- The source table behind a relation a generic test receives (its `model` argument). While dbt parses,
    the graph is empty: the helpers below then give an empty declaration (a parsed test is never run). -#}
{% macro raw_export_node_of(relation) %}
    {% if not execute %}{{ return({'meta': {}, 'columns': {}}) }}{% endif %}
    {% for node in graph.sources.values()
        if node.meta.file_name and node.schema == relation.schema and node.identifier == relation.identifier %}
        {{ return(node) }}
    {% endfor %}
    {{ exceptions.raise_compiler_error(
        "'" ~ relation ~ "' is not a raw export: the raw-export tests read their rule from the meta of a column"
        ~ " of a source table that declares a file_name (models/staging/_exports__sources.yml)") }}
{% endmacro %}


{% macro raw_export_path(node) -%}
    {{- return(var('raw_data_dir') ~ '/' ~ node.meta.file_name) -}}
{%- endmacro %}


{#- The file's header, matched against the declared columns: {'names': [...], 'missing': [...],
    'repeated': [...]}. Names are trimmed; a repeated or missing declared column cannot be read by name. -#}
{% macro raw_export_header(node) %}
    {% set names = adapter.dispatch('raw_export_header_names', 'one_click')(raw_export_path(node), node.meta)
        | map('trim') | list %}
    {% set declared = node.columns.keys() | list %}
    {% set repeated = [] %}
    {% for name in declared if names | select('equalto', name) | list | length > 1 %}
        {% do repeated.append(name) %}
    {% endfor %}
    {{ return({'names': names, 'missing': declared | reject('in', names) | list, 'repeated': repeated}) }}
{% endmacro %}


{#- The reader every source('exports', ...) resolves to: the declared columns, as text, read by name. -#}
{% macro raw_export_reader(node) %}
    {% set header = raw_export_header(node) %}
    {% if not node.meta.header %}
        {{ exceptions.raise_compiler_error(
            node.meta.file_name ~ ": the reader matches columns by the names in the header; declare header: true") }}
    {% elif header.missing or header.repeated %}
        {{ exceptions.raise_compiler_error(
            node.meta.file_name ~ ": cannot read the declared columns by name (missing: "
            ~ header.missing | join(', ') ~ "; repeated: " ~ header.repeated | join(', ') ~ ")") }}
    {% endif %}
    {{ return(adapter.dispatch('read_raw_export', 'one_click')(
        raw_export_path(node), node.meta, header.names, node.columns.keys() | list)) }}
{% endmacro %}


{#- source() as dbt defines it, except that a raw export resolves to its reader. Unit tests keep their
    fixtures (a CTE), and parsing, which runs no query, keeps dbt's relation. -#}
{% macro source(source_name, table_name) %}
    {% set relation = builtins.source(source_name, table_name) %}
    {% if execute and not relation.is_cte %}
        {% set node = raw_export_node(source_name, table_name) %}
        {% if node is not none %}
            {{ return(adapter.dispatch('raw_export_relation', 'one_click')(relation, node)) }}
        {% endif %}
    {% endif %}
    {{ return(relation) }}
{% endmacro %}


{#- Called by on-run-start: a missing, empty or header-only file, or a missing column, stops the whole run
    with a message naming the file, before any relation is replaced. Row-level rules are data tests on the
    sources, which block every model downstream of a bad file. The var validate_raw_exports (dbt_project.yml)
    turns the gate off. -#}
{% macro validate_raw_exports() %}
    {% if not execute or not var('validate_raw_exports') %}{{ return('') }}{% endif %}
    {% set problems = [] %}
    {% for node in raw_export_nodes() %}
        {% set file_name, path = node.meta.file_name, raw_export_path(node) %}
        {% set size = adapter.dispatch('raw_export_file_size', 'one_click')(path) %}
        {% if size is none %}
            {% do problems.append(file_name ~ ": file not found at '" ~ path ~ "'") %}
        {% elif size == 0 %}
            {% do problems.append(file_name ~ ": the file is empty (no header, no rows)") %}
        {% else %}
            {% set refusal = adapter.dispatch('raw_export_refusal', 'one_click')(path, node.meta) %}
            {% set header = raw_export_header(node) if not refusal %}
            {% set refusal = refusal or raw_export_delimiter_refusal(header.names, node.meta) %}
            {% if refusal %}
                {% do problems.append(raw_export_refusal_message(file_name, refusal, node.meta)) %}
            {% elif header.missing %}
                {% do problems.append(file_name ~ ": missing column(s) " ~ header.missing | join(', ')
                    ~ " (found: " ~ header.names | join(', ') ~ ")") %}
            {% elif header.repeated %}
                {% do problems.append(file_name ~ ": column(s) " ~ header.repeated | join(', ')
                    ~ " appear more than once in the header") %}
            {% elif run_query("select count(*) from (select 1 from " ~ raw_export_reader(node) ~ " limit 1)")
                .columns[0].values()[0] == 0 %}
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


{#- A header the declared delimiter leaves as one column while another splits it: the file was saved with
    that other delimiter. Found from the header's names, the same on every engine. -#}
{% macro raw_export_delimiter_refusal(names, format) %}
    {% if names | length == 1 %}
        {% for other in [',', ';', '\t', '|'] if other != format.delimiter %}
            {% set cells = names[0].split(other) | length %}
            {% if cells > 1 %}{{ return({'reason': 'delimiter', 'other': other, 'cells': cells}) }}{% endif %}
        {% endfor %}
    {% endif %}
    {{ return(none) }}
{% endmacro %}


{#- Why a file is refused, in words a store's analyst can act on, naming the file: the one wording of the
    facts each engine finds (raw_export_refusal: on DuckDB one_click.raw_files, on Spark SQL), so a damaged
    file reads the same on both. -#}
{% macro raw_export_refusal_message(file_name, refusal, format) %}
    {% set reason, delimiter, quote = refusal.reason, format.delimiter, format.quote %}
    {% if reason == 'line_ends' %}
        {% set words = 'line ends: ' ~ refusal.cr ~ ' line(s) end with a bare CR (besides ' ~ refusal.crlf
            ~ ' CRLF and ' ~ refusal.lf ~ ' LF); save the file with CRLF or LF line ends' %}
    {% elif reason == 'encoding' %}
        {% set words = 'encoding: line ' ~ refusal.line ~ ': byte 0x' ~ refusal.byte ~ ' is not ' ~ format.encoding
            ~ ' (the declared encoding); save the file as ' ~ format.encoding %}
    {% elif reason == 'delimiter' %}
        {% set words = "delimiter: the header is one column with the declared delimiter '" ~ delimiter ~ "' but "
            ~ refusal.cells ~ " with '" ~ refusal.other ~ "'; save the file with '" ~ delimiter ~ "' between cells" %}
    {% elif reason == 'cells' %}
        {% set cause = "a cell holds the delimiter '" ~ delimiter ~ "' without quotes, or a cell too many"
            if refusal.cells > refusal.columns else 'a cell is missing, or a line break splits a row' %}
        {% set words = 'line ' ~ refusal.line ~ ' has ' ~ refusal.cells ~ ' cells where the header has '
            ~ refusal.columns ~ ' columns: ' ~ cause %}
    {% elif reason == 'quote' %}
        {% set words = 'line ' ~ refusal.line ~ ': a stray quote: a cell that holds the quote ' ~ quote
            ~ ' must be quoted whole, with the quote inside doubled' %}
    {% else %}
        {% set words = 'the CSV reader refused it: ' ~ refusal.error %}
    {% endif %}
    {{ return(file_name ~ ': ' ~ words) }}
{% endmacro %}


{#- ---- DuckDB ------------------------------------------------------------------------------------------ -#}

{#- The relation a raw export's source() resolves to: dbt-duckdb renders an `external` relation as the
    reader's SQL. -#}
{% macro default__raw_export_relation(relation, node) %}
    {{ return(relation.incorporate(external=raw_export_reader(node))) }}
{% endmacro %}


{#- Why the engine's reader refuses the file, as facts for raw_export_refusal_message, or none. -#}
{% macro default__raw_export_refusal(path, format) %}
    {{ return(none) }}
{% endmacro %}


{#- DuckDB's strict reader stops at the first damaged row with its own message, which cannot be caught in
    SQL; the gate reads each file strictly once more through a DuckDB function (one_click.duckdb_plugin)
    that finds why (one_click.raw_files): the encoding, the line ends, a stray quote, or the line whose cells
    break the header's columns. -#}
{% macro duckdb__raw_export_refusal(path, format) %}
    {% set arguments = [duckdb__raw_export_readable_path(path), format.delimiter, format.quote,
        format.encoding, duckdb__raw_export_dialect(format)] %}
    {% set quoted = [] %}
    {% for argument in arguments %}{% do quoted.append("'" ~ argument | replace("'", "''") ~ "'") %}{% endfor %}
    {% set found = run_query("select one_click_raw_export_refusal(" ~ quoted | join(', ') ~ ")").columns[0].values()[0] %}
    {{ return(fromjson(found) if found else none) }}
{% endmacro %}


{#- The file DuckDB reads for a raw export: the export itself, or, when its lines mix CRLF and LF (rows
    appended in another editor), a copy with LF line ends under dbt's target folder, written by a DuckDB
    function (one_click.duckdb_plugin); DuckDB's strict mode refuses mixed line ends, and the raw file is
    never written. -#}
{% macro duckdb__raw_export_readable_path(path) %}
    {% set copies_dir = (flags.TARGET_PATH or 'target') ~ '/raw_exports' %}
    {{ return(run_query("select one_click_raw_export_readable_path('" ~ path | replace("'", "''") ~ "', '"
        ~ copies_dir | replace("'", "''") ~ "')").columns[0].values()[0]) }}
{% endmacro %}


{#- Size in bytes, or none when no file is there. -#}
{% macro default__raw_export_file_size(path) %}
    {{ exceptions.raise_compiler_error("raw_export_file_size is not implemented for " ~ adapter.type()) }}
{% endmacro %}


{% macro duckdb__raw_export_file_size(path) %}
    {% set quoted = "'" ~ path | replace("'", "''") ~ "'" %}
    {% if run_query("select count(*) from glob(" ~ quoted ~ ")").columns[0].values()[0] == 0 %}
        {{ return(none) }}
    {% endif %}
    {{ return(run_query("select size from read_blob(" ~ quoted ~ ")").columns[0].values()[0]) }}
{% endmacro %}


{% macro default__raw_export_header_names(path, format) %}
    {{ exceptions.raise_compiler_error("raw_export_header_names is not implemented for " ~ adapter.type()) }}
{% endmacro %}


{#- The first line, split by the declared dialect. Without sniffing DuckDB needs a column count, so the
    line is read into a generous number of padded columns, widened until the last one stays empty. -#}
{% macro duckdb__raw_export_header_names(path, format) %}
    {% set width = namespace(value=64) %}
    {% for attempt in range(6) %}
        {% set columns = [] %}
        {% for position in range(width.value) %}{% do columns.append("'c" ~ position ~ "': 'VARCHAR'") %}{% endfor %}
        {% set first_line = run_query(
            "select * from read_csv('" ~ duckdb__raw_export_readable_path(path) | replace("'", "''") ~ "', "
            ~ duckdb__raw_export_dialect(format) ~ ", header = false, null_padding = true, strict_mode = false, "
            ~ "columns = {" ~ columns | join(', ') ~ "}) limit 1") %}
        {% if first_line.rows | length == 0 %}{{ return([]) }}{% endif %}
        {% set cells = first_line.rows[0].values() | list %}
        {% if cells[-1] is none %}
            {#- Trailing cells are padding; an empty name inside the header stays, as ''. -#}
            {% set used = namespace(count=0) %}
            {% for position in range(cells | length) if cells[position] is not none %}
                {% set used.count = position + 1 %}
            {% endfor %}
            {{ return(cells[:used.count] | map('default', '', true) | list) }}
        {% endif %}
        {% set width.value = width.value * 4 %}
    {% endfor %}
    {{ exceptions.raise_compiler_error(path ~ ": the header has more than " ~ width.value ~ " columns") }}
{% endmacro %}


{#- The declared dialect as read_csv options. No new_line: DuckDB then accepts CRLF and LF alike. -#}
{% macro duckdb__raw_export_dialect(format) -%}
    {%- set quote = format.quote | replace("'", "''") -%}
    auto_detect = false, delim = '{{ format.delimiter | replace("'", "''") }}', quote = '{{ quote }}',
    escape = '{{ quote }}', decimal_separator = '{{ format.decimal_separator }}', encoding = '{{ format.encoding }}'
{%- endmacro %}


{% macro default__read_raw_export(path, format, file_columns, declared_columns) %}
    {{ exceptions.raise_compiler_error("read_raw_export is not implemented for " ~ adapter.type()) }}
{% endmacro %}


{#- The file's columns in its own order (so a reordered or extra column is harmless), every one as text,
    then the declared ones selected by name. An extra column is named by its position: its header may be
    anything. Strict mode stays on: without it DuckDB drops a row's surplus cells and reads a stray quote
    silently, and a damaged row must stop the build. Strict mode refuses a file that mixes CRLF and LF, so
    such a file is read from its LF copy (duckdb__raw_export_readable_path). -#}
{% macro duckdb__read_raw_export(path, format, file_columns, declared_columns) %}
    {%- set columns = [] -%}
    {%- for name in file_columns -%}
        {%- set key = name if name in declared_columns else 'undeclared_column_' ~ loop.index -%}
        {%- do columns.append("'" ~ key | replace("'", "''") ~ "': 'VARCHAR'") -%}
    {%- endfor -%}
    {%- set selected = [] -%}
    {%- for name in declared_columns %}{% do selected.append(adapter.quote(name)) %}{% endfor -%}
    (select {{ selected | join(', ') }} from read_csv('{{ duckdb__raw_export_readable_path(path) | replace("'", "''") }}',
        {{ duckdb__raw_export_dialect(format) }},
        header = true, strict_mode = true, columns = {{ '{' ~ columns | join(', ') ~ '}' }}))
{%- endmacro %}


{#- ---- Spark and Databricks (dbt-databricks dispatches databricks__, then spark__) ----------------------- -#}

{#- The file as Spark's binaryFile source lists it: {'path': its absolute URI, 'size': bytes}, or none when the
    folder holds no such file (its content is never read). A missing folder stops the run with Spark's
    PATH_NOT_FOUND, which names it. -#}
{% macro spark__raw_export_file(path) %}
    {% set folder, file_name = path.rsplit('/', 1) if '/' in path else ('.', path) %}
    {% set listed = run_query(
        "select path, length from binaryFile.`" ~ folder | replace('`', '``') ~ "` with ('pathGlobFilter' = '"
        ~ file_name | replace("'", "\\'") ~ "')") %}
    {% if listed.rows | length == 0 %}{{ return(none) }}{% endif %}
    {{ return({'path': listed.rows[0][0], 'size': listed.rows[0][1]}) }}
{% endmacro %}


{% macro spark__raw_export_file_size(path) %}
    {% set file = spark__raw_export_file(path) %}
    {{ return(none if file is none else file.size) }}
{% endmacro %}


{#- The file's options for Spark's CSV reader: the declared dialect, every cell as text, and no silent repair
    (FAILFAST refuses a row with a cell too many or too few, RAISE_ERROR a stray quote), as DuckDB's strict
    mode does. Lines are read one by one (multiLine off), which takes CRLF, LF and a mix of both, as the
    DuckDB reader does through its LF copy; with multiLine on, Spark takes the first line's end for the whole
    file and refuses a mixed file, or keeps a CR in the last cell. A quoted cell cannot span lines then: such a
    row is refused as too short. A UTF-8 byte-order mark is dropped. -#}
{% macro spark__raw_export_csv_options(path, format, header) -%}
    {%- set quote = format.quote | replace("'", "\\'") -%}
    path '{{ path | replace("'", "\\'") }}', header '{{ header | lower }}', sep '{{ format.delimiter | replace("'", "\\'") }}',
    quote '{{ quote }}', escape '{{ quote }}', encoding '{{ format.encoding }}', inferSchema 'false', multiLine 'false',
    mode 'FAILFAST', unescapedQuoteHandling 'RAISE_ERROR'
{%- endmacro %}


{#- Text as a Spark SQL string literal. -#}
{% macro spark__string_literal(text) -%}
    '{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}


{#- The name of a Spark object reading a file: a prefix and the hash of the path. Spark's CSV reader takes
    its options only in a table's or view's definition, not inside a query. -#}
{% macro spark__raw_export_object_name(prefix, path) -%}
    {{- return(prefix ~ local_md5(path)) -}}
{%- endmacro %}


{#- The first line, split by the declared dialect: read without a header, Spark names as many columns as the
    first line has cells. -#}
{% macro spark__raw_export_header_names(path, format) %}
    {% set view = spark__raw_export_object_name('one_click_raw_export_header_', path) %}
    {% do run_query("create or replace temporary view " ~ view ~ " using csv options ("
        ~ spark__raw_export_csv_options(path, format, false) ~ ")") %}
    {% set first_line = run_query("select * from " ~ view ~ " limit 1") %}
    {% if first_line.rows | length == 0 %}{{ return([]) }}{% endif %}
    {{ return(first_line.rows[0].values() | map('default', '', true) | list) }}
{% endmacro %}


{#- Why Spark's reader (FAILFAST, RAISE_ERROR) would refuse the file, as the facts DuckDB's path finds
    (one_click.raw_files.why_refused), or none: the first line, counted from 1 as the file holds them, that is
    not UTF-8 (and its first byte that is not), holds a stray quote, or has more or fewer cells than the header.
    The lines are read as text, as the reader reads them one by one (CR, LF and CRLF all end a line, so line
    ends never refuse a file here); a line's cells are counted once its whole quoted cells are taken out. -#}
{% macro spark__raw_export_refusal(path, format) %}
    {% set uri = spark__raw_export_file(path).path %}
    {% set columns = spark__raw_export_header_names(path, format) | length %}
    {% set quote = format.quote %}
    {% set delimiter_class = '[' ~ format.delimiter ~ ']' %}
    {#- A quoted cell, whole: after the line's start or a delimiter, up to a delimiter or the line's end. -#}
    {% set quoted_cell = '(^|' ~ delimiter_class ~ ')' ~ quote ~ '([^' ~ quote ~ ']|' ~ quote ~ quote ~ ')*' ~ quote
        ~ '(?=' ~ delimiter_class ~ '|$)' %}
    {% set checks_encoding = format.encoding | lower | replace('-', '') == 'utf8' %}
    {% set sql %}
        with lines as (
            select value, monotonically_increasing_id() as position
            from text.`{{ uri | replace('`', '``') }}`
        ),

        unquoted as (
            select
                position,
                value,
                regexp_replace(value, {{ spark__string_literal(quoted_cell) }}, '$1') as outside_quotes
            from lines
        ),

        checked as (
            select
                position,
                {{ 'not is_valid_utf8(value)' if checks_encoding else 'false' }} as is_undecodable,
                -- the first byte that is not UTF-8: the one after the longest valid prefix
                lower(hex(substring(
                    cast(value as binary),
                    octet_length(substring(make_valid_utf8(value), 1, instr(make_valid_utf8(value), '\uFFFD') - 1)) + 1,
                    1
                ))) as first_bad_byte,
                instr(outside_quotes, {{ spark__string_literal(quote) }}) > 0 as has_stray_quote,
                size(split(outside_quotes, {{ spark__string_literal(delimiter_class) }}, -1)) as cells,
                position > (select min(position) from lines) and value != '' as is_row
            from unquoted
        ),

        first_refused as (
            select * from checked
            where is_undecodable or (is_row and (has_stray_quote or cells != {{ columns }}))
            order by position
            limit 1
        )

        select
            count(*) as line,
            first_refused.is_undecodable,
            first_refused.first_bad_byte,
            first_refused.has_stray_quote,
            first_refused.cells
        from lines
        cross join first_refused
        where lines.position <= first_refused.position
        group by
            first_refused.is_undecodable,
            first_refused.first_bad_byte,
            first_refused.has_stray_quote,
            first_refused.cells
    {% endset %}
    {% set found = run_query(sql) %}
    {% if found.rows | length == 0 %}{{ return(none) }}{% endif %}
    {% set row = found.rows[0] %}
    {% if row['is_undecodable'] %}
        {{ return({'reason': 'encoding', 'line': row['line'], 'byte': row['first_bad_byte']}) }}
    {% elif row['has_stray_quote'] %}
        {{ return({'reason': 'quote', 'line': row['line']}) }}
    {% endif %}
    {{ return({'reason': 'cells', 'line': row['line'], 'cells': row['cells'], 'columns': columns}) }}
{% endmacro %}


{#- As on DuckDB: the file's columns in its own order, every one as text (an extra column named by its
    position), then the declared ones selected by name. Spark's CSV reader takes its options only in a table's
    definition, so the file becomes an external table (its data stays in the file: dropping the table leaves
    the file alone) in the target's schema, named after the path, replaced whenever a query is compiled. -#}
{% macro spark__read_raw_export(path, format, file_columns, declared_columns) %}
    {%- set table = adapter.quote(target.schema) ~ "." ~ spark__raw_export_object_name('raw_export_', path) -%}
    {%- set columns = [] -%}
    {%- for name in file_columns -%}
        {%- set key = name if name in declared_columns else 'undeclared_column_' ~ loop.index -%}
        {%- do columns.append(adapter.quote(key) ~ " string") -%}
    {%- endfor -%}
    {%- if execute -%}
        {#- A table's relative path would be resolved against the warehouse, not the folder dbt runs in. -#}
        {%- set file = spark__raw_export_file(path) -%}
        {%- if file is none -%}
            {{ exceptions.raise_compiler_error(path ~ ": file not found") }}
        {%- endif -%}
        {%- do run_query("create schema if not exists " ~ adapter.quote(target.schema)) -%}
        {%- do run_query("drop table if exists " ~ table) -%}
        {%- do run_query("create table " ~ table ~ " (" ~ columns | join(', ') ~ ") using csv options ("
            ~ spark__raw_export_csv_options(file.path, format, true) ~ ")") -%}
    {%- endif -%}
    {%- set selected = [] -%}
    {%- for name in declared_columns %}{% do selected.append(adapter.quote(name)) %}{% endfor -%}
    (select {{ selected | join(', ') }} from {{ table }})
{%- endmacro %}


{#- A raw export's source() is a view of the declared columns under the source's own name (`exports`.`money`),
    so the data tests on sources and every model read it as a table. -#}
{% macro spark__raw_export_relation(relation, node) %}
    {% set reader = raw_export_reader(node) %}
    {% do run_query("create schema if not exists " ~ adapter.quote(relation.schema)) %}
    {% do run_query("create or replace view " ~ relation ~ " as select * from " ~ reader ~ " as raw_export") %}
    {{ return(relation) }}
{% endmacro %}
