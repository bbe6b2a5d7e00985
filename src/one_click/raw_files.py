"""A raw export as a file: its line ends, a readable copy when they are mixed, and why a file is refused.

The store's exports are sometimes edited by hand: rows appended in another editor end with LF in a file whose
lines end with CRLF. DuckDB's strict CSV parser refuses such a file outright ("CSV Parser state machine
reached an invalid state"), and its lenient mode would also read a row's surplus cells and stray quotes
silently. So a file whose lines mix CRLF and LF is read from a copy with every line ending in LF (written
under dbt's target folder, never beside the export), and strict parsing stays on for everything else. When a
file is still refused, `why_refused` finds why, as facts the macros word for a store's analyst.

dbt calls these through DuckDB functions (`one_click.duckdb_plugin`); the Spark reader needs none of it
(its line-by-line CSV reader takes CRLF and LF alike).
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class LineEnds:
    """How many lines end with CRLF, a bare LF and a bare CR (a quoted cell's line breaks included)."""

    crlf: int
    lf: int
    cr: int

    @property
    def mixed(self) -> bool:
        return sum(count > 0 for count in (self.crlf, self.lf, self.cr)) > 1


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk


def line_ends(path: Path) -> LineEnds:
    """The file's line ends, counted in one pass over its bytes (a CR at a chunk's end waits for the next)."""
    crlf = lf = cr = 0
    carried = b""
    for chunk in _chunks(path):
        chunk = carried + chunk
        carried = b"\r" if chunk.endswith(b"\r") else b""
        if carried:
            chunk = chunk[:-1]
        pairs = chunk.count(b"\r\n")
        crlf += pairs
        lf += chunk.count(b"\n") - pairs
        cr += chunk.count(b"\r") - pairs
    return LineEnds(crlf=crlf, lf=lf, cr=cr + len(carried))


def _lf_copy(path: Path, copy: Path) -> None:
    """Write `path` to `copy` with every CRLF made LF, through a temporary file renamed into place."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    partial = copy.with_name(f".{copy.name}.{os.getpid()}.partial")
    with open(partial, "wb") as out:
        carried = b""
        for chunk in _chunks(path):
            chunk = carried + chunk
            carried = b"\r" if chunk.endswith(b"\r") else b""
            out.write((chunk[:-1] if carried else chunk).replace(b"\r\n", b"\n"))
        out.write(carried)
    partial.replace(copy)


_readable: dict[tuple[str, int, int, str], Path] = {}


def readable_path(path: Path, copies_dir: Path) -> Path:
    """The file to read for `path`: itself, or, when its lines mix CRLF and LF, an LF copy in `copies_dir`
    named after the export and its folder. The raw file is only read. A file is scanned once per process
    for each version of it (its size and modification time): dbt compiles its reader many times a run."""
    if not path.is_file():
        return path  # the caller reports a missing file
    resolved, stat = path.resolve(), path.stat()
    key = (str(resolved), stat.st_size, stat.st_mtime_ns, str(copies_dir))
    if key not in _readable:
        ends = line_ends(path)
        if ends.mixed and ends.cr == 0:
            folder_id = hashlib.md5(str(resolved.parent).encode()).hexdigest()[:12]
            copy = copies_dir.resolve() / f"{folder_id}_{path.name}"
            _lf_copy(path, copy)
            _readable[key] = copy
        else:
            _readable[key] = path
    return _readable[key]


@dataclass(frozen=True)
class Dialect:
    """What `why_refused` needs of the declared dialect."""

    delimiter: str
    quote: str
    encoding: str


# Why a reader refuses a file, as facts: `reason` (line_ends, encoding, cells, quote or reader) and the
# numbers that go with it. The macro raw_export_refusal_message (macros/raw_exports.sql) words them, for this
# DuckDB path and for Spark's, which finds the same facts in SQL.
Refusal = dict[str, int | str]


class UndecodableLine(ValueError):
    def __init__(self, line: int, error: UnicodeDecodeError) -> None:
        super().__init__(f"line {line}: byte 0x{error.object[error.start]:02x} is not {error.encoding}")
        self.line = line
        self.byte = f"{error.object[error.start]:02x}"

    def refusal(self) -> Refusal:
        return {"reason": "encoding", "line": self.line, "byte": self.byte}


def _decoded_lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's text line by line, line ends kept. Lines are split at LF before decoding, which is safe
    for UTF-8 and the single-byte encodings (no character's bytes hold an LF)."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield line.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableLine(number, error) from None


def why_refused(path: Path, dialect: Dialect) -> Refusal | None:
    """Why a strict CSV reader refuses the file, naming the line, or None when no reason is found: its
    encoding, its line ends, a stray quote, or a row whose cells do not match the header's columns."""
    ends = line_ends(path)
    if ends.cr and ends.mixed:
        return {"reason": "line_ends", "cr": ends.cr, "crlf": ends.crlf, "lf": ends.lf}
    lines = _decoded_lines(path, dialect.encoding)
    rows = csv.reader(
        lines, delimiter=dialect.delimiter, quotechar=dialect.quote, doublequote=True, strict=True
    )
    header: list[str] | None = None
    try:
        for row in rows:
            if header is None:
                header = row
            elif len(row) != len(header):
                return {"reason": "cells", "line": rows.line_num, "cells": len(row), "columns": len(header)}
    except UndecodableLine as error:
        return error.refusal()
    except csv.Error:
        return {"reason": "quote", "line": rows.line_num}
    return None


def _header(path: Path, dialect: Dialect) -> list[str]:
    """The first line's cells by the declared dialect; UndecodableLine when it is not in the encoding."""
    first = next(_decoded_lines(path, dialect.encoding), "")
    return next(csv.reader([first], delimiter=dialect.delimiter, quotechar=dialect.quote), [])


def refusal(path: Path, dialect: Dialect, strict_count: Callable[[int], int]) -> Refusal | None:
    """None when the file reads: its header is in the declared encoding and `strict_count(width)`, a strict
    read of the file as `width` text columns, succeeds. Otherwise why not: `why_refused`'s facts, or else
    the reader's own message (a header split by another delimiter reads as one column, and is told apart
    by the macros from the header's names)."""
    try:
        header = _header(path, dialect)
    except UndecodableLine as error:
        return error.refusal()
    try:
        strict_count(len(header))
    except Exception as error:  # the reader's error, whatever its type: explained below
        return why_refused(path, dialect) or {"reason": "reader", "error": str(error).splitlines()[0]}
    return None
