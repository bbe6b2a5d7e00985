"""The feature catalogue: one_click.features reads each customer_features column's role from its yml."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest
import yaml

from one_click import features
from one_click.features import CatalogueError, load_catalogue

from dbt_cli import PROJECT_ROOT

MART_YML = PROJECT_ROOT / "models" / "marts" / "customer_features.yml"


def declared_columns() -> list[dict]:
    (model,) = yaml.safe_load(MART_YML.read_text(encoding="utf-8"))["models"]
    return model["columns"]


def write_catalogue(folder: Path, columns: list[tuple[str, str, dict]]) -> Path:
    """A customer_features yml with (name, data_type, meta) columns."""
    spec = {
        "version": 2,
        "models": [
            {
                "name": "customer_features",
                "columns": [
                    {"name": name, "data_type": data_type, "config": {"meta": meta}}
                    for name, data_type, meta in columns
                ],
            }
        ],
    }
    path = folder / "customer_features.yml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


MINIMAL = [
    ("key", "bigint", {"role": "id"}),
    ("outcome", "boolean", {"role": "label"}),
    ("colour", "varchar", {"role": "categorical"}),
    ("visits", "integer", {"role": "numeric"}),
    ("subscribed", "boolean", {"role": "boolean"}),
    ("share_on_sale", "double", {"role": "numeric", "share": True}),
    ("size", "varchar", {"role": "categorical"}),
    ("profit", "double", {"role": "profit"}),
    ("is_odd", "boolean", {"role": "flag"}),
]


def test_roles_are_read_in_the_declared_order(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_catalogue(tmp_path, MINIMAL))
    assert catalogue.named("id") == ("key",) and catalogue.named("profit") == ("profit",)
    assert catalogue.named("categorical", "boolean") == ("colour", "subscribed", "size")
    assert catalogue.named("numeric") == ("visits", "share_on_sale")
    assert catalogue.named("flag") == ("is_odd",)
    assert catalogue.column("share_on_sale").is_share and not catalogue.column("visits").is_share
    assert catalogue.column("visits").data_type == "integer"


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ([*MINIMAL, ("extra", "double", {})], r"column extra: meta.role must be one of .*got None"),
        ([*MINIMAL, ("extra", "double", {"role": "feature"})], r"column extra: .*got 'feature'"),
        ([c for c in MINIMAL if c[0] != "outcome"], r"exactly one column needs meta.role label"),
        ([*MINIMAL, ("second_key", "bigint", {"role": "id"})], r"meta.role id, got \('key', 'second_key'\)"),
    ],
)
def test_an_incomplete_catalogue_is_refused_naming_the_file_and_column(
    tmp_path: Path, columns: list, message: str
) -> None:
    path = write_catalogue(tmp_path, columns)
    with pytest.raises(CatalogueError, match=message) as refused:
        load_catalogue(path)
    assert str(path) in str(refused.value)


def test_the_package_reads_the_mart_yml_itself() -> None:
    columns = declared_columns()
    roles = {c["name"]: c["config"]["meta"]["role"] for c in columns}
    assert features.CATALOGUE_YML.resolve() == MART_YML.resolve()
    assert [c.name for c in features.CATALOGUE.columns] == [c["name"] for c in columns]
    text_or_yes_no = tuple(name for name, role in roles.items() if role in {"categorical", "boolean"})
    numbers = tuple(name for name, role in roles.items() if role == "numeric")
    assert text_or_yes_no + numbers == features.FEATURES
    assert (features.CUSTOMER_ID, features.LABEL, features.PROFIT) == (
        "customer_id",
        "is_activity_declined",
        "monthly_profit",
    )


def test_the_package_data_ships_the_catalogue() -> None:
    """An installed wheel (a cluster's) carries the yml: the package data names the declared folder."""
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["one_click"]
    shipped = {path for pattern in patterns for path in (PROJECT_ROOT / "src" / "one_click").glob(pattern)}
    assert features.CATALOGUE_YML in shipped


def test_numeric_features_are_numbers_and_categoricals_are_not() -> None:
    types = {c["name"]: c["data_type"] for c in declared_columns()}
    text = set(features.CATEGORICAL_FEATURES) - set(features.BOOLEAN_FEATURES)
    assert all(types[name] in {"integer", "bigint", "double"} for name in features.NUMERIC_FEATURES)
    assert all(types[name] == "varchar" for name in text)
    assert all(types[name] == "boolean" for name in features.BOOLEAN_FEATURES)


def test_every_feature_has_a_name_for_people_in_the_display_names_seed() -> None:
    with (PROJECT_ROOT / "seeds" / "display_names.csv").open(encoding="utf-8", newline="") as file:
        named = {row["code"] for row in csv.DictReader(file) if row["domain"] == "feature"}
    assert set(features.FEATURES) <= named, set(features.FEATURES) - named
