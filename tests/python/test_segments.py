from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from one_click.options import SegmentCutoffs
from one_click.segments import SegmentGrid, band, segment_customers

from dbt_cli import PROJECT_ROOT

GRID = SegmentGrid.from_frame(pd.read_csv(PROJECT_ROOT / "seeds" / "segment_grid.csv"))
# The test's own cut-offs (the build's are vars in dbt_project.yml): thirds of profit, risk from 0.3 and 0.6.
CUTOFFS = SegmentCutoffs(
    medium_risk_from=0.3, high_risk_from=0.6, medium_value_from_quantile=1 / 3, high_value_from_quantile=2 / 3
)


def predictions(probabilities: list[float], profits: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": range(1, len(probabilities) + 1),
            "decline_probability": probabilities,
            "monthly_profit": profits,
        }
    )


def test_band_uses_lower_edges_inclusively() -> None:
    values = pd.Series([0.0, 0.29, 0.3, 0.59, 0.6, 1.0])
    assert band(values, (0.3, 0.6), ("low", "medium", "high")).tolist() == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
    ]


def test_every_customer_gets_exactly_one_segment_from_the_grid() -> None:
    rng = np.random.default_rng(0)
    frame = segment_customers(
        predictions(rng.uniform(size=300).tolist(), rng.gamma(4, 1, 300).tolist()), CUTOFFS, GRID
    )
    assert len(frame) == 300 and frame["customer_id"].is_unique
    # Risk bands from the default absolute cut-offs (0.3, 0.6); value bands split customers into thirds.
    probability = frame["decline_probability"]
    expected_risk = np.where(probability >= 0.6, "high", np.where(probability >= 0.3, "medium", "low"))
    assert (frame["risk_band"] == expected_risk).all()
    assert frame["value_band"].value_counts().between(95, 105).all()
    by_value = frame.groupby("value_band")["monthly_profit"]
    assert (
        by_value.max()["low"] <= by_value.min()["medium"]
        and by_value.max()["medium"] <= by_value.min()["high"]
    )
    # Each customer's segment is the grid cell of their two bands, and 300 spread customers fill all nine.
    cells = [GRID.cells[bands] for bands in zip(frame["value_band"], frame["risk_band"], strict=True)]
    assert frame["segment"].tolist() == cells
    assert set(frame["segment"]) == set(GRID.cells.values())


def test_expected_loss_and_rank() -> None:
    frame = segment_customers(predictions([0.9, 0.1, 0.5], [2.0, 10.0, 4.0]), CUTOFFS, GRID)
    by_id = frame.set_index("customer_id")
    assert by_id["expected_loss"].to_dict() == pytest.approx({1: 1.8, 2: 1.0, 3: 2.0})
    assert by_id["expected_loss_rank"].to_dict() == {3: 1, 1: 2, 2: 3}


def test_target_segment_is_high_value_and_high_risk() -> None:
    frame = segment_customers(predictions([0.95, 0.95, 0.1], [9.0, 1.0, 5.0]), CUTOFFS, GRID)
    target = frame.loc[frame["is_target_segment"], "customer_id"].tolist()
    assert target == [1]
    assert frame.set_index("customer_id").loc[1, "segment"] == GRID.target == GRID.cells[("high", "high")]


def test_cutoffs_are_recorded_on_every_row() -> None:
    cutoffs = replace(CUTOFFS, medium_risk_from=0.25, high_risk_from=0.5)
    frame = segment_customers(predictions([0.2, 0.7, 0.4], [1.0, 2.0, 3.0]), cutoffs, GRID)
    assert set(frame["medium_risk_from"]) == {0.25} and set(frame["high_risk_from"]) == {0.5}


@pytest.mark.parametrize("arguments", [(0.6, 0.3, 0.3, 0.6), (0.0, 0.5, 0.3, 0.6), (0.3, 0.6, 0.7, 0.5)])
def test_inconsistent_cutoffs_are_refused(arguments: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match=r"cut-offs|quantiles"):
        SegmentCutoffs(*arguments)


def test_the_grid_comes_from_the_seed_in_band_order() -> None:
    assert GRID.value_bands == GRID.risk_bands == ("low", "medium", "high")
    assert len(GRID.cells) == 9 and len(set(GRID.cells.values())) == 9


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda grid: grid.iloc[1:], "one cell per"),
        (lambda grid: grid.assign(is_target_segment=False), "exactly one target"),
        (lambda grid: grid.assign(is_target_segment=True), "exactly one target"),
    ],
)
def test_an_incomplete_grid_or_one_without_a_single_target_is_refused(change, message: str) -> None:
    seed = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_grid.csv")
    with pytest.raises(ValueError, match=message):
        SegmentGrid.from_frame(change(seed))


def test_the_segments_worth_acting_on_are_the_grid_cells_marked_actionable() -> None:
    seed = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_grid.csv", dtype=str)
    marked = seed.loc[seed["is_actionable"].str.lower() == "true", "segment"].tolist()
    assert marked and set(GRID.actionable) == set(marked)
    assert GRID.target in GRID.actionable
