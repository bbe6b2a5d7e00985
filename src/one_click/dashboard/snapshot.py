"""Where the dashboard's data lives, and reading it without ever touching the warehouse.

The published snapshot (`<publish dir>/current` → `builds/<build id>/`) is immutable once it is current, so
a table read from it can be cached for as long as that build stays current; a new build gets a new folder
and a new build id, which is what the dashboard's cache keys on. A snapshot from an older build may lack
tables or columns added since; those raise `TableUnavailable` with a message for the staff rather than a
KeyError deep inside a page.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from one_click.features import CUSTOMER_ID, FEATURES, LABEL, PROFIT
from one_click.publish import MANIFEST, current_snapshot

PUBLISH_DIR_ENV = "ONE_CLICK_PUBLISH_DIR"
RUN_RESULTS_ENV = "ONE_CLICK_RUN_RESULTS"

# The published contract: the columns each page relies on. Extra columns in a newer build are fine.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "customer_features": (CUSTOMER_ID, LABEL, *FEATURES, PROFIT, "has_revenue_outlier"),
    "customer_predictions": (
        "customer_id",
        "decline_probability",
        "prediction_kind",
        "is_activity_declined",
        "model_id",
    ),
    "customer_segments": (
        "customer_id",
        "decline_probability",
        "monthly_profit",
        "expected_loss",
        "risk_band",
        "value_band",
        "segment",
        "segment_name",
        "is_target_segment",
        "medium_risk_from",
        "high_risk_from",
        "medium_value_from_profit",
        "high_value_from_profit",
        "expected_loss_rank",
    ),
    "customer_top_reasons": (
        "customer_id",
        "reason_rank",
        "feature",
        "feature_label",
        "contribution",
        "feature_value",
    ),
    "feature_importance": ("feature", "feature_label", "mean_abs_contribution", "direction"),
    "customer_offers": (
        "customer_id",
        "segment",
        "segment_name",
        "decline_probability",
        "monthly_profit",
        "expected_loss",
        "expected_loss_rank",
        "favourite_category",
        "allows_messages",
        "reason_feature",
        "reason_code",
        "reason_text",
        "offer_code",
        "offer_text",
        "channel",
        "requires_consent",
    ),
    "segment_summary": (
        "segment",
        "segment_name",
        "risk_band",
        "value_band",
        "is_target_segment",
        "customers",
        "labelled_customers",
        "known_decline_share",
        "mean_decline_probability",
        "mean_monthly_profit",
        "total_expected_loss",
        "share_of_expected_loss",
        "top_categories",
        "top_reasons",
    ),
    "target_segment_profile": ("measure", "target_segment_value", "other_customers_value", "difference"),
    "model_summary": (
        "model_id",
        "trained_at",
        "family",
        "cv_roc_auc_mean",
        "cv_roc_auc_std",
        "holdout_roc_auc",
        "brier_score",
        "training_rows",
    ),
    "model_candidates": (
        "family",
        "best_params",
        "cv_roc_auc_mean",
        "cv_roc_auc_std",
        "brier_score",
        "fit_seconds",
        "is_selected",
    ),
    "model_reliability": ("bin", "mean_predicted", "observed_rate", "customers"),
    "feature_profile": (
        "feature",
        "feature_kind",
        "outcome",
        "category",
        "n_values",
        "n_missing",
        "share",
        "mean",
        "std",
        "min_value",
        "p05",
        "p25",
        "median",
        "p75",
        "p95",
        "max_value",
    ),
    "feature_histogram": ("feature", "outcome", "bin_index", "bin_lower", "bin_upper", "n_values", "share"),
    "feature_correlations": (
        "feature_a",
        "feature_b",
        "phik",
        "significance",
        "n_rows",
        "is_label_pair",
        "is_above_threshold",
        "is_leakage_suspect",
    ),
    "feature_drift": (
        "feature",
        "feature_kind",
        "n_reference",
        "n_current",
        "n_bins",
        "reference_missing_share",
        "current_missing_share",
        "current_unseen_share",
        "psi",
        "psi_flag",
        "ks_statistic",
        "ks_pvalue",
    ),
}


def project_root() -> Path:
    """The dbt project this package belongs to (an editable install), else the working directory."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "dbt_project.yml").is_file():
            return folder
    return Path.cwd()


def publish_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return Path(environ.get(PUBLISH_DIR_ENV) or project_root() / "published")


def run_results_path(environ: Mapping[str, str] = os.environ) -> Path:
    return Path(environ.get(RUN_RESULTS_ENV) or project_root() / "target" / "run_results.json")


class TableUnavailable(Exception):
    """A table the page needs is not in the current snapshot, or is in an older shape."""

    def __init__(self, table: str, missing_columns: tuple[str, ...] = ()) -> None:
        self.table = table
        self.missing_columns = missing_columns
        if missing_columns:
            detail = f"в ней нет столбцов {', '.join(missing_columns)}"
            message = f"Таблица «{table}» в текущей сборке старого формата ({detail})."
        else:
            message = f"В текущей сборке нет таблицы «{table}»."
        super().__init__(message)


@dataclass(frozen=True)
class Snapshot:
    """One published build: its folder, id, publication time and the row count of every table."""

    folder: Path
    build_id: str
    published_at: datetime | None
    row_counts: dict[str, int]

    def has(self, table: str) -> bool:
        return table in self.row_counts and (self.folder / f"{table}.parquet").is_file()


def open_snapshot(publish_dir: Path, attempts: int = 3) -> Snapshot | None:
    """The current snapshot, or None before the first successful build.

    A reader can lose the race with pruning (`current` moved on twice and the old folder was removed
    between resolving the link and reading the manifest); resolving again then finds the newer build.
    """
    for _ in range(attempts):
        folder = current_snapshot(publish_dir)
        if folder is None:
            return None
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        published = {str(row.get("published_at")) for row in manifest if row.get("published_at")}
        return Snapshot(
            folder=folder,
            build_id=folder.name,
            published_at=_parse_time(min(published)) if published else None,
            row_counts={str(row["table_name"]): int(row["row_count"]) for row in manifest},
        )
    return None


def read_table(folder: Path, table: str) -> pd.DataFrame:
    """A published table as pandas, checked against `TABLE_COLUMNS`; raises `TableUnavailable`."""
    path = folder / f"{table}.parquet"
    try:
        arrow = pq.read_table(path)
    except FileNotFoundError:
        raise TableUnavailable(table) from None
    missing = tuple(column for column in TABLE_COLUMNS.get(table, ()) if column not in arrow.column_names)
    if missing:
        raise TableUnavailable(table, missing)
    # Nullable booleans (an unlabelled customer's is_activity_declined) would otherwise become object
    # columns of True/False/None, on which `~` and `.sum()` quietly give nonsense.
    return arrow.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get)


@dataclass(frozen=True)
class NodeResult:
    """One node of a dbt run: a test, model, seed or hook."""

    unique_id: str
    resource_type: str
    name: str
    status: str
    failures: int | None
    message: str


@dataclass(frozen=True)
class RunResults:
    """The last dbt invocation's results (`target/run_results.json`)."""

    generated_at: datetime | None
    command: str
    results: tuple[NodeResult, ...]


class RunResultsUnreadable(Exception):
    """run_results.json exists but is not the JSON dbt writes (e.g. caught mid-write)."""


_HASH_SUFFIX = re.compile(r"^[0-9a-f]{10}$")


def node_name(unique_id: str) -> tuple[str, str]:
    """('test', 'money_csv__id__unique') from 'test.one_click.money_csv__id__unique.05d393dcba'."""
    parts = unique_id.split(".")
    resource_type = parts[0]
    rest = parts[2:] if len(parts) > 2 else parts[1:]
    if resource_type == "test" and len(rest) > 1 and _HASH_SUFFIX.match(rest[-1]):
        rest = rest[:-1]
    return resource_type, ".".join(rest) or unique_id


def read_run_results(path: Path) -> RunResults | None:
    """The parsed file, or None when no build has run here yet; raises `RunResultsUnreadable`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        rows = document["results"]
        metadata = document.get("metadata", {})
        args = document.get("args", {})
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise RunResultsUnreadable(f"{path}: {error}") from error
    results = []
    for row in rows:
        resource_type, name = node_name(str(row.get("unique_id", "")))
        failures = row.get("failures")
        results.append(
            NodeResult(
                unique_id=str(row.get("unique_id", "")),
                resource_type=resource_type,
                name=name,
                status=str(row.get("status", "")),
                failures=int(failures) if isinstance(failures, int | float) else None,
                message=str(row.get("message") or ""),
            )
        )
    generated_at = metadata.get("generated_at")
    return RunResults(
        generated_at=_parse_time(generated_at) if generated_at else None,
        command=str(args.get("which") or ""),
        results=tuple(results),
    )


def _parse_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
