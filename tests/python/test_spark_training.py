"""Training from a Spark DataFrame collects bounded, stratified, deterministic samples to the driver."""

from __future__ import annotations

import pandas as pd
import pytest

from one_click.features import CUSTOMER_ID, LABEL
from one_click.spark.training import bounded_sample, training_sample

from spark_data import features_with_nulls

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return features_with_nulls(4000, seed=5)


def test_below_the_limit_every_labelled_customer_is_trained_on(spark_session, features) -> None:
    sample = training_sample(spark_session.createDataFrame(features), limit=10_000, seed=1)
    labelled = features.loc[features[LABEL].notna()]
    assert sample[CUSTOMER_ID].tolist() == sorted(labelled[CUSTOMER_ID])


def test_above_the_limit_the_sample_is_bounded_stratified_and_deterministic(spark_session, features):
    frame = spark_session.createDataFrame(features)
    sample = training_sample(frame, limit=1000, seed=1)
    again = training_sample(frame.repartition(5), limit=1000, seed=1)

    labelled = features.loc[features[LABEL].notna(), LABEL].astype(bool)
    assert abs(len(sample) - 1000) <= 1
    assert sample[LABEL].isna().sum() == 0
    assert abs(sample[LABEL].astype(bool).mean() - labelled.mean()) < 0.005
    assert sample[CUSTOMER_ID].tolist() == again[CUSTOMER_ID].tolist()


def test_bounded_sample_never_exceeds_its_size(spark_session, features) -> None:
    frame = spark_session.createDataFrame(features)
    assert len(bounded_sample(frame, 500, seed=3)) == 500
    assert len(bounded_sample(frame, 10_000, seed=3)) == len(features)
