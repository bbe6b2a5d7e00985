"""What the simulator reads from the last published snapshot: who was scored, with which probability, and
which offer each customer was sent in which arm."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from one_click.project import PROJECT_FILE, project_vars

# The published history of predictions and offers, one row per (export period, customer).
HISTORY_TABLE = "prediction_history"
HISTORY_COLUMNS = ("export_date", "customer_id", "decline_probability", "offer_code", "arm", "is_sent")
# The current customers as the dashboard lists them: what stays with a customer from one period to the next.
CUSTOMERS_TABLE = "report_customers"
CUSTOMER_COLUMNS = ("customer_id", "allows_messages", "monthly_profit")


def outcome_horizon_months(project_file: Path = PROJECT_FILE) -> int:
    """Months from a scoring period to the export that holds its outcome: the dbt var, declared once there."""
    return int(project_vars(project_file)["outcome_horizon_months"])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day where it has no such day (31 Jan → 28 Feb)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return dt.date(year, month_index + 1, min(day.day, last_day))


@dataclass(frozen=True)
class LastPeriod:
    """The newest scoring period of a snapshot: one row per scored customer, columns HISTORY_COLUMNS (but
    export_date) and CUSTOMER_COLUMNS."""

    export_date: dt.date
    customers: pd.DataFrame


def _parquet(snapshot: Path, table: str, columns: tuple[str, ...]) -> pd.DataFrame:
    path = snapshot / f"{table}.parquet"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the snapshot has no {table}; publish a build with it first")
    frame = duckdb.sql(f"select * from read_parquet('{path.as_posix()}')").df()
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    return frame[list(columns)]


def read_last_period(snapshot: Path | str) -> LastPeriod:
    """The newest period of the published history, with each customer's consent and profit."""
    folder = Path(snapshot).resolve()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no published snapshot here; run `dbt build` first")
    history = _parquet(folder, HISTORY_TABLE, HISTORY_COLUMNS)
    if history.empty:
        raise ValueError(f"{folder / HISTORY_TABLE}.parquet: no predictions")
    dates = pd.to_datetime(history["export_date"]).dt.date
    last = max(dates)
    scored = history[dates == last].drop(columns="export_date")
    customers = _parquet(folder, CUSTOMERS_TABLE, CUSTOMER_COLUMNS)
    merged = scored.merge(customers, on="customer_id", how="inner", validate="one_to_one")
    if len(merged) != len(scored):
        raise ValueError(
            f"{folder}: {len(scored) - len(merged)} customer(s) of {HISTORY_TABLE} for {last} are missing "
            f"from {CUSTOMERS_TABLE}; the snapshot mixes builds"
        )
    merged["is_sent"] = merged["is_sent"].fillna(False).astype(bool)
    return LastPeriod(export_date=last, customers=merged.sort_values("customer_id", ignore_index=True))
