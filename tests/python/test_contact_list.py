"""The contact list and its summary against who should be on it, recomputed with pandas from the arms in
int_customers_assigned and the declared capacities (never from `fits_capacity` or `is_sent`): on the shared
dashboard build with the capacities of seeds/channel_capacity.csv, and on a copy of it whose capacities the
marketing team has cut to a few offers per channel, so that customers wait."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import read_table
from dashboard_build import DashboardBuild
from dbt_cli import PROJECT_ROOT

pytestmark = [pytest.mark.dbt, pytest.mark.xdist_group("dashboard_build")]

SMALL_CAPACITY = 3  # offers per channel and period in the squeezed copy
ASSIGNED = "intermediate.int_customers_assigned"  # the intermediate layer has its own schema
CONTACT_MODELS = "int_customers_assigned report_contact_list report_contact_summary"


@dataclass(frozen=True)
class Warehouse:
    duckdb_path: Path
    capacity: dict[str, float]  # channel → offers per period (inf: no limit)

    def table(self, name: str) -> pd.DataFrame:
        return read_table(self.duckdb_path, f"select * from {name}")


def declared_capacity() -> dict[str, float]:
    seed = pd.read_csv(PROJECT_ROOT / "seeds" / "channel_capacity.csv")
    return {
        row.channel: math.inf if pd.isna(row.capacity_per_period) else row.capacity_per_period
        for row in seed.itertuples()
    }


@pytest.fixture(scope="module")
def squeezed(dashboard_build: DashboardBuild, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """The shared build copied, its capacity seed cut to SMALL_CAPACITY everywhere (as if the team had
    edited the file and reseeded), and the contact models rebuilt with their tests."""
    store = dashboard_build.copy_to(tmp_path_factory.mktemp("contacts") / "store")
    with duckdb.connect(str(store.warehouse)) as connection:
        connection.execute("update channel_capacity set capacity_per_period = ?", [SMALL_CAPACITY])
    result = store.dbt("build", "--select", CONTACT_MODELS)
    assert result.succeeded, result.output[-5000:]
    channels = pd.read_csv(PROJECT_ROOT / "seeds" / "channel_capacity.csv")["channel"]
    return Warehouse(store.warehouse, dict.fromkeys(channels, SMALL_CAPACITY))


@pytest.fixture(scope="module", params=["declared", "squeezed"])
def warehouse(request: pytest.FixtureRequest, dashboard_build: DashboardBuild) -> Warehouse:
    if request.param == "declared":
        return Warehouse(dashboard_build.warehouse, declared_capacity())
    return request.getfixturevalue("squeezed")


def expected_queue(assigned: pd.DataFrame, capacity: dict[str, float]) -> pd.DataFrame:
    """Every offer that is not held out, highest expected loss first, with its place in the channel's queue
    and whether that place is within the channel's capacity."""
    offered = assigned[assigned["offer_code"].notna() & (assigned["arm"] != "control")]
    queue = offered.sort_values(["expected_loss", "customer_id"], ascending=[False, True]).copy()
    queue["channel_rank"] = queue.groupby("channel").cumcount() + 1
    queue["fits"] = queue["channel_rank"] <= queue["channel"].map(capacity)
    return queue


def test_the_list_is_each_channels_queue_within_its_capacity(warehouse: Warehouse) -> None:
    queue = expected_queue(warehouse.table(ASSIGNED), warehouse.capacity)
    expected = queue[queue["fits"]]
    listed = warehouse.table("report_contact_list").sort_values("contact_rank")
    assert len(listed) > 0
    assert listed["contact_rank"].tolist() == list(range(1, len(listed) + 1))
    assert listed["customer_id"].tolist() == expected["customer_id"].tolist()
    for column in ("channel_rank", "offer_code", "channel", "expected_loss"):
        assert listed[column].tolist() == expected[column].tolist(), column


def test_control_customers_are_never_listed(warehouse: Warehouse) -> None:
    assigned = warehouse.table(ASSIGNED)
    control = assigned[(assigned["arm"] == "control") & assigned["offer_code"].notna()]
    assert len(control) > 0  # otherwise there is nothing to leave out
    listed = warehouse.table("report_contact_list")
    assert not set(listed["customer_id"]) & set(control["customer_id"])


def test_the_summary_counts_the_listed_the_waiting_and_the_control(warehouse: Warehouse) -> None:
    assigned = warehouse.table(ASSIGNED)
    queue = expected_queue(assigned, warehouse.capacity)
    control = assigned[(assigned["arm"] == "control") & assigned["offer_code"].notna()]
    channels = sorted(set(assigned["channel"].dropna()))
    expected = pd.DataFrame(
        {
            "customers": [int((queue["fits"] & (queue["channel"] == c)).sum()) for c in channels],
            "waiting_customers": [int((~queue["fits"] & (queue["channel"] == c)).sum()) for c in channels],
            "control_customers": [int((control["channel"] == c).sum()) for c in channels],
            "expected_loss": [
                queue.loc[queue["fits"] & (queue["channel"] == c), "expected_loss"].sum() for c in channels
            ],
        },
        index=channels,
    )
    expected.loc["all"] = expected.sum()
    summary = warehouse.table("report_contact_summary").set_index("channel").sort_index()
    assert summary.index.tolist() == sorted(expected.index)
    for column in ("customers", "waiting_customers", "control_customers"):
        assert summary[column].to_dict() == expected[column].astype(int).to_dict(), column
    assert summary["expected_loss"].to_dict() == pytest.approx(expected["expected_loss"].to_dict())
    assert summary.loc["all", "customers"] == len(warehouse.table("report_contact_list"))
    # Who the contacted are, and the channels busiest first with their names from the seed.
    names = pd.read_csv(PROJECT_ROOT / "seeds" / "display_names.csv")
    names = names[names["domain"].isin(["channel", "channel_scope"])].set_index("code")["display_name"]
    assert summary["channel_name"].to_dict() == names[summary.index].to_dict()
    grid = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_grid.csv")
    target = set(grid.loc[grid["is_target_segment"], "segment"])
    sent = queue[queue["fits"]]
    for channel in channels:
        rows = sent[sent["channel"] == channel]
        assert summary.loc[channel, "target_customers"] == rows["segment"].isin(target).sum(), channel
        assert summary.loc[channel, "consented_customers"] == rows["allows_messages"].sum(), channel
    busiest = sorted(channels, key=lambda channel: (-expected.loc[channel, "customers"], channel))
    assert summary.drop(index="all").sort_values("channel_order").index.tolist() == busiest
    assert summary.loc["all", "channel_order"] == 0


def test_a_small_capacity_makes_customers_wait(squeezed: Warehouse, dashboard_build: DashboardBuild) -> None:
    """The squeezed copy must exercise the rule: more offers than places in some channel, and every listed
    channel filled to exactly its capacity where the queue was longer."""
    queue = expected_queue(squeezed.table(ASSIGNED), squeezed.capacity)
    assert (~queue["fits"]).sum() > 0
    summary = squeezed.table("report_contact_summary").set_index("channel")
    assert summary.loc["all", "waiting_customers"] > 0
    longer = queue.groupby("channel").size() > SMALL_CAPACITY
    assert (summary.loc[longer[longer].index, "customers"] == SMALL_CAPACITY).all()
    assert summary.drop(index="all")["capacity_per_period"].eq(SMALL_CAPACITY).all()
    declared = read_table(
        dashboard_build.warehouse,
        "select * from report_contact_summary where channel = 'all'",
    )
    assert summary.loc["all", "customers"] < declared["customers"].iloc[0]
