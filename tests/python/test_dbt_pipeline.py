"""The whole dbt build on the bundled sample: model, predictions, explanations, segments, offers, snapshot;
the scoring-only run and the quality gate."""

from __future__ import annotations

import shutil
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from one_click.modeling.candidates import FAMILIES
from one_click.publish import current_snapshot

from conftest import read_table
from dashboard_server import serve_dashboard
from dbt_cli import run_dbt

pytestmark = pytest.mark.dbt


@dataclass(frozen=True)
class Warehouse:
    duckdb_path: Path
    publish_dir: Path

    @property
    def variables(self) -> dict[str, object]:
        return {"publish_dir": str(self.publish_dir)}

    def query(self, sql: str) -> pd.DataFrame:
        return read_table(self.duckdb_path, sql)

    def copy_to(self, folder: Path) -> Warehouse:
        shutil.copyfile(self.duckdb_path, folder / "warehouse.duckdb")
        shutil.copytree(self.publish_dir, folder / "published", symlinks=True)
        return Warehouse(folder / "warehouse.duckdb", folder / "published")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    folder = tmp_path_factory.mktemp("sample_pipeline")
    warehouse = Warehouse(folder / "warehouse.duckdb", folder / "published")
    result = run_dbt("build", duckdb_path=warehouse.duckdb_path, variables=warehouse.variables)
    assert result.succeeded, result.output[-5000:]
    return warehouse


@pytest.fixture
def warehouse(built: Warehouse, tmp_path: Path) -> Warehouse:
    """A private copy a test may rebuild."""
    return built.copy_to(tmp_path)


def test_every_customer_has_one_calibrated_prediction(built: Warehouse) -> None:
    predictions = built.query(
        "select p.*, f.is_activity_declined as label from customer_predictions p "
        "join customer_features f using (customer_id)"
    )
    features = built.query("select count(*) as n from customer_features")
    assert len(predictions) == features.loc[0, "n"]
    assert predictions["decline_probability"].between(0, 1).all()
    labelled = predictions["label"].notna()
    assert (predictions.loc[labelled, "prediction_kind"] == "out_of_fold").all()
    assert (predictions.loc[~labelled, "prediction_kind"] == "scored").all()


def test_selection_covers_every_family_and_publishes_one(built: Warehouse) -> None:
    candidates = built.query("select * from model_candidates")
    # The sample is far below every family's size limit, so each one is a candidate.
    assert sorted(candidates["family"]) == sorted(family.name for family in FAMILIES)
    assert candidates["is_selected"].sum() == 1
    summary = built.query("select * from model_summary")
    assert len(summary) == 1 and summary.loc[0, "cv_roc_auc_mean"] >= 0.85


def test_offers_respect_consent_and_segments(built: Warehouse) -> None:
    offers = built.query(
        "select o.*, f.allows_messages as consent "
        "from customer_offers o join customer_features f using (customer_id)"
    )
    assert len(offers) > 0
    assert not (offers["requires_consent"] & ~offers["consent"]).any()
    assert set(offers["segment"]) <= {"high_value_at_risk", "high_value_watch", "mid_value_at_risk"}


def test_build_publishes_a_snapshot_for_readers(built: Warehouse) -> None:
    snapshot = current_snapshot(built.publish_dir)
    assert snapshot is not None
    published = pd.read_parquet(snapshot / "customer_segments.parquet")
    assert len(published) == built.query("select count(*) as n from customer_segments").loc[0, "n"]


def registry_ids(warehouse: Warehouse) -> list[str]:
    return warehouse.query("select model_id from model_registry order by trained_at")["model_id"].tolist()


def test_scoring_only_run_reuses_the_published_model(warehouse: Warehouse) -> None:
    before = registry_ids(warehouse)
    predictions_before = warehouse.query("select * from customer_predictions order by customer_id")

    result = run_dbt(
        "build",
        "--select",
        "customer_predictions+",
        duckdb_path=warehouse.duckdb_path,
        variables={**warehouse.variables, "retrain": False},
    )

    assert result.succeeded, result.output[-5000:]
    assert "model_registry" not in {
        line.split()[-1] for line in result.output.splitlines() if "START python" in line
    }
    assert registry_ids(warehouse) == before
    after = warehouse.query("select * from customer_predictions order by customer_id")
    pd.testing.assert_frame_equal(after, predictions_before)


def test_retraining_on_the_same_data_replaces_the_published_row(warehouse: Warehouse) -> None:
    before = warehouse.query("select model_id, trained_at from model_registry")

    result = run_dbt(
        "build",
        "--select",
        "model_registry",
        duckdb_path=warehouse.duckdb_path,
        variables=warehouse.variables,
    )

    assert result.succeeded, result.output[-5000:]  # includes the registry's unique model_id test
    after = warehouse.query("select model_id, trained_at from model_registry")
    assert len(before) == 1
    assert after["model_id"].tolist() == before["model_id"].tolist()
    assert after["trained_at"].iloc[0] > before["trained_at"].iloc[0]


def test_quality_gate_fails_the_build_and_keeps_the_published_model(warehouse: Warehouse) -> None:
    before = registry_ids(warehouse)
    predictions_before = warehouse.query("select * from customer_predictions order by customer_id")
    snapshot_before = current_snapshot(warehouse.publish_dir)

    result = run_dbt(
        "build",
        "--select",
        "model_registry+",
        duckdb_path=warehouse.duckdb_path,
        variables={**warehouse.variables, "min_roc_auc": 0.999},
    )

    assert not result.succeeded
    assert "below the required 0.999" in result.output
    assert registry_ids(warehouse) == before
    pd.testing.assert_frame_equal(
        warehouse.query("select * from customer_predictions order by customer_id"), predictions_before
    )
    assert current_snapshot(warehouse.publish_dir) == snapshot_before


def test_dbt_build_runs_while_the_dashboard_serves(warehouse: Warehouse) -> None:
    """The dashboard reads only the published snapshot, so it holds no lock on the warehouse."""
    snapshot_before = current_snapshot(warehouse.publish_dir)
    with serve_dashboard(warehouse.publish_dir, warehouse.duckdb_path.parent / "run_results.json") as url:
        result = run_dbt(
            "build",
            "--select",
            "customer_predictions+",
            duckdb_path=warehouse.duckdb_path,
            variables={**warehouse.variables, "retrain": False},
        )
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
            still_serving = response.status == 200

    assert result.succeeded, result.output[-5000:]
    assert still_serving
    snapshot_after = current_snapshot(warehouse.publish_dir)
    assert snapshot_after is not None and snapshot_after != snapshot_before
