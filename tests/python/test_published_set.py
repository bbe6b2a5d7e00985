"""The exposures, the published set and the tables the dashboard reads agree.

The published set is whatever dbt tags `published`; each dashboard page is an exposure whose `depends_on`
lists exactly the tables the page's code names. A table a page reads but dbt does not publish, a published
table no page shows, or an exposure that has drifted from its page fails here.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from dashboard_build import DashboardBuild
from dbt_cli import PROJECT_ROOT

pytestmark = pytest.mark.dbt

DASHBOARD = PROJECT_ROOT / "dashboard"
PACKAGE = PROJECT_ROOT / "src"
DASHBOARD_PACKAGE = "one_click.dashboard"
TABLE_NAME = re.compile(r"^(report_[a-z_]+|display_names)$")


def tables_named_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and TABLE_NAME.match(node.value)
    }


def dashboard_modules_imported_by(path: Path) -> set[Path]:
    """The files of `one_click.dashboard` a page imports, directly or through one another."""
    found: set[Path] = set()
    pending = [path]
    while pending:
        tree = ast.parse(pending.pop().read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(DASHBOARD_PACKAGE):
                candidates = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names if alias.name.startswith(DASHBOARD_PACKAGE)]
            else:
                continue
            for module in candidates:
                file = PACKAGE.joinpath(*module.split(".")).with_suffix(".py")
                if file.exists() and file not in found:
                    found.add(file)
                    pending.append(file)
    return found


def tables_read_by_page(page: Path) -> set[str]:
    return set().union(tables_named_in(page), *map(tables_named_in, dashboard_modules_imported_by(page)))


@pytest.fixture(scope="module")
def dbt_manifest(dashboard_build: DashboardBuild) -> dict:
    """dbt's manifest of the project, as the session's shared build parsed it (no parse of its own)."""
    return json.loads((dashboard_build.folder / "target" / "manifest.json").read_text())


def test_every_exposure_lists_exactly_the_tables_its_page_reads(dbt_manifest: dict) -> None:
    exposures = {
        exposure["name"].removeprefix("dashboard_"): exposure
        for exposure in dbt_manifest["exposures"].values()
    }
    pages = {path.stem for path in (DASHBOARD / "views").glob("*.py")}
    assert set(exposures) == pages
    for page, exposure in exposures.items():
        declared = {ref["name"] for ref in exposure["refs"]}
        assert declared == tables_read_by_page(DASHBOARD / "views" / f"{page}.py"), page


def test_the_published_set_is_what_the_dashboard_reads(dbt_manifest: dict) -> None:
    published = {
        node["name"]
        for node in dbt_manifest["nodes"].values()
        if node["resource_type"] in ("model", "seed") and "published" in node["tags"]
    }
    read = set().union(*(tables_read_by_page(path) for path in DASHBOARD.rglob("*.py")))
    exposed = {ref["name"] for exposure in dbt_manifest["exposures"].values() for ref in exposure["refs"]}
    assert read == exposed
    # History tables are published so that a lost warehouse can be restored from the snapshot.
    history = history_tables(dbt_manifest)
    assert history and history <= published
    shown = published - history
    assert shown == read, f"published only: {shown - read}; read only: {read - shown}"


def history_tables(dbt_manifest: dict) -> set[str]:
    """Models that keep history (`meta.history_key`), which restore_history reloads from a snapshot."""
    return {
        node["name"]
        for node in dbt_manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("meta", {}).get("history_key")
    }


def test_a_page_naming_an_unpublished_table_would_be_caught(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text('ui.table("report_overview")\nui.table("report_new_thing")\nx = "reported"\n')
    assert tables_named_in(page) == {"report_overview", "report_new_thing"}
