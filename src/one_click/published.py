"""The model registry's rows: one per published model, and what scoring and drift read back from one.

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

from one_click.features import CUSTOMER_ID, FEATURES, LABEL, LABEL_WITHHELD
from one_click.modeling.frame import model_matrix, validate
from one_click.modeling.registry import TrainedModel, dump_model, load_model
from one_click.options import TrainingOptions

if TYPE_CHECKING:
    from one_click.modeling.training import TrainingResult

# Training (the model search) is imported where it is used: a scoring-only run never needs it.

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


def labels_withheld(features: pd.DataFrame) -> int:
    """How many customers' labels the training data withheld (offers sent within the outcome horizon)."""
    if LABEL_WITHHELD not in features.columns:
        return 0
    return int(features[LABEL_WITHHELD].fillna(False).astype(bool).sum())


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
                "metrics_json": json.dumps(
                    {**result.metrics, "n_labels_withheld": labels_withheld(features)},
                    sort_keys=True,
                    default=str,
                ),
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
    """The newest of `registry`'s rows (pandas): only models that passed the quality gate are appended."""
    if registry.empty:
        raise LookupError(
            "the model registry is empty: no model has been published yet; build with the var retrain: true"
        )
    row = registry.sort_values("trained_at").iloc[-1].to_dict()
    return PublishedModel(model=load_model(bytes(row["model_blob"])), model_id=row["model_id"], row=row)


def train_row(
    training: pd.DataFrame, options: TrainingOptions, *, progress: Callable[[str], None] | None = None
) -> pd.DataFrame:
    """Train on `training` (pandas, every labelled customer the fit may see) and give the registry row to
    append: the one step both engines share once their customers are in pandas."""
    from one_click.modeling.training import train

    result = train(training, options, progress=progress)
    return registry_row(result, training, seed=options.training_seed)
