"""Periods and history: a generated store built for one export period, then scored for a later one. Each
period keeps one row per customer; building a period again replaces only its rows; an earlier period is
refused; `--full-refresh` keeps the history and the model registry; the history is published and restored
from the snapshot; every customer's bucket is the one Python's hashlib gives."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from scipy.stats import chi2

from one_click.assignment import BUCKETS, assignment_bucket, project_salt
from one_click.publish import current_snapshot

from dashboard_build import DashboardBuild
from dbt_cli import DbtResult

pytestmark = [pytest.mark.dbt, pytest.mark.xdist_group("history")]

FIRST_PERIOD = "2026-09-01"  # the var's documented default, which the shared build used
SECOND_PERIOD = "2026-12-01"
HISTORY_ORDER = "order by export_date, customer_id"
SCORING = ("build", "--selector", "scoring")
NO_RETRAIN = {"ONE_CLICK_RETRAIN": "false"}


class Store(DashboardBuild):
    """A copy of the shared build, scored for later periods with the published model (no retraining)."""

    def dbt(self, *args: str, exports: Path | None = None, **variables: object) -> DbtResult:
        return super().dbt(*args, exports=exports, extra_env=NO_RETRAIN, **variables)

    def history(self) -> pd.DataFrame:
        return iso_dates(self.query(f"select * from prediction_history {HISTORY_ORDER}"))


def iso_dates(history: pd.DataFrame) -> pd.DataFrame:
    return history.assign(export_date=pd.to_datetime(history["export_date"]).dt.strftime("%Y-%m-%d"))


@pytest.fixture(scope="module")
def two_periods(dashboard_build: DashboardBuild, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The session's shared build (period FIRST_PERIOD), copied, then scored for SECOND_PERIOD."""
    store = Store(dashboard_build.folder).copy_to(tmp_path_factory.mktemp("periods") / "store")
    result = store.dbt(*SCORING, export_date=SECOND_PERIOD)
    assert result.succeeded, result.output[-5000:]
    # The next training's data for the second period (a retrain itself is not needed to check its policy).
    training = store.dbt("run", "--select", "int_training_customers", export_date=SECOND_PERIOD)
    assert training.succeeded, training.output[-5000:]
    return store


def test_each_period_holds_every_customer_once(two_periods: Store, dashboard_build: DashboardBuild) -> None:
    history = two_periods.history()
    customers = set(two_periods.query("select customer_id from customer_features")["customer_id"])
    assert sorted(history["export_date"].unique()) == [FIRST_PERIOD, SECOND_PERIOD]
    for _, period in history.groupby("export_date"):
        assert set(period["customer_id"]) == customers and period["customer_id"].is_unique
    # The first period's rows are the ones its own build wrote and published.
    first = history.loc[history["export_date"] == FIRST_PERIOD].reset_index(drop=True)
    published = iso_dates(dashboard_build.table("prediction_history")).sort_values(
        "customer_id", ignore_index=True
    )
    pd.testing.assert_frame_equal(first, published, check_dtype=False)


def test_rebuilding_a_period_replaces_only_its_rows(two_periods: Store, tmp_path: Path) -> None:
    store = two_periods.copy_to(tmp_path / "store")
    before = store.history()
    result = store.dbt(*SCORING, export_date=SECOND_PERIOD)
    assert result.succeeded, result.output[-5000:]
    pd.testing.assert_frame_equal(store.history(), before)


def test_an_earlier_period_is_refused_unless_allowed(two_periods: Store, tmp_path: Path) -> None:
    store = two_periods.copy_to(tmp_path / "store")
    before = store.history()
    refused = store.dbt("run", "--select", "prediction_history", export_date=FIRST_PERIOD)
    assert not refused.succeeded
    assert f"export_date {FIRST_PERIOD} is older than the newest period" in refused.output
    assert SECOND_PERIOD in refused.output and "allow_earlier_export_date" in refused.output
    pd.testing.assert_frame_equal(store.history(), before)

    allowed = store.dbt(
        "run", "--select", "prediction_history", export_date=FIRST_PERIOD, allow_earlier_export_date=True
    )
    assert allowed.succeeded, allowed.output[-5000:]
    after = store.history()
    kept = before["export_date"] == SECOND_PERIOD
    pd.testing.assert_frame_equal(
        after.loc[after["export_date"] == SECOND_PERIOD].reset_index(drop=True),
        before.loc[kept].reset_index(drop=True),
    )
    assert len(after) == len(before)


def test_full_refresh_keeps_the_history_and_the_model_registry(two_periods: Store, tmp_path: Path) -> None:
    store = two_periods.copy_to(tmp_path / "store")
    history = store.history()
    registry = store.query("select model_id, trained_at from model_registry order by model_id")
    result = store.dbt(
        "run", "--full-refresh", "--select", "model_registry", "prediction_history", export_date=SECOND_PERIOD
    )
    assert result.succeeded, result.output[-5000:]
    pd.testing.assert_frame_equal(store.history(), history)
    pd.testing.assert_frame_equal(
        store.query("select model_id, trained_at from model_registry order by model_id"), registry
    )


def test_history_is_published_and_restored_from_the_snapshot(two_periods: Store, tmp_path: Path) -> None:
    store = two_periods.copy_to(tmp_path / "store")
    history = store.history()
    snapshot = current_snapshot(store.publish_dir)
    assert snapshot is not None
    published = iso_dates(pd.read_parquet(snapshot / "prediction_history.parquet"))
    pd.testing.assert_frame_equal(
        published.sort_values(["export_date", "customer_id"], ignore_index=True), history, check_dtype=False
    )

    with duckdb.connect(str(store.warehouse)) as connection:
        connection.execute("drop table prediction_history")
    result = store.dbt("run-operation", "restore_history", export_date=SECOND_PERIOD)
    assert result.succeeded, result.output[-5000:]
    pd.testing.assert_frame_equal(store.history(), history, check_dtype=False)
    # Again: rows already there are left alone, nothing is doubled.
    again = store.dbt("run-operation", "restore_history", export_date=SECOND_PERIOD)
    assert again.succeeded, again.output[-5000:]
    assert len(store.history()) == len(history)


def test_buckets_are_pythons_md5_buckets_and_arms_are_stable(two_periods: Store) -> None:
    history = two_periods.history()
    salt = project_salt()
    expected = [assignment_bucket(customer, salt) for customer in history["customer_id"]]
    assert history["assignment_bucket"].tolist() == expected
    assert history["assignment_bucket"].between(0, BUCKETS - 1).all()
    # The same salt and share keep every customer in the same arm from one period to the next.
    offered = history.loc[history["offer_code"].notna()]
    arms = offered.pivot_table(index="customer_id", columns="export_date", values="arm", aggfunc="first")
    both = arms.dropna()
    assert len(both) > 0
    assert (both.iloc[:, 0] == both.iloc[:, 1]).all()
    # Control is exactly the eligible customers whose bucket is below share × buckets.
    eligible = history.loc[history["arm"] != "not_eligible"]
    is_control = eligible["assignment_bucket"] < eligible["control_share"] * BUCKETS
    assert ((eligible["arm"] == "control") == is_control).all()
    not_eligible = history.loc[history["arm"] == "not_eligible", "customer_id"]
    consent = two_periods.query("select customer_id, allows_messages from customer_features")
    without = consent.loc[~consent["allows_messages"], "customer_id"]
    assert set(without) <= set(not_eligible)


def test_training_withholds_the_labels_of_customers_sent_an_offer(two_periods: Store) -> None:
    history = two_periods.history()
    first = history.loc[history["export_date"] == FIRST_PERIOD]
    training = two_periods.query(
        "select t.customer_id, t.is_activity_declined, t.is_label_withheld, f.is_activity_declined as label "
        "from intermediate.int_training_customers t join customer_features f using (customer_id)"
    )
    # The first period is exactly outcome_horizon_months (3) before the second, so within the horizon.
    sent = set(first.loc[first["is_sent"], "customer_id"])
    labelled = set(training.loc[training["label"].notna(), "customer_id"])
    withheld = training.loc[training["is_label_withheld"]]
    assert set(withheld["customer_id"]) == sent & labelled and len(withheld) > 0
    assert withheld["is_activity_declined"].isna().all()
    kept = training.loc[~training["is_label_withheld"]]
    assert (kept["is_activity_declined"].isna() == kept["label"].isna()).all()
    control = set(first.loc[first["arm"] == "control", "customer_id"])
    assert not control & set(withheld["customer_id"])
    # The model of the first build saw no history, so it withheld nothing.
    assert two_periods.query("select labels_withheld from model_summary")["labels_withheld"].tolist() == [0]


def test_sample_ratio_check_matches_scipy(two_periods: Store) -> None:
    balance = two_periods.query("select * from offer_assignment_balance order by offer_code")
    history = two_periods.history()
    current = history.loc[
        (history["export_date"] == SECOND_PERIOD) & history["arm"].isin(["treatment", "control"])
    ]
    counts = current.groupby("offer_code")["arm"].agg(
        eligible="size", control=lambda arms: int((arms == "control").sum())
    )
    assert balance["offer_code"].tolist() == sorted(counts.index)
    tested = balance.loc[balance["is_tested"]]
    assert len(tested) > 0
    for row in tested.itertuples():
        n, control = counts.loc[row.offer_code, "eligible"], counts.loc[row.offer_code, "control"]
        expected = n * row.control_share
        statistic = (control - expected) ** 2 / expected + (control - expected) ** 2 / (n - expected)
        assert row.chi_square == pytest.approx(statistic)
        assert row.p_value == pytest.approx(chi2.sf(statistic, 1), abs=1e-6)
        assert row.alpha_per_offer == pytest.approx(0.001 / len(tested))
    assert not balance["is_imbalanced"].any()
