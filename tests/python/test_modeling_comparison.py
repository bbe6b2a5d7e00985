"""The notebooks' models are scored on the candidates' rows and folds."""

from __future__ import annotations

import json

import pytest

from one_click.modeling import comparison, evaluate_seed_models, side_by_side, train
from one_click.modeling.candidates import FAMILY_BY_NAME
from one_click.modeling.synthetic import synthetic_features
from one_click.options import TrainingOptions

OPTIONS = TrainingOptions(
    training_seed=2, cv_splits=3, cv_repeats=2, selection_sample_size=120, min_roc_auc=0.5
)
LOGISTIC = FAMILY_BY_NAME["logistic_regression"]


@pytest.fixture(scope="module")
def features():
    return synthetic_features(240, seed=9, unlabelled_share=0.2)


def test_seed_models_are_scored_on_exactly_the_candidates_rows_and_folds(features, monkeypatch):
    result = train(features, OPTIONS, families=[LOGISTIC], n_jobs=1)
    winner = result.candidates.iloc[0]
    same_as_winner = LOGISTIC.build(OPTIONS.training_seed).set_params(**json.loads(winner["best_params"]))
    monkeypatch.setattr(comparison, "reference_pipelines", lambda: {"copy_of_winner": same_as_winner})
    copy = evaluate_seed_models(features.sample(frac=1.0, random_state=0), OPTIONS, n_jobs=1).iloc[0]
    assert copy["cv_roc_auc_mean"] == winner["cv_roc_auc_mean"]
    assert copy["cv_roc_auc_std"] == winner["cv_roc_auc_std"]


def test_side_by_side_table(features):
    result = train(features, OPTIONS, families=[LOGISTIC], n_jobs=1)
    seeds = evaluate_seed_models(features, OPTIONS, n_jobs=1)
    assert list(seeds["family"]) == ["seed_knn_12", "seed_logistic_l1_c2", "seed_svc_rbf"]
    assert seeds["cv_roc_auc_mean"].between(0.5, 1).all() and (seeds["cv_roc_auc_std"] > 0).all()
    table = side_by_side(result.candidates, seeds)
    assert len(table) == 4 and table["cv_roc_auc_mean"].is_monotonic_decreasing
    assert set(table["kind"]) == {"candidate", "seed_model"} and table["is_selected"].sum() == 1
