"""Small synthetic BI marts in the published schemas, consistent with each other, for the dashboard's tests.

Consistent means what the dashboard cross-checks holds here too: every customer has one segment row, three
reasons and one offer; segment_summary and target_segment_profile are aggregates of customer_segments; the
reliability bins are computed from the out-of-fold probabilities. Values look like the store's (Cyrillic
categories, revenue in thousands, profit around 4), so screenshots of a test run read like the real thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from one_click.features import CATEGORICAL_FEATURES, FEATURE_LABELS_RU, NUMERIC_FEATURES
from one_click.publish import publish_tables
from one_click.segments import SEGMENTS, SegmentCutoffs, segment_customers

CATEGORIES = (
    "Товары для детей",
    "Домашний текстиль",
    "Косметика и аксессуары",
    "Техника для красоты и здоровья",
    "Кухонная посуда",
    "Мелкая бытовая техника и электроника",
)
OFFERS = {
    "high_value_at_risk": ("personal_manager_call", "Звонок персонального менеджера и скидка", "phone", True),
    "default": ("favourite_category_discount", "Персональная скидка в любимой категории", "email", True),
    "stable": ("none", "Без специального предложения", "site", False),
}
REASONS = {
    "promo_purchase_share": ("high_promo_share", "Покупает в основном по акциям"),
    "unpaid_items_quarter": ("unpaid_items_in_cart", "Оставляет неоплаченные товары в корзине"),
    "pages_per_visit": ("shallow_visits", "Смотрит мало страниц за визит"),
    "minutes_current_month": ("less_time_on_site", "Проводит на сайте меньше времени"),
    "service_errors": ("service_errors", "Сталкивается со сбоями сервиса"),
}


def _features(rng: np.random.Generator, customers: int) -> pd.DataFrame:
    risk = rng.normal(size=customers)  # one hidden propensity drives the features and the label alike
    revenue = rng.normal(5000, 700, size=(customers, 3)).round(1)
    label = pd.array(risk + rng.normal(scale=0.6, size=customers) > 0.3, dtype="boolean")
    label[rng.random(customers) < 0.15] = pd.NA  # customers whose outcome is not known yet
    frame = pd.DataFrame(
        {
            "customer_id": np.arange(215_348, 215_348 + customers, dtype="int64"),
            "is_activity_declined": label,
            "service_type": rng.choice(["стандарт", "премиум"], size=customers, p=[0.7, 0.3]),
            "allows_messages": rng.random(customers) < 0.75,
            "favourite_category": rng.choice(CATEGORIES, size=customers),
            "marketing_activity_6m": (4.3 - 0.8 * risk + rng.normal(scale=0.5, size=customers)).round(1),
            "marketing_activity_current_month": rng.integers(3, 6, size=customers),
            "days_since_registration": rng.integers(110, 1080, size=customers),
            "promo_purchase_share": np.clip(
                0.3 + 0.2 * risk + rng.normal(scale=0.1, size=customers), 0, 1
            ).round(2),
            "categories_per_visit": np.clip(np.rint(3.3 - 0.8 * risk), 1, 6).astype("int64"),
            "unpaid_items_quarter": np.clip(
                np.rint(3 + 1.5 * risk + rng.normal(size=customers)), 0, 10
            ).astype("int64"),
            "service_errors": rng.integers(0, 9, size=customers),
            "pages_per_visit": np.clip(np.rint(8 - 3 * risk + rng.normal(size=customers)), 1, 20).astype(
                "int64"
            ),
            "revenue_month_before_previous": revenue[:, 0],
            "revenue_previous_month": revenue[:, 1],
            "revenue_current_month": revenue[:, 2],
            "minutes_previous_month": np.clip(np.rint(13 - 3 * risk), 4, 23).astype("int64"),
            "minutes_current_month": np.clip(
                np.rint(13 - 3 * risk + rng.normal(size=customers)), 4, 23
            ).astype("int64"),
            "monthly_profit": np.clip(rng.normal(4.0, 1.0, size=customers), 0.9, 7.4).round(2),
            "has_revenue_outlier": np.zeros(customers, dtype=bool),
        }
    )
    frame.attrs["risk"] = risk
    return frame


def _reliability(probability: np.ndarray, label: np.ndarray) -> pd.DataFrame:
    bins = np.clip((probability * 10).astype(int), 0, 9)
    frame = pd.DataFrame({"bin": bins, "p": probability, "y": label.astype(float)})
    table = frame.groupby("bin").agg(
        mean_predicted=("p", "mean"), observed_rate=("y", "mean"), customers=("y", "size")
    )
    return table.reset_index().astype({"bin": "int64", "customers": "int64"})


def _profile_tables(features: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    label = features["is_activity_declined"]
    outcome = np.where(label.isna(), "unknown", np.where(label.fillna(False), "declined", "kept"))
    masks = {name: outcome == name for name in ("declined", "kept", "unknown")}
    masks["all"] = np.ones(len(features), dtype=bool)
    profile_rows, histogram_rows = [], []
    for feature in (*NUMERIC_FEATURES, "monthly_profit"):
        values = features[feature].to_numpy(dtype=float)
        edges = np.linspace(values.min(), values.max(), 9)
        for name, mask in masks.items():
            own = values[mask]
            quantiles = np.quantile(own, [0.05, 0.25, 0.5, 0.75, 0.95])
            profile_rows.append(
                {
                    "feature": feature,
                    "feature_kind": "numeric",
                    "outcome": name,
                    "category": None,
                    "n_values": len(own),
                    "n_missing": 0,
                    "share": np.nan,
                    "mean": own.mean(),
                    "std": own.std(ddof=1),
                    "min_value": own.min(),
                    "p05": quantiles[0],
                    "p25": quantiles[1],
                    "median": quantiles[2],
                    "p75": quantiles[3],
                    "p95": quantiles[4],
                    "max_value": own.max(),
                }
            )
            counts, _ = np.histogram(own, bins=edges)
            for index, count in enumerate(counts):
                histogram_rows.append(
                    {
                        "feature": feature,
                        "outcome": name,
                        "bin_index": index,
                        "bin_lower": edges[index],
                        "bin_upper": edges[index + 1],
                        "n_values": int(count),
                        "share": count / len(own),
                    }
                )
    for feature in CATEGORICAL_FEATURES:
        values = features[feature].astype(str)
        for name, mask in masks.items():
            own = values[mask]
            for category in sorted(values.unique()):
                count = int((own == category).sum())
                profile_rows.append(
                    {
                        "feature": feature,
                        "feature_kind": "categorical",
                        "outcome": name,
                        "category": category,
                        "n_values": count,
                        "n_missing": 0,
                        "share": count / len(own),
                        **dict.fromkeys(("mean", "std", "min_value", "p05", "p25"), np.nan),
                        **dict.fromkeys(("median", "p75", "p95", "max_value"), np.nan),
                    }
                )
    return pd.DataFrame(profile_rows), pd.DataFrame(histogram_rows)


def _correlations(features: pd.DataFrame) -> pd.DataFrame:
    coded = pd.DataFrame(
        {
            name: pd.factorize(features[name])[0] if name in CATEGORICAL_FEATURES else features[name]
            for name in ("is_activity_declined", *CATEGORICAL_FEATURES, *NUMERIC_FEATURES)
        }
    ).astype(float)
    matrix = coded.corr().abs().fillna(0.0)
    rows = []
    for first, second in combinations(coded.columns, 2):
        phik = float(matrix.loc[first, second])
        label_pair = first == "is_activity_declined"
        rows.append(
            {
                "feature_a": first,
                "feature_b": second,
                "phik": phik,
                "significance": phik * 10,
                "n_rows": len(features),
                "is_label_pair": label_pair,
                "is_above_threshold": not label_pair and phik >= 0.9,
                "is_leakage_suspect": label_pair and phik >= 0.8,
            }
        )
    return pd.DataFrame(rows)


def _drift(rng: np.random.Generator, customers: int) -> pd.DataFrame:
    features = (*CATEGORICAL_FEATURES, *NUMERIC_FEATURES)
    psi = rng.gamma(1.0, 0.06, size=len(features))
    psi[features.index("revenue_current_month")] = 0.31  # one clearly drifted feature to show
    return pd.DataFrame(
        {
            "feature": features,
            "feature_kind": [
                "categorical" if name in CATEGORICAL_FEATURES else "numeric" for name in features
            ],
            "n_reference": customers,
            "n_current": customers,
            "n_bins": 10,
            "reference_missing_share": 0.0,
            "current_missing_share": 0.0,
            "current_unseen_share": 0.0,
            "psi": psi,
            "psi_flag": np.where(psi >= 0.25, "significant", np.where(psi >= 0.1, "moderate", "stable")),
            "ks_statistic": [np.nan if name in CATEGORICAL_FEATURES else 0.05 for name in features],
            "ks_pvalue": [np.nan if name in CATEGORICAL_FEATURES else 0.6 for name in features],
        }
    )


def synthetic_marts(customers: int = 120, seed: int = 7) -> dict[str, pd.DataFrame]:
    """Every published BI mart for `customers` synthetic customers."""
    rng = np.random.default_rng(seed)
    features = _features(rng, customers)
    risk = features.attrs.pop("risk")
    ids = features["customer_id"]
    label = features["is_activity_declined"]
    probability = 1 / (1 + np.exp(-(1.6 * risk - 0.4)))
    predictions = pd.DataFrame(
        {
            "customer_id": ids,
            "decline_probability": probability,
            "prediction_kind": np.where(label.isna(), "scored", "out_of_fold"),
            "is_activity_declined": label,
            "model_id": "model-test-1",
        }
    )
    segments = segment_customers(
        predictions.assign(monthly_profit=features["monthly_profit"]), SegmentCutoffs()
    ).astype({"expected_loss_rank": "int64"})
    # segment_customers writes codes only (the build joins names from seeds/display_names.csv); the
    # snapshot these fixtures stand in for still carries the names the dashboard reads.
    segment_names = {code: name for code, name in SEGMENTS.values()}
    segments.insert(
        segments.columns.get_loc("segment") + 1, "segment_name", segments["segment"].map(segment_names)
    )

    # Three reasons per customer from a fixed set of drivers, the first the strongest.
    drivers = list(REASONS)
    reason_rows = []
    for position, customer in enumerate(ids):
        chosen = rng.choice(len(drivers), size=3, replace=False)
        strengths = np.sort(rng.uniform(0.05, 1.2, size=3))[::-1]
        for rank, (index, strength) in enumerate(zip(chosen, strengths, strict=True), start=1):
            feature = drivers[index]
            sign = 1 if rank < 3 or risk[position] > 0 else -1
            reason_rows.append(
                {
                    "customer_id": customer,
                    "reason_rank": rank,
                    "feature": feature,
                    "feature_label": FEATURE_LABELS_RU[feature],
                    "contribution": sign * strength,
                    "feature_value": str(features.loc[position, feature]),
                }
            )
    reasons = pd.DataFrame(reason_rows).astype({"reason_rank": "int64"})

    importance_features = (*NUMERIC_FEATURES, *CATEGORICAL_FEATURES)
    weights = rng.uniform(0.01, 0.2, size=len(importance_features))
    for driver, weight in zip(drivers, (0.9, 0.7, 0.6, 0.5, 0.3), strict=True):
        weights[importance_features.index(driver)] = weight
    importance = pd.DataFrame(
        {
            "feature": importance_features,
            "feature_label": [FEATURE_LABELS_RU[name] for name in importance_features],
            "mean_abs_contribution": weights,
            "direction": [
                "depends_on_category"
                if name in CATEGORICAL_FEATURES
                else ("higher_increases_risk" if name in drivers[:3] else "higher_decreases_risk")
                for name in importance_features
            ],
        }
    )

    first_reason = reasons[reasons["reason_rank"] == 1].set_index("customer_id")
    offers = segments[
        ["customer_id", "segment", "segment_name", "decline_probability", "monthly_profit", "expected_loss"]
    ].assign(expected_loss_rank=segments["expected_loss_rank"])
    merged = offers.merge(
        features[["customer_id", "favourite_category", "allows_messages"]], on="customer_id"
    )
    reason_feature = first_reason.loc[merged["customer_id"], "feature"].to_numpy()
    kind = np.where(
        merged["segment"] == "high_value_at_risk",
        "high_value_at_risk",
        np.where(merged["segment"].str.endswith("_stable"), "stable", "default"),
    )
    offers = merged.assign(
        reason_feature=reason_feature,
        reason_code=[REASONS[name][0] for name in reason_feature],
        reason_text=[REASONS[name][1] for name in reason_feature],
        offer_code=[OFFERS[key][0] for key in kind],
        offer_text=[OFFERS[key][1] for key in kind],
        channel=[OFFERS[key][2] for key in kind],
        requires_consent=[OFFERS[key][3] for key in kind],
    )

    joined = segments.merge(
        features[["customer_id", "is_activity_declined", "favourite_category"]], on="customer_id"
    )
    joined = joined.merge(offers[["customer_id", "reason_text"]], on="customer_id")
    total_loss = joined["expected_loss"].sum()
    summary_rows = []
    for segment, group in joined.groupby("segment"):
        known = group["is_activity_declined"].dropna()
        summary_rows.append(
            {
                "segment": segment,
                "segment_name": group["segment_name"].iloc[0],
                "risk_band": group["risk_band"].iloc[0],
                "value_band": group["value_band"].iloc[0],
                "is_target_segment": bool(group["is_target_segment"].iloc[0]),
                "customers": len(group),
                "labelled_customers": len(known),
                "known_decline_share": float(known.astype(bool).mean()) if len(known) else np.nan,
                "mean_decline_probability": group["decline_probability"].mean(),
                "mean_monthly_profit": group["monthly_profit"].mean(),
                "total_expected_loss": group["expected_loss"].sum(),
                "share_of_expected_loss": group["expected_loss"].sum() / total_loss,
                "top_categories": ", ".join(group["favourite_category"].value_counts().index[:2]),
                "top_reasons": ", ".join(group["reason_text"].value_counts().index[:2]),
            }
        )
    summary = pd.DataFrame(summary_rows).astype({"customers": "int64", "labelled_customers": "int64"})

    target = features["customer_id"].isin(segments.loc[segments["is_target_segment"], "customer_id"])
    # As the dbt model writes it: numeric means, shares of a flag, and the share of each favourite category.
    measured = features.assign(
        premium_service_share=(features["service_type"] == "премиум").astype(float),
        **{
            f"favourite_category: {category}": (features["favourite_category"] == category).astype(float)
            for category in CATEGORIES[:2]
        },
    )
    measures = (
        "monthly_profit",
        "promo_purchase_share",
        "pages_per_visit",
        "minutes_current_month",
        "premium_service_share",
        *(f"favourite_category: {category}" for category in CATEGORIES[:2]),
    )
    profile = pd.DataFrame(
        {
            "measure": measures,
            "target_segment_value": [measured.loc[target, name].mean() for name in measures],
            "other_customers_value": [measured.loc[~target, name].mean() for name in measures],
        }
    )
    profile["difference"] = profile["target_segment_value"] - profile["other_customers_value"]

    labelled = label.notna().to_numpy()
    reliability = _reliability(probability[labelled], label[labelled].astype(bool).to_numpy())
    feature_profile, feature_histogram = _profile_tables(features)
    return {
        "customer_features": features,
        "customer_predictions": predictions,
        "customer_segments": segments,
        "customer_top_reasons": reasons,
        "feature_importance": importance,
        "customer_offers": offers,
        "segment_summary": summary,
        "target_segment_profile": profile,
        "model_summary": pd.DataFrame(
            {
                "model_id": ["model-test-1"],
                "trained_at": [pd.Timestamp("2026-11-20 09:30", tz="UTC")],
                "family": ["logistic_regression"],
                "cv_roc_auc_mean": [0.912],
                "cv_roc_auc_std": [0.018],
                "holdout_roc_auc": [0.897],
                "brier_score": [0.118],
                "training_rows": [int(labelled.sum())],
            }
        ),
        "model_candidates": pd.DataFrame(
            {
                "family": ["logistic_regression", "hist_gradient_boosting", "knn"],
                "best_params": [
                    '{"model__C": 0.5}',
                    '{"model__max_leaf_nodes": 8}',
                    '{"model__n_neighbors": 40}',
                ],
                "cv_roc_auc_mean": [0.912, 0.905, 0.874],
                "cv_roc_auc_std": [0.018, 0.021, 0.025],
                "brier_score": [0.118, 0.121, 0.139],
                "fit_seconds": [1.4, 6.2, 2.3],
                "is_selected": [True, False, False],
            }
        ),
        "model_reliability": reliability,
        "feature_profile": feature_profile,
        "feature_histogram": feature_histogram,
        "feature_correlations": _correlations(features),
        "feature_drift": _drift(rng, customers),
    }


def publish_marts(
    publish_dir: Path,
    marts: Mapping[str, pd.DataFrame],
    build_id: str = "build-test-1",
    drop: Iterable[str] = (),
) -> list[dict[str, object]]:
    """Publish `marts` (less the tables in `drop`) as the current snapshot, as a successful build would."""
    left_out = set(drop)
    tables = {
        name: pa.Table.from_pandas(frame, preserve_index=False)
        for name, frame in marts.items()
        if name not in left_out
    }
    return publish_tables(tables, publish_dir, build_id)


def write_run_results(
    path: Path, statuses: Mapping[str, str], generated_at: datetime | None = None
) -> dict[str, object]:
    """A run_results.json in dbt's shape: `statuses` maps unique_id to status."""
    document = {
        "metadata": {
            "dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json",
            "generated_at": (generated_at or datetime.now(UTC)).isoformat().replace("+00:00", "Z"),
        },
        "results": [
            {
                "status": status,
                "unique_id": unique_id,
                "failures": 3 if status == "fail" else (0 if unique_id.startswith("test.") else None),
                "message": "Got 3 results, configured to fail if != 0" if status == "fail" else None,
                "execution_time": 0.01,
            }
            for unique_id, status in statuses.items()
        ],
        "elapsed_time": 1.0,
        "args": {"which": "build"},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return document
