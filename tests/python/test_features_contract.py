"""The Python side's column roles match the customer_features contract."""

from __future__ import annotations

import csv

import yaml

from one_click import features

from dbt_cli import PROJECT_ROOT


def contract_columns() -> dict[str, str]:
    spec = yaml.safe_load((PROJECT_ROOT / "models" / "marts" / "customer_features.yml").read_text())
    (model,) = spec["models"]
    return {column["name"]: column["data_type"] for column in model["columns"]}


def test_every_feature_and_role_is_a_contracted_column() -> None:
    columns = contract_columns()
    for name in (features.CUSTOMER_ID, features.LABEL, features.PROFIT, *features.FEATURES):
        assert name in columns, name


def test_numeric_features_are_numbers_and_categoricals_are_not() -> None:
    columns = contract_columns()
    assert all(columns[name] in {"integer", "bigint", "double"} for name in features.NUMERIC_FEATURES)
    assert all(columns[name] in {"varchar", "boolean"} for name in features.CATEGORICAL_FEATURES)


def test_every_feature_has_a_name_for_people_in_the_display_names_seed() -> None:
    with (PROJECT_ROOT / "seeds" / "display_names.csv").open(encoding="utf-8", newline="") as file:
        named = {row["code"] for row in csv.DictReader(file) if row["domain"] == "feature"}
    assert set(features.FEATURES) <= named, set(features.FEATURES) - named
