"""The registry row round-trips, and scoring reuses an out-of-fold probability only for the very row it was
computed on."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from one_click.modeling import explain, train
from one_click.modeling.synthetic import synthetic_features
from one_click.options import ExplanationOptions, ImportanceOptions, TrainingOptions
from one_click.pandas_path import customers_to_explain, global_importance, score_customers
from one_click.published import published_model, registry_row, row_fingerprints


@pytest.fixture(scope="module")
def trained() -> tuple[pd.DataFrame, pd.DataFrame]:
    features = synthetic_features(400, seed=3, unlabelled_share=0.1)
    options = TrainingOptions(
        training_seed=3, cv_splits=3, cv_repeats=1, selection_sample_size=10_000, min_roc_auc=0.5
    )
    result = train(features, options, n_jobs=1)
    return features, registry_row(result, features, seed=3)


def test_registry_row_round_trips_to_the_same_model(trained: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    features, row = trained
    published = published_model(row)
    assert published.model_id == row.loc[0, "model_id"]
    assert published.table("candidates_blob")["is_selected"].sum() == 1
    assert len(published.table("reference_features_blob")) == len(features)


def test_labelled_training_rows_keep_their_out_of_fold_probability(
    trained: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    features, row = trained
    scored = score_customers(published_model(row), features)
    out_of_fold = published_model(row).table("out_of_fold_blob").set_index("customer_id")
    labelled = scored.loc[scored["prediction_kind"] == "out_of_fold"].set_index("customer_id")

    assert len(scored) == len(features)
    assert len(labelled) == features["is_activity_declined"].notna().sum()
    np.testing.assert_allclose(
        labelled["decline_probability"], out_of_fold.loc[labelled.index, "decline_probability"]
    )
    assert (scored.loc[scored["is_activity_declined"].isna(), "prediction_kind"] == "scored").all()


def test_a_customer_whose_data_changed_is_scored_not_reused(
    trained: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    features, row = trained
    changed = features.copy()
    first_labelled = changed.index[changed["is_activity_declined"].notna()][0]
    changed.loc[first_labelled, "pages_per_visit"] += 5
    customer = changed.loc[first_labelled, "customer_id"]

    scored = score_customers(published_model(row), changed).set_index("customer_id")

    assert scored.loc[customer, "prediction_kind"] == "scored"
    assert (row_fingerprints(changed) != row_fingerprints(features)).sum() == 1


def test_an_empty_registry_says_what_to_do() -> None:
    with pytest.raises(LookupError, match="retrain: true"):
        published_model(pd.DataFrame())


def test_only_actionable_customers_are_explained_above_the_limit() -> None:
    segments = pd.DataFrame(
        {"customer_id": [1, 2, 3], "segment": ["high_value_at_risk", "low_value_stable", "x"]}
    )
    above = ExplanationOptions(actionable_segments=["high_value_at_risk"], explain_everyone_up_to=2)
    assert customers_to_explain(segments, above) == [1]
    below = ExplanationOptions(actionable_segments=[], explain_everyone_up_to=3)
    assert customers_to_explain(segments, below) == [1, 2, 3]


def test_importance_summarises_contributions_only_when_they_cover_everyone(
    trained: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    features, row = trained
    published = published_model(row)
    everyone = explain(published.model, features)
    connection = duckdb.connect()
    heard: list[str] = []
    options = ImportanceOptions(importance_sample_size=50, training_seed=0)

    from_all = global_importance(
        published,
        features,
        connection.from_df(everyone.contributions),
        options,
        progress=heard.append,
    )
    pd.testing.assert_frame_equal(from_all, everyone.global_importance)

    # Contributions of a subset (the segments worth acting on, at scale) are never summarised: a random
    # sample of `sample_size` customers is explained instead.
    some = everyone.contributions.loc[
        everyone.contributions["customer_id"].isin(features["customer_id"][:40])
    ]
    from_sample = global_importance(
        published, features, connection.from_df(some), options, progress=heard.append
    )
    expected = explain(published.model, features.sample(50, random_state=0)).global_importance
    pd.testing.assert_frame_equal(from_sample, expected)
    assert heard == [
        f"importance from the contributions of all {len(features)} customers",
        f"importance on a random sample of 50 of {len(features)} customers",
    ]
