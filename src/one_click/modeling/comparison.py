"""The notebooks' models next to the searched families, on the same rows and the same folds.

The brief's notebooks reported CV ROC-AUC 0.904-0.917 for kNN (12 neighbours), L1 logistic regression
(C=2) and SVC. Re-scoring those models here, on the rows and `RepeatedStratifiedKFold` splits that
`train` uses for model selection, turns "we beat the notebooks" into a like-for-like measurement.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score
from threadpoolctl import threadpool_limits

from one_click.modeling.candidates import reference_pipelines
from one_click.modeling.frame import labelled_mask, labels, model_matrix, validate
from one_click.modeling.selection import selection_rows
from one_click.options import TrainingOptions


def evaluate_seed_models(
    features: pd.DataFrame,
    options: TrainingOptions,
    *,
    holdout_fraction: float = 0.2,
    n_jobs: int = 2,
) -> pd.DataFrame:
    """ROC-AUC mean and std of the notebooks' models; pass the same options and holdout as to `train`."""
    frame = validate(features)
    labelled = frame.loc[labelled_mask(frame)]
    X, y = model_matrix(labelled), labels(labelled)
    rows = selection_rows(y, options, holdout_fraction=holdout_fraction)
    X, y = X.iloc[rows.selection], y[rows.selection]
    cv = RepeatedStratifiedKFold(
        n_splits=options.cv_splits, n_repeats=options.cv_repeats, random_state=options.training_seed
    )
    table = []
    with threadpool_limits(limits=1):
        for name, pipeline in reference_pipelines().items():
            start = time.perf_counter()
            scores = cross_val_score(
                pipeline, X, y, scoring="roc_auc", cv=cv, n_jobs=n_jobs, error_score="raise"
            )
            table.append(
                {
                    "family": name,
                    "cv_roc_auc_mean": float(np.mean(scores)),
                    "cv_roc_auc_std": float(np.std(scores)),
                    "fit_seconds": time.perf_counter() - start,
                }
            )
    return pd.DataFrame(table)


def side_by_side(candidates: pd.DataFrame, seed_models: pd.DataFrame) -> pd.DataFrame:
    """One table, best first: the candidates (kind 'candidate') and the notebooks' models ('seed_model')."""
    columns = ["family", "kind", "cv_roc_auc_mean", "cv_roc_auc_std", "brier_score", "is_selected", "note"]
    both = pd.concat(
        [candidates.assign(kind="candidate"), seed_models.assign(kind="seed_model", is_selected=False)],
        ignore_index=True,
    )
    return both.reindex(columns=columns).sort_values("cv_roc_auc_mean", ascending=False, ignore_index=True)
