"""Fitting one family with fixed parameters: K out-of-fold fits, Platt calibration and the final fit.

`train` calls `fit_calibrated` for the selected family; `fit_family` does the same for a family and
parameters given by the caller, without any selection (the tests' quick model of a given family).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from one_click.modeling.calibration import (
    OutOfFold,
    PlattCalibratedClassifier,
    cross_fitted_probabilities,
    out_of_fold,
)
from one_click.modeling.candidates import Family
from one_click.modeling.frame import (
    labelled_mask,
    labels,
    model_matrix,
    reference_customer,
    training_fingerprint,
    validate,
)
from one_click.modeling.registry import TrainedModel

# Below this many rows, fits run single-threaded (OpenMP and BLAS) with folds in parallel processes; above
# it, one fit at a time with all threads. On a shared, busy machine two spinning OpenMP threads made a 0.2 s
# boosting fit on 1,000 rows take 12 s, and two BLAS threads made a logistic regression 7 times slower.
MIN_ROWS_PER_THREADED_FIT = 50_000

# Below this many labelled rows, training starts joblib's worker processes only when a core is idle. On small
# data each fit is short, so starting the workers (each imports scikit-learn and this package) and shipping
# every fit to them only pays while the second core is free. The whole training of the sample (5x2 search of
# six families, calibration, final fit; 1,296 labelled customers) on 2 cores: at load 1, 4.9 s with two
# workers against 6.0 s in one process; at load 3, 10.7 s against 6.3 s (5,000 synthetic customers: 16.7 s
# against 11.7 s). Same model and scores either way: every fit is seeded.
MIN_ROWS_FOR_WORKER_PROCESSES = 10_000


def worker_processes(n_rows: int, n_jobs: int) -> int:
    """Processes for the folds and grid searches of a training on `n_rows` labelled rows: `n_jobs`, except on
    small data while the machine's 1-minute load average leaves no core idle (this run counts as one)."""
    if n_rows >= MIN_ROWS_FOR_WORKER_PROCESSES or n_jobs <= 1:
        return n_jobs
    idle_cores = (os.cpu_count() or 1) - os.getloadavg()[0]
    return n_jobs if idle_cores >= 0.5 else 1


def threads_per_fit(n_rows: int, n_jobs: int) -> int:
    """Threads (OpenMP and BLAS) one fit may use: 1 on small data, where folds run in parallel processes."""
    return 1 if n_rows < MIN_ROWS_PER_THREADED_FIT else n_jobs


def fit_family(
    features: pd.DataFrame,
    family: Family,
    params: dict[str, Any] | None = None,
    *,
    seed: int,
    cv_splits: int,
    n_jobs: int = 2,
) -> tuple[TrainedModel, np.ndarray]:
    """Calibrate and fit one family with fixed parameters on the labelled rows, without any selection.

    Returns the model and the calibrated out-of-fold probabilities of the labelled rows (in customer id
    order). For refits with known parameters, and for tests that need a model of a given family quickly.
    """
    frame = validate(features)
    labelled = frame.loc[labelled_mask(frame)]
    X, y = model_matrix(labelled), labels(labelled)
    fingerprint = training_fingerprint(frame)
    with threadpool_limits(limits=threads_per_fit(len(y), n_jobs)):
        model, oof = fit_calibrated(
            family, params or {}, X, y, fingerprint, seed=seed, cv_splits=cv_splits, n_jobs=n_jobs
        )
    return model, cross_fitted_probabilities(oof, y)


def fit_calibrated(
    family: Family,
    params: dict[str, Any],
    X: pd.DataFrame,
    y: np.ndarray,
    fingerprint: str,
    *,
    seed: int,
    cv_splits: int,
    n_jobs: int,
    progress: Callable[[str], None] | None = None,
) -> tuple[TrainedModel, OutOfFold]:
    """K out-of-fold fits, then the sigmoid on their margins and the final fit on all rows (K + 1 fits)."""
    small = len(y) < MIN_ROWS_PER_THREADED_FIT
    pipeline = family.build(seed).set_params(**params)
    # Only estimators built with an explicit n_jobs (extra trees) get threads; None means the parameter is
    # unused or deprecated (logistic regression).
    if pipeline.get_params().get("model__n_jobs") is not None:
        pipeline.set_params(model__n_jobs=1 if small else n_jobs)
    calibrated = PlattCalibratedClassifier(pipeline, cv=cv_splits, random_state=seed)
    # Fold by fold only where a fit takes long enough for a user to wonder (minutes at a million rows).
    progress = None if small else progress
    oof = out_of_fold(pipeline, X, y, calibrated.folds(), n_jobs=n_jobs if small else 1, progress=progress)
    if progress is not None:
        progress(f"final fit on all {len(y)} labelled customers")
    calibrated.fit_from_out_of_fold(X, y, oof)
    model = TrainedModel(
        estimator=calibrated,
        family=family.name,
        params=params,
        explainer=family.explainer,
        reference=reference_customer(X),
        background_mean=_transformed_mean(calibrated, X),
        training_fingerprint=fingerprint,
        seed=seed,
    )
    return model, oof


def _transformed_mean(
    calibrated: PlattCalibratedClassifier, X: pd.DataFrame, batch: int = 200_000
) -> np.ndarray:
    preprocess = calibrated.estimator_.named_steps["preprocess"]
    total = sum(preprocess.transform(X.iloc[i : i + batch]).sum(axis=0) for i in range(0, len(X), batch))
    return np.asarray(total, dtype=float) / len(X)
