"""Customer features with NULLs in numeric, text and boolean columns, for comparing the Spark path with
the pandas path."""

from __future__ import annotations

import numpy as np
import pandas as pd

from one_click.modeling.synthetic import synthetic_features


def features_with_nulls(size: int, *, seed: int) -> pd.DataFrame:
    features = synthetic_features(size, seed=seed, unlabelled_share=0.2)
    rng = np.random.default_rng(seed)
    for column in ("revenue_previous_month", "pages_per_visit", "marketing_activity_6m", "service_errors"):
        features[column] = features[column].astype(float)
        features.loc[rng.random(size) < 0.05, column] = np.nan
    for column in ("favourite_category", "service_type"):
        features.loc[rng.random(size) < 0.05, column] = None
    features.loc[rng.random(size) < 0.05, "allows_messages"] = pd.NA
    return features
