"""Synthetic `customer_features` frames for the modeling tests and scale benchmarks (no real data).

The label follows a known logistic risk, so tests can state which features must raise the risk, and
`size` can be anything from a hundred rows to a million in a fraction of a second per 100k rows. The columns
are the feature catalogue's (one_click.features): a feature the risk does not name is drawn without effect,
by its contract type, so a new feature of the mart reaches every modeling test without an edit here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import expit

from one_click.exports import CATEGORIES
from one_click.features import CATALOGUE, CUSTOMER_ID, FEATURES, LABEL, PROFIT

RISKY_CATEGORY = "Кухонная посуда"


def synthetic_features(size: int, *, seed: int = 0, unlabelled_share: float = 0.0) -> pd.DataFrame:
    """A mart-shaped frame: more pages, minutes and categories lower the risk; promo share raises it."""
    rng = np.random.default_rng(seed)
    pages = rng.integers(1, 21, size)
    promo = np.where(rng.random(size) < 0.15, rng.uniform(0.8, 1.0, size), rng.uniform(0.1, 0.4, size))
    minutes_previous = rng.integers(5, 24, size)
    minutes_current = rng.integers(4, 24, size)
    categories = rng.integers(1, 7, size)
    unpaid = rng.poisson(3, size)
    marketing = np.clip(rng.normal(4.2, 1.0, size), 0.9, 6.6).round(1)
    category = rng.choice(np.array(CATEGORIES, dtype=object), size)
    premium = rng.random(size) < 0.3
    risk = (
        -0.35 * (pages - 8)
        + 4.0 * (promo - 0.3)
        - 0.2 * (minutes_previous + minutes_current - 26)
        - 0.5 * (categories - 3)
        + 0.3 * (unpaid - 3)
        - 0.6 * (marketing - 4.2)
        + 0.8 * (category == RISKY_CATEGORY)
        + 0.3 * premium
        + 0.05 * (pages - 8) * (promo > 0.5)  # a mild interaction, so trees have something to find
    )
    declined = pd.array(rng.random(size) < expit(risk), dtype="boolean")
    declined[rng.random(size) < unlabelled_share] = pd.NA
    revenue_current = rng.normal(5250, 800, size).round(1)
    revenue_current[rng.random(size) < 0.01] = np.nan  # the mart NULLs outliers: pipelines must impute
    drawn = {
        CUSTOMER_ID: np.arange(100_000, 100_000 + size),
        LABEL: declined,
        "service_type": np.where(premium, "премиум", "стандарт").astype(object),
        "allows_messages": pd.array(rng.random(size) < 0.75, dtype="boolean"),
        "favourite_category": category,
        "marketing_activity_6m": marketing,
        "marketing_activity_current_month": rng.integers(3, 6, size),
        "days_since_registration": rng.integers(110, 1080, size),
        "promo_purchase_share": promo.round(2),
        "categories_per_visit": categories,
        "unpaid_items_quarter": unpaid,
        "service_errors": rng.integers(0, 10, size),
        "pages_per_visit": pages,
        "revenue_month_before_previous": rng.normal(4800, 300, size).round(),
        "revenue_previous_month": rng.normal(4950, 700, size).round(1),
        "revenue_current_month": revenue_current,
        "minutes_previous_month": minutes_previous,
        "minutes_current_month": minutes_current,
        PROFIT: rng.normal(4.0, 1.0, size).round(2),
    }
    columns = (CUSTOMER_ID, LABEL, *FEATURES, PROFIT)
    return pd.DataFrame(
        {name: drawn[name] if name in drawn else _without_effect(name, rng, size) for name in columns}
    )


def _without_effect(name: str, rng: np.random.Generator, size: int) -> object:
    """A feature the synthetic risk ignores, drawn by its contract type."""
    data_type = CATALOGUE.column(name).data_type
    if data_type == "boolean":
        return pd.array(rng.random(size) < 0.5, dtype="boolean")
    if data_type in {"integer", "bigint"}:
        return rng.integers(0, 10, size)
    if data_type == "double":
        return rng.random(size).round(3)
    return rng.choice(np.array(["a", "b", "c"], dtype=object), size)
