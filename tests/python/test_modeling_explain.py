"""Explanations: additive to the published log-odds, per mart feature, global importance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import logit

from one_click.features import CUSTOMER_ID, FEATURES
from one_click.modeling import explain, importance_from_contributions, predict
from one_click.modeling.candidates import FAMILIES, FAMILY_BY_NAME
from one_click.modeling.explain import summed_by_feature
from one_click.modeling.fitting import fit_family
from one_click.modeling.frame import model_matrix
from one_click.modeling.shapley import group_shapley
from one_click.modeling.synthetic import synthetic_features


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return synthetic_features(300, seed=5, unlabelled_share=0.1)


def _train(features: pd.DataFrame, family_name: str):
    return fit_family(features, FAMILY_BY_NAME[family_name], seed=0, cv_splits=3, n_jobs=1)[0]


@pytest.fixture(scope="module")
def logistic(features):
    return _train(features, "logistic_regression")


@pytest.mark.parametrize("family", [f.name for f in FAMILIES])
def test_contributions_plus_base_value_give_the_published_log_odds(features, family):
    model = _train(features, family)
    some = features[CUSTOMER_ID].iloc[::10]
    contributions = explain(model, features, customer_ids=some).contributions
    per_customer = contributions.groupby(CUSTOMER_ID).agg(
        total=("contribution", "sum"), base=("base_value", "first")
    )
    scored = predict(model, features).set_index(CUSTOMER_ID).loc[per_customer.index, "decline_probability"]
    np.testing.assert_allclose(per_customer["total"] + per_customer["base"], logit(scored), atol=1e-6)
    assert sorted(per_customer.index) == sorted(some)


def test_one_hot_columns_are_summed_back_to_their_feature(features, logistic):
    table = explain(logistic, features).contributions
    assert (
        table.groupby(CUSTOMER_ID)["feature"].apply(list) == [list(FEATURES)] * table[CUSTOMER_ID].nunique()
    ).all()
    # Linear model: a feature's contribution is slope * sum over its one-hot columns of coef * (z - mean z).
    pipeline = logistic.estimator.estimator_
    preprocess, coef = pipeline.named_steps["preprocess"], pipeline.named_steps["model"].coef_[0]
    names = preprocess.get_feature_names_out()
    category_columns = [
        i for i, name in enumerate(names) if name.startswith("categorical__favourite_category_")
    ]
    assert len(category_columns) == 6
    Z = preprocess.transform(model_matrix(features.sort_values(CUSTOMER_ID)))
    centred = Z[:, category_columns] - logistic.background_mean[category_columns]
    expected = logistic.estimator.slope_ * centred @ coef[category_columns]
    got = table.loc[table["feature"] == "favourite_category", "contribution"].to_numpy()
    np.testing.assert_allclose(got, expected, atol=1e-9)


def test_global_importance_ranks_features_and_reads_their_direction(features, logistic):
    table = explain(logistic, features).global_importance.set_index("feature")
    assert sorted(table.index) == sorted(FEATURES) and list(table["rank"]) == list(
        range(1, len(FEATURES) + 1)
    )
    assert table["mean_abs_contribution"].is_monotonic_decreasing
    # synthetic_features' risk: promo share raises it, pages and minutes lower it, category has no order.
    assert table.loc["promo_purchase_share", "direction"] == "higher_increases_risk"
    assert table.loc["pages_per_visit", "direction"] == "higher_decreases_risk"
    assert table.loc["favourite_category", "direction"] == "depends_on_category"
    assert table.loc["pages_per_visit", "rank"] < table.loc["days_since_registration", "rank"]


def test_exact_group_shapley_on_a_known_game():
    def f(rows: np.ndarray) -> np.ndarray:
        return rows[:, 0] * rows[:, 1] + 2 * rows[:, 2] + rows[:, 3]

    Z = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, -1.0, 0.5, 1.0]])
    reference = np.zeros(4)
    phi = group_shapley(f, Z, reference, [np.array([0]), np.array([1]), np.array([2, 3])])
    expected = np.array([[1.0, 1.0, 10.0], [-1.0, -1.0, 2.0]])  # the product split evenly; columns 2+3 pooled
    np.testing.assert_allclose(phi, expected)


@pytest.mark.parametrize(
    ("family", "n_jobs"),
    [("logistic_regression", 1), ("logistic_regression", 2), ("hist_gradient_boosting", 2)],
)
def test_batches_give_the_same_contributions_and_report_progress(features, family, n_jobs):
    model = _train(features, family)
    heard: list[str] = []
    batched = explain(model, features, batch_size=128, n_jobs=n_jobs, progress=heard.append).contributions
    whole = explain(model, features).contributions
    pd.testing.assert_frame_equal(batched, whole)
    assert len(features) == 300  # three equal batches of 100, the last one ending at 300
    assert heard == [f"explained {n} of 300 customers" for n in (100, 200, 300)]


def test_importance_from_stored_contributions_equals_a_fresh_explanation(features, logistic):
    explained = explain(logistic, features)
    shuffled = explained.contributions.sample(frac=1.0, random_state=1)
    pd.testing.assert_frame_equal(
        importance_from_contributions(shuffled, features), explained.global_importance
    )
    with pytest.raises(ValueError, match="every feature of every customer"):
        importance_from_contributions(explained.contributions.iloc[1:], features)


def test_a_customers_contributions_do_not_depend_on_the_batch() -> None:
    rng = np.random.default_rng(0)
    values = rng.normal(size=(1000, 40)) * 10.0 ** rng.integers(-8, 3, size=(1000, 40))
    grouping = np.zeros((40, 7))
    grouping[np.arange(40), rng.integers(0, 7, size=40)] = 1
    together = summed_by_feature(values, grouping)
    alone = np.vstack([summed_by_feature(values[i : i + 1], grouping) for i in range(0, 1000, 97)])
    assert np.array_equal(together[::97], alone)
    np.testing.assert_allclose(together, values @ grouping, rtol=1e-12, atol=1e-300)
