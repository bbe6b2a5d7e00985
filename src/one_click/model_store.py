"""The model registry table: one row per published model, and what scoring and drift read back from it.

A registry row carries the skops-serialized model, its metrics and parameters as JSON (readable in SQL), and
Parquet blobs of what later builds need: the out-of-fold probabilities (so a scoring-only run never hands a
labelled customer an in-sample probability), the selection table, the reliability table, and a sample of the
training features (the reference for drift).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from one_click.features import CUSTOMER_ID, FEATURES, LABEL
from one_click.frames import count_distinct, is_spark, newest_rows, to_pandas
from one_click.modeling.frame import model_matrix, validate
from one_click.modeling.registry import TrainedModel, dump_model, load_model
from one_click.modeling.scoring import predict

if TYPE_CHECKING:
    from one_click.modeling.training import TrainingResult

# Training (the model search) and shap are imported where they are used: a scoring-only run needs neither.

REFERENCE_SAMPLE_SIZE = 100_000  # enough rows for decile PSI bins; bounds the registry row at scale
REGISTRY_COLUMNS = (
    "model_id",
    "trained_at",
    "family",
    "training_fingerprint",
    "params_json",
    "metrics_json",
    "honest_estimate_json",
    "model_blob",
    "out_of_fold_blob",
    "candidates_blob",
    "reliability_blob",
    "reference_features_blob",
)


def to_parquet_blob(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def from_parquet_blob(blob: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(bytes(blob)))


def row_fingerprints(features: pd.DataFrame) -> np.ndarray:
    """A hash of each customer's id, features and label: an out-of-fold probability is reused only for the
    very row it was computed on, never for a customer whose data changed since training."""
    frame = model_matrix(features).astype(object).where(lambda m: m.notna(), None).astype(str)
    frame[CUSTOMER_ID] = features[CUSTOMER_ID].astype(str).to_numpy()
    frame[LABEL] = features[LABEL].astype(str).to_numpy()
    return pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype="uint64").astype("int64")


def registry_row(result: TrainingResult, features: pd.DataFrame, *, seed: int) -> pd.DataFrame:
    """The one-row frame a training run appends to the registry."""
    frame = validate(features)
    out_of_fold = result.predictions.loc[result.predictions["prediction_kind"] == "out_of_fold"]
    trained = frame.loc[frame[CUSTOMER_ID].isin(out_of_fold[CUSTOMER_ID])]
    fingerprints = pd.DataFrame(
        {CUSTOMER_ID: trained[CUSTOMER_ID].to_numpy(), "row_fingerprint": row_fingerprints(trained)}
    )
    out_of_fold = out_of_fold[[CUSTOMER_ID, "decline_probability"]].merge(fingerprints, on=CUSTOMER_ID)
    reference = frame[list(FEATURES)]
    if len(reference) > REFERENCE_SAMPLE_SIZE:
        reference = reference.sample(REFERENCE_SAMPLE_SIZE, random_state=seed)
    model = result.model
    return pd.DataFrame(
        [
            {
                "model_id": model.model_id,
                "trained_at": datetime.now(UTC),
                "family": model.family,
                "training_fingerprint": model.training_fingerprint,
                "params_json": json.dumps(model.params, sort_keys=True, default=str),
                "metrics_json": json.dumps(result.metrics, sort_keys=True, default=str),
                "honest_estimate_json": json.dumps(result.honest_estimate, sort_keys=True, default=str),
                "model_blob": dump_model(model),
                "out_of_fold_blob": to_parquet_blob(out_of_fold),
                "candidates_blob": to_parquet_blob(result.candidates),
                "reliability_blob": to_parquet_blob(result.reliability),
                "reference_features_blob": to_parquet_blob(reference.reset_index(drop=True)),
            }
        ],
        columns=list(REGISTRY_COLUMNS),
    )


@dataclass(frozen=True)
class PublishedModel:
    model: TrainedModel
    model_id: str
    row: dict[str, Any]

    def table(self, column: str) -> pd.DataFrame:
        return from_parquet_blob(self.row[column])


def published_model(registry: pd.DataFrame) -> PublishedModel:
    """The newest registry row: only models that passed the quality gate are ever appended."""
    if registry.empty:
        raise LookupError(
            "the model registry is empty: no model has been published yet; build with the var retrain: true"
        )
    row = registry.sort_values("trained_at").iloc[-1].to_dict()
    return PublishedModel(model=load_model(bytes(row["model_blob"])), model_id=row["model_id"], row=row)


def train_registry_row(
    features: Any,
    *,
    seed: int,
    cv_splits: int,
    cv_repeats: int,
    selection_sample_size: int,
    min_roc_auc: float,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Train on `customer_features` as `dbt.ref()` returns it and give the registry row to append. A Spark
    DataFrame trains on bounded samples collected to the driver (`one_click.spark.train_registry_row`)."""
    options: dict[str, Any] = dict(
        seed=seed,
        cv_splits=cv_splits,
        cv_repeats=cv_repeats,
        selection_sample_size=selection_sample_size,
        min_roc_auc=min_roc_auc,
        progress=progress,
    )
    if is_spark(features):
        from one_click import spark

        return spark.train_registry_row(features, **options)
    from one_click.modeling.training import train

    frame = to_pandas(features)
    return registry_row(train(frame, **options), frame, seed=seed)


def score_customers(
    published: PublishedModel,
    features: Any,
    *,
    progress: Callable[[str], None] | None = None,
) -> Any:
    """Every customer's calibrated probability: the stored out-of-fold one where the customer's row is the one
    the model was trained on, otherwise a score from the published model (which never saw that row).

    `features` is a pandas frame or what `dbt.ref()` returns; a Spark DataFrame is scored on the executors
    (`one_click.spark.score_customers`) and a Spark DataFrame returned."""
    if is_spark(features):
        from one_click import spark

        return spark.score_customers(published, features, progress=progress)
    frame = validate(to_pandas(features))
    out_of_fold = published.table("out_of_fold_blob")
    current = pd.DataFrame(
        {CUSTOMER_ID: frame[CUSTOMER_ID].to_numpy(), "row_fingerprint": row_fingerprints(frame)}
    )
    reused = current.merge(out_of_fold, on=[CUSTOMER_ID, "row_fingerprint"], how="inner")
    to_score = frame.loc[~frame[CUSTOMER_ID].isin(reused[CUSTOMER_ID])]
    if progress is not None:
        progress(
            f"{len(reused)} customers keep their out-of-fold probability, {len(to_score)} are scored "
            f"by model {published.model_id}"
        )
    parts = [predict(published.model, to_score)] if len(to_score) else []
    if len(reused):
        labels = frame.set_index(CUSTOMER_ID).loc[reused[CUSTOMER_ID], LABEL].to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    CUSTOMER_ID: reused[CUSTOMER_ID].to_numpy(),
                    "decline_probability": reused["decline_probability"].to_numpy(),
                    "prediction_kind": "out_of_fold",
                    LABEL: labels,
                    "model_id": published.model_id,
                }
            )
        )
    return pd.concat(parts, ignore_index=True).sort_values(CUSTOMER_ID, ignore_index=True)


def customers_to_explain(
    segments: pd.DataFrame,
    *,
    actionable_segments: list[str],
    explain_everyone_up_to: int,
    progress: Callable[[str], None] | None = None,
) -> list[Any]:
    """Everyone on a store of modest size; above `explain_everyone_up_to`, only customers who get an offer
    (the segments worth acting on): their reasons choose the offer, nobody reads the others' one by one."""
    if len(segments) <= explain_everyone_up_to:
        chosen = segments[CUSTOMER_ID]
    else:
        chosen = segments.loc[segments["segment"].isin(actionable_segments), CUSTOMER_ID]
    if progress is not None:
        progress(f"explaining {len(chosen)} of {len(segments)} customers")
    return chosen.tolist()


def explain_customers(
    published: PublishedModel,
    features: Any,
    segments: Any,
    *,
    actionable_segments: list[str],
    explain_everyone_up_to: int,
    progress: Callable[[str], None] | None = None,
) -> Any:
    """`customer_feature_contributions` of the customers `customers_to_explain` chooses, from `dbt.ref()`s of
    customer_features and customer_segments (on Spark: `one_click.spark.explain_customers`)."""
    if is_spark(features):
        from one_click import spark

        return spark.explain_customers(
            published,
            features,
            segments,
            actionable_segments=actionable_segments,
            explain_everyone_up_to=explain_everyone_up_to,
            progress=progress,
        )
    from one_click.modeling.explain import explain

    customer_ids = customers_to_explain(
        to_pandas(segments, [CUSTOMER_ID, "segment"]),
        actionable_segments=actionable_segments,
        explain_everyone_up_to=explain_everyone_up_to,
        progress=progress,
    )
    return explain(published.model, to_pandas(features), customer_ids, progress=progress).contributions


def global_importance(
    published: PublishedModel,
    features: Any,
    contributions: Any,
    *,
    sample_size: int,
    seed: int,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Mean |SHAP| per feature with its direction. Where `contributions` (a DuckDB relation of
    customer_feature_contributions) already explain every customer, they are summarised; otherwise, as at
    scale where only the segments worth acting on are explained, a random sample of `sample_size` customers
    (never a biased subset) is explained with the published model. On Spark, always a bounded sample
    explained on the driver (`one_click.spark.global_importance`): the same table up to `sample_size`."""
    if is_spark(features):
        from one_click import spark

        return spark.global_importance(
            published, features, sample_size=sample_size, seed=seed, progress=progress
        )
    from one_click.modeling.explain import explain, importance_from_contributions

    features = to_pandas(features)
    covered = count_distinct(contributions, CUSTOMER_ID)
    if covered == len(features):
        if progress is not None:
            progress(f"importance from the contributions of all {covered} customers")
        return importance_from_contributions(to_pandas(contributions), features)
    size = min(len(features), sample_size)
    if progress is not None:
        progress(f"importance on a random sample of {size} of {len(features)} customers")
    sample = features.sample(size, random_state=seed)
    return explain(published.model, sample).global_importance


def latest_registry_row(registry: Any, columns: str = "*") -> pd.DataFrame:
    """The newest registry row of `dbt.ref("model_registry")` (DuckDB relation or Spark DataFrame), reading
    only `columns`, comma-separated (the blobs can be large)."""
    names = None if columns.strip() == "*" else [name.strip() for name in columns.split(",")]
    return newest_rows(registry, "trained_at", columns=names)


def latest_table(registry: Any, blob_column: str) -> pd.DataFrame:
    """A table stored as a Parquet blob in the published model's registry row."""
    row = latest_registry_row(registry, blob_column)
    if row.empty:
        raise LookupError("the model registry is empty: build once with the var retrain: true")
    return from_parquet_blob(row.iloc[0][blob_column])
