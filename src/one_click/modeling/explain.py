"""Per-customer SHAP contributions of the published model, and global importance.

What is explained is the model that produced the probabilities: the calibrated log-odds
`slope * margin(pipeline, x) + intercept` of the stored `PlattCalibratedClassifier`. Platt scaling is
affine in the pipeline's margin, so Shapley values of the margin times `slope` are exactly those of the
calibrated log-odds, and every customer's contributions plus `base_value` equal `logit(decline_probability)`
(checked on every call).

Contributions are computed on the matrix after the `preprocess` step and summed back over the columns a
feature produced (its one-hot columns), so every table speaks of mart features. Per explainer:

* tree (decision tree, gradient boosting, extra trees): `shap.TreeExplainer`, path-dependent; base value =
  average training log-odds. (Its interventional mode fails the additivity check on deep boosted trees.)
* linear (logistic regression): `shap.LinearExplainer` against the training mean of the matrix; base value =
  log-odds at that mean, which for a linear model is the average training log-odds.
* exact (kNN, SVC): all coalitions of the <= 10 features the model reads, against the stored reference
  customer (medians / most frequent values); base value = that customer's log-odds. A distributional
  baseline would multiply the 2**k model calls by the background size.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from itertools import pairwise
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

from one_click.features import CATEGORICAL_FEATURES, CUSTOMER_ID, FEATURES
from one_click.modeling.calibration import margin
from one_click.modeling.candidates import column_sources
from one_click.modeling.frame import model_matrix, reference_matrix, validate
from one_click.modeling.registry import TrainedModel
from one_click.modeling.shapley import group_shapley

_MIN_CORRELATION = 0.1  # below this, calling a feature's effect "higher is riskier" would be a stretch


class Explanation(NamedTuple):
    # Features are named by their codes; the marts join the names people read (seeds/display_names.csv).
    contributions: pd.DataFrame  # customer_id, feature, value, contribution, base_value
    global_importance: pd.DataFrame  # feature, mean_abs_contribution, ..., direction, rank


def explain(
    model: TrainedModel,
    features: pd.DataFrame,
    customer_ids: Iterable[Any] | None = None,
    *,
    batch_size: int = 20_000,
    n_jobs: int = 2,
    progress: Callable[[str], None] | None = None,
) -> Explanation:
    """Explain the calibrated log-odds of `model` for `customer_ids` (default: every row of `features`).

    At scale pass only the customers who receive an offer. Rows are explained in batches of `batch_size`;
    with more than one batch, `n_jobs` worker processes explain them side by side (shap's TreeSHAP holds the
    GIL, so threads would not help) and `progress` hears after each batch.
    """
    frame = validate(features)
    if customer_ids is not None:
        frame = frame.loc[frame[CUSTOMER_ID].isin(list(customer_ids))].reset_index(drop=True)
    X = model_matrix(frame)
    calibrated = model.estimator
    preprocess = calibrated.estimator_.named_steps["preprocess"]
    head = calibrated.estimator_[1:]
    grouping = _grouping(column_sources(preprocess))

    base, contributions_of = _explainer(model, head, preprocess, grouping)
    # Equal batches, at least one per process once there is more than one: 23,000 customers in batches of
    # 20,000 and 3,000 would leave one process idle most of the time.
    n_batches = -(-len(X) // batch_size)
    in_parallel = n_batches > 1 and n_jobs > 1
    bounds = np.linspace(0, len(X), max(n_batches, n_jobs if in_parallel else 1) + 1).astype(int)
    batches = (preprocess.transform(X.iloc[a:b]) for a, b in pairwise(bounds))
    if in_parallel:
        parts = Parallel(n_jobs=n_jobs, return_as="generator")(delayed(contributions_of)(Z) for Z in batches)
    else:
        parts = (contributions_of(Z) for Z in batches)
    phi = np.zeros((len(X), len(FEATURES)))
    for start, part in zip(bounds[:-1], parts, strict=True):
        phi[start : start + len(part)] = part
        if progress is not None and len(bounds) > 2:
            progress(f"explained {start + len(part)} of {len(X)} customers")
    phi *= calibrated.slope_
    base_value = calibrated.slope_ * base + calibrated.intercept_

    if len(X):
        deviation = np.max(np.abs(phi.sum(axis=1) + base_value - calibrated.decision_function(X)))
        if deviation > 1e-6:
            raise RuntimeError(
                f"contributions do not add up to the model's log-odds (off by {deviation:.2e})"
            )
    return Explanation(_long_table(frame, X, phi, base_value), _global_importance(X, phi))


def importance_from_contributions(contributions: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """`explain(...).global_importance` of the customers in `contributions` (the long table of
    `customer_feature_contributions`), without computing a single Shapley value again."""
    phi = contributions.pivot(index=CUSTOMER_ID, columns="feature", values="contribution")
    if phi.isna().any().any() or set(phi.columns) != set(FEATURES):
        raise ValueError("contributions must hold every feature of every customer they name")
    frame = validate(features).set_index(CUSTOMER_ID).loc[phi.index].reset_index()
    return _global_importance(model_matrix(frame), phi[list(FEATURES)].to_numpy(dtype=float))


def _grouping(sources: list[str]) -> np.ndarray:
    """(n_columns, n_features) 0/1 matrix: column j was produced by feature k."""
    return np.array([[source == feature for feature in FEATURES] for source in sources], dtype=float)


def import_shap() -> ModuleType:
    """shap, imported where explanations are computed, without its plots.

    Imported here rather than at the top: shap takes seconds to import, and the worker processes that fit
    folds import this package but never explain. shap treats matplotlib as optional and, when it is
    importable, imports every plot module and matplotlib.pyplot with it (0.7 s, nothing of which explains
    a model); hiding matplotlib while shap loads keeps the explainers and leaves the plots out. A process
    that has already imported matplotlib gets shap as it is.
    """
    if "shap" in sys.modules or "matplotlib" in sys.modules:
        import shap

        return shap
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # `import matplotlib` raises ImportError
    try:
        import shap
    finally:
        del sys.modules["matplotlib"]
    return shap


def summed_by_feature(values: np.ndarray, grouping: np.ndarray) -> np.ndarray:
    """Each row's column contributions summed into their features (`grouping`: columns x features, 0/1), one
    row at a time. Not `values @ grouping`: BLAS picks its kernel by the matrices' shapes, so a customer's
    contribution would depend in its last bits on how many customers shared the batch (on Spark, a partition).
    """
    summed = np.zeros((values.shape[0], grouping.shape[1]))
    for k in range(grouping.shape[1]):
        for column in np.flatnonzero(grouping[:, k]):  # left to right, as for a batch of one (not `sum`,
            summed[:, k] += values[:, column]  # whose order of additions also depends on the shape)
    return summed


def _explainer(
    model: TrainedModel, head: Pipeline, preprocess: ColumnTransformer, grouping: np.ndarray
) -> tuple[float, Callable[[np.ndarray], np.ndarray]]:
    """The pipeline margin's base value, and a function from matrix rows to per-feature Shapley values."""
    shap = import_shap()
    estimator = head[-1]
    if model.explainer == "tree":
        tree_explainer = shap.TreeExplainer(estimator)

        def tree(Z: np.ndarray) -> np.ndarray:
            values = np.asarray(tree_explainer.shap_values(Z, check_additivity=False))
            # sklearn tree classifiers are explained per class (probabilities), boosting in raw log-odds.
            return summed_by_feature(values[..., 1] if values.ndim == 3 else values, grouping)

        return float(np.atleast_1d(tree_explainer.expected_value)[-1]), tree

    if model.explainer == "linear":
        background = np.asarray(model.background_mean, dtype=float)[None, :]
        linear_explainer = shap.LinearExplainer(estimator, background)
        base = float(margin(estimator, background)[0])
        return base, lambda Z: summed_by_feature(np.asarray(linear_explainer.shap_values(Z)), grouping)

    # Only features with a column that survives the `select` step can move the output; the others get 0.
    n_columns = grouping.shape[0]
    used = (
        head.named_steps["select"].get_support() if "select" in head.named_steps else np.ones(n_columns, bool)
    )
    players = [k for k in range(len(FEATURES)) if (grouping[:, k].astype(bool) & used).any()]
    groups = [np.flatnonzero(grouping[:, k]) for k in players]
    reference = preprocess.transform(reference_matrix(model.reference))

    def exact(Z: np.ndarray) -> np.ndarray:
        phi = np.zeros((len(Z), len(FEATURES)))
        phi[:, players] = group_shapley(lambda rows: margin(head, rows), Z, reference[0], groups)
        return phi

    return float(margin(head, reference)[0]), exact


def _display(matrix: pd.DataFrame) -> np.ndarray:
    """Feature values as text (rows x features), None for NULL, for tables people read."""
    columns = []
    for feature in FEATURES:
        column = matrix[feature]
        if feature in CATEGORICAL_FEATURES:
            columns.append(column.to_numpy(dtype=object))
        else:
            columns.append(np.array([f"{v:g}" for v in column.to_numpy()], dtype=object))
    values = np.column_stack(columns) if columns else np.empty((0, 0), dtype=object)
    return np.where(matrix[list(FEATURES)].isna().to_numpy(), None, values)


def _long_table(frame: pd.DataFrame, X: pd.DataFrame, phi: np.ndarray, base_value: float) -> pd.DataFrame:
    n, k = phi.shape
    return pd.DataFrame(
        {
            CUSTOMER_ID: np.repeat(frame[CUSTOMER_ID].to_numpy(), k),
            "feature": np.tile(np.array(FEATURES, dtype=object), n),
            "value": _display(X).reshape(-1) if n else np.array([], dtype=object),
            "contribution": phi.reshape(-1),
            "base_value": base_value,
        }
    )


def _numeric_values(column: pd.Series) -> np.ndarray | None:
    """Values usable in a correlation: numbers, and booleans as 0/1; None for genuine categories."""
    if column.dtype != object:
        return column.to_numpy(dtype=float)
    if set(column.dropna().unique()) <= {"True", "False"}:
        return column.map({"True": 1.0, "False": 0.0}).to_numpy(dtype=float)
    return None


def _global_importance(X: pd.DataFrame, phi: np.ndarray) -> pd.DataFrame:
    """Mean |contribution| per feature, and whether higher values raise or lower the risk."""
    rows = []
    for k, feature in enumerate(FEATURES):
        contribution = phi[:, k]
        values = _numeric_values(X[feature])
        correlation = np.nan
        if values is not None:
            known = ~np.isnan(values)
            if known.sum() > 2 and np.std(values[known]) > 0 and np.std(contribution[known]) > 0:
                correlation = float(np.corrcoef(values[known], contribution[known])[0, 1])
        if not np.any(contribution):
            direction = "no_effect"
        elif values is None:
            direction = "depends_on_category"
        elif abs(correlation) >= _MIN_CORRELATION:
            direction = "higher_increases_risk" if correlation > 0 else "higher_decreases_risk"
        else:
            direction = "mixed"
        rows.append(
            {
                "feature": feature,
                "mean_abs_contribution": float(np.mean(np.abs(contribution))) if len(phi) else np.nan,
                "mean_contribution": float(np.mean(contribution)) if len(phi) else np.nan,
                "value_contribution_correlation": correlation,
                "direction": direction,
            }
        )
    table = pd.DataFrame(rows).sort_values("mean_abs_contribution", ascending=False, ignore_index=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return table
