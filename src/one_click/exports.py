"""The store's four raw exports: file names, headers, dialect and the vocabularies they use, typos included.

The format is declared once, as `meta` on the dbt source `exports` in models/staging/_exports__sources.yml;
this module reads that file, so the sample generator and the dbt build cannot disagree about it. The typos
are part of the format (the sample generator reproduces them, staging fixes them), so they are spelled there
exactly as the store spells them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SOURCES_YML = Path(__file__).resolve().parents[2] / "models" / "staging" / "_exports__sources.yml"
SOURCE_NAME = "exports"
LINE_ENDS = {"CRLF": "\r\n", "LF": "\n"}


@dataclass(frozen=True)
class RawColumn:
    """One column as the export writes it: its header name and what its cells hold."""

    name: str
    type: str  # text, number or whole_number
    minimum: float | None = None
    maximum: float | None = None
    accepted_values: tuple[str, ...] = ()  # spelled correctly, in the declared order
    misspellings: dict[str, str] = field(default_factory=dict)  # as exported -> corrected

    @property
    def exported_spellings(self) -> dict[str, str]:
        """Correct spelling -> the spelling the export writes for it (itself unless misspelt)."""
        misspelt = {correct: exported for exported, correct in self.misspellings.items()}
        return {value: misspelt.get(value, value) for value in self.accepted_values}


@dataclass(frozen=True)
class ExportFile:
    file_name: str
    columns: tuple[str, ...]
    delimiter: str = ","
    decimal: str = "."
    quote: str = '"'
    encoding: str = "utf-8"
    line_end: str = "\r\n"
    declared: tuple[RawColumn, ...] = ()

    def column(self, name: str) -> RawColumn:
        return next(c for c in self.declared if c.name == name)


def _raw_column(column: dict[str, Any]) -> RawColumn:
    meta = (column.get("config") or {}).get("meta") or {}
    return RawColumn(
        name=column["name"],
        type=meta["type"],
        minimum=meta.get("min"),
        maximum=meta.get("max"),
        accepted_values=tuple(meta.get("accepted_values") or ()),
        misspellings=dict(meta.get("misspellings") or {}),
    )


def load_exports(path: Path = SOURCES_YML) -> dict[str, ExportFile]:
    """Every table of the `exports` source that declares a file, by table name, as dbt reads it: the
    source's meta is the dialect, a table's meta overrides it."""
    sources = yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
    source = next(s for s in sources if s["name"] == SOURCE_NAME)
    dialect = (source.get("config") or {}).get("meta") or {}
    exports = {}
    for table in source["tables"]:
        meta = {**dialect, **((table.get("config") or {}).get("meta") or {})}
        if "file_name" not in meta:
            continue
        if meta.get("header") is not True:
            raise ValueError(f"{meta['file_name']}: columns are read by header name; declare header: true")
        declared = tuple(_raw_column(column) for column in table["columns"])
        exports[table["name"]] = ExportFile(
            file_name=meta["file_name"],
            columns=tuple(c.name for c in declared),
            delimiter=meta["delimiter"],
            decimal=meta["decimal_separator"],
            quote=meta["quote"],
            encoding=meta["encoding"],
            line_end=LINE_ENDS[meta["line_end"]],
            declared=declared,
        )
    return exports


EXPORTS = load_exports()
MARKET_FILE = EXPORTS["market_file"]
MARKET_MONEY = EXPORTS["market_money"]
MARKET_TIME = EXPORTS["market_time"]
MONEY = EXPORTS["money"]

ALL_EXPORTS: tuple[ExportFile, ...] = tuple(EXPORTS.values())

CUSTOMER_ID = "id"

# Vocabularies, in the order the declaration lists them.
_LABEL = MARKET_FILE.column("Покупательская активность")
ACTIVITY_DECLINED, ACTIVITY_KEPT = _LABEL.accepted_values

_SERVICE = MARKET_FILE.column("Тип сервиса")
SERVICE_TYPES = _SERVICE.accepted_values
(SERVICE_TYPE_TYPO,) = _SERVICE.misspellings

CONSENT_YES, CONSENT_NO = MARKET_FILE.column("Разрешить сообщать").accepted_values

_CATEGORY = MARKET_FILE.column("Популярная_категория")
CATEGORIES = _CATEGORY.accepted_values
# Correct spelling -> the export's misspelling, for the categories the export always misspells.
CATEGORY_TYPOS = {correct: misspelt for misspelt, correct in _CATEGORY.misspellings.items()}

# Revenue periods, oldest first, as market_money.csv spells them.
REVENUE_PERIODS = tuple(MARKET_MONEY.column("Период").exported_spellings.values())
# Minutes periods as market_time.csv spells them: the store's export misspells the previous month.
TIME_PERIODS = tuple(MARKET_TIME.column("Период").exported_spellings.values())
