"""Whom to contact this period: which mart holds the contact list, which one its summary by channel, and
the columns of the list people act on (on screen and in its download).

The list is report_contact_list (the offers that go out: not control, within each channel's capacity) and
its summary report_contact_summary (per channel, and one row over every channel with how many wait beyond
capacity and how many are held out as control); `SOURCE` is the one place that names them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from one_click.dashboard import labels
from one_click.dashboard.ui import Column

ALL_CHANNELS = "all"  # report_contact_summary's row over every channel


@dataclass(frozen=True)
class ContactSource:
    """A published contact list (one row per customer to contact) and its summary by channel."""

    list_table: str
    summary_table: str

    def list_needs(self) -> tuple[str, ...]:
        """The columns a page reads from the list table: order, segment filter and the listed columns."""
        return ("expected_loss_rank", "segment", *list_columns(labels.NUMBER))

    def summary_needs(self) -> tuple[str, ...]:
        return ("channel", "channel_order", *TOTAL_COLUMNS, *channel_columns(labels.NUMBER))


SOURCE = ContactSource("report_contact_list", "report_contact_summary")
FILE_NAME = "kontakty.csv"
# The summary's totals the overview shows beside the channels.
TOTAL_COLUMNS = ("customers", "target_customers", "expected_loss", "waiting_customers", "control_customers")


def channel_rows(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary's rows per channel, busiest first."""
    return summary[summary["channel"] != ALL_CHANNELS].sort_values("channel_order")


def all_channels(summary: pd.DataFrame) -> pd.Series:
    """The summary's one row over every channel."""
    return summary[summary["channel"] == ALL_CHANNELS].iloc[0]


def list_columns(money: labels.Format) -> dict[str, Column]:
    """The contact list's columns, on screen and in the download (money in its declared unit)."""
    return {
        "customer_id": Column("Покупатель", labels.TEXT, width=90),
        "decline_probability": Column(
            "Вероятность снижения", labels.PROBABILITY, "В ближайшие месяцы, по модели.", width=150
        ),
        "expected_loss": Column(
            "Ожидаемая потеря", money, "Вероятность снижения × прибыль в месяц.", width=140
        ),
        "channel_name": Column("Канал", width=150),
        "offer_text": Column("Предложение", width=260),
        "reason_text": Column("Причина", width=220),
        "allows_messages": Column("Согласие на рассылки", labels.YES_NO, width=160),
        "segment_name": Column("Сегмент", width=200),
        "monthly_profit": Column("Прибыль в месяц", money, width=130),
    }


def channel_columns(money: labels.Format) -> dict[str, Column]:
    return {
        "channel_name": Column("Канал", width=180),
        "capacity_per_period": Column(
            "Лимит за период",
            labels.COUNT,
            "Сколько предложений канал может отправить; «—» — без лимита.",
            width=110,
        ),
        "customers": Column("Связаться", labels.COUNT, "Покупатели в списке для связи.", width=100),
        "waiting_customers": Column(
            "Ждут", labels.COUNT, "Не вошли в лимит канала: ждут следующего периода.", width=80
        ),
        "control_customers": Column(
            "Контроль", labels.COUNT, "Контрольная группа: предложение записано, но не отправлено.", width=90
        ),
        "target_customers": Column("Из целевого сегмента", labels.COUNT, width=110),
        "consented_customers": Column("С согласием на рассылки", labels.COUNT, width=110),
        "expected_loss": Column("Прибыль под угрозой", money, "Ожидаемая потеря в месяц.", width=130),
    }
