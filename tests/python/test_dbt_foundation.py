"""dbt builds the sample and the real exports into customer_features, and refuses damaged exports."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from one_click.exports import MARKET_FILE, MARKET_MONEY, MARKET_TIME, MONEY, ExportFile

from conftest import SAMPLE_DIR, folder_digest, read_table
from dbt_cli import Workspace, run_dbt

pytestmark = pytest.mark.dbt

# cautious: tests that also read models outside the selection (predictions, seeds) are not run here.
FEATURES_BUILD = ("build", "--select", "+customer_features", "--indirect-selection", "cautious")
FEATURES_QUERY = "select * from customer_features order by customer_id"


def active_customer_count(exports_dir: Path) -> int:
    """The brief's rule computed with pandas, independently of the SQL."""
    revenue = pd.read_csv(exports_dir / MARKET_MONEY.file_name)
    has_zero_month = revenue.groupby("id")["Выручка"].min().le(0)
    return int((~has_zero_month).sum())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Where this module's builds of edited samples run, one after another, parsing the project once."""
    return Workspace(tmp_path_factory.mktemp("edited_samples"))


@pytest.fixture
def edited_sample(workspace: Workspace) -> Path:
    """A fresh copy of the bundled sample in the workspace, which the test may damage or vary."""
    return workspace.fresh(SAMPLE_DIR)


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    duckdb_path = tmp_path_factory.mktemp("sample_build") / "warehouse.duckdb"
    result = run_dbt(*FEATURES_BUILD, duckdb_path=duckdb_path)
    assert result.succeeded, result.output
    return read_table(duckdb_path, FEATURES_QUERY)


def test_sample_builds_one_row_per_active_customer(sample_build: pd.DataFrame) -> None:
    assert len(sample_build) == active_customer_count(SAMPLE_DIR)
    assert sample_build["customer_id"].is_unique
    assert sample_build["has_revenue_outlier"].sum() == 1
    outlier = sample_build.loc[sample_build["has_revenue_outlier"]]
    assert outlier["revenue_current_month"].isna().all()
    assert set(sample_build["service_type"]) == {"стандарт", "премиум"}
    assert "Косметика и аксессуары" in set(sample_build["favourite_category"])


def test_real_exports_build_1037_active_customers(real_exports_dir: Path, tmp_path: Path) -> None:
    before = folder_digest(real_exports_dir)
    duckdb_path = tmp_path / "warehouse.duckdb"
    result = run_dbt(
        *FEATURES_BUILD, duckdb_path=duckdb_path, variables={"raw_data_dir": str(real_exports_dir)}
    )
    assert result.succeeded, result.output
    features = read_table(duckdb_path, FEATURES_QUERY)
    # 1,040 customers, 3 with zero revenue in an earlier month; the outlier customer is kept.
    assert len(features) == 1037
    assert features["has_revenue_outlier"].sum() == 1
    assert folder_digest(real_exports_dir) == before


# --- damaged exports -------------------------------------------------------------------------------------


def read_rows(folder: Path, export: ExportFile) -> list[list[str]]:
    with open(folder / export.file_name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=export.delimiter))


def write_rows(folder: Path, export: ExportFile, rows: list[list[str]], *, bom: bool = False) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=export.delimiter, lineterminator="\r\n").writerows(rows)
    (folder / export.file_name).write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode())


def edit_cell(export: ExportFile, column: str, value: str, row: int = 1) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        rows = read_rows(folder, export)
        rows[row][rows[0].index(column)] = value
        write_rows(folder, export, rows)

    return damage


def edit_rows(
    export: ExportFile, change: Callable[[list[list[str]]], list[list[str]]]
) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        write_rows(folder, export, change(read_rows(folder, export)))

    return damage


def drop_column(export: ExportFile, column: str) -> Callable[[Path], None]:
    def without(rows: list[list[str]]) -> list[list[str]]:
        index = rows[0].index(column)
        return [row[:index] + row[index + 1 :] for row in rows]

    return edit_rows(export, without)


def first_label_row(rows: list[list[str]], value: str) -> int:
    column = rows[0].index("Покупательская активность")
    return next(number for number, row in enumerate(rows) if row[column] == value)


DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing file": (lambda folder: (folder / MONEY.file_name).unlink(), "money.csv: file not found"),
    "empty file": (
        lambda folder: (folder / MARKET_TIME.file_name).write_bytes(b""),
        "market_time.csv: the file is empty",
    ),
    "header with no rows": (
        edit_rows(MARKET_MONEY, lambda rows: rows[:1]),
        "market_money.csv: the file has a header but no rows",
    ),
    "missing column": (
        drop_column(MARKET_FILE, "Страниц_за_визит"),
        "market_file.csv: missing column(s) Страниц_за_визит",
    ),
    "renamed column": (
        edit_rows(MARKET_MONEY, lambda rows: [["id", "Период", "Revenue"], *rows[1:]]),
        "market_money.csv: missing column(s) Выручка",
    ),
    "non-numeric revenue": (
        edit_cell(MARKET_MONEY, "Выручка", "пять тысяч"),
        "market_money_csv__revenue__non_negative_number",
    ),
    "negative revenue": (
        edit_cell(MARKET_MONEY, "Выручка", "-4971.6", row=5),
        "market_money_csv__revenue__non_negative_number",
    ),
    "non-numeric profit": (edit_cell(MONEY, "Прибыль", "n/a"), "money_csv__profit__number"),
    "duplicate customer": (
        edit_rows(MARKET_FILE, lambda rows: [*rows, rows[3]]),
        "market_file_csv__id__unique",
    ),
    "missing period row": (
        edit_rows(MARKET_MONEY, lambda rows: rows[:4] + rows[5:]),
        "market_money_csv__period__every_customer_has_three_months",
    ),
    "unknown period": (
        edit_cell(MARKET_TIME, "Период", "позапрошлый_месяц"),
        "market_time_csv__period__known_value",
    ),
    "unknown label": (
        edit_cell(MARKET_FILE, "Покупательская активность", "Выросла"),
        "market_file_csv__purchase_activity__known_label",
    ),
    "unknown service type": (
        edit_cell(MARKET_FILE, "Тип сервиса", "люкс", row=2),
        "market_file_csv__service_type__known_value",
    ),
    "unknown category": (
        edit_cell(MARKET_FILE, "Популярная_категория", "Автотовары"),
        "market_file_csv__favourite_category__known_value",
    ),
    "share out of range": (
        edit_cell(MARKET_FILE, "Акционные_покупки", "1.5"),
        "market_file_csv__promo_purchase_share__share_0_to_1",
    ),
    "fractional page count": (
        edit_cell(MARKET_FILE, "Страниц_за_визит", "4.5"),
        "market_file_csv__pages_per_visit__whole_0_to_1000",
    ),
    "revenue for an unknown customer": (
        edit_rows(MARKET_MONEY, lambda rows: [*rows, ["99999999", "текущий_месяц", "5000.0"]]),
        "market_money_csv__id__customer_in_market_file",
    ),
}


@pytest.mark.parametrize("damage_name", list(DAMAGES))
def test_damaged_export_stops_the_build_naming_the_file_and_rule(
    damage_name: str, workspace: Workspace, edited_sample: Path
) -> None:
    damage, expected_message = DAMAGES[damage_name]
    damage(edited_sample)
    before = folder_digest(edited_sample)

    result = workspace.dbt(*FEATURES_BUILD)

    assert not result.succeeded
    assert expected_message in result.output, result.output[-3000:]
    assert folder_digest(edited_sample) == before, "the build wrote into the raw exports folder"


def test_failed_build_keeps_the_last_good_marts(workspace: Workspace, edited_sample: Path) -> None:
    assert workspace.dbt(*FEATURES_BUILD).succeeded
    good = read_table(workspace.duckdb_path, FEATURES_QUERY)

    edit_cell(MARKET_MONEY, "Выручка", "-1")(edited_sample)
    assert not workspace.dbt(*FEATURES_BUILD).succeeded

    pd.testing.assert_frame_equal(read_table(workspace.duckdb_path, FEATURES_QUERY), good)


# --- harmless variations ---------------------------------------------------------------------------------


def for_every_export(change: Callable[[Path, ExportFile], None]) -> Callable[[Path], None]:
    def vary(folder: Path) -> None:
        for export in (MARKET_FILE, MARKET_MONEY, MARKET_TIME, MONEY):
            change(folder, export)

    return vary


def unix_line_ends(folder: Path, export: ExportFile) -> None:
    path = folder / export.file_name
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))


def byte_order_mark(folder: Path, export: ExportFile) -> None:
    write_rows(folder, export, read_rows(folder, export), bom=True)


def reversed_columns(folder: Path, export: ExportFile) -> None:
    write_rows(folder, export, [row[::-1] for row in read_rows(folder, export)])


def extra_column(folder: Path, export: ExportFile) -> None:
    rows = read_rows(folder, export)
    write_rows(folder, export, [[*rows[0], "Комментарий"]] + [[*row, "—"] for row in rows[1:]])


def shuffled_rows(folder: Path, export: ExportFile) -> None:
    rows = read_rows(folder, export)
    body = rows[1:]
    random.Random(7).shuffle(body)
    write_rows(folder, export, [rows[0], *body])


VARIATIONS = {
    "LF line ends": unix_line_ends,
    "UTF-8 byte-order mark": byte_order_mark,
    "columns in another order": reversed_columns,
    "an extra column": extra_column,
    "rows in any order": shuffled_rows,
}


@pytest.mark.parametrize("variation_name", list(VARIATIONS))
def test_harmless_variation_gives_the_same_features(
    variation_name: str, workspace: Workspace, edited_sample: Path, sample_build: pd.DataFrame
) -> None:
    for_every_export(VARIATIONS[variation_name])(edited_sample)

    result = workspace.dbt(*FEATURES_BUILD)

    assert result.succeeded, result.output[-3000:]
    pd.testing.assert_frame_equal(read_table(workspace.duckdb_path, FEATURES_QUERY), sample_build)
