"""Activity-decline model: selection, calibration, out-of-fold scoring, explanations and storage.

Entry points for the dbt Python models::

    result = train(features, options)                # options: one_click.options.TrainingOptions
    blob = dump_model(result.model)                  # skops bytes, never pickle
    model = load_model(blob)
    scored = predict(model, new_features)
    contributions, global_importance = explain(model, features, customer_ids=offer_ids)

Names are imported from their submodule on first use (PEP 562): a scoring-only run that loads a model and
predicts never imports the search machinery (`selection`, `comparison`, `training`) nor shap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_SUBMODULE_OF = {
    "evaluate_seed_models": "comparison",
    "side_by_side": "comparison",
    "Explanation": "explain",
    "explain": "explain",
    "importance_from_contributions": "explain",
    "training_fingerprint": "frame",
    "TRUSTED_TYPES": "registry",
    "TrainedModel": "registry",
    "UntrustedModelError": "registry",
    "dump_model": "registry",
    "load_model": "registry",
    "predict": "scoring",
    "ModelQualityError": "training",
    "TrainingResult": "training",
    "check_quality": "training",
    "train": "training",
}

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

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name not in _SUBMODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_SUBMODULE_OF[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
