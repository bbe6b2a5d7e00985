"""Columns of the `customer_features` mart that the Python side reads.

The mart's dbt contract (models/marts/customer_features.yml) is the source of truth for types; this module
names the roles the columns play, so model code and the contract cannot drift apart silently
(tests/python/test_features_contract.py compares the two). Their names for people are data: the `feature`
rows of seeds/display_names.csv.
"""

from __future__ import annotations

CUSTOMER_ID = "customer_id"
LABEL = "is_activity_declined"  # true = activity declined; NULL = unlabelled, to score, never to train on
# In the training data (int_training_customers): true where the label is withheld because an offer was sent to
# the customer within the outcome horizon; the model trains without it and reports how many.
LABEL_WITHHELD = "is_label_withheld"
PROFIT = "monthly_profit"  # not a feature: profit is joined to the risk afterwards, as the brief asks

CATEGORICAL_FEATURES: tuple[str, ...] = (
    "service_type",
    "allows_messages",
    "favourite_category",
)

NUMERIC_FEATURES: tuple[str, ...] = (
    "marketing_activity_6m",
    "marketing_activity_current_month",
    "days_since_registration",
    "promo_purchase_share",
    "categories_per_visit",
    "unpaid_items_quarter",
    "service_errors",
    "pages_per_visit",
    "revenue_month_before_previous",
    "revenue_previous_month",
    "revenue_current_month",
    "minutes_previous_month",
    "minutes_current_month",
)

FEATURES: tuple[str, ...] = CATEGORICAL_FEATURES + NUMERIC_FEATURES
