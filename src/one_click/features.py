"""The feature catalogue: the role each column of the `customer_features` mart plays, read from its yml.

Each column's role is declared once, as `meta.role` in models/marts/customer_features.yml (shipped with the
package as one_click/declared/customer_features.yml); this module reads that file as `one_click.exports` reads
the sources yml, and the dbt macro `customer_feature_roles` reads the same meta through dbt's graph, so the
model, the profiles and the reports cannot disagree about which columns are features. The contract there is
the source of truth for types; the names for people are data (the `feature` rows of seeds/display_names.csv).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CATALOGUE_YML = Path(__file__).resolve().parent / "declared" / "customer_features.yml"
MODEL_NAME = "customer_features"

# id, label and profit name one column each; the other roles any number of columns.
SINGLE_ROLES = ("id", "label", "profit")
ROLES = (*SINGLE_ROLES, "numeric", "categorical", "boolean", "flag")


class CatalogueError(ValueError):
    """The catalogue's declaration is incomplete or contradicts itself (names the file and the column)."""


@dataclass(frozen=True)
class CatalogueColumn:
    """One column of customer_features: its name, role, contract data type and whether it is a 0–1 share."""

    name: str
    role: str
    data_type: str
    is_share: bool = False


@dataclass(frozen=True)
class FeatureCatalogue:
    columns: tuple[CatalogueColumn, ...]

    def named(self, *roles: str) -> tuple[str, ...]:
        """The columns playing any of `roles`, in the declaration's order."""
        return tuple(column.name for column in self.columns if column.role in roles)

    def column(self, name: str) -> CatalogueColumn:
        return next(column for column in self.columns if column.name == name)


def load_catalogue(path: Path = CATALOGUE_YML) -> FeatureCatalogue:
    """The roles of customer_features' columns as declared in `path`; `CatalogueError` for a column without a
    known role or a single role (id, label, profit) that is missing or given twice."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    model = next((m for m in spec.get("models") or () if m.get("name") == MODEL_NAME), None)
    if model is None:
        raise CatalogueError(f"{path}: no model named {MODEL_NAME}")
    columns = []
    for column in model.get("columns") or ():
        meta = (column.get("config") or {}).get("meta") or column.get("meta") or {}
        role = meta.get("role")
        if role not in ROLES:
            raise CatalogueError(
                f"{path}, column {column['name']}: meta.role must be one of {', '.join(ROLES)}; got {role!r}"
            )
        columns.append(CatalogueColumn(column["name"], role, column["data_type"], bool(meta.get("share"))))
    catalogue = FeatureCatalogue(tuple(columns))
    for role in SINGLE_ROLES:
        if len(catalogue.named(role)) != 1:
            raise CatalogueError(
                f"{path}: exactly one column needs meta.role {role}, got {catalogue.named(role)}"
            )
    return catalogue


CATALOGUE = load_catalogue()

(CUSTOMER_ID,) = CATALOGUE.named("id")
# The label: true = activity declined; NULL = unlabelled, to score, never to train on.
(LABEL,) = CATALOGUE.named("label")
# Not a feature: profit is joined to the risk afterwards, as the brief asks.
(PROFIT,) = CATALOGUE.named("profit")
# In the training data (int_training_customers), not in the catalogue: true where the label is withheld
# because an offer was sent to the customer within the outcome horizon; training reports how many.
LABEL_WITHHELD = "is_label_withheld"

# Yes/no features are categories to the model; the reports compare them by their share of yes.
CATEGORICAL_FEATURES: tuple[str, ...] = CATALOGUE.named("categorical", "boolean")
BOOLEAN_FEATURES: tuple[str, ...] = CATALOGUE.named("boolean")
NUMERIC_FEATURES: tuple[str, ...] = CATALOGUE.named("numeric")

FEATURES: tuple[str, ...] = CATEGORICAL_FEATURES + NUMERIC_FEATURES
