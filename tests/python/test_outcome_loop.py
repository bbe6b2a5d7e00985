"""The loop closed on a generated store: period 1 (the shared dashboard build), the next period simulated from
its published snapshot and built; the outcomes, the realised quality and the offer uplift are filled and agree
with what the simulator drew; the customers at risk per period and who moved into high risk agree with
pandas on the history; building period 2 again leaves the history as it was; a damaged later export stops the
build and leaves the history and the published snapshot alone. The uplift's intervals are checked
against statsmodels on cells with known counts."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm
from sklearn.metrics import roc_auc_score
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from streamlit.testing.v1 import AppTest

from one_click import exports as ex
from one_click.dashboard import labels
from one_click.dashboard.snapshot import PUBLISH_DIR_ENV
from one_click.publish import current_snapshot
from one_click.simulate.cli import main as simulate

from conftest import folder_digest
from dashboard_build import DashboardBuild
from dbt_cli import PROJECT_ROOT, DbtResult

pytestmark = [pytest.mark.dbt, pytest.mark.xdist_group("history")]

FIRST_PERIOD = "2026-09-01"  # the var's documented default, which the shared build used
NO_RETRAIN = {"ONE_CLICK_RETRAIN": "false"}
HISTORY = ("prediction_history", "prediction_outcomes")
LOOP_MODELS = ("int_customer_outcomes", "prediction_history", "prediction_outcomes+")


class Store(DashboardBuild):
    """A copy of the shared build, built for later periods with the published model (no retraining)."""

    def dbt(self, *args: str, exports: Path | None = None, **variables: object) -> DbtResult:
        return super().dbt(*args, exports=exports, extra_env=NO_RETRAIN, **variables)

    def history(self) -> dict[str, pd.DataFrame]:
        return {
            name: self.query(f"select * from {name} order by all").reset_index(drop=True) for name in HISTORY
        }


@dataclass(frozen=True)
class TwoPeriods:
    store: Store
    next_exports: Path
    truth: dict
    second_period: str


@pytest.fixture(scope="module")
def two_periods(dashboard_build: DashboardBuild, tmp_path_factory: pytest.TempPathFactory) -> TwoPeriods:
    store = Store(dashboard_build.folder).copy_to(tmp_path_factory.mktemp("loop") / "store")
    next_exports = store.folder / "period-2"
    simulate(["--published", str(store.publish_dir / "current"), "--out", str(next_exports), "--seed", "11"])
    truth = json.loads((next_exports / "truth.json").read_text(encoding="utf-8"))
    assert truth["scored_export_date"] == FIRST_PERIOD
    built = store.dbt("build", exports=next_exports, export_date=truth["export_date"])
    assert built.succeeded, built.output[-6000:]
    return TwoPeriods(store, next_exports, truth, truth["export_date"])


def test_every_prediction_of_period_one_meets_its_outcome(two_periods: TwoPeriods) -> None:
    store = two_periods.store
    outcomes = store.query("select * from prediction_outcomes")
    history = store.query(f"select customer_id from prediction_history where export_date = '{FIRST_PERIOD}'")
    assert sorted(outcomes["customer_id"]) == sorted(history["customer_id"])
    assert set(outcomes["observed_export_date"].astype(str)) == {two_periods.second_period}
    # The categories, recomputed from the period-2 files themselves.
    market_file = pd.read_csv(two_periods.next_exports / ex.MARKET_FILE.file_name)
    money = pd.read_csv(two_periods.next_exports / ex.MARKET_MONEY.file_name)
    zero = set(money.loc[money[ex.MARKET_MONEY.columns[2]] <= 0, "id"])
    labels = market_file.set_index("id")[ex.MARKET_FILE.columns[1]]
    expected = outcomes["customer_id"].map(
        lambda c: (
            "absent"
            if c not in labels.index
            else "dropped_out"
            if c in zero
            else "declined"
            if labels[c] == ex.ACTIVITY_DECLINED
            else "kept"
        )
    )
    assert (outcomes["outcome_category"] == expected).all()
    assert (expected == "absent").sum() == two_periods.truth["customers_left"]


def test_realised_roc_auc_is_the_simulators_truth(two_periods: TwoPeriods) -> None:
    quality = two_periods.store.query(
        "select * from model_realised_quality where segment = 'all' order by population"
    ).set_index("population")
    unchangeable = quality.loc["unchangeable"]
    assert unchangeable["customers_with_outcome"] == two_periods.truth["true_roc_auc_customers"]
    assert unchangeable["realised_roc_auc"] == pytest.approx(two_periods.truth["true_roc_auc"], abs=1e-9)
    assert unchangeable["promised_roc_auc"] > 0.5
    # Brier and the treated apart, recomputed from prediction_outcomes with scikit-learn's ROC-AUC.
    rows = two_periods.store.query(
        "select decline_probability as p, is_activity_declined as y, is_sent from prediction_outcomes "
        "where is_activity_declined is not null"
    )
    for population, part in rows.groupby(rows["is_sent"].map({True: "treated", False: "unchangeable"})):
        y = part["y"].astype(int)
        assert quality.loc[population, "brier_score"] == pytest.approx(((part["p"] - y) ** 2).mean())
        if y.nunique() == 2:
            assert quality.loc[population, "realised_roc_auc"] == pytest.approx(roc_auc_score(y, part["p"]))
    calibration = two_periods.store.query("select * from model_realised_calibration")
    assert calibration["customers_with_outcome"].sum() == unchangeable["customers_with_outcome"]


def test_offer_uplift_counts_the_arms_of_each_offer(two_periods: TwoPeriods) -> None:
    store = two_periods.store
    uplift = store.query(
        "select * from offer_uplift where export_date is null and segment = 'all' order by offer_code"
    ).set_index("offer_code")
    arms = (
        store.query(
            "select offer_code, arm, count(*) as customers from prediction_outcomes "
            "where offer_code is not null and fits_capacity and is_activity_declined is not null "
            "and arm in ('treatment', 'control') "
            "group by all"
        )
        .pivot(index="offer_code", columns="arm", values="customers")
        .fillna(0)
    )
    assert (uplift["treated_customers"] == arms["treatment"].reindex(uplift.index)).all()
    assert (uplift["control_customers"] == arms["control"].reindex(uplift.index)).all()
    # A store this small settles nothing: every cell says how many more customers it needs.
    assert (
        ~uplift["has_enough_customers"] & uplift["uplift"].isna() & (uplift["customers_needed"] > 0)
    ).all()
    report = store.query("select * from report_offer_uplift")
    assert len(report) == len(store.query("select * from offer_uplift"))


def test_risk_by_period_and_the_movers_are_the_historys(two_periods: TwoPeriods) -> None:
    """Customers at risk per period and who moved into high risk, recomputed in pandas from the history."""
    store = two_periods.store
    history = store.query("select * from prediction_history").assign(
        export_date=lambda f: f["export_date"].astype(str),
        high=lambda f: f["risk_band"] == "high",
        high_loss=lambda f: f["expected_loss"].where(f["risk_band"] == "high"),
        control=lambda f: f["arm"] == "control",
    )
    assert sorted(history["export_date"].unique()) == [FIRST_PERIOD, two_periods.second_period]
    expected = (
        pd.concat(
            [history, history.assign(segment="all")]  # the pooled row counts every customer of the period
        )
        .groupby(["export_date", "segment"])
        .agg(
            customers=("customer_id", "size"),
            high_risk_customers=("high", "sum"),
            expected_loss=("expected_loss", "sum"),
            high_risk_expected_loss=("high_loss", "sum"),
            offers_sent=("is_sent", "sum"),
            control_customers=("control", "sum"),
        )
    )
    report = (
        store.query("select * from report_risk_by_period")
        .assign(export_date=lambda f: f["export_date"].astype(str))
        .set_index(["export_date", "segment"])
        .sort_index()
    )
    assert list(report.index) == list(expected.index)
    for column in ("customers", "high_risk_customers", "offers_sent", "control_customers"):
        assert (report[column] == expected[column]).all(), column
    for column in ("expected_loss", "high_risk_expected_loss"):
        assert report[column].to_numpy() == pytest.approx(expected[column].to_numpy()), column
    assert (report["high_risk_share"] == report["high_risk_customers"] / report["customers"]).all()
    assert report["previous_export_date"].isna().tolist() == [
        date == FIRST_PERIOD for date, _ in report.index
    ]

    # Movers: high now, and not high (or not scored) in the period before.
    def high_in(period: str) -> set[int]:
        return set(history.loc[(history["export_date"] == period) & history["high"], "customer_id"])

    scored_before = set(history.loc[history["export_date"] == FIRST_PERIOD, "customer_id"])
    expected_movers = high_in(two_periods.second_period) - high_in(FIRST_PERIOD)
    assert expected_movers, "the simulated period moved nobody into high risk: the check would prove nothing"
    movers = store.query("select * from report_risk_movers order by expected_loss_rank")
    assert set(movers["customer_id"]) == expected_movers and len(movers) == len(expected_movers)
    assert set(movers["export_date"].astype(str)) == {two_periods.second_period}
    assert set(movers["previous_export_date"].astype(str)) == {FIRST_PERIOD}
    assert movers["was_scored_before"].tolist() == [c in scored_before for c in movers["customer_id"]]
    assert movers["expected_loss"].is_monotonic_decreasing
    pooled_movers = report.loc[(two_periods.second_period, "all"), "moved_to_high_risk_customers"]
    assert pooled_movers == len(expected_movers)
    by_segment = movers.groupby("segment").size()
    second = report.loc[two_periods.second_period].drop(index="all")
    assert (second["moved_to_high_risk_customers"] == by_segment.reindex(second.index).fillna(0)).all()


def test_building_period_two_again_keeps_the_history(two_periods: TwoPeriods) -> None:
    store = two_periods.store
    before = store.history()
    again = store.dbt(
        "build",
        "--select",
        *LOOP_MODELS,
        exports=two_periods.next_exports,
        export_date=two_periods.second_period,
    )
    assert again.succeeded, again.output[-4000:]
    after = store.history()
    for name in HISTORY:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False)


def test_a_damaged_later_export_stops_the_build_and_keeps_history_and_snapshot(
    two_periods: TwoPeriods, tmp_path: Path
) -> None:
    store = two_periods.store
    damaged = tmp_path / "period-3"
    shutil.copytree(two_periods.next_exports, damaged)
    money = damaged / ex.MARKET_MONEY.file_name
    rows = money.read_bytes().split(b"\r\n")
    rows[1] = rows[1].rsplit(b",", 1)[0] + b",-5"
    money.write_bytes(b"\r\n".join(rows))
    before, snapshot = store.history(), current_snapshot(store.publish_dir)
    published = folder_digest(snapshot)
    failed = store.dbt("build", exports=damaged, export_date="2027-03-01")
    assert not failed.succeeded
    assert "market_money_csv__revenue__non_negative_number" in failed.output
    after = store.history()
    for name in HISTORY:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False)
    assert current_snapshot(store.publish_dir) == snapshot
    assert folder_digest(snapshot) == published


def test_offer_uplift_matches_statsmodels(two_periods: TwoPeriods, tmp_path: Path) -> None:
    """offer_uplift's SQL on cells of known counts (one cell per scoring period), against statsmodels'
    Newcombe interval and z-test and the textbook minimum detectable effect."""
    rng = np.random.default_rng(5)
    cells = pd.DataFrame(
        {
            "treated": rng.integers(200, 3000, 12),
            "control": rng.integers(50, 800, 12),
            "treated_rate": rng.uniform(0.05, 0.6, 12),
            "control_rate": rng.uniform(0.05, 0.6, 12),
        }
    )
    cells["treated_declined"] = (cells["treated"] * cells["treated_rate"]).round().astype(int)
    cells["control_declined"] = (cells["control"] * cells["control_rate"]).round().astype(int)
    rows = []
    for i, cell in cells.iterrows():
        for arm, n, declined in (
            ("treatment", cell.treated, cell.treated_declined),
            ("control", cell.control, cell.control_declined),
        ):
            for k in range(int(n)):
                rows.append((pd.Timestamp("2020-01-01") + pd.Timedelta(days=int(i)), arm, k < declined))
    outcomes = pd.DataFrame(rows, columns=["export_date", "arm", "is_activity_declined"]).assign(
        customer_id=lambda f: np.arange(len(f)),
        observed_export_date=pd.Timestamp("2030-01-01"),
        model_id="m",
        decline_probability=0.5,
        segment="s",
        monthly_profit=4.0,
        offer_code="o",
        control_share=0.2,
        offer_cost_rub=10.0,
        fits_capacity=True,
        is_sent=lambda f: f["arm"] == "treatment",
        outcome_category="kept",
    )
    outcomes["export_date"] = outcomes["export_date"].dt.date
    store = Store(tmp_path)
    with duckdb.connect(str(store.warehouse)) as connection:
        connection.register("outcomes", outcomes)
        connection.execute("create table prediction_outcomes as select * from outcomes")
    ran = store.dbt(
        "run",
        "--select",
        "offer_uplift",
        exports=two_periods.next_exports,
        uplift_effect_to_detect=1,
        uplift_min_arm_customers=1,
    )
    assert ran.succeeded, ran.output[-4000:]
    found = store.query(
        "select * from offer_uplift where segment = 'all' and export_date is not null order by export_date"
    )
    assert len(found) == len(cells)
    z = norm.ppf(0.975) + norm.ppf(0.8)
    for cell, row in zip(cells.itertuples(), found.itertuples(), strict=True):
        low, high = confint_proportions_2indep(
            cell.control_declined,
            cell.control,
            cell.treated_declined,
            cell.treated,
            method="newcomb",
            compare="diff",
        )
        assert (row.uplift_ci_low, row.uplift_ci_high) == pytest.approx((low, high), abs=1e-9)
        _, p_value = proportions_ztest(
            [cell.control_declined, cell.treated_declined], [cell.control, cell.treated]
        )
        assert row.p_value == pytest.approx(p_value, abs=1e-6)
        pooled = (cell.control_declined + cell.treated_declined) / (cell.control + cell.treated)
        mde = z * np.sqrt(pooled * (1 - pooled) * (1 / cell.control + 1 / cell.treated))
        assert row.minimum_detectable_effect == pytest.approx(mde)


def test_results_page_shows_the_realised_quality_and_the_offers(
    two_periods: TwoPeriods, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PUBLISH_DIR_ENV, str(two_periods.store.publish_dir))
    app = AppTest.from_file(str(PROJECT_ROOT / "dashboard" / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("views/results.py")
    app.run()
    assert not app.exception and not app.error
    realised = two_periods.store.query(
        "select realised_roc_auc from report_model_realised "
        "where population = 'unchangeable' and segment = 'all'"
    )
    shown = {metric.label: metric.value for metric in app.metric}
    assert shown["ROC-AUC на исходах"] == labels.fmt_number(realised["realised_roc_auc"].iloc[0], 3)
    tables = [frame.value for frame in app.dataframe]
    offers = next(table for table in tables if "verdict" in table)
    pooled = two_periods.store.query(
        "select offer_text, verdict from report_offer_uplift where export_date is null and segment = 'all'"
    )
    assert sorted(offers["verdict"]) == sorted(pooled["verdict"])
    # Customers at risk across both periods, and who moved into high risk since the first.
    periods = next(table for table in tables if "moved_to_high_risk_customers" in table)
    assert periods["export_date"].tolist() == [
        labels.fmt_calendar_date(pd.Timestamp(date)) for date in (FIRST_PERIOD, two_periods.second_period)
    ]
    movers = two_periods.store.query("select customer_id from report_risk_movers order by expected_loss_rank")
    deltas = {metric.label: metric.delta for metric in app.metric}
    assert shown["Перешли в высокий риск"] == labels.fmt_int(len(movers))
    assert deltas["Перешли в высокий риск"] == f"с {labels.fmt_calendar_date(pd.Timestamp(FIRST_PERIOD))}"
    listed = next(table for table in tables if "previous_risk_band_name" in table)
    assert listed["customer_id"].tolist() == movers["customer_id"].tolist()
    assert any("Скачать" in button.proto.label for button in app.get("download_button"))
