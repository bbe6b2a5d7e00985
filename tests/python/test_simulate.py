"""The next-period simulator, on a hand-made snapshot: the store's format, the same customers give or take a
few, outcomes drawn from the probability it declares, and a truth.json recomputed here from the files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm
from sklearn.metrics import roc_auc_score

from one_click import exports as ex
from one_click.simulate import read_last_period, simulate_next_period
from one_click.simulate.cli import main
from one_click.simulate.snapshot import add_months

N = 6000
SCORED_ON = dt.date(2026, 11, 30)
WORKING, PLACEBO = "personal_manager_call", "cart_reminder"
LABEL, CONSENT = ex.MARKET_FILE.columns[1], ex.MARKET_FILE.columns[3]


def write_snapshot(folder: Path, n: int = N, seed: int = 3) -> pd.DataFrame:
    """A published snapshot as a build leaves it: an older period and the newest one in the history."""
    rng = np.random.default_rng(seed)
    ids = 10_000_001 + np.arange(n) * 2
    probability = rng.beta(1.2, 1.8, n)
    offer = np.where(probability > 0.5, WORKING, np.where(rng.random(n) < 0.5, PLACEBO, None))
    eligible = rng.random(n) < 0.9
    offered = pd.notna(offer)
    randomised = np.where(rng.random(n) < 0.5, "control", "treatment")
    arm = np.where(offered & eligible, randomised, "not_eligible")
    newest = pd.DataFrame(
        {
            "export_date": SCORED_ON,
            "customer_id": ids,
            "decline_probability": probability,
            "offer_code": offer,
            "arm": arm,
            "is_sent": arm == "treatment",
        }
    )
    older = newest.assign(export_date=dt.date(2026, 8, 31), decline_probability=0.5, is_sent=True)
    customers = pd.DataFrame(
        {
            "customer_id": ids,
            "allows_messages": rng.random(n) < 0.7,
            "monthly_profit": np.round(rng.uniform(1, 7, n), 2),
            "segment": "any",
        }
    )
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in (("prediction_history", pd.concat([older, newest])), ("report_customers", customers)):
        duckdb.from_df(frame).write_parquet(str(folder / f"{name}.parquet"))
    return newest.merge(customers, on="customer_id")


def read_exports(folder: Path) -> dict[str, pd.DataFrame]:
    return {
        e.file_name: pd.read_csv(
            folder / e.file_name, sep=e.delimiter, decimal=e.decimal, encoding=e.encoding
        )
        for e in ex.ALL_EXPORTS
    }


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], dict]:
    root = tmp_path_factory.mktemp("simulate")
    scored = write_snapshot(root / "snapshot")
    main(["--published", str(root / "snapshot"), "--out", str(root / "next"), "--seed", "5"])
    truth = json.loads((root / "next" / "truth.json").read_text(encoding="utf-8"))
    return scored, read_exports(root / "next"), truth


def test_the_next_export_is_in_the_declared_format(simulated, tmp_path: Path) -> None:
    _, frames, _ = simulated
    for export in ex.ALL_EXPORTS:
        assert list(frames[export.file_name].columns) == list(export.columns)
    market_file = frames[ex.MARKET_FILE.file_name]
    ids = market_file["id"]
    assert ids.is_unique
    assert (frames[ex.MARKET_MONEY.file_name].groupby("id").size() == len(ex.REVENUE_PERIODS)).all()
    assert set(frames[ex.MONEY.file_name]["id"]) == set(ids)
    assert set(market_file[LABEL]) == {ex.ACTIVITY_DECLINED, ex.ACTIVITY_KEPT}


def test_the_same_customers_some_leave_a_few_join(simulated) -> None:
    scored, frames, truth = simulated
    ids = set(frames[ex.MARKET_FILE.file_name]["id"])
    scored_ids = set(scored["customer_id"])
    left, joined = scored_ids - ids, ids - scored_ids
    assert (len(left), len(joined)) == (truth["customers_left"], truth["customers_joined"])
    assert 0.01 * N < len(left) < 0.05 * N and 0.005 * N < len(joined) < 0.04 * N
    assert min(joined) > max(scored_ids)


def test_consent_and_profit_stay_with_the_customer(simulated) -> None:
    scored, frames, _ = simulated
    market_file = frames[ex.MARKET_FILE.file_name].merge(scored, left_on="id", right_on="customer_id")
    assert ((market_file[CONSENT] == ex.CONSENT_YES) == market_file["allows_messages"]).all()
    money = frames[ex.MONEY.file_name].merge(scored, left_on="id", right_on="customer_id")
    assert np.allclose(money[ex.MONEY.columns[1]], money["monthly_profit"])


def test_outcomes_are_drawn_from_the_declared_probability(simulated) -> None:
    scored, frames, truth = simulated
    assert truth["offer_effects"] == {WORKING: 0.15, PLACEBO: 0.0}
    market_file = frames[ex.MARKET_FILE.file_name].merge(scored, left_on="id", right_on="customer_id")
    declined = (market_file[LABEL] == ex.ACTIVITY_DECLINED).to_numpy()
    treated = (market_file["arm"] == "treatment").to_numpy()
    effect = np.where(treated & (market_file["offer_code"] == WORKING).to_numpy(), 0.15, 0.0)
    expected = np.clip(market_file["decline_probability"].to_numpy() - effect, 0, 1)
    # Observed declines against the declared probabilities: within 3 standard errors, overall and treated.
    for rows in (np.ones_like(treated), treated, ~treated):
        error = np.sqrt((expected[rows] * (1 - expected[rows])).sum())
        assert abs(declined[rows].sum() - expected[rows].sum()) < 3 * error
    # The working offer's treated decline less than its control, by about its effect.
    working = (market_file["offer_code"] == WORKING).to_numpy()
    gap = declined[working & ~treated].mean() - declined[working & treated].mean()
    probability_gap = expected[working & ~treated].mean() - expected[working & treated].mean()
    se = np.sqrt(
        sum(
            declined[m].mean() * (1 - declined[m].mean()) / m.sum()
            for m in (working & treated, working & ~treated)
        )
    )
    assert abs(gap - probability_gap) < norm.ppf(0.999) * se


def test_truth_roc_auc_is_that_of_the_untreated_customers_in_the_files(simulated) -> None:
    scored, frames, truth = simulated
    market_file = frames[ex.MARKET_FILE.file_name].merge(scored, left_on="id", right_on="customer_id")
    untreated = market_file[~(market_file["arm"] == "treatment")]
    declined = untreated[LABEL] == ex.ACTIVITY_DECLINED
    assert truth["true_roc_auc_customers"] == len(untreated)
    assert truth["true_roc_auc"] == pytest.approx(roc_auc_score(declined, untreated["decline_probability"]))
    assert (truth["scored_export_date"], truth["export_date"]) == ("2026-11-30", "2027-02-28")


def test_the_same_seed_draws_the_same_period(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "snapshot", n=300)
    last = read_last_period(tmp_path / "snapshot")
    first, again = simulate_next_period(last, seed=1), simulate_next_period(last, seed=1)
    other = simulate_next_period(last, seed=2)
    for name, frame in first.frames.items():
        pd.testing.assert_frame_equal(frame, again.frames[name])
    assert not first.frames[ex.MARKET_FILE.file_name].equals(other.frames[ex.MARKET_FILE.file_name])


def test_refuses_to_overwrite_an_export_or_read_a_snapshot_without_history(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "snapshot", n=300)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ex.MONEY.file_name).write_text("keep me")
    with pytest.raises(SystemExit):
        main(["--published", str(tmp_path / "snapshot"), "--out", str(tmp_path / "out")])
    assert (tmp_path / "out" / ex.MONEY.file_name).read_text() == "keep me"
    (tmp_path / "snapshot" / "prediction_history.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="prediction_history"):
        read_last_period(tmp_path / "snapshot")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-11-30", 3, "2027-02-28"),
        ("2028-11-30", 3, "2029-02-28"),
        ("2027-11-30", 3, "2028-02-29"),
        ("2026-01-15", 12, "2027-01-15"),
        ("2026-10-31", 2, "2026-12-31"),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day: str, months: int, expected: str) -> None:
    assert add_months(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)
