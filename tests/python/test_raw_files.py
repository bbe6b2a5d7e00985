"""one_click.raw_files on small files written here byte by byte: line ends counted, an LF copy only of a file
that mixes them (the raw file untouched), and the facts of each refusal."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from one_click.raw_files import Dialect, LineEnds, line_ends, readable_path, refusal, why_refused

COMMA = Dialect(delimiter=",", quote='"', encoding="utf-8")
HEADER = "id,Тип сервиса,минут"


def write(folder: Path, content: bytes, name: str = "market_file.csv") -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def test_line_ends_are_counted_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("one_click.raw_files.CHUNK_BYTES", 4)
    path = write(tmp_path, b"a,b\r\n1,2\r\n3,4\n5,6\r7,8\r\n")

    assert line_ends(path) == LineEnds(crlf=3, lf=1, cr=1)


@pytest.mark.parametrize(
    "content", [b"a,b\r\n1,2\r\n", b"a,b\n1,2\n", b"a,b\r1,2\r"], ids=["CRLF", "LF", "CR"]
)
def test_a_file_with_one_kind_of_line_end_is_read_as_it_is(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)

    assert readable_path(path, tmp_path / "copies") == path
    assert not (tmp_path / "copies").exists()


def test_mixed_line_ends_are_read_from_an_lf_copy_and_the_raw_file_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("one_click.raw_files.CHUNK_BYTES", 3)
    raw = f'{HEADER}\r\n1,стандарт,10\r\n2,премиум,12\n3,"a\r\nb",7\n'.encode()
    path = write(tmp_path, raw)

    copy = readable_path(path, tmp_path / "copies")

    assert copy.parent == (tmp_path / "copies").resolve() and copy.name.endswith(path.name)
    assert copy.read_bytes() == raw.replace(b"\r\n", b"\n")
    assert path.read_bytes() == raw


def strict_count(path: Path):
    def count(width: int) -> int:
        columns = ", ".join(f"'c{position}': 'VARCHAR'" for position in range(width))
        return duckdb.sql(
            f"select count(*) from read_csv('{path}', auto_detect = false, delim = ',', quote = '\"',"
            f" escape = '\"', header = true, strict_mode = true, columns = {{{columns}}})"
        ).fetchall()[0][0]

    return count


REFUSALS = {
    "surplus cell": (
        f"{HEADER}\r\n1,стандарт,10\r\n2,премиум,1,2\r\n".encode(),
        {"reason": "cells", "line": 3, "cells": 4, "columns": 3},
    ),
    "missing cell": (
        f"{HEADER}\r\n1,стандарт\r\n".encode(),
        {"reason": "cells", "line": 2, "cells": 2, "columns": 3},
    ),
    "stray quote": (f'{HEADER}\r\n1,"стандарт"т,10\r\n'.encode(), {"reason": "quote", "line": 2}),
    # «Тип» in cp1251: 0xd2 is a UTF-8 lead byte, the byte after it no continuation byte.
    "encoding": (
        f"{HEADER}\r\n1,стандарт,10\r\n".encode("cp1251"),
        {"reason": "encoding", "line": 1, "byte": "d2"},
    ),
    "bare CR among CRLF": (
        f"{HEADER}\r\n1,стандарт,10\r2,премиум,12\r\n".encode(),
        {"reason": "line_ends", "cr": 1, "crlf": 2, "lf": 0},
    ),
}


@pytest.mark.parametrize("damage", list(REFUSALS))
def test_a_refused_file_gets_the_facts_of_its_first_damage(tmp_path: Path, damage: str) -> None:
    """The facts the macro raw_export_refusal_message words (the build's words: test_raw_export_reader)."""
    content, expected = REFUSALS[damage]
    path = write(tmp_path, content)

    assert refusal(path, COMMA, strict_count(path)) == expected


def test_a_readable_file_has_no_refusal(tmp_path: Path) -> None:
    path = write(tmp_path, f'{HEADER}\r\n1,"стандарт, ""новый""",10\r\n'.encode())

    assert refusal(path, COMMA, strict_count(path)) is None
    assert why_refused(path, COMMA) is None


def test_a_header_split_by_another_delimiter_is_left_to_the_macros(tmp_path: Path) -> None:
    """Read with the declared delimiter it is one column, and so is every row: the file reads, and the gate
    tells the delimiter from the header's names (raw_export_delimiter_refusal)."""
    path = write(tmp_path, f"{HEADER.replace(',', ';')}\r\n1;стандарт;10\r\n".encode())

    assert refusal(path, COMMA, strict_count(path)) is None


def test_a_refusal_without_a_reason_of_its_own_quotes_the_reader(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\r\n1,стандарт,10\r\n".encode())

    def failing(width: int) -> int:
        raise duckdb.InvalidInputException("Invalid Input Error: something else\nmore")

    assert refusal(path, COMMA, failing) == {
        "reason": "reader",
        "error": "Invalid Input Error: something else",
    }
