"""Activity-decline model: selection, calibration, out-of-fold scoring, explanations and storage.

Entry points for the dbt Python models::

    result = train(features, seed=42, cv_splits=5, cv_repeats=2, selection_sample_size=20_000)
    blob = dump_model(result.model)                  # skops bytes, never pickle
    model = load_model(blob)
    scored = predict(model, new_features)
    contributions, global_importance = explain(model, features, customer_ids=offer_ids)
"""

from one_click.modeling.comparison import evaluate_seed_models, side_by_side
from one_click.modeling.explain import Explanation, explain, importance_from_contributions
from one_click.modeling.frame import training_fingerprint
from one_click.modeling.registry import (
    TRUSTED_TYPES,
    TrainedModel,
    UntrustedModelError,
    dump_model,
    load_model,
)
from one_click.modeling.scoring import predict
from one_click.modeling.training import ModelQualityError, TrainingResult, check_quality, train

__all__ = [
    "TRUSTED_TYPES",
    "Explanation",
    "ModelQualityError",
    "TrainedModel",
    "TrainingResult",
    "UntrustedModelError",
    "check_quality",
    "dump_model",
    "evaluate_seed_models",
    "explain",
    "importance_from_contributions",
    "load_model",
    "predict",
    "side_by_side",
    "train",
    "training_fingerprint",
]
