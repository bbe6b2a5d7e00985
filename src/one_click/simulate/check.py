"""The loop check on a simulated store large enough to see an offer's effect (`make loop-check`).

Period 1 is a generated store of `--customers` customers, built; period 2 is simulated from its snapshot and
built. Then: the working offer's interval must exclude 0 and cover its true effect, the placebo's must cover
0, and the realised ROC-AUC must be within 0.02 of the simulator's `true_roc_auc`. The intervals' coverage is
measured by repetition through the same SQL (`offer_uplift`): each repetition is one scoring period of a
scratch warehouse holding `prediction_outcomes` rows drawn afresh. Two kinds of repetition: `fixed` keeps
period 1's customers and arms and redraws only their outcomes (the interval's target is then the difference
of the two arms' mean probabilities); `resampled` also redraws the customers (bootstrap of the offer's
period-1 population) and their arms at the declared control share (the target is the offer's true effect).

    python -m one_click.simulate.check --customers 50000 --repetitions 200 --work-dir target/loop-check
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from one_click.simulate.next_period import simulate_next_period
from one_click.simulate.store import SimulatedStore, store_arguments, write_result
from one_click.simulate.truth import outcome_probability

FIRST_PERIOD = "2026-09-01"
ROC_AUC_TOLERANCE = 0.02
COVERAGE_TARGET, COVERAGE_TOLERANCE = 0.95, 0.03
# Repetition k is filed as scoring period FIRST_DRAW + k days in the scratch warehouse.
FIRST_DRAW = dt.date(2000, 1, 1)
EXPERIMENT_COLUMNS = (
    "offer_code",
    "segment",
    "arm",
    "monthly_profit",
    "offer_cost_rub",
    "control_share",
    "fits_capacity",
)


def _experiment(history: pd.DataFrame, offers: Sequence[str]) -> pd.DataFrame:
    """Period 1's randomised customers of `offers`, as offer_uplift selects them."""
    chosen = history["offer_code"].isin(offers) & history["arm"].isin(["treatment", "control"])
    return history[chosen & history["fits_capacity"]].reset_index(drop=True)


def _draws(experiment: pd.DataFrame, effects: dict[str, float], repetitions: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for k in range(2 * repetitions):
        rows = experiment
        if k >= repetitions:  # resampled: new customers of the same offers, new arms
            rows = experiment.groupby("offer_code", group_keys=False).sample(
                frac=1.0, replace=True, random_state=rng
            )
            control = rng.random(len(rows)) < rows["control_share"].to_numpy()
            rows = rows.assign(arm=np.where(control, "control", "treatment"), is_sent=~control)
        declined = rng.random(len(rows)) < outcome_probability(rows, effects)
        frames.append(
            rows[list(EXPERIMENT_COLUMNS)].assign(
                export_date=FIRST_DRAW + dt.timedelta(days=k), is_activity_declined=declined
            )
        )
    return pd.concat(frames, ignore_index=True)


def _targets(experiment: pd.DataFrame, effects: dict[str, float]) -> pd.DataFrame:
    """Per offer: the uplift each kind of repetition estimates."""
    rows = experiment.assign(
        p=experiment["decline_probability"],
        treated_p=np.clip(experiment["decline_probability"] - experiment["offer_code"].map(effects), 0, 1),
    )
    fixed = rows.groupby("offer_code").apply(
        lambda o: (
            o.loc[o["arm"] == "control", "p"].mean() - o.loc[o["arm"] == "treatment", "treated_p"].mean()
        ),
        include_groups=False,
    )
    resampled = rows.groupby("offer_code").apply(
        lambda o: (o["p"] - o["treated_p"]).mean(), include_groups=False
    )
    return pd.DataFrame({"fixed": fixed, "resampled": resampled})


def coverage(
    store: SimulatedStore,
    history: pd.DataFrame,
    effects: dict[str, float],
    offers: Sequence[str],
    repetitions: int,
    seed: int,
    variables: dict[str, object],
) -> dict[str, dict[str, Any]]:
    experiment = _experiment(history, offers)
    scratch = store.folder / "coverage.duckdb"
    scratch.unlink(missing_ok=True)
    draws = _draws(experiment, effects, repetitions, seed)
    with duckdb.connect(str(scratch)) as connection:
        connection.register("draws", draws)
        connection.execute("create table prediction_outcomes as select * from draws")
    store.dbt(
        ["run", "--select", "offer_uplift"],
        {"raw_data_dir": str(store.exports(1)), **variables},
        warehouse=scratch,
    )
    with duckdb.connect(str(scratch), read_only=True) as connection:
        found = connection.sql(
            "select * from offer_uplift where segment = 'all' and export_date is not null"
        ).df()
    found["kind"] = np.where(
        pd.to_datetime(found["export_date"]).dt.date < FIRST_DRAW + dt.timedelta(days=repetitions),
        "fixed",
        "resampled",
    )
    targets = _targets(experiment, effects)
    result: dict[str, dict[str, Any]] = {}
    for (offer, kind), cells in found.groupby(["offer_code", "kind"]):
        target = float(targets.loc[offer, kind])
        shown = cells[cells["has_enough_customers"]]
        covered = (shown["uplift_ci_low"] <= target) & (target <= shown["uplift_ci_high"])
        result[f"{offer}/{kind}"] = {
            "target_uplift": target,
            "repetitions": len(cells),
            "repetitions_with_estimate": len(shown),
            "coverage": float(covered.mean()) if len(shown) else None,
            "mean_uplift": float(shown["uplift"].mean()) if len(shown) else None,
            "mean_ci_width": float((shown["uplift_ci_high"] - shown["uplift_ci_low"]).mean())
            if len(shown)
            else None,
        }
    return result


def run_check(
    work_dir: Path, customers: int, repetitions: int, seed: int, reuse_first_period: bool = False
) -> dict[str, Any]:
    store = SimulatedStore(work_dir)
    seconds: dict[str, float] = {}
    reusable = reuse_first_period and (store.publish_dir / "current").is_dir()
    if not reusable or store.last_period().export_date.isoformat() != FIRST_PERIOD:
        shutil.rmtree(work_dir, ignore_errors=True)
        work_dir.mkdir(parents=True)
        store.generate_first_period(customers, seed)
        seconds["period_1"] = store.build(1, FIRST_PERIOD).wall_seconds
    history = store.query(f"select * from prediction_history where export_date = '{FIRST_PERIOD}'")
    drawn = simulate_next_period(store.last_period(), seed=seed)
    working_effect = max(drawn.truth.offer_effects.values())
    # Each cell must be able to detect the effect the simulation declares.
    detect = {"uplift_effect_to_detect": working_effect}
    shutil.rmtree(store.exports(2), ignore_errors=True)
    drawn.write(store.exports(2))
    truth = drawn.truth
    seconds["period_2"] = store.build(2, truth.export_date, retrain=False, variables=detect).wall_seconds

    uplift = store.query(
        f"select * from offer_uplift where export_date = '{FIRST_PERIOD}' and segment = 'all'"
    ).set_index("offer_code")
    working = [code for code, effect in truth.offer_effects.items() if effect > 0]
    placebos = uplift[uplift.index.isin([c for c, e in truth.offer_effects.items() if e == 0])]
    placebo = placebos.sort_values("treated_customers", ascending=False).index[0]
    offers: dict[str, Any] = {}
    for code in [*working, placebo]:
        row = uplift.loc[code]
        true_uplift = truth.offer_true_uplift[code] or 0.0
        offers[code] = {
            "true_effect": truth.offer_effects[code],
            "true_uplift": true_uplift,
            "treated_customers": int(row["treated_customers"]),
            "control_customers": int(row["control_customers"]),
            "uplift": row["uplift"],
            "uplift_ci": [row["uplift_ci_low"], row["uplift_ci_high"]],
            "excludes_zero": bool(row["uplift_ci_low"] > 0 or row["uplift_ci_high"] < 0),
            "covers_truth": bool(row["uplift_ci_low"] <= true_uplift <= row["uplift_ci_high"]),
        }
    quality = store.query(
        f"select realised_roc_auc, customers_with_outcome from model_realised_quality "
        f"where export_date = '{FIRST_PERIOD}' and population = 'unchangeable' and segment = 'all'"
    ).iloc[0]
    effects = dict(truth.offer_effects)
    repeated = coverage(store, history, effects, [*working, placebo], repetitions, seed, detect)
    checks = {
        "working_offer_excludes_zero_and_covers_truth": all(
            offers[c]["excludes_zero"] and offers[c]["covers_truth"] for c in working
        ),
        "placebo_covers_zero": bool(offers[placebo]["uplift_ci"][0] <= 0 <= offers[placebo]["uplift_ci"][1]),
        "realised_roc_auc_within_tolerance": bool(
            abs(quality["realised_roc_auc"] - truth.true_roc_auc) <= ROC_AUC_TOLERANCE
        ),
        "resampled_coverage_within_tolerance": all(
            v["coverage"] is not None and abs(v["coverage"] - COVERAGE_TARGET) <= COVERAGE_TOLERANCE
            for k, v in repeated.items()
            if k.endswith("/resampled")
        ),
    }
    return {
        "customers": customers,
        "repetitions": repetitions,
        "seed": seed,
        "build_seconds": seconds,
        "offers": offers,
        "true_roc_auc": truth.true_roc_auc,
        "realised_roc_auc": float(quality["realised_roc_auc"]),
        "roc_auc_customers": int(quality["customers_with_outcome"]),
        "coverage": repeated,
        "checks": checks,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = store_arguments(
        "one_click.simulate.check", __doc__, customers=50_000, work_dir=Path("target/loop-check")
    )
    parser.add_argument("--repetitions", type=int, default=200)
    parser.add_argument(
        "--reuse-first-period",
        action="store_true",
        help="keep period 1 when the work dir already published it",
    )
    args = parser.parse_args(argv)
    result = run_check(
        args.work_dir.resolve(), args.customers, args.repetitions, args.seed, args.reuse_first_period
    )
    write_result(result, args.work_dir / "loop_check.json")
    if not all(result["checks"].values()):
        raise SystemExit(f"loop check failed: {result['checks']}")


if __name__ == "__main__":
    main()
