"""Platt calibration by cross-fitting, and the reliability table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import GaussianNB

from one_click.modeling.calibration import (
    PlattCalibratedClassifier,
    cross_fitted_probabilities,
    out_of_fold,
    reliability_table,
)


def _data(n: int, seed: int, copies: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    """Three informative signals, each repeated `copies` times (naive Bayes then double-counts them)."""
    rng = np.random.default_rng(seed)
    signal = rng.normal(size=(n, 3))
    y = rng.random(n) < 1 / (1 + np.exp(-signal.sum(axis=1)))
    X = np.repeat(signal, copies, axis=1) + rng.normal(scale=0.3, size=(n, 3 * copies))
    return pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])]), y


def test_matches_calibrated_classifier_cv_sigmoid_without_ensemble():
    X, y = _data(400, seed=0)
    ours = PlattCalibratedClassifier(LogisticRegression(C=0.01), cv=4, random_state=3).fit(X, y)
    folds = StratifiedKFold(n_splits=4, shuffle=True, random_state=3)
    sklearns = CalibratedClassifierCV(LogisticRegression(C=0.01), method="sigmoid", cv=folds, ensemble=False)
    sklearns.fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), sklearns.predict_proba(X), atol=1e-4)


def test_calibration_improves_brier_of_an_overconfident_model():
    # Naive Bayes on five noisy copies of each signal counts the evidence five times: far too confident.
    X, y = _data(1500, seed=1, copies=5)
    X_test, y_test = _data(1500, seed=2, copies=5)
    calibrated = PlattCalibratedClassifier(GaussianNB(), cv=5, random_state=0).fit(X, y)
    raw = calibrated.estimator_.predict_proba(X_test)[:, 1]
    fixed = calibrated.predict_proba(X_test)[:, 1]
    assert np.mean((raw < 0.02) | (raw > 0.98)) > 2 * np.mean((fixed < 0.02) | (fixed > 0.98))
    assert brier_score_loss(y_test, fixed) < brier_score_loss(y_test, raw) - 0.01


def test_decision_function_is_the_calibrated_log_odds():
    X, y = _data(300, seed=4)
    model = PlattCalibratedClassifier(LogisticRegression(), cv=3, random_state=0).fit(X, y)
    p = model.predict_proba(X)[:, 1]
    np.testing.assert_allclose(model.decision_function(X), np.log(p / (1 - p)), rtol=1e-9, atol=1e-9)
    assert set(model.predict(X)) <= {False, True}


def test_cross_fitted_probabilities_use_no_fold_its_own_calibrator():
    X, y = _data(300, seed=5)
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    oof = out_of_fold(LogisticRegression(), X, y, folds)
    cross_fitted = cross_fitted_probabilities(oof, y)
    # Moving one fold's labels must not move that fold's own probabilities, only the others'.
    flipped = y.copy()
    flipped[oof.fold == 0] = ~flipped[oof.fold == 0]
    moved = cross_fitted_probabilities(oof, flipped)
    np.testing.assert_array_equal(moved[oof.fold == 0], cross_fitted[oof.fold == 0])
    assert not np.allclose(moved[oof.fold != 0], cross_fitted[oof.fold != 0])


def test_reliability_table_bins_every_probability_once():
    rng = np.random.default_rng(0)
    p = np.concatenate([rng.random(500), [0.0, 1.0]])
    y = rng.random(len(p)) < p
    table = reliability_table(y, p, n_bins=10)
    assert table["customers"].sum() == len(p)
    assert table["bin"].is_monotonic_increasing
    assert (
        (table["mean_predicted"] >= table["bin_lower"]) & (table["mean_predicted"] <= table["bin_upper"])
    ).all()
    assert table["observed_rate"].between(0, 1).all()
    assert np.corrcoef(table["mean_predicted"], table["observed_rate"])[0, 1] == pytest.approx(1, abs=0.05)


def test_out_of_fold_reports_each_fold_and_scores_every_row_once():
    X, y = _data(200, seed=6)
    heard: list[str] = []
    folds = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    oof = out_of_fold(LogisticRegression(), X, y, folds, progress=heard.append)
    assert heard == [f"out-of-fold fit {k} of 4 done" for k in range(1, 5)]
    assert sorted(np.bincount(oof.fold)) == [50, 50, 50, 50]
    assert not np.isnan(oof.margin).any()
