"""Risk × value segments: who is likely to slip, and how much the store loses if they do.

A customer's risk band comes from the calibrated decline probability (absolute cut-offs: a calibrated
probability means the same on every build); the value band from monthly profit, by quantiles of the current
customers (profit levels drift with prices, ranks do not). The cut-offs are dbt vars, recorded on every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from one_click.frames import is_spark, to_pandas

RISK_BANDS = ("low", "medium", "high")
VALUE_BANDS = ("low", "medium", "high")

# (value band, risk band) → segment code and its name for the marketing team. The build writes only the codes;
# the names the marts show come from seeds/display_names.csv (the dashboard package still reads these).
SEGMENTS: dict[tuple[str, str], tuple[str, str]] = {
    ("high", "high"): ("high_value_at_risk", "Ценные под угрозой ухода"),
    ("high", "medium"): ("high_value_watch", "Ценные, стоит присмотреть"),
    ("high", "low"): ("high_value_stable", "Ценные и стабильные"),
    ("medium", "high"): ("mid_value_at_risk", "Средние под угрозой ухода"),
    ("medium", "medium"): ("mid_value_watch", "Средние, стоит присмотреть"),
    ("medium", "low"): ("mid_value_stable", "Средние и стабильные"),
    ("low", "high"): ("low_value_at_risk", "Малоприбыльные под угрозой ухода"),
    ("low", "medium"): ("low_value_watch", "Малоприбыльные, стоит присмотреть"),
    ("low", "low"): ("low_value_stable", "Малоприбыльные и стабильные"),
}
TARGET_SEGMENT = "high_value_at_risk"


@dataclass(frozen=True)
class SegmentCutoffs:
    """Risk cut-offs on the decline probability; value cut-offs as profit quantiles."""

    medium_risk_from: float = 0.3
    high_risk_from: float = 0.6
    medium_value_from_quantile: float = 1 / 3
    high_value_from_quantile: float = 2 / 3

    def __post_init__(self) -> None:
        if not 0 < self.medium_risk_from < self.high_risk_from < 1:
            raise ValueError(f"risk cut-offs must satisfy 0 < medium < high < 1, got {self}")
        if not 0 < self.medium_value_from_quantile < self.high_value_from_quantile < 1:
            raise ValueError(f"value quantiles must satisfy 0 < medium < high < 1, got {self}")


def band(values: pd.Series, edges: Sequence[float], names: Sequence[str]) -> pd.Series:
    """Label each value with the band whose lower edge it reaches (edges ascending, one fewer than names)."""
    positions = np.searchsorted(np.asarray(edges, dtype=float), values.to_numpy(dtype=float), side="right")
    return pd.Series(np.asarray(names, dtype=object)[positions], index=values.index)


def segment_customers(predictions: pd.DataFrame, cutoffs: SegmentCutoffs) -> pd.DataFrame:
    """One row per customer: probability, profit, expected loss, bands, segment code, rank by expected loss.

    `predictions` needs customer_id, decline_probability and monthly_profit.
    """
    missing = {"customer_id", "decline_probability", "monthly_profit"} - set(predictions.columns)
    if missing:
        raise KeyError(f"segment_customers needs columns {sorted(missing)}")
    frame = predictions[["customer_id", "decline_probability", "monthly_profit"]]
    value_edges = tuple(
        float(frame["monthly_profit"].quantile(q))
        for q in (cutoffs.medium_value_from_quantile, cutoffs.high_value_from_quantile)
    )
    frame = assign_segments(frame, cutoffs, value_edges)
    frame["expected_loss_rank"] = frame["expected_loss"].rank(method="first", ascending=False).astype("int64")
    return frame.sort_values("expected_loss_rank").reset_index(drop=True)


def assign_segments(
    predictions: pd.DataFrame, cutoffs: SegmentCutoffs, value_edges: tuple[float, float]
) -> pd.DataFrame:
    """Everything of `segment_customers` that depends on one customer alone, given the value band's profit
    edges (quantiles over all customers): on Spark it runs batch by batch, the edges computed beforehand."""
    frame = predictions[["customer_id", "decline_probability", "monthly_profit"]].copy()
    frame["expected_loss"] = frame["decline_probability"] * frame["monthly_profit"]

    risk_edges = (cutoffs.medium_risk_from, cutoffs.high_risk_from)
    frame["risk_band"] = band(frame["decline_probability"], risk_edges, RISK_BANDS)
    frame["value_band"] = band(frame["monthly_profit"], value_edges, VALUE_BANDS)
    frame["segment"] = [SEGMENTS[key][0] for key in zip(frame["value_band"], frame["risk_band"], strict=True)]
    frame["is_target_segment"] = frame["segment"].eq(TARGET_SEGMENT)
    frame["medium_risk_from"], frame["high_risk_from"] = risk_edges
    frame["medium_value_from_profit"], frame["high_value_from_profit"] = value_edges
    return frame


def segment_refs(predictions: Any, features: Any, cutoffs: SegmentCutoffs) -> Any:
    """`segment_customers` of `dbt.ref()`s of customer_predictions and customer_features: a DuckDB relation
    is read into pandas, a Spark DataFrame is segmented on Spark (`one_click.spark.segment_customers`)."""
    if is_spark(predictions):
        from one_click import spark

        return spark.segment_customers(predictions, features, cutoffs)
    probabilities = to_pandas(predictions, ["customer_id", "decline_probability"])
    profit = to_pandas(features, ["customer_id", "monthly_profit"])
    return segment_customers(probabilities.merge(profit, on="customer_id", validate="one_to_one"), cutoffs)
