"""Streamlit glue shared by the pages: the current build, cached table reads, links, figures and tables.

A published snapshot never changes, so reads are cached per (snapshot folder, build id, table, columns) in
`cache_resource` (one shared frame per build, never modified); the next publish has a new build id and is
read afresh. A page's filters live in the link: `from_url` seeds a widget from it once, `to_url` writes the
widget's value back on every run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import altair as alt
import pandas as pd
import streamlit as st

from one_click.dashboard import labels
from one_click.dashboard.snapshot import Snapshot, TableUnavailable, open_snapshot, publish_dir, read_table

SNAPSHOT_KEY = "one_click_snapshot"
CACHED_TABLES = 128  # about four builds' worth of reads: older builds fall out as new ones are read
Columns = str | Sequence[str]  # the columns a page shows from a table: names, or strings of names
Needs = Mapping[str, Columns]  # table → its columns


@st.cache_resource(max_entries=CACHED_TABLES, show_spinner=False)
def _cached_table(folder: str, build_id: str, table: str, columns: tuple[str, ...], _snapshot: Snapshot):
    del folder, build_id  # part of the cache key only: a new publish is never served stale
    return read_table(_snapshot, table, columns)


def column_names(columns: Columns) -> tuple[str, ...]:
    """'a b c', ('a b', 'c') or ('a', 'b', 'c', 'a') → ('a', 'b', 'c'): each column once, in order."""
    parts = [columns] if isinstance(columns, str) else columns
    return tuple(dict.fromkeys(name for part in parts for name in part.split()))


def _read(current: Snapshot, table: str, columns: Columns) -> pd.DataFrame:
    return _cached_table(str(current.folder), current.build_id, table, column_names(columns), current)


def resolve_snapshot() -> Snapshot | None:
    """Find the current build once per script run and remember it, so every page section reads one build."""
    st.session_state[SNAPSHOT_KEY] = open_snapshot(publish_dir())
    return st.session_state[SNAPSHOT_KEY]


def snapshot() -> Snapshot | None:
    return st.session_state[SNAPSHOT_KEY] if SNAPSHOT_KEY in st.session_state else resolve_snapshot()


def no_snapshot_message() -> None:
    st.title("Данных пока нет")
    st.info(
        "Дашборд показывает результаты последней успешной сборки, а опубликованных сборок ещё нет "
        f"(папка `{publish_dir()}`).\n\n"
        "Запустите `make build`: когда сборка завершится без ошибок, данные появятся здесь после "
        "обновления страницы.",
        icon=":material/hourglass_empty:",
    )


def _missing_message(problems: list[TableUnavailable]) -> None:
    names = display_names("table")
    lines = []
    for problem in problems:
        name = f"«{names.get(problem.table, problem.table)}» (`{problem.table}`)"
        if problem.missing_columns:
            columns = ", ".join(f"`{column}`" for column in problem.missing_columns)
            lines.append(f"- таблица {name} в этой сборке старого формата: нет столбцов {columns}")
        else:
            lines.append(f"- в этой сборке нет таблицы {name}")
    st.info(
        "Этот раздел пока нечем заполнить:\n"
        + "\n".join(lines)
        + "\n\nОн появится после сборки, которая публикует эти данные.",
        icon=":material/info:",
    )


def tables(needs: Needs) -> tuple[pd.DataFrame, ...] | None:
    """The needed columns of the named tables, or None (after saying what is missing) if any is not there."""
    current = snapshot()
    if current is None:
        no_snapshot_message()
        st.stop()
    frames, problems = [], []
    for name, columns in needs.items():
        try:
            frames.append(_read(current, name, columns))
        except TableUnavailable as problem:
            problems.append(problem)
    if problems and not current.folder.is_dir():
        # Pruned between resolving `current` and reading: three newer builds landed meanwhile. Start over on
        # the newest rather than report its tables missing.
        st.rerun()
    if problems:
        _missing_message(problems)
        return None
    return tuple(frames)


def optional_table(name: str, columns: Columns) -> pd.DataFrame | None:
    """A table that only adds detail: None without a message when this build lacks it."""
    current = snapshot()
    if current is None:
        return None
    try:
        return _read(current, name, columns)
    except TableUnavailable:
        return None


def display_names(domain: str) -> dict[str, str]:
    """Code → the staff's word for the few codes no mart names (test statuses, node types, tables, yes/no),
    from the published `display_names` seed; empty when absent."""
    names = optional_table("display_names", "domain code display_name")
    if names is None:
        return {}
    rows = names[names["domain"] == domain]
    return dict(zip(rows["code"], rows["display_name"], strict=True))


def is_true(value: object) -> bool:
    """A nullable boolean cell: NULL is not true."""
    return not labels.is_missing(value) and bool(value)


def money_units() -> dict[str, str]:
    """Measure (revenue, profit) → its unit, as the export format declares it (report_money_units)."""
    units = optional_table("report_money_units", "measure unit")
    return {} if units is None else dict(zip(units["measure"], units["unit"], strict=True))


def money(measure: str = "profit", digits: int = 2) -> labels.Format:
    """The format of an amount of `measure` (profit also for expected loss), with its declared unit."""
    return labels.money(money_units().get(measure, ""), digits)


def from_url(param: str, key: str, options: Sequence[object] | None = None, *, many: bool = False) -> None:
    """Seed the widget `key` from the link's `param` the first time the page draws it. Values the widget
    cannot take (a customer not in this build, an old segment code) are ignored: an old link opens the page
    with its defaults rather than an error."""
    if key in st.session_state:
        return
    values = st.query_params.get_all(param)
    if options is not None:
        known = {str(option): option for option in options}
        values = [known[value] for value in values if value in known]
    if many:
        st.session_state[key] = list(values)
    elif values:
        st.session_state[key] = values[-1]


def to_url(param: str, value: object) -> None:
    """Keep `param` in the link equal to a widget's value (absent when the value is empty)."""
    many = isinstance(value, list | tuple)
    values = [str(item) for item in value] if many else [] if value is None or value == "" else [str(value)]
    if not values:
        st.query_params.pop(param, None)
    elif st.query_params.get_all(param) != values:
        st.query_params[param] = values if many else values[0]


def choose(label: str, names: Mapping[object, str], param: str, key: str) -> object:
    """A select box over `names` (code → name) whose choice lives in the link as `param`."""
    from_url(param, key, list(names))
    chosen = st.selectbox(label, list(names), format_func=names.get, key=key)
    to_url(param, chosen)
    return chosen


def sidebar_build(current: Snapshot | None) -> None:
    with st.sidebar:
        if current is None:
            st.caption("Опубликованных данных нет")
            return
        st.caption(f"Данные сборки от {labels.fmt_datetime(current.published_at)}")
        st.caption(f"Сборка `{current.build_id}`")
        if st.button("Проверить обновления", icon=":material/refresh:", help="Перечитать последнюю сборку"):
            st.rerun()


# Streamlit stacks columns below 640 px: there a chart drawn in two versions shows its phone version.
LAYOUT_STYLE = """<style>
@media (max-width: 640px) { [class*="st-key-wide-"] { display: none !important; } }
@media (min-width: 641px) { [class*="st-key-phone-"] { display: none !important; } }
</style>"""


def layout_style() -> None:
    """Once per run (app.py): the rule that shows `wide` containers on screens and `phone` ones on phones."""
    st.html(LAYOUT_STYLE)


def wide(name: str):
    """A container shown on screens wider than a phone."""
    return st.container(key=f"wide-{name}")


def phone(name: str):
    """A container shown on a phone only."""
    return st.container(key=f"phone-{name}")


def data_date() -> str:
    """The date of the data on screen (the published build's), for 'по данным на …'."""
    current = snapshot()
    return labels.fmt_date(current.published_at if current is not None else None)


def page_header(title: str, subtitle: str) -> None:
    st.title(title)
    st.caption(subtitle)


def chart(chart: alt.TopLevelMixin) -> None:
    st.altair_chart(chart, width="stretch")


def section(
    title: str | None, needs: Needs, render: Callable[..., None], help_text: str | None = None
) -> None:
    """A subheader (if titled), then `render(*frames)` when every needed table and column is in this build,
    else a message saying what is missing."""
    if title:
        st.subheader(title, help=help_text)
    frames = tables(needs)
    if frames is not None:
        render(*frames)


class Figure(NamedTuple):
    """One bordered figure of a row: a label, the value, a grey note under it and a help text."""

    label: str
    value: str
    note: str | None = None
    help: str | None = None


def figures(*row: Figure) -> None:
    """A row of figures, side by side; the note is a metric's delta without colour or arrow."""
    for column, (label, value, note, help_text) in zip(st.columns(len(row)), row, strict=True):
        column.metric(label, value, note, help=help_text, delta_color="off", delta_arrow="off", border=True)


class Column(NamedTuple):
    """One column of a table on screen and in its download: title, format, help and width on screen."""

    title: str
    format: labels.Format = labels.TEXT
    help: str | None = None
    width: int | None = None


def table(frame: pd.DataFrame, columns: Mapping[str, Column], **options: object) -> None:
    """`frame`'s `columns` in that order, without the index, each cell written by its column's format (the
    text comes from `labels`, not from the browser's locale; sorting still uses the numbers)."""
    shown = frame[list(columns)]
    # Streamlit draws a boolean column as checkboxes whatever the Styler says: yes/no go in as words.
    words = {
        name: [column.format.screen(value) for value in shown[name]]
        for name, column in columns.items()
        if column.format.kind == "yes_no"
    }
    styled = shown.assign(**words).style.format(
        {name: column.format.screen for name, column in columns.items()}
    )
    config = {
        name: st.column_config.Column(column.title, help=column.help, width=column.width)
        for name, column in columns.items()
    }
    st.dataframe(styled, hide_index=True, column_config=config, **options)


def csv_for_excel(frame: pd.DataFrame, columns: Mapping[str, Column]) -> bytes:
    """The table as a Russian Excel opens it: Russian headers (money with its unit), `;` between cells,
    decimal commas, percents, UTF-8 with a byte-order mark, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.format.title(column.title) for column in columns.values()])
    formats = [column.format for column in columns.values()]
    for row in frame[list(columns)].itertuples(index=False):
        writer.writerow([fmt.excel(value) for fmt, value in zip(formats, row, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def download(
    frame: pd.DataFrame, columns: Mapping[str, Column], file_name: str, label: str = "Скачать"
) -> None:
    """A visible download button for a list people act on (CSV for a Russian Excel)."""
    st.download_button(
        label,
        csv_for_excel(frame, columns),
        file_name=file_name,
        mime="text/csv",
        icon=":material/download:",
        help="Таблица для Excel: разделитель «;», десятичная запятая.",
    )


def table_height(rows: int) -> int:
    """Pixels for a dataframe to show `rows` rows without its own scrollbar (header + rows + border)."""
    return 35 * (rows + 1) + 3
