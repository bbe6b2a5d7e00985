"""Scoring with a trained model, in batches, into the `predictions` table shape."""

from __future__ import annotations

import numpy as np
import pandas as pd

from one_click.features import CUSTOMER_ID, LABEL
from one_click.modeling.frame import model_matrix, validate
from one_click.modeling.registry import TrainedModel

PREDICTION_COLUMNS = [CUSTOMER_ID, "decline_probability", "prediction_kind", LABEL, "model_id"]


def predictions_frame(
    frame: pd.DataFrame, probabilities: np.ndarray, kind: str, model_id: str
) -> pd.DataFrame:
    """Rows of the predictions table for `frame`'s customers, in `frame`'s order."""
    return pd.DataFrame(
        {
            CUSTOMER_ID: frame[CUSTOMER_ID].to_numpy(),
            "decline_probability": probabilities,
            "prediction_kind": kind,
            LABEL: frame[LABEL].to_numpy(),
            "model_id": model_id,
        },
        columns=PREDICTION_COLUMNS,
    )


def predict(model: TrainedModel, features: pd.DataFrame, *, batch_size: int = 200_000) -> pd.DataFrame:
    """Calibrated decline probability from the final model for every row, `prediction_kind = 'scored'`.

    For customers the model was trained on these are in-sample: their honest probabilities are the
    out-of-fold ones in `TrainingResult.predictions`. Batches of `batch_size` rows bound the memory of the
    one-hot matrix.
    """
    frame = validate(features)
    probabilities = np.empty(len(frame))
    for start in range(0, len(frame), batch_size):
        batch = model_matrix(frame.iloc[start : start + batch_size])
        probabilities[start : start + len(batch)] = model.estimator.predict_proba(batch)[:, 1]
    return predictions_frame(frame, probabilities, "scored", model.model_id)
