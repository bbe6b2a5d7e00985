"""Staging's unit tests run without dbt's graph, so each one carries a stand-in for the raw export's
declaration (`overrides: macros: raw_export_node`). A stand-in that drifted from the declaration
(models/staging/_exports__sources.yml) would test corrections the build no longer makes: each must say what
the declaration says."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from one_click.exports import ALL_EXPORTS, ExportFile

from dbt_cli import PROJECT_ROOT

STAGING = PROJECT_ROOT / "models" / "staging"


def stand_ins() -> list[tuple[str, str, dict[str, Any]]]:
    """(model, unit test, stand-in) for every staging unit test that overrides the declaration's lookup."""
    found = []
    for path in sorted(STAGING.glob("stg_*.yml")):
        for unit_test in yaml.safe_load(path.read_text(encoding="utf-8")).get("unit_tests", ()):
            stand_in = ((unit_test.get("overrides") or {}).get("macros") or {}).get("raw_export_node")
            if stand_in is not None:
                found.append((unit_test["model"], unit_test["name"], stand_in))
    return found


STAND_INS = stand_ins()


def test_every_staging_model_is_unit_tested_with_a_stand_in() -> None:
    models = {path.stem for path in STAGING.glob("stg_*.sql")}
    assert {model for model, _, _ in STAND_INS} == models


@pytest.mark.parametrize(
    ("unit_test", "stand_in"), [case[1:] for case in STAND_INS], ids=[c[1] for c in STAND_INS]
)
def test_a_stand_in_says_what_the_declaration_says(unit_test: str, stand_in: dict[str, Any]) -> None:
    export: ExportFile = next(e for e in ALL_EXPORTS if e.file_name == stand_in["meta"]["file_name"])

    assert stand_in["meta"].get("decimal_separator", ".") == export.decimal, unit_test
    for name, column in stand_in["columns"].items():
        declared = export.column(name)
        assert (column["meta"].get("misspellings") or {}) == declared.misspellings, f"{unit_test}: {name}"
        months = column["meta"].get("accepted_values")  # a period's months, numbered in their declared order
        if months is not None:
            assert tuple(months) == declared.accepted_values, f"{unit_test}: {name}"
