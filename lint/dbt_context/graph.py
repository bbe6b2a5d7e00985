"""dbt's `graph` for linting: the one node a linted macro reads, customer_features with its columns' meta.

The macro `customer_feature_roles` reads the feature catalogue from dbt's graph, which sqlfluff does not have;
this reads the same declaration (models/marts/customer_features.yml), so the marts are linted as the SQL they
compile to.
"""

from __future__ import annotations

from typing import Any

import yaml

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
