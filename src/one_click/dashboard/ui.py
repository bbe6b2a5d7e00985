"""Streamlit glue shared by the pages: the current build, cached table reads and messages for missing data.

Reads are cached per (snapshot folder, build id, table): a published snapshot never changes, so a cached
frame stays right for as long as its build is current, and the next publish (a new build id) is read
afresh on the next rerun. `cache_resource` keeps one shared frame per build instead of a copy per session
and rerun; nothing in the dashboard modifies a frame it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import altair as alt
import pandas as pd
import streamlit as st

from one_click.dashboard import labels
from one_click.dashboard.snapshot import (
    Snapshot,
    TableUnavailable,
    open_snapshot,
    publish_dir,
    read_table,
)

if TYPE_CHECKING:
    from streamlit.elements.lib.column_types import ColumnConfig

T = TypeVar("T")
SNAPSHOT_KEY = "one_click_snapshot"
CACHED_TABLES = 64  # about four builds' worth of tables: older builds fall out as new ones are read


@st.cache_resource(max_entries=CACHED_TABLES, show_spinner=False)
def _cached_table(folder: str, build_id: str, table: str) -> pd.DataFrame:
    """One published table of one build; `build_id` is in the key so a new publish is never served stale."""
    del build_id  # part of the cache key only; the folder already names the build
    return read_table(Path(folder), table)


@st.cache_resource(max_entries=CACHED_TABLES, show_spinner=False)
def _cached_derived(folder: str, build_id: str, key: Hashable, _compute: Callable[[], T]) -> T:
    del folder, build_id  # cache key only, as for tables
    return _compute()


def derived(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per build and `key`: aggregates over every customer need not rerun on each click."""
    current = snapshot()
    if current is None:
        return compute()
    return _cached_derived(str(current.folder), current.build_id, key, compute)


def resolve_snapshot() -> Snapshot | None:
    """Find the current build once per script run and remember it, so every page section reads one build."""
    snapshot = open_snapshot(publish_dir())
    st.session_state[SNAPSHOT_KEY] = snapshot
    return snapshot


def snapshot() -> Snapshot | None:
    if SNAPSHOT_KEY not in st.session_state:
        return resolve_snapshot()
    return st.session_state[SNAPSHOT_KEY]


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
    lines = []
    for problem in problems:
        name = f"«{labels.label(labels.TABLES, problem.table)}» (`{problem.table}`)"
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


def tables(*names: str) -> tuple[pd.DataFrame, ...] | None:
    """The named tables of the current build, or None (after saying which are missing) if any is not there."""
    current = snapshot()
    if current is None:
        no_snapshot_message()
        st.stop()
    frames, problems = [], []
    for name in names:
        try:
            frames.append(_cached_table(str(current.folder), current.build_id, name))
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


def table(name: str) -> pd.DataFrame | None:
    found = tables(name)
    return None if found is None else found[0]


def optional_table(name: str) -> pd.DataFrame | None:
    """A table that only adds detail: None without a message when this build lacks it."""
    current = snapshot()
    if current is None:
        return None
    try:
        return _cached_table(str(current.folder), current.build_id, name)
    except TableUnavailable:
        return None


def sidebar_build(current: Snapshot | None) -> None:
    with st.sidebar:
        if current is None:
            st.caption("Опубликованных данных нет")
            return
        st.caption(f"Данные сборки от {labels.fmt_datetime(current.published_at)}")
        st.caption(f"Сборка `{current.build_id}`")
        if st.button("Проверить обновления", icon=":material/refresh:", help="Перечитать последнюю сборку"):
            st.rerun()


def page_header(title: str, subtitle: str) -> None:
    st.title(title)
    st.caption(subtitle)


def chart(chart: alt.TopLevelMixin) -> None:
    st.altair_chart(chart, width="stretch")


def section(title: str, *names: str, render: Callable[..., None], help_text: str | None = None) -> None:
    """A subheader, then `render(*frames)` when every named table is in this build, else a message."""
    st.subheader(title, help=help_text)
    frames = tables(*names)
    if frames is not None:
        render(*frames)


def table_height(rows: int) -> int:
    """Pixels for a dataframe to show `rows` rows without its own scrollbar (header + rows + border)."""
    return 35 * (rows + 1) + 3


# Column formats shared by the pages' tables. 'localized' and 'percent' follow the reader's browser locale
# (1 234,56 and 23,5 % in a Russian browser, as in the rest of the page); `step` fixes the decimals.
def money_column(title: str, help_text: str | None = None, width: int | None = None) -> ColumnConfig:
    return st.column_config.NumberColumn(title, help=help_text, format="localized", step=0.01, width=width)


def number_column(title: str, decimals: int = 2, help_text: str | None = None) -> ColumnConfig:
    return st.column_config.NumberColumn(title, help=help_text, format="localized", step=10.0**-decimals)


def count_column(title: str, help_text: str | None = None, width: int | None = None) -> ColumnConfig:
    return st.column_config.NumberColumn(title, help=help_text, format="localized", step=1, width=width)


def share_column(title: str, help_text: str | None = None, width: int | None = None) -> ColumnConfig:
    return st.column_config.NumberColumn(title, help=help_text, format="percent", step=0.001, width=width)


def probability_column(title: str = "Вероятность снижения", width: int | None = None) -> ColumnConfig:
    return st.column_config.ProgressColumn(
        title, format="percent", min_value=0.0, max_value=1.0, step=0.001, width=width
    )
