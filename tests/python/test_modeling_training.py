"""`train`: which rows are trained on, out-of-fold probabilities, determinism, the quality gate."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_predict

from one_click.features import CUSTOMER_ID, FEATURES, LABEL
from one_click.modeling import ModelQualityError, check_quality, train
from one_click.modeling.calibration import fit_platt
from one_click.modeling.candidates import FAMILY_BY_NAME
from one_click.modeling.frame import model_matrix, validate
from one_click.modeling.selection import CANDIDATE_COLUMNS, select_model
from one_click.modeling.synthetic import synthetic_features
from one_click.options import TrainingOptions

# The test's own settings (the build's are vars in dbt_project.yml): 3×1 CV, selection on every labelled
# customer of these small stores, and a low bar: these tests are about training, not about the quality gate
# (tested on its own below).
OPTIONS = TrainingOptions(
    training_seed=3, cv_splits=3, cv_repeats=1, selection_sample_size=10_000, min_roc_auc=0.5
)
FAST = dict(n_jobs=1, families=[FAMILY_BY_NAME["logistic_regression"]])


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return synthetic_features(300, seed=7, unlabelled_share=0.25)


@pytest.fixture(scope="module")
def result(features):
    return train(features, OPTIONS, **FAST)


def test_every_customer_gets_one_prediction_of_the_right_kind(features, result):
    predictions = result.predictions
    assert sorted(predictions[CUSTOMER_ID]) == sorted(features[CUSTOMER_ID])
    labelled = predictions[LABEL].notna()
    assert (predictions.loc[labelled, "prediction_kind"] == "out_of_fold").all()
    assert (predictions.loc[~labelled, "prediction_kind"] == "scored").all()
    assert predictions["decline_probability"].between(0, 1).all()
    assert (predictions["model_id"] == result.model.model_id).all()


def test_out_of_fold_probabilities_are_not_in_sample(features, result):
    labelled = result.predictions[result.predictions[LABEL].notna()]
    frame = features.set_index(CUSTOMER_ID).loc[labelled[CUSTOMER_ID]].reset_index()
    in_sample = result.model.estimator.predict_proba(model_matrix(frame))[:, 1]
    oof = labelled["decline_probability"].to_numpy()
    y = labelled[LABEL].astype(bool).to_numpy()
    assert np.mean(np.abs(in_sample - oof)) > 0.01
    assert roc_auc_score(y, in_sample) > roc_auc_score(y, oof)


def test_out_of_fold_probabilities_match_an_independent_cross_val_predict(features, result):
    labelled = validate(features)
    labelled = labelled[labelled[LABEL].notna()]
    X, y = model_matrix(labelled), labelled[LABEL].astype(bool).to_numpy()
    pipeline = FAMILY_BY_NAME[result.model.family].build(3).set_params(**result.model.params)
    folds = result.model.estimator.folds()
    margins = cross_val_predict(pipeline, X, y, cv=folds, method="decision_function")
    expected = np.empty(len(y))
    for train_rows, test_rows in folds.split(X, y):
        slope, intercept = fit_platt(margins[train_rows], y[train_rows])
        expected[test_rows] = expit(slope * margins[test_rows] + intercept)
    got = result.predictions.set_index(CUSTOMER_ID).loc[labelled[CUSTOMER_ID], "decline_probability"]
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=1e-7)


def test_unlabelled_customers_never_enter_training(features, result):
    mutated = features.copy()
    unlabelled = mutated[LABEL].isna()
    rng = np.random.default_rng(0)
    for name in ("pages_per_visit", "promo_purchase_share", "minutes_current_month"):
        mutated.loc[unlabelled, name] = rng.permutation(mutated.loc[unlabelled, name].to_numpy()) * 3
    mutated.loc[unlabelled, "favourite_category"] = "категория, которой нет в обучении"
    again = train(mutated, OPTIONS, **FAST)
    assert again.model.training_fingerprint == result.model.training_fingerprint
    assert again.model.model_id == result.model.model_id
    labelled = features[LABEL].notna().to_numpy()
    before = result.model.estimator.predict_proba(model_matrix(features.loc[labelled]))
    after = again.model.estimator.predict_proba(model_matrix(features.loc[labelled]))
    np.testing.assert_array_equal(before, after)
    oof = again.predictions["prediction_kind"] == "out_of_fold"
    pd.testing.assert_frame_equal(again.predictions[oof], result.predictions[oof])


def test_same_seed_same_output_other_seed_other_folds(features, result):
    # Row order must not matter.
    same = train(features.sample(frac=1.0, random_state=1), OPTIONS, **FAST)
    pd.testing.assert_frame_equal(same.predictions, result.predictions)
    timing = ["fit_seconds"]
    pd.testing.assert_frame_equal(
        same.candidates.drop(columns=timing), result.candidates.drop(columns=timing)
    )
    assert same.honest_estimate == result.honest_estimate
    other = train(features, replace(OPTIONS, training_seed=4), **FAST)
    assert not np.allclose(
        other.predictions["decline_probability"], result.predictions["decline_probability"]
    )


def test_candidates_table(result):
    candidates = result.candidates
    assert list(candidates.columns) == CANDIDATE_COLUMNS
    assert candidates["is_selected"].sum() == 1
    row = candidates.iloc[0]
    assert (
        json.loads(row["best_params"])["model__C"] in FAMILY_BY_NAME["logistic_regression"].grid["model__C"]
    )
    assert 0.5 < row["cv_roc_auc_mean"] <= 1 and row["cv_roc_auc_std"] > 0
    assert 0 < row["brier_score"] < 0.25
    assert result.metrics["brier_calibrated"] < 0.25
    assert set(result.honest_estimate) == {"n", "n_declined", "roc_auc", "brier"}
    assert result.honest_estimate["n"] == pytest.approx(0.2 * result.metrics["n_labelled"], abs=1)


def test_families_that_do_not_scale_or_explain_slowly_are_never_selected(features):
    labelled = features[features[LABEL].notna()].head(150)
    X, y = model_matrix(labelled), labelled[LABEL].astype(bool).to_numpy()
    families = [FAMILY_BY_NAME[name] for name in ("logistic_regression", "knn", "svc")]
    selection = select_model(
        X, y, n_labelled=20_000, seed=0, cv_splits=3, cv_repeats=1, n_jobs=1, families=families
    )
    table = selection.candidates.set_index("family")
    assert table.loc["svc", "note"].startswith("skipped") and np.isnan(table.loc["svc", "cv_roc_auc_mean"])
    assert not table.loc["knn", "is_selectable"] and not np.isnan(table.loc["knn", "cv_roc_auc_mean"])
    assert table.loc["logistic_regression", "is_selected"]


def test_selection_runs_on_a_capped_sample_and_logs_it(features):
    messages: list[str] = []
    capped = train(features, replace(OPTIONS, selection_sample_size=100), progress=messages.append, **FAST)
    assert capped.metrics["n_selection"] == 100
    assert any("subsample of 100" in message for message in messages)


def test_quality_gate():
    check_quality(0.9, 0.85)
    for too_low in (0.84, float("nan")):
        with pytest.raises(ModelQualityError, match=r"below the required 0\.850"):
            check_quality(too_low, 0.85)


def test_train_refuses_a_model_below_min_roc_auc():
    noise = synthetic_features(300, seed=1)
    noise[LABEL] = pd.array(np.random.default_rng(0).random(300) < 0.4, dtype="boolean")
    with pytest.raises(ModelQualityError):
        train(noise, replace(OPTIONS, training_seed=0, min_roc_auc=0.85), **FAST)


def test_features_are_the_contract_ones(result):
    assert result.model.estimator.estimator_.named_steps["preprocess"].feature_names_in_.tolist() == list(
        FEATURES
    )
