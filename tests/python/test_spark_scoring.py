"""The Spark path (mapInPandas on a local Spark) gives exactly what the pandas path gives: probabilities,
SHAP contributions, global importance and segments, for a tree and a linear model, with NULLs in numeric,
text and boolean columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from one_click import pandas_path
from one_click.features import CUSTOMER_ID, LABEL
from one_click.modeling import train
from one_click.modeling.candidates import FAMILY_BY_NAME
from one_click.options import ExplanationOptions, ImportanceOptions, SegmentCutoffs, TrainingOptions
from one_click.published import PublishedModel, published_model, registry_row
from one_click.spark import path as spark_path
from one_click.spark.scoring import to_rows
from one_click.spark.shipping import loads_per_worker

from dbt_cli import PROJECT_ROOT
from spark_data import features_with_nulls

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

SIZE = 3000


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return features_with_nulls(SIZE, seed=11)


@pytest.fixture(scope="module", params=["hist_gradient_boosting", "logistic_regression"])
def published(request: pytest.FixtureRequest, features: pd.DataFrame) -> PublishedModel:
    family = FAMILY_BY_NAME[request.param]
    options = TrainingOptions(
        training_seed=7, cv_splits=3, cv_repeats=1, selection_sample_size=10_000, min_roc_auc=0.5
    )
    result = train(features, options, n_jobs=1, families=[family])
    return published_model(registry_row(result, features, seed=7))


@pytest.fixture(scope="module")
def spark_features(spark_session, features: pd.DataFrame):
    # Eight partitions, so each Python worker is handed several tasks and batches.
    return spark_session.createDataFrame(features).repartition(8)


def test_probabilities_equal_the_pandas_path(published: PublishedModel, spark_features, features) -> None:
    expected = pandas_path.score_customers(published, features).sort_values(CUSTOMER_ID, ignore_index=True)
    actual = to_rows(spark_path.score_customers(published, spark_features))
    actual[LABEL] = actual[LABEL].astype("boolean")

    assert len(actual) == SIZE
    assert set(actual["prediction_kind"]) == {"out_of_fold", "scored"}
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_exact=True)


def test_contributions_equal_the_pandas_path(
    published: PublishedModel, spark_session, spark_features, features
):
    segments = pd.DataFrame({CUSTOMER_ID: features[CUSTOMER_ID], "segment": "mid_value_watch"})
    options = ExplanationOptions(actionable_segments=["high_value_at_risk"], explain_everyone_up_to=SIZE)
    expected = pandas_path.explain_customers(published, features, segments, options)
    actual = to_rows(
        spark_path.explain_customers(
            published, spark_features, spark_session.createDataFrame(segments), options
        ),
        [CUSTOMER_ID, "feature"],
    )

    expected = expected.sort_values([CUSTOMER_ID, "feature"], ignore_index=True)
    assert actual[CUSTOMER_ID].nunique() == SIZE
    assert actual["value"].isna().any()  # NULL features are explained and shown as NULL
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_exact=True)


def test_only_actionable_segments_are_explained_above_the_limit(
    published: PublishedModel, spark_session, spark_features, features
) -> None:
    actionable = features[CUSTOMER_ID].iloc[::10]
    segments = pd.DataFrame(
        {
            CUSTOMER_ID: features[CUSTOMER_ID],
            "segment": np.where(
                features[CUSTOMER_ID].isin(actionable), "high_value_at_risk", "low_value_stable"
            ),
        }
    )
    explained = spark_path.explain_customers(
        published,
        spark_features,
        spark_session.createDataFrame(segments),
        ExplanationOptions(actionable_segments=["high_value_at_risk"], explain_everyone_up_to=100),
    )
    assert sorted(to_rows(explained)[CUSTOMER_ID].unique()) == sorted(actionable)


def test_global_importance_equals_the_pandas_path(
    published: PublishedModel, spark_features, features
) -> None:
    everyone = ExplanationOptions(actionable_segments=[], explain_everyone_up_to=SIZE)
    contributions = pandas_path.explain_customers(published, features, features.assign(segment="x"), everyone)
    options = ImportanceOptions(importance_sample_size=20_000, training_seed=7)
    expected = pandas_path.global_importance(published, features, contributions, options)
    actual = spark_path.global_importance(published, spark_features, None, options)
    pd.testing.assert_frame_equal(actual, expected, check_exact=True)


def test_segments_equal_the_pandas_path(published: PublishedModel, spark_session, spark_features, features):
    predictions = pandas_path.score_customers(published, features).sort_values(CUSTOMER_ID, ignore_index=True)
    # Ties in expected loss: the rank breaks them by customer id on both paths.
    predictions.loc[predictions.index[:50], "decline_probability"] = 0.5
    cutoffs = SegmentCutoffs(
        medium_risk_from=0.3,
        high_risk_from=0.6,
        medium_value_from_quantile=0.3333,
        high_value_from_quantile=0.6667,
    )

    grid = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_grid.csv")  # the seed, as dbt.ref() gives it

    expected = pandas_path.customer_segments(predictions, features, grid, cutoffs)
    expected = expected.sort_values(CUSTOMER_ID, ignore_index=True)
    actual = to_rows(
        spark_path.customer_segments(
            spark_session.createDataFrame(predictions),
            spark_features,
            spark_session.createDataFrame(grid),
            cutoffs,
        )
    )

    assert set(actual["segment"]) == set(expected["segment"])
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, check_exact=True)


def test_the_model_is_loaded_once_per_worker(published: PublishedModel, spark_features) -> None:
    from pyspark.sql import types as T

    to_rows(spark_path.score_customers(published, spark_features))  # eight tasks over two workers
    schema = T.StructType([T.StructField("pid", T.LongType()), T.StructField("loads", T.LongType())])
    reports = spark_features.mapInPandas(
        lambda batches: loads_per_worker(batches, model_id=published.model_id), schema
    ).toPandas()
    assert reports["loads"].max() == 1, reports
