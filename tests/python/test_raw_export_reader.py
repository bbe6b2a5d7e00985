"""Exports edited by hand, from a store the sample generator writes: what the declared-dialect reader
must read like the file as exported, and what it must refuse, naming the file and saying why."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from one_click.exports import ALL_EXPORTS, MARKET_FILE, MARKET_MONEY, MARKET_TIME, MONEY, ExportFile
from one_click.sample import generate_exports, write_exports

from conftest import folder_digest, read_table
from dbt_cli import Workspace

pytestmark = pytest.mark.dbt

CUSTOMERS = 300
SEED = 18
FEATURES_BUILD = ("build", "--select", "+customer_features", "--indirect-selection", "cautious")
FEATURES_QUERY = "select * from customer_features order by customer_id"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "exports"
    write_exports(generate_exports(CUSTOMERS, SEED), folder)
    return folder


@pytest.fixture(scope="module")
def as_exported(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The generated store as exported, built in a workspace of its own (a test's edits never reach it)."""
    as_exported = Workspace(tmp_path_factory.mktemp("as_exported"))
    as_exported.fresh(generated)
    succeeded, output, features = build_features(as_exported)
    assert succeeded, output[-3000:]
    return features


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Where this module's builds of edited exports run, one after another, parsing the project once."""
    return Workspace(tmp_path_factory.mktemp("edited_exports"))


@pytest.fixture
def exports(generated: Path, workspace: Workspace) -> Path:
    """A fresh copy of the generated store in the workspace, which the test may edit."""
    return workspace.fresh(generated)


def build_features(workspace: Workspace) -> tuple[bool, str, pd.DataFrame | None]:
    result = workspace.dbt(*FEATURES_BUILD)
    features = read_table(workspace.duckdb_path, FEATURES_QUERY) if result.succeeded else None
    return result.succeeded, result.output, features


def rewrite(folder: Path, export: ExportFile, rows_of, **writer_options: object) -> None:
    path = folder / export.file_name
    with open(path, encoding=export.encoding, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=export.delimiter, quotechar=export.quote))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=export.delimiter, lineterminator="\r\n", **writer_options).writerows(
        rows_of(rows)
    )
    path.write_text(buffer.getvalue(), encoding=export.encoding, newline="")


def appended_in_another_editor(
    folder: Path, export: ExportFile, edit_line: Callable[[bytes], bytes] = bytes
) -> int:
    """The file's second half re-typed in an editor that ends lines with LF, `edit_line` changing the first
    line it typed; that line's number."""
    path = folder / export.file_name
    lines = path.read_bytes().removesuffix(b"\r\n").split(b"\r\n")
    half = len(lines) // 2
    appended = [edit_line(lines[half]), *lines[half + 1 :]]
    path.write_bytes(b"\r\n".join(lines[:half]) + b"\r\n" + b"\n".join(appended) + b"\n")
    return half + 1


def test_quoted_cells_and_padded_header_names_read_alike(
    exports: Path, as_exported: pd.DataFrame, workspace: Workspace
) -> None:
    for export in ALL_EXPORTS:
        rewrite(
            exports,
            export,
            lambda rows: [[f" {name} " for name in rows[0]], *rows[1:]],
            quoting=csv.QUOTE_ALL,
            quotechar=export.quote,
        )

    succeeded, output, features = build_features(workspace)

    assert succeeded, output[-3000:]
    pd.testing.assert_frame_equal(features, as_exported)


def test_mixed_line_ends_build_like_the_file_as_exported(
    exports: Path, as_exported: pd.DataFrame, workspace: Workspace
) -> None:
    for export in ALL_EXPORTS:
        appended_in_another_editor(exports, export)
    edited = folder_digest(exports)

    succeeded, output, features = build_features(workspace)

    assert succeeded, output[-3000:]
    pd.testing.assert_frame_equal(features, as_exported)
    assert folder_digest(exports) == edited, "the build wrote into the raw exports folder"


def surplus_cell(line: bytes) -> bytes:
    return line + MARKET_FILE.delimiter.encode() + b"7"


def stray_quote(line: bytes) -> bytes:
    cells = line.split(MARKET_MONEY.delimiter.encode())
    cells[1] = b'"' + cells[1] + b'"x'
    return MARKET_MONEY.delimiter.encode().join(cells)


def damage_each_file(exports: Path) -> tuple[str, ...]:
    """One damage per export, as hand edits make them: a surplus cell, a stray quote, another encoding and
    another delimiter. The words the build must refuse them with, each naming its file (on DuckDB here, on
    Spark in test_spark_dbt)."""
    surplus_line = appended_in_another_editor(exports, MARKET_FILE, surplus_cell)
    quote_line = appended_in_another_editor(exports, MARKET_MONEY, stray_quote)
    market_time = exports / MARKET_TIME.file_name
    market_time.write_bytes(market_time.read_text(encoding="utf-8").encode("cp1251"))
    money = exports / MONEY.file_name  # re-saved with the other files' delimiter
    money.write_text(money.read_text(encoding="utf-8").replace(";", ","), encoding="utf-8", newline="")
    columns = len(MARKET_FILE.columns)
    return (
        f"market_file.csv: line {surplus_line} has {columns + 1} cells where the header has"
        f" {columns} columns: a cell holds the delimiter ',' without quotes, or a cell too many",
        f'market_money.csv: line {quote_line}: a stray quote: a cell that holds the quote " must be quoted'
        " whole, with the quote inside doubled",
        "market_time.csv: encoding: line 1: byte 0xcf is not utf-8 (the declared encoding);"
        " save the file as utf-8",
        "money.csv: delimiter: the header is one column with the declared delimiter ';' but 2 with ','",
    )


def test_each_damaged_file_is_named_with_the_reason_in_words(exports: Path, workspace: Workspace) -> None:
    expected = damage_each_file(exports)
    damaged = folder_digest(exports)

    succeeded, output, _ = build_features(workspace)

    assert not succeeded
    for message in expected:
        assert message in output, output[-3000:]
    assert folder_digest(exports) == damaged, "the build wrote into the raw exports folder"


def test_a_repeated_column_stops_the_build_naming_it(exports: Path, workspace: Workspace) -> None:
    rewrite(exports, MARKET_TIME, lambda rows: [[*row, row[-1]] for row in rows])

    succeeded, output, _ = build_features(workspace)

    assert not succeeded
    assert "market_time.csv: column(s) минут appear more than once in the header" in output, output[-3000:]
