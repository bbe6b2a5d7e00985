"""`raw_export_node` for linting: the source table as dbt's graph holds it, read from the same declaration.

dbt answers the lookup from its graph (macros/raw_exports.sql), which sqlfluff does not have. This reads
models/staging/_exports__sources.yml as dbt merges it, the source's meta under each table's, and each column's
meta by name, so staging is linted as the SQL it compiles to.
"""

from __future__ import annotations

from typing import Any

import yaml

from one_click.exports import SOURCES_YML


def _meta(entry: dict[str, Any]) -> dict[str, Any]:
    return dict((entry.get("config") or {}).get("meta") or {})


def raw_export_node(source_name: str, table_name: str) -> dict[str, Any] | None:
    sources = yaml.safe_load(SOURCES_YML.read_text(encoding="utf-8"))["sources"]
    for source in sources:
        for table in source["tables"] if source["name"] == source_name else ():
            meta = {**_meta(source), **_meta(table)}
            if table["name"] == table_name and meta.get("file_name"):
                columns = {column["name"]: {"meta": _meta(column)} for column in table.get("columns", ())}
                return {"meta": meta, "columns": columns}
    return None
