"""Which rows model selection may look at, the per-family grid searches and the `model_candidates` table.

Protocol (all seeded):

1. A stratified `holdout_fraction` of the labelled customers is held back from selection. They are still
   trained on afterwards, but each of them is scored exactly once by a fold model that never saw them and
   was chosen without them, which makes their ROC-AUC an honest estimate of the selected procedure.
2. From the rest, a stratified subsample of at most `selection_sample_size` rows is drawn (logged when it
   bites): at a million customers the search costs the same as at twenty thousand.
3. Each family's grid is searched with `RepeatedStratifiedKFold`, scored by ROC-AUC; the table reports the
   best point's mean and standard deviation over all folds of all repeats. Its Brier score is that of the
   best point after Platt calibration, out-of-fold on one repeat -- the probabilities we would ship.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import (
    GridSearchCV,
    RepeatedStratifiedKFold,
    StratifiedKFold,
    train_test_split,
)

from one_click.modeling.calibration import cross_fitted_probabilities, out_of_fold
from one_click.modeling.candidates import FAMILIES, Family
from one_click.options import TrainingOptions

Report = Callable[[str], None]

CANDIDATE_COLUMNS = [
    "family",
    "best_params",
    "cv_roc_auc_mean",
    "cv_roc_auc_std",
    "brier_score",
    "fit_seconds",
    "is_selected",
    "is_selectable",
    "note",
]


@dataclass(frozen=True)
class SelectionRows:
    """Positions (in the labelled, id-ordered rows) used for selection and held back from it."""

    selection: np.ndarray
    holdout: np.ndarray


def selection_rows(y: np.ndarray, options: TrainingOptions, *, holdout_fraction: float) -> SelectionRows:
    """Stratified holdout, then a stratified subsample of the remainder, at most `selection_sample_size`
    rows, for the grid searches."""
    seed, sample_size = options.training_seed, options.selection_sample_size
    positions = np.arange(len(y))
    if holdout_fraction > 0:
        rest, holdout = train_test_split(positions, test_size=holdout_fraction, stratify=y, random_state=seed)
    else:
        rest, holdout = positions, positions[:0]
    if len(rest) > sample_size:
        rest, _ = train_test_split(rest, train_size=sample_size, stratify=y[rest], random_state=seed)
    return SelectionRows(np.sort(rest), np.sort(holdout))


@dataclass(frozen=True)
class Selection:
    candidates: pd.DataFrame  # one row per family; the winner's `best_params` are JSON text
    family: Family


def _skip_reason(family: Family, n_labelled: int, require_fast_explanations: bool) -> tuple[bool, str]:
    """(evaluate at all?, note). Families that cannot be refitted on all rows are not evaluated."""
    if family.max_rows is not None and n_labelled > family.max_rows:
        return (
            False,
            f"skipped: {n_labelled} labelled customers > {family.max_rows}, the family does not scale",
        )
    if require_fast_explanations and family.explainer == "exact":
        return True, "not selectable: explaining it needs 2**k model calls per customer"
    return True, ""


def _search(
    family: Family, X: pd.DataFrame, y: np.ndarray, *, seed: int, splits: int, repeats: int, n_jobs: int
):
    pipeline = family.build(seed)
    cv = RepeatedStratifiedKFold(n_splits=splits, n_repeats=repeats, random_state=seed)
    search = GridSearchCV(
        pipeline, dict(family.grid), scoring="roc_auc", cv=cv, n_jobs=n_jobs, refit=False, error_score="raise"
    )
    search.fit(X, y)
    best = search.best_index_
    mean = float(search.cv_results_["mean_test_score"][best])
    std = float(search.cv_results_["std_test_score"][best])
    params = search.best_params_
    return clone(pipeline).set_params(**params), params, mean, std


def select_model(
    X: pd.DataFrame,
    y: np.ndarray,
    *,
    n_labelled: int,
    seed: int,
    cv_splits: int,
    cv_repeats: int,
    n_jobs: int,
    families: Sequence[Family] = FAMILIES,
    require_fast_explanations: bool = True,
    report: Report = lambda message: None,
) -> Selection:
    """Search every family on the selection rows and pick the best ROC-AUC among the selectable ones."""
    rows: list[dict[str, object]] = []
    for family in families:
        evaluate, note = _skip_reason(family, n_labelled, require_fast_explanations)
        row: dict[str, object] = {"family": family.name, "is_selectable": evaluate and not note, "note": note}
        if not evaluate:
            report(f"{family.name}: {note}")
            rows.append(row)
            continue
        start = time.perf_counter()
        pipeline, params, mean, std = _search(
            family, X, y, seed=seed, splits=cv_splits, repeats=cv_repeats, n_jobs=n_jobs
        )
        folds = StratifiedKFold(n_splits=cv_splits, shuffle=True, random_state=seed)
        calibrated = cross_fitted_probabilities(out_of_fold(pipeline, X, y, folds, n_jobs=n_jobs), y)
        row |= {
            "best_params": json.dumps(params, sort_keys=True, default=str),
            "cv_roc_auc_mean": mean,
            "cv_roc_auc_std": std,
            "brier_score": float(brier_score_loss(y, calibrated)),
            "fit_seconds": time.perf_counter() - start,
        }
        rows.append(row)
        report(
            f"{family.name}: ROC-AUC {mean:.3f} ± {std:.3f}, "
            f"Brier {row['brier_score']:.3f}, {row['best_params']}"
        )
    candidates = pd.DataFrame(rows).reindex(columns=CANDIDATE_COLUMNS)
    selectable = candidates[candidates["is_selectable"].astype(bool)]
    if selectable.empty:
        raise ValueError("no selectable model family for this data size; see the candidates' notes")
    winner = str(selectable.loc[selectable["cv_roc_auc_mean"].idxmax(), "family"])
    candidates["is_selected"] = candidates["family"] == winner
    family = next(f for f in families if f.name == winner)
    return Selection(candidates, family)
