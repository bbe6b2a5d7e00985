"""dbt's `graph` for linting: the nodes linted macros read, customer_features and the exports' sources with
their columns' meta.

The macros `customer_feature_roles` and `export_money_columns` read the feature catalogue and the export
format from dbt's graph, which sqlfluff does not have; this reads the same declarations
(models/marts/customer_features.yml, models/staging/_exports__sources.yml), so the marts are linted as the SQL
they compile to.
"""

from __future__ import annotations

from typing import Any

import yaml

from one_click.exports import SOURCE_NAME, SOURCES_YML
from one_click.features import CATALOGUE_YML, MODEL_NAME


def _nodes() -> dict[str, Any]:
    spec = yaml.safe_load(CATALOGUE_YML.read_text(encoding="utf-8"))
    (model,) = (m for m in spec["models"] if m["name"] == MODEL_NAME)
    columns = {
        column["name"]: {"name": column["name"], "meta": (column.get("config") or {}).get("meta") or {}}
        for column in model["columns"]
    }
    return {f"model.one_click.{MODEL_NAME}": {"columns": columns}}


nodes = _nodes()


def _columns(declared: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        column["name"]: {"name": column["name"], "meta": (column.get("config") or {}).get("meta") or {}}
        for column in declared
    }


def _sources() -> dict[str, Any]:
    spec = yaml.safe_load(SOURCES_YML.read_text(encoding="utf-8"))
    (source,) = (s for s in spec["sources"] if s["name"] == SOURCE_NAME)
    return {
        f"source.one_click.{SOURCE_NAME}.{table['name']}": {
            "name": table["name"],
            "meta": (table.get("config") or {}).get("meta") or {},
            "columns": _columns(table["columns"]),
        }
        for table in source["tables"]
    }


sources = _sources()
