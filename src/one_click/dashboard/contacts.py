"""Whom to contact this period: which mart holds the contact list, which one its summary by channel, and
the columns of the list people act on (on screen and in its download).

Until the contact list of the control-group work is published, the list is the customers with an offer
(report_customers rows with an offer_code) and the summary report_offer_channels; `SOURCE` is the one place
that says so, and switching to the published contact list changes only it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from one_click.dashboard import labels
from one_click.dashboard.ui import Column


@dataclass(frozen=True)
class ContactSource:
    """A published contact list (one row per customer to contact) and its summary by channel."""

    list_table: str
    summary_table: str
    # A list row is a contact when this column is not empty (the whole table when None).
    contact_column: str | None = None

    def list_needs(self) -> tuple[str, ...]:
        """The columns a page reads from the list table: order, contact flag and the listed columns."""
        flag = () if self.contact_column is None else (self.contact_column,)
        return ("expected_loss_rank", *flag, *list_columns(labels.NUMBER))

    def contacts(self, customers: pd.DataFrame) -> pd.DataFrame:
        if self.contact_column is None:
            return customers
        return customers[customers[self.contact_column].notna()]


SOURCE = ContactSource("report_customers", "report_offer_channels", contact_column="offer_code")
FILE_NAME = "kontakty.csv"


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
        "customers": Column("Покупателей", labels.COUNT, width=100),
        "target_customers": Column("Из целевого сегмента", labels.COUNT, width=110),
        "consented_customers": Column("С согласием на рассылки", labels.COUNT, width=110),
        "expected_loss": Column("Прибыль под угрозой", money, "Ожидаемая потеря в месяц.", width=130),
    }
