"""The trained-model artefact and its skops serialization (pickle is never used: loading a pickle runs code).

The payload is a plain dict of the calibrated pipeline and builtins. Loading trusts exactly the types listed
in `TRUSTED_TYPES` (plus skops' builtin, numpy and scipy defaults); anything else in a blob is refused before
it is deserialized.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from one_click.modeling.calibration import PlattCalibratedClassifier
from one_click.modeling.candidates import ExplainerKind

FORMAT_VERSION = 1

# Every type outside skops' builtin/numpy/scipy defaults that a model of some family contains, as reported by
# skops.io.get_untrusted_types on each family's dump (tests/python/test_modeling_registry.py re-checks it).
# The list is explicit rather than skops' default "every scikit-learn estimator": see `skops_io`.
# numpy.dtype is SimpleImputer's remembered input dtype; f_classif is SelectKBest's score function.
TRUSTED_TYPES: tuple[str, ...] = (
    "numpy.dtype",
    "one_click.modeling.calibration.PlattCalibratedClassifier",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.ensemble._forest.ExtraTreesClassifier",
    "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.feature_selection._univariate_selection.SelectKBest",
    "sklearn.feature_selection._univariate_selection.f_classif",
    "sklearn.impute._base.SimpleImputer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.metrics._dist_metrics.EuclideanDistance64",
    "sklearn.neighbors._classification.KNeighborsClassifier",
    "sklearn.neighbors._kd_tree.KDTree",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.preprocessing._encoders.OneHotEncoder",
    "sklearn.preprocessing._label.LabelEncoder",
    "sklearn.svm._classes.SVC",
    "sklearn.tree._classes.DecisionTreeClassifier",
    "sklearn.tree._classes.ExtraTreeClassifier",
    "sklearn.tree._tree.Tree",
)


def skops_io() -> ModuleType:
    """`skops.io`, imported without its default trust list of every scikit-learn estimator.

    Importing skops.io builds that list with `sklearn.utils.all_estimators()`, which imports every module of
    scikit-learn (and pytest, through sklearn.utils._testing): 0.6 s of a scoring-only run that needs a few
    estimators. The trust here is `TRUSTED_TYPES`, explicit, so the list is built from no estimator at all;
    skops' other defaults (builtins, numpy, scipy ufuncs, the gradient-boosting internals) are unchanged.
    If skops.io was already imported the ordinary way (by a test, say), that module is returned, and it also
    trusts every scikit-learn estimator, as skops does by default.
    """
    if "skops.io" in sys.modules:
        return sys.modules["skops.io"]
    import sklearn.utils

    every_estimator = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda *args, **kwargs: []
    try:
        import skops.io
    finally:
        sklearn.utils.all_estimators = every_estimator
    return skops.io


class UntrustedModelError(ValueError):
    """A model blob contains types outside `TRUSTED_TYPES`; it was not deserialized."""


@dataclass(frozen=True)
class TrainedModel:
    """A fitted, calibrated model and what is needed to score, explain and trace it.

    `estimator.decision_function` gives the calibrated log-odds; `reference` is the typical customer that
    kNN/SVC explanations are measured against; `training_fingerprint` identifies the exact labelled data.
    """

    estimator: PlattCalibratedClassifier
    family: str
    params: dict[str, Any]
    explainer: ExplainerKind
    reference: dict[str, Any]
    background_mean: np.ndarray  # mean training row after `preprocess`: the linear explainer's baseline
    training_fingerprint: str
    seed: int

    @property
    def model_id(self) -> str:
        """Deterministic id: same data, family, parameters and seed give the same id."""
        key = json.dumps(
            [self.training_fingerprint, self.family, self.params, self.seed], sort_keys=True, default=str
        )
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def dump_model(model: TrainedModel) -> bytes:
    """Serialize with skops to bytes (for a BLOB column or a file)."""
    payload = {
        "format_version": FORMAT_VERSION,
        "estimator": model.estimator,
        "family": model.family,
        "params": json.dumps(model.params, sort_keys=True, default=str),
        "explainer": model.explainer,
        "reference": dict(model.reference),
        "background_mean": np.asarray(model.background_mean, dtype=float),
        "training_fingerprint": model.training_fingerprint,
        "seed": model.seed,
    }
    return skops_io().dumps(payload)


def load_model(data: bytes) -> TrainedModel:
    """Deserialize a `dump_model` blob, refusing types that neither skops nor TRUSTED_TYPES trusts."""
    skops = skops_io()
    unexpected = sorted(set(skops.get_untrusted_types(data=data)) - set(TRUSTED_TYPES))
    if unexpected:
        raise UntrustedModelError(f"model blob contains untrusted types {unexpected}; refusing to load it")
    payload = skops.loads(data, trusted=list(TRUSTED_TYPES))
    if payload.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"unsupported model format {payload.get('format_version')!r}")
    return TrainedModel(
        estimator=payload["estimator"],
        family=payload["family"],
        params=json.loads(payload["params"]),
        explainer=payload["explainer"],
        reference=payload["reference"],
        background_mean=payload["background_mean"],
        training_fingerprint=payload["training_fingerprint"],
        seed=payload["seed"],
    )
