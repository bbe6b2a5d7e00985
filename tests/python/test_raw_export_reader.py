"""Hand-edited exports the declared-dialect reader must read alike, and the ones it must refuse by name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from one_click.exports import ALL_EXPORTS, MARKET_FILE, MARKET_TIME, ExportFile

from conftest import read_table
from dbt_cli import run_dbt

pytestmark = pytest.mark.dbt

FEATURES_BUILD = ("build", "--select", "+customer_features", "--indirect-selection", "cautious")
FEATURES_QUERY = "select * from customer_features order by customer_id"


def rewrite(folder: Path, export: ExportFile, rows_of, **writer_options: object) -> None:
    path = folder / export.file_name
    with open(path, encoding=export.encoding, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=export.delimiter, quotechar=export.quote))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=export.delimiter, lineterminator="\r\n", **writer_options).writerows(
        rows_of(rows)
    )
    path.write_text(buffer.getvalue(), encoding=export.encoding, newline="")


def quote_every_cell_and_pad_the_header(folder: Path) -> None:
    for export in ALL_EXPORTS:
        rewrite(
            folder,
            export,
            lambda rows: [[f" {name} " for name in rows[0]], *rows[1:]],
            quoting=csv.QUOTE_ALL,
            quotechar=export.quote,
        )


def build_features(folder: Path, tmp_path: Path) -> tuple[bool, str, pd.DataFrame | None]:
    duckdb_path = tmp_path / "warehouse.duckdb"
    result = run_dbt(*FEATURES_BUILD, duckdb_path=duckdb_path, variables={"raw_data_dir": str(folder)})
    features = read_table(duckdb_path, FEATURES_QUERY) if result.succeeded else None
    return result.succeeded, result.output, features


def test_quoted_cells_and_padded_header_names_read_alike(sample_copy: Path, tmp_path: Path) -> None:
    succeeded, output, expected = build_features(sample_copy, tmp_path / "as_exported")
    assert succeeded, output[-3000:]
    quote_every_cell_and_pad_the_header(sample_copy)

    succeeded, output, features = build_features(sample_copy, tmp_path / "hand_edited")

    assert succeeded, output[-3000:]
    pd.testing.assert_frame_equal(features, expected)


def test_a_repeated_column_stops_the_build_naming_it(sample_copy: Path, tmp_path: Path) -> None:
    rewrite(sample_copy, MARKET_TIME, lambda rows: [[*row, row[-1]] for row in rows])

    succeeded, output, _ = build_features(sample_copy, tmp_path)

    assert not succeeded
    assert "market_time.csv: column(s) минут appear more than once in the header" in output, output[-3000:]


def test_mixed_line_ends_stop_the_build_naming_the_file(sample_copy: Path, tmp_path: Path) -> None:
    path = sample_copy / MARKET_FILE.file_name
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join(lines[:5]) + b"\r\n" + b"\n".join(lines[5:]))

    succeeded, output, _ = build_features(sample_copy, tmp_path)

    assert not succeeded
    assert MARKET_FILE.file_name in output, output[-3000:]
