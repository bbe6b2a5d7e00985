"""Risk × value segments: who is likely to slip, and how much the store loses if they do.

A customer's risk band comes from the calibrated decline probability (absolute cut-offs: a calibrated
probability means the same on every build); the value band from monthly profit, by quantiles of the current
customers (profit levels drift with prices, ranks do not). The cut-offs are dbt vars, recorded on every row.
The two bands pick a cell of the grid declared in seeds/segment_grid.csv (`SegmentGrid`), which also marks the
brief's target segment; the segments' names are in seeds/display_names.csv.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from one_click.options import SegmentCutoffs

GRID_COLUMNS = (
    "segment",
    "value_band",
    "value_band_order",
    "risk_band",
    "risk_band_order",
    "is_target_segment",
    "is_actionable",
)


@dataclass(frozen=True)
class SegmentGrid:
    """The (value band, risk band) → segment code grid, the brief's target segment and the segments worth
    acting on, as declared once in seeds/segment_grid.csv; the bands are listed from low to high by the seed's
    order columns."""

    cells: Mapping[tuple[str, str], str]
    target: str
    value_bands: tuple[str, ...]
    risk_bands: tuple[str, ...]
    actionable: tuple[str, ...] = ()

    @classmethod
    def from_frame(cls, grid: pd.DataFrame) -> SegmentGrid:
        """The grid from the seed's rows; `ValueError` unless every pair of bands has one cell and exactly one
        cell is the target."""
        rows = list(grid[list(GRID_COLUMNS)].itertuples(index=False))
        value_bands = tuple(dict(sorted((row.value_band_order, row.value_band) for row in rows)).values())
        risk_bands = tuple(dict(sorted((row.risk_band_order, row.risk_band) for row in rows)).values())
        cells = {(row.value_band, row.risk_band): row.segment for row in rows}
        targets = [row.segment for row in rows if _is_true(row.is_target_segment)]
        actionable = tuple(row.segment for row in rows if _is_true(row.is_actionable))
        if len(rows) != len(cells) or set(cells) != {(v, r) for v in value_bands for r in risk_bands}:
            raise ValueError(f"segment_grid needs one cell per value band × risk band, got {sorted(cells)}")
        if len(targets) != 1:
            raise ValueError(f"segment_grid needs exactly one target segment, got {targets}")
        return cls(cells, targets[0], value_bands, risk_bands, actionable)


def _is_true(value: Any) -> bool:
    return str(value).strip().lower() == "true"


def band(values: pd.Series, edges: Sequence[float], names: Sequence[str]) -> pd.Series:
    """Label each value with the band whose lower edge it reaches (edges ascending, one fewer than names)."""
    positions = np.searchsorted(np.asarray(edges, dtype=float), values.to_numpy(dtype=float), side="right")
    return pd.Series(np.asarray(names, dtype=object)[positions], index=values.index)


def segment_customers(predictions: pd.DataFrame, cutoffs: SegmentCutoffs, grid: SegmentGrid) -> pd.DataFrame:
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
    frame = assign_segments(frame, cutoffs, value_edges, grid)
    frame["expected_loss_rank"] = frame["expected_loss"].rank(method="first", ascending=False).astype("int64")
    return frame.sort_values("expected_loss_rank").reset_index(drop=True)


def assign_segments(
    predictions: pd.DataFrame, cutoffs: SegmentCutoffs, value_edges: tuple[float, float], grid: SegmentGrid
) -> pd.DataFrame:
    """Everything of `segment_customers` that depends on one customer alone, given the value band's profit
    edges (quantiles over all customers): on Spark it runs batch by batch, the edges computed beforehand."""
    frame = predictions[["customer_id", "decline_probability", "monthly_profit"]].copy()
    frame["expected_loss"] = frame["decline_probability"] * frame["monthly_profit"]

    risk_edges = (cutoffs.medium_risk_from, cutoffs.high_risk_from)
    frame["risk_band"] = band(frame["decline_probability"], risk_edges, grid.risk_bands)
    frame["value_band"] = band(frame["monthly_profit"], value_edges, grid.value_bands)
    frame["segment"] = [grid.cells[key] for key in zip(frame["value_band"], frame["risk_band"], strict=True)]
    frame["is_target_segment"] = frame["segment"].eq(grid.target)
    frame["medium_risk_from"], frame["high_risk_from"] = risk_edges
    frame["medium_value_from_profit"], frame["high_value_from_profit"] = value_edges
    return frame
