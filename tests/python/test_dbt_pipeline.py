"""The whole dbt build of a generated store (the session's shared build): model, predictions, explanations,
segments, offers, snapshot; the scoring-only run and the quality gate on private copies of it."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from one_click.build_info import BUILD_INFO, BUILD_INFO_DESCRIPTION
from one_click.build_info import COLUMNS as BUILD_INFO_COLUMNS
from one_click.dashboard.snapshot import open_snapshot
from one_click.dashboard.snapshot import read_table as read_published_table
from one_click.modeling.candidates import FAMILIES
from one_click.publish import CURRENT, DATABASE_FILE, MANIFEST, current_snapshot

from dashboard_build import DashboardBuild
from dashboard_server import serve_dashboard
from dbt_cli import DbtResult, project_var, start_dbt

pytestmark = pytest.mark.dbt
SCORING_ONLY = ("build", "--select", "customer_predictions+")


@pytest.fixture
def warehouse(dashboard_build: DashboardBuild, tmp_path: Path) -> DashboardBuild:
    """A private copy a test may rebuild."""
    return dashboard_build.copy_to(tmp_path / "store")


def score_with_the_published_model(warehouse: DashboardBuild) -> DbtResult:
    """Everything from the predictions on rebuilt, the published model reused."""
    return warehouse.dbt(*SCORING_ONLY, retrain=False)


def test_every_customer_has_one_calibrated_prediction(dashboard_build: DashboardBuild) -> None:
    predictions = dashboard_build.query(
        "select p.*, f.is_activity_declined as label from customer_predictions p "
        "join customer_features f using (customer_id)"
    )
    features = dashboard_build.query("select count(*) as n from customer_features")
    assert len(predictions) == features.loc[0, "n"]
    assert predictions["decline_probability"].between(0, 1).all()
    labelled = predictions["label"].notna()
    assert (predictions.loc[labelled, "prediction_kind"] == "out_of_fold").all()
    assert (predictions.loc[~labelled, "prediction_kind"] == "scored").all()


def test_selection_covers_every_family_and_publishes_one(dashboard_build: DashboardBuild) -> None:
    candidates = dashboard_build.query("select * from model_candidates")
    # The sample is far below every family's size limit, so each one is a candidate.
    assert sorted(candidates["family"]) == sorted(family.name for family in FAMILIES)
    assert candidates["is_selected"].sum() == 1
    summary = dashboard_build.query("select * from model_summary")
    assert len(summary) == 1 and summary.loc[0, "cv_roc_auc_mean"] >= 0.85


def test_offers_respect_consent_and_segments(dashboard_build: DashboardBuild) -> None:
    offers = dashboard_build.query(
        "select o.*, f.allows_messages as consent "
        "from customer_offers o join customer_features f using (customer_id)"
    )
    assert len(offers) > 0
    assert not (offers["requires_consent"] & ~offers["consent"]).any()
    assert set(offers["segment"]) <= {"high_value_at_risk", "high_value_watch", "mid_value_at_risk"}


def test_build_publishes_every_tagged_node_with_its_contract(dashboard_build: DashboardBuild) -> None:
    snapshot = current_snapshot(dashboard_build.publish_dir)
    assert snapshot is not None
    manifest = {entry["table_name"]: entry for entry in json.loads((snapshot / MANIFEST).read_text())}
    nodes = published_nodes(dashboard_build.folder / "target" / "manifest.json")
    assert set(manifest) == set(nodes) | {BUILD_INFO} and nodes

    with duckdb.connect(str(snapshot / DATABASE_FILE), read_only=True) as database:
        for name, node in nodes.items():
            entry = manifest[name]
            in_warehouse = dashboard_build.query(f"select * from {node['relation_name']}")
            parquet = pd.read_parquet(snapshot / f"{name}.parquet")
            assert entry["row_count"] == len(in_warehouse) == len(parquet), name
            assert [column["name"] for column in entry["columns"]] == list(in_warehouse.columns), name
            declared = {column["name"]: column.get("data_type") for column in node["columns"].values()}
            for column in entry["columns"]:
                if declared.get(column["name"]):
                    assert column["data_type"] == declared[column["name"]], (name, column)
            # through Arrow, as pd.read_parquet reads: DATE columns stay dates on both sides
            in_database = database.sql(f'select * from "{name}"').fetch_arrow_table().to_pandas()
            pd.testing.assert_frame_equal(sorted_rows(in_database), sorted_rows(parquet), check_dtype=False)


def test_every_published_table_and_column_has_its_dbt_description_as_comment(
    dashboard_build: DashboardBuild,
) -> None:
    """What DBeaver and Superset show as descriptions: `COMMENT ON` each table and column, from dbt's yml."""
    snapshot = current_snapshot(dashboard_build.publish_dir)
    assert snapshot is not None
    nodes = published_nodes(dashboard_build.folder / "target" / "manifest.json")
    config = {"enable_external_access": False}
    with duckdb.connect(str(snapshot / DATABASE_FILE), read_only=True, config=config) as database:
        tables = dict(database.sql("select table_name, comment from duckdb_tables()").fetchall())
        columns = database.sql(
            "select table_name, column_name, comment from duckdb_columns() where not internal"
        ).fetchall()
    described = {name: node["description"] for name, node in nodes.items()}
    assert tables == {**described, BUILD_INFO: BUILD_INFO_DESCRIPTION}
    column_descriptions = {
        (name, column["name"]): column["description"]
        for name, node in nodes.items()
        for column in node["columns"].values()
    } | {(BUILD_INFO, column.name): column.description for column in BUILD_INFO_COLUMNS}
    for table, column, comment in columns:
        assert comment and comment == column_descriptions.get((table, column)), (table, column)
    assert all(tables.values()) and len(columns) > len(tables)


def test_build_info_counts_the_checks_of_the_run_that_published(dashboard_build: DashboardBuild) -> None:
    run_results = json.loads(dashboard_build.run_results.read_text())
    statuses = Counter(
        result["status"]
        for result in run_results["results"]
        if result["unique_id"].split(".")[0] in ("test", "unit_test")
    )
    published = open_snapshot(dashboard_build.publish_dir)
    assert published is not None
    columns = [column.name for column in BUILD_INFO_COLUMNS]
    [info] = read_published_table(published, BUILD_INFO, columns).to_dict("records")
    assert info["build_id"] == published.build_id and info["built_at"] == published.published_at
    assert info["dbt_invocation_id"] == run_results["metadata"]["invocation_id"]
    declared = project_var("export_date")  # the build passes none: the project's default, if any
    assert info["export_date"] == (date.fromisoformat(str(declared)) if declared else None)
    assert (info["checks_passed"], info["checks_warned"], info["checks_failed"]) == (
        statuses["pass"],
        statuses["warn"],
        0,
    )
    assert statuses["pass"] > 100 and set(statuses) <= {"pass", "warn"}


def published_nodes(dbt_manifest: Path) -> dict[str, dict]:
    """Models and seeds tagged `published` in dbt's own manifest, by name: the set a build must publish."""
    nodes = json.loads(dbt_manifest.read_text())["nodes"].values()
    return {
        node["name"]: node
        for node in nodes
        if node["resource_type"] in ("model", "seed") and "published" in node["tags"]
    }


def test_a_bi_tool_reads_every_published_table_while_a_build_runs(
    warehouse: DashboardBuild, tmp_path: Path
) -> None:
    """Through SQLAlchemy and duckdb-engine, from another process, the same rows the dashboard reads and the
    dbt descriptions as comments; with the README's connection string a file on the server stays unread."""
    outside_file = tmp_path / "server_file.txt"
    outside_file.write_text("not for BI users\n")
    published = open_snapshot(warehouse.publish_dir)  # what the dashboard shows until the build publishes
    assert published is not None
    snapshot = published.folder
    database = warehouse.publish_dir / CURRENT / DATABASE_FILE  # the path the README gives BI tools
    build = start_dbt(
        *SCORING_ONLY, duckdb_path=warehouse.warehouse, variables=warehouse.variables(retrain=False)
    )
    try:
        reader = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("sqlalchemy_reader.py")),
                str(database),
                str(tmp_path),
                str(outside_file),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        build_was_running = build.poll() is None
    finally:
        output, _ = build.communicate(timeout=600)
    assert reader.returncode == 0, reader.stderr[-3000:]
    assert build_was_running, "the build ended before the reader did: the test proved nothing about locks"
    assert build.returncode == 0, output[-5000:]

    tables = reader.stdout.split()
    manifest = {entry["table_name"]: entry for entry in json.loads((snapshot / MANIFEST).read_text())}
    assert set(tables) == set(manifest)
    for table in tables:
        through_sqlalchemy = pd.read_parquet(tmp_path / f"{table}.parquet")
        columns = [column["name"] for column in manifest[table]["columns"]]
        what_the_dashboard_reads = read_published_table(published, table, columns)
        pd.testing.assert_frame_equal(
            sorted_rows(through_sqlalchemy), sorted_rows(what_the_dashboard_reads), check_dtype=False
        )
    comments = json.loads((tmp_path / "comments.json").read_text(encoding="utf-8"))
    assert comments["tables"] == {name: entry["description"] for name, entry in manifest.items()}
    assert sorted(map(tuple, comments["columns"])) == sorted(
        (name, column["name"], column["description"])
        for name, entry in manifest.items()
        for column in entry["columns"]
    )
    assert (
        (tmp_path / "outside_file.txt")
        .read_text(encoding="utf-8")
        .startswith(f'refused: Permission Error: Cannot access file "{outside_file}"')
    )


def sorted_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order and nullable types, so readers that map NULL differently compare equal."""
    return frame.convert_dtypes().sort_values(list(frame.columns)).reset_index(drop=True)


def registry_ids(warehouse: DashboardBuild) -> list[str]:
    return warehouse.query("select model_id from model_registry order by trained_at")["model_id"].tolist()


def test_scoring_only_run_reuses_the_published_model(warehouse: DashboardBuild) -> None:
    before = registry_ids(warehouse)
    predictions_before = warehouse.query("select * from customer_predictions order by customer_id")

    result = score_with_the_published_model(warehouse)

    assert result.succeeded, result.output[-5000:]
    assert "model_registry" not in {
        line.split()[-1] for line in result.output.splitlines() if "START python" in line
    }
    assert registry_ids(warehouse) == before
    after = warehouse.query("select * from customer_predictions order by customer_id")
    pd.testing.assert_frame_equal(after, predictions_before)


def test_retraining_on_the_same_data_replaces_the_published_row(warehouse: DashboardBuild) -> None:
    before = warehouse.query("select model_id, trained_at from model_registry")

    result = warehouse.dbt("build", "--select", "model_registry")

    assert result.succeeded, result.output[-5000:]  # includes the registry's unique model_id test
    after = warehouse.query("select model_id, trained_at from model_registry")
    assert len(before) == 1
    assert after["model_id"].tolist() == before["model_id"].tolist()
    assert after["trained_at"].iloc[0] > before["trained_at"].iloc[0]


def test_quality_gate_fails_the_build_and_keeps_the_published_model(warehouse: DashboardBuild) -> None:
    before = registry_ids(warehouse)
    predictions_before = warehouse.query("select * from customer_predictions order by customer_id")
    snapshot_before = current_snapshot(warehouse.publish_dir)

    result = warehouse.dbt("build", "--select", "model_registry+", min_roc_auc=0.999)

    assert not result.succeeded
    assert "below the required 0.999" in result.output
    assert registry_ids(warehouse) == before
    pd.testing.assert_frame_equal(
        warehouse.query("select * from customer_predictions order by customer_id"), predictions_before
    )
    assert current_snapshot(warehouse.publish_dir) == snapshot_before


def test_dbt_build_runs_while_the_dashboard_serves(warehouse: DashboardBuild) -> None:
    """The dashboard reads only the published snapshot, so it holds no lock on the warehouse."""
    snapshot_before = current_snapshot(warehouse.publish_dir)
    with serve_dashboard(warehouse.publish_dir, warehouse.folder / "run_results.json") as url:
        result = score_with_the_published_model(warehouse)
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
            still_serving = response.status == 200

    assert result.succeeded, result.output[-5000:]
    assert still_serving
    snapshot_after = current_snapshot(warehouse.publish_dir)
    assert snapshot_after is not None and snapshot_after != snapshot_before
