"""Histogram bins per numeric feature and outcome, with edges shared across outcomes."""

from one_click.engine import path_for
from one_click.options import HistogramOptions


def model(dbt, session):
    options = HistogramOptions.from_settings(dbt.config.get("meta"))
    features = dbt.ref("customer_features")
    return path_for(features).feature_histogram(features, options)
