"""`train`: model selection, calibration, out-of-fold probabilities and the final fit, in one call.

Cost at n labelled customers: the grid searches run on at most `selection_sample_size` rows whatever n is;
then the winner is fitted `cv_splits + 1` times on about n rows (the out-of-fold fits double as the
calibration fits, see `calibration`), and scoring is batched. Families that cannot be refitted on n rows
(kNN above 50k, SVC above 10k) are not candidates.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, roc_auc_score
from threadpoolctl import threadpool_limits

from one_click.features import CUSTOMER_ID
from one_click.modeling.calibration import (
    OutOfFold,
    cross_fitted_probabilities,
    reliability_table,
)
from one_click.modeling.candidates import FAMILIES, Family
from one_click.modeling.fitting import fit_calibrated, threads_per_fit, worker_processes
from one_click.modeling.frame import (
    labelled_mask,
    labels,
    model_matrix,
    training_fingerprint,
    validate,
)
from one_click.modeling.registry import TrainedModel
from one_click.modeling.scoring import predict, predictions_frame
from one_click.modeling.selection import select_model, selection_rows
from one_click.options import TrainingOptions

logger = logging.getLogger("one_click.modeling")

ProgressCallback = Callable[[str], None]


class ModelQualityError(RuntimeError):
    """The selected model's cross-validated ROC-AUC is below the required minimum."""


def check_quality(roc_auc: float, min_roc_auc: float, *, what: str = "the selected model") -> None:
    """Raise `ModelQualityError` when `roc_auc` < `min_roc_auc` (the dbt var `min_roc_auc`)."""
    if not roc_auc >= min_roc_auc:  # also catches NaN
        raise ModelQualityError(
            f"{what} reaches a cross-validated ROC-AUC of {roc_auc:.3f}, below the required "
            f"{min_roc_auc:.3f}; no model is published. Check the mart (label balance, NULL features) "
            "before lowering the threshold."
        )


@dataclass(frozen=True)
class TrainingResult:
    """Everything a training run produces; each DataFrame is meant to become a dbt table."""

    model: TrainedModel
    candidates: pd.DataFrame  # model_candidates
    predictions: pd.DataFrame  # out_of_fold for labelled customers, scored for unlabelled ones
    reliability: pd.DataFrame  # bins of the calibrated out-of-fold probabilities
    metrics: dict[str, Any]
    honest_estimate: dict[str, Any] = field(default_factory=dict)  # empty when holdout_fraction = 0


class _Reporter:
    def __init__(self, progress: ProgressCallback | None) -> None:
        self._progress = progress
        self._start = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self._start

    def __call__(self, message: str) -> None:
        text = f"[{self.elapsed:6.1f}s] {message}"
        logger.info(text)
        if self._progress is not None:
            self._progress(text)


def train(
    features: pd.DataFrame,
    options: TrainingOptions,
    *,
    holdout_fraction: float = 0.2,
    families: Sequence[Family] = FAMILIES,
    require_fast_explanations: bool = True,
    n_jobs: int = 2,
    progress: ProgressCallback | None = None,
) -> TrainingResult:
    """Select, calibrate and fit the activity-decline model on the labelled rows of `customer_features`.

    Customers whose label is NULL never reach any fit; they get `prediction_kind = 'scored'` from the final
    model, labelled customers `'out_of_fold'` probabilities. With `require_fast_explanations`, kNN and SVC
    are evaluated and reported but cannot be selected: every offer needs its reasons, and these two have no
    fast exact explainer. `options` holds the seed, the CV settings, the selection sample's size and the
    quality gate (the dbt vars of those names, declared only there). Raises `ModelQualityError`, before the
    expensive fits, when the winner's CV ROC-AUC is below `min_roc_auc`. `progress` receives one line per
    stage (for dbt's log).
    """
    seed, cv_splits = options.training_seed, options.cv_splits
    report = _Reporter(progress)
    frame = validate(features)
    is_labelled = labelled_mask(frame)
    labelled = frame.loc[is_labelled]
    X, y = model_matrix(labelled), labels(labelled)
    n = len(y)
    report(f"{n} labelled customers ({y.mean():.1%} declined), {int((~is_labelled).sum())} unlabelled")
    processes = worker_processes(n, n_jobs)
    if processes < n_jobs:
        report("training in this one process: small data, and no idle core for worker processes")
    n_jobs = processes
    rows = selection_rows(y, options, holdout_fraction=holdout_fraction)
    if len(rows.selection) < n - len(rows.holdout):
        report(f"model selection on a stratified subsample of {len(rows.selection)} customers")
    with threadpool_limits(limits=threads_per_fit(n, n_jobs)):
        selection = select_model(
            X.iloc[rows.selection],
            y[rows.selection],
            n_labelled=n,
            seed=seed,
            cv_splits=cv_splits,
            cv_repeats=options.cv_repeats,
            n_jobs=n_jobs,
            families=families,
            require_fast_explanations=require_fast_explanations,
            report=report,
        )
        winner = selection.candidates.loc[selection.candidates["is_selected"]].iloc[0]
        report(f"selected {selection.family.name}")
        check_quality(
            winner["cv_roc_auc_mean"], options.min_roc_auc, what=f"the best family ({winner['family']})"
        )

        params = json.loads(winner["best_params"])
        fingerprint = training_fingerprint(frame)
        model, oof = fit_calibrated(
            selection.family,
            params,
            X,
            y,
            fingerprint,
            seed=seed,
            cv_splits=cv_splits,
            n_jobs=n_jobs,
            progress=report,
        )
        report(f"{cv_splits} out-of-fold fits and the final fit on {n} customers done")
        probabilities = cross_fitted_probabilities(oof, y)
        parts = [predictions_frame(labelled, probabilities, "out_of_fold", model.model_id)]
        if not is_labelled.all():
            parts.append(predict(model, frame.loc[~is_labelled]))
    predictions = pd.concat(parts, ignore_index=True).sort_values(CUSTOMER_ID, ignore_index=True)

    metrics = _metrics(model, winner, X, y, oof, probabilities) | {
        "n_unlabelled": int((~is_labelled).sum()),
        "n_selection": len(rows.selection),
        "seconds": report.elapsed,
    }
    if metrics["duplicate_labelled_rows"]:
        report(
            f"warning: {metrics['duplicate_labelled_rows']} labelled customers repeat another one's features "
            "and label; across folds they flatter memorising models (kNN, small-leaf trees)"
        )
    honest = _honest_estimate(y, probabilities, rows.holdout)
    held_back = f"; held-back ROC-AUC {honest['roc_auc']:.3f} on {honest['n']} customers" if honest else ""
    oof_auc, brier = metrics["oof_roc_auc"], metrics["brier_calibrated"]
    report(f"done: out-of-fold ROC-AUC {oof_auc:.3f}, Brier {brier:.3f}{held_back}")
    reliability = reliability_table(y, probabilities)
    return TrainingResult(model, selection.candidates, predictions, reliability, metrics, honest)


def _metrics(
    model: TrainedModel,
    winner: pd.Series,
    X: pd.DataFrame,
    y: np.ndarray,
    oof: OutOfFold,
    calibrated: np.ndarray,
) -> dict[str, Any]:
    has_probabilities = not np.isnan(oof.uncalibrated).any()  # SVC has none before calibration
    return {
        "model_id": model.model_id,
        "family": model.family,
        "seed": model.seed,
        "n_labelled": len(y),
        "cv_roc_auc_mean": float(winner["cv_roc_auc_mean"]),
        "cv_roc_auc_std": float(winner["cv_roc_auc_std"]),
        # Optimistic by the selection step for the rows selection saw; the honest estimate is not.
        "oof_roc_auc": float(roc_auc_score(y, calibrated)),
        "brier_uncalibrated": float(brier_score_loss(y, oof.uncalibrated)) if has_probabilities else None,
        "brier_calibrated": float(brier_score_loss(y, calibrated)),
        "calibration_slope": model.estimator.slope_,
        "calibration_intercept": model.estimator.intercept_,
        "duplicate_labelled_rows": int(X.assign(label=y).duplicated().sum()),
        "training_fingerprint": model.training_fingerprint,
    }


def _honest_estimate(y: np.ndarray, probabilities: np.ndarray, holdout: np.ndarray) -> dict[str, Any]:
    """Scores on the customers model selection never saw, each predicted once by a model that never saw it."""
    if len(holdout) == 0 or len(np.unique(y[holdout])) < 2:
        return {}
    return {
        "n": len(holdout),
        "n_declined": int(y[holdout].sum()),
        "roc_auc": float(roc_auc_score(y[holdout], probabilities[holdout])),
        "brier": float(brier_score_loss(y[holdout], probabilities[holdout])),
    }
