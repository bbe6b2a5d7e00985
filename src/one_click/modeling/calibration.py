"""Platt calibration fitted by cross-fitting, out-of-fold probabilities and the reliability table.

`PlattCalibratedClassifier` is `CalibratedClassifierCV(method="sigmoid", ensemble=False)` made explicit
(a test checks they agree): a sigmoid is fitted on the out-of-fold margins of K pipelines and applied to one
pipeline refitted on all rows. Doing it by hand buys two things:

* the K out-of-fold fits are needed anyway for the customers' out-of-fold probabilities, so training makes
  K + 1 fits in total instead of K + 1 per calibrated model -- the difference between minutes and hours at
  a million customers;
* `decision_function` returns the calibrated log-odds, `slope * margin + intercept`, which is affine in the
  pipeline's margin: Shapley values of the margin times `slope` are exactly those of the calibrated model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.sparse import issparse
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

if TYPE_CHECKING:
    from sklearn.model_selection import StratifiedKFold

# What only fitting needs (scipy.optimize, joblib's pool, the fold splitter) is imported inside the functions
# that fit: loading a stored model and scoring with it, as a scoring-only run does, needs none of it.


def margin(estimator: BaseEstimator, X: pd.DataFrame | np.ndarray) -> np.ndarray:
    """The score Platt scaling is fitted on: `decision_function` when there is one, else P(class 1).

    Same rule as `CalibratedClassifierCV`: log-odds for logistic regression and gradient boosting, the signed
    distance for SVC, the probability for kNN and trees.
    """
    linear = _linear_margin(estimator, X)
    if linear is not None:
        return linear
    if hasattr(estimator, "decision_function"):
        return np.asarray(estimator.decision_function(X), dtype=float).ravel()
    return np.asarray(estimator.predict_proba(X), dtype=float)[:, 1]


def _linear_margin(estimator: BaseEstimator, X: pd.DataFrame | np.ndarray) -> np.ndarray | None:
    """A binary logistic regression's margin summed row by row, or None for any other model.

    sklearn computes it as one matrix product, whose BLAS kernels round a row differently depending on how
    many rows share the call; summed per row, a customer's score is the same in any batch (a 200,000-row
    batch here, an Arrow batch inside a Spark task there).
    """
    final = estimator[-1] if isinstance(estimator, Pipeline) else estimator
    if not isinstance(final, LogisticRegression) or np.shape(final.coef_)[0] != 1:
        return None
    Z = estimator[:-1].transform(X) if isinstance(estimator, Pipeline) else X
    if issparse(Z):
        return None
    Z = np.asarray(Z, dtype=float)
    return (Z * np.asarray(final.coef_, dtype=float)[0]).sum(axis=1) + float(final.intercept_[0])


def fit_platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of P(y) = expit(slope * margin + intercept), as in Platt (1999).

    Platt's smoothed targets ((n+ + 1) / (n+ + 2) and 1 / (n- + 2)) keep a separable fold from producing an
    infinite slope; sklearn's sigmoid calibration uses the same targets.
    """
    y = np.asarray(y, dtype=bool)
    n_pos = float(y.sum())
    n_neg = float(y.size - n_pos)
    target = np.where(y, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))
    # Large margins are rescaled for the optimiser only; the fitted sigmoid is the same.
    scale = max(1.0, float(np.max(np.abs(margins))) / 30.0)
    f = np.asarray(margins, dtype=float) / scale

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        z = params[0] * f + params[1]
        residual = expit(z) - target
        value = float(np.sum(np.logaddexp(0.0, z) - target * z))
        return value, np.array([residual @ f, residual.sum()])

    start = np.array([0.0, np.log((n_pos + 1.0) / (n_neg + 1.0))])
    from scipy.optimize import minimize

    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"gtol": 1e-8, "ftol": 1e-12})
    return float(result.x[0] / scale), float(result.x[1])


@dataclass(frozen=True)
class OutOfFold:
    """Per training row: the margin and uncalibrated P(class 1) from the fold model that did not see it."""

    margin: np.ndarray
    uncalibrated: np.ndarray  # NaN for families without predict_proba (SVC)
    fold: np.ndarray


def _fit_and_score(
    estimator: BaseEstimator, X: pd.DataFrame, y: np.ndarray, train: np.ndarray, test: np.ndarray
) -> tuple[np.ndarray, np.ndarray | None]:
    fitted = clone(estimator).fit(X.iloc[train], y[train])
    held_out = X.iloc[test]
    probability = fitted.predict_proba(held_out)[:, 1] if hasattr(fitted, "predict_proba") else None
    return margin(fitted, held_out), probability


def out_of_fold(
    estimator: BaseEstimator,
    X: pd.DataFrame,
    y: np.ndarray,
    folds: StratifiedKFold,
    *,
    n_jobs: int = 1,
    progress: Callable[[str], None] | None = None,
) -> OutOfFold:
    """Fit a clone of `estimator` per fold, `n_jobs` folds at a time, and score the rows it left out.

    `progress` hears as each fold finishes: on a million rows one fold takes minutes.
    """
    from joblib import Parallel, delayed

    y = np.asarray(y)
    splits = list(folds.split(X, y))
    results = []
    fits = Parallel(n_jobs=n_jobs, return_as="generator")(
        delayed(_fit_and_score)(estimator, X, y, tr, te) for tr, te in splits
    )
    for done, fold_result in enumerate(fits, start=1):
        results.append(fold_result)
        if progress is not None:
            progress(f"out-of-fold fit {done} of {len(splits)} done")
    scores = np.full(len(y), np.nan)
    uncalibrated = np.full(len(y), np.nan)
    fold_of = np.full(len(y), -1)
    for k, ((_, test), (fold_margin, fold_probability)) in enumerate(zip(splits, results, strict=True)):
        scores[test] = fold_margin
        if fold_probability is not None:
            uncalibrated[test] = fold_probability
        fold_of[test] = k
    return OutOfFold(scores, uncalibrated, fold_of)


def cross_fitted_probabilities(oof: OutOfFold, y: np.ndarray) -> np.ndarray:
    """Calibrated out-of-fold probabilities: each fold's margins through a sigmoid fitted on the other folds.

    So neither the pipeline nor the calibrator that produce a customer's probability saw that customer.
    """
    y = np.asarray(y, dtype=bool)
    probabilities = np.empty(len(y))
    for k in np.unique(oof.fold):
        held_out = oof.fold == k
        slope, intercept = fit_platt(oof.margin[~held_out], y[~held_out])
        probabilities[held_out] = expit(slope * oof.margin[held_out] + intercept)
    return probabilities


class PlattCalibratedClassifier(ClassifierMixin, BaseEstimator):
    """A binary classifier whose probabilities are Platt-calibrated on out-of-fold margins.

    Parameters
    ----------
    estimator : the pipeline to calibrate (cloned, never fitted in place).
    cv : number of stratified folds whose out-of-fold margins fit the sigmoid.
    random_state : seed of the fold shuffling.

    Attributes
    ----------
    estimator_ : the pipeline refitted on all training rows; it produces every prediction.
    slope_, intercept_ : the sigmoid; `decision_function(X) = slope_ * margin(estimator_, X) + intercept_`.
    classes_ : the two labels, positive class last.
    """

    def __init__(self, estimator: BaseEstimator, *, cv: int = 5, random_state: int | None = None) -> None:
        self.estimator = estimator
        self.cv = cv
        self.random_state = random_state

    def folds(self) -> StratifiedKFold:
        """The fold scheme `fit` uses; training reuses it for out-of-fold probabilities."""
        from sklearn.model_selection import StratifiedKFold

        return StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=self.random_state)

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> PlattCalibratedClassifier:
        """Cross-fit the margins, fit the sigmoid on them and refit the pipeline on all rows."""
        return self.fit_from_out_of_fold(X, y, out_of_fold(self.estimator, X, y, self.folds()))

    def fit_from_out_of_fold(
        self, X: pd.DataFrame, y: np.ndarray, oof: OutOfFold
    ) -> PlattCalibratedClassifier:
        """Finish `fit` from out-of-fold margins already computed with `folds()` (saves K fits)."""
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        if self.classes_.size != 2:
            raise ValueError(f"need two classes to calibrate, got {self.classes_.tolist()}")
        self.slope_, self.intercept_ = fit_platt(oof.margin, y == self.classes_[1])
        self.estimator_ = clone(self.estimator).fit(X, y)
        return self

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated log-odds of the positive class -- the quantity `explain` decomposes."""
        return self.slope_ * margin(self.estimator_, X) + self.intercept_

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        positive = expit(self.decision_function(X))
        return np.column_stack([1.0 - positive, positive])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[(self.decision_function(X) > 0).astype(int)]


def reliability_table(y: np.ndarray, probabilities: np.ndarray, n_bins: int = 10) -> pd.DataFrame:
    """Equal-width bins: mean predicted probability, observed rate and customers (empty bins dropped)."""
    y = np.asarray(y, dtype=float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.clip(np.digitize(probabilities, edges[1:-1]), 0, n_bins - 1)
    frame = pd.DataFrame({"bin": bins, "predicted": probabilities, "observed": y})
    table = frame.groupby("bin").agg(
        mean_predicted=("predicted", "mean"),
        observed_rate=("observed", "mean"),
        customers=("observed", "size"),
    )
    table = table.reset_index()
    table.insert(1, "bin_lower", edges[table["bin"]])
    table.insert(2, "bin_upper", edges[table["bin"] + 1])
    return table
