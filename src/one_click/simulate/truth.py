"""The truth the simulator draws from: each customer's decline probability, what an offer takes off it, and
the figures a build of the next period should find (`truth.json`, which the project never reads)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

TRUTH_FILE = "truth.json"
# The arm whose customers the offer reaches; control customers keep their offer recorded and unsent.
TREATMENT_ARM = "treatment"
# One offer that works (it takes 15 points off the decline probability of a customer it reaches); every
# other offer in the snapshot does nothing, a placebo the build must not credit.
DEFAULT_OFFER_EFFECTS: Mapping[str, float] = {"personal_manager_call": 0.15}


def is_treated(customers: pd.DataFrame) -> np.ndarray:
    """Customers an offer reached: in the treatment arm and sent. Nobody else's outcome can change."""
    return ((customers["arm"] == TREATMENT_ARM) & customers["is_sent"].astype(bool)).to_numpy()


def offer_effects(customers: pd.DataFrame, declared: Mapping[str, float]) -> dict[str, float]:
    """Every offer of the snapshot with its true effect: the declared one, else 0."""
    for code, effect in declared.items():
        if not 0 <= effect <= 1:
            raise ValueError(f"offer {code}: an effect is a reduction of a probability, 0 to 1; got {effect}")
    codes = sorted(set(customers["offer_code"].dropna()) | set(declared))
    return {code: float(declared.get(code, 0.0)) for code in codes}


def outcome_probability(customers: pd.DataFrame, effects: Mapping[str, float]) -> np.ndarray:
    """The probability that a customer's activity declines by the next export: the published calibrated
    probability, lowered by the offer's effect for a treated customer (never below 0)."""
    effect = customers["offer_code"].map(effects).fillna(0.0).to_numpy(dtype=float)
    probability = customers["decline_probability"].to_numpy(dtype=float)
    return np.clip(probability - np.where(is_treated(customers), effect, 0.0), 0.0, 1.0)


@dataclass(frozen=True)
class Truth:
    """What a build of the next period should find. `offer_effects`: offer code → the declared reduction of
    the decline probability; `offer_true_uplift`: the reduction its treated customers actually got (smaller
    only where a probability was already below the effect); `true_roc_auc`: the published probabilities
    against the drawn outcomes of the customers no offer could change (scikit-learn)."""

    scored_export_date: str
    export_date: str
    offer_effects: dict[str, float]
    offer_true_uplift: dict[str, float | None]
    offer_treated_customers: dict[str, int]
    true_roc_auc: float
    true_roc_auc_customers: int
    customers_scored: int
    customers_left: int
    customers_joined: int
    seed: int

    def write(self, out_dir: Path) -> Path:
        path = Path(out_dir) / TRUTH_FILE
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path


def measure_truth(
    customers: pd.DataFrame,
    effects: Mapping[str, float],
    declined: np.ndarray,
    stays: np.ndarray,
    dates: tuple[dt.date, dt.date],
    joined: int,
    seed: int,
) -> Truth:
    """The truth of one simulated period: `declined` is the drawn outcome of every scored customer, `stays`
    whether the customer is in the next export at all."""
    treated = is_treated(customers)
    probability = customers["decline_probability"].to_numpy(dtype=float)
    reduction = probability - outcome_probability(customers, effects)
    uplift: dict[str, float | None] = {}
    treated_counts: dict[str, int] = {}
    for code in effects:
        reached = treated & (customers["offer_code"] == code).to_numpy()
        treated_counts[code] = int(reached.sum())
        uplift[code] = float(reduction[reached].mean()) if reached.any() else None
    unchangeable = stays & ~treated
    outcomes = declined[unchangeable]
    if outcomes.all() or not outcomes.any():
        raise ValueError("every customer no offer could change had the same outcome: ROC-AUC is undefined")
    return Truth(
        scored_export_date=dates[0].isoformat(),
        export_date=dates[1].isoformat(),
        offer_effects=dict(effects),
        offer_true_uplift=uplift,
        offer_treated_customers=treated_counts,
        true_roc_auc=float(roc_auc_score(outcomes, probability[unchangeable])),
        true_roc_auc_customers=int(unchangeable.sum()),
        customers_scored=len(customers),
        customers_left=int((~stays).sum()),
        customers_joined=joined,
        seed=seed,
    )
