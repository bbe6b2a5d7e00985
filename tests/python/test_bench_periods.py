"""The multi-period benchmark's bookkeeping: which models' time grew from the first build to the last."""

from __future__ import annotations

from one_click.simulate.bench import node_growth


def test_node_growth_orders_by_seconds_gained_and_leaves_out_fast_and_unshared_nodes() -> None:
    first = {"model.a": 10.0, "model.b": 2.0, "model.fast": 0.2, "model.only_first": 5.0}
    last = {"model.a": 11.0, "model.b": 6.0, "model.fast": 0.5, "model.only_last": 9.0}

    grown = node_growth(first, last)

    assert [row["node"] for row in grown] == ["model.b", "model.a"]
    assert grown[0] == {"node": "model.b", "first_seconds": 2.0, "last_seconds": 6.0}
