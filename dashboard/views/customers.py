"""Покупатели: the list by expected loss, and one customer's risk, reasons and offer.

The search, the segment filter and the chosen customer live in the link (`?q=…&segment=…&customer=…`), so a
link opens the same card for a colleague.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, ui
from one_click.dashboard.ui import Figure

ui.page_header(
    "Покупатели",
    "Список по ожидаемой потере прибыли: сверху те, с кем стоит связаться в первую очередь.",
)

LIST_LIMIT = 500  # rows sent to the browser; the search narrows the rest
SEARCH, SEGMENTS, CUSTOMER = "q", "segment", "customer"  # the page's link parameters
# Rank and channel stay out of the list to keep the offer readable; the card below shows both.
LIST = {
    "customer_id": st.column_config.NumberColumn("Покупатель", format="%d", width=90, pinned=True),
    "segment_name": st.column_config.TextColumn("Сегмент", width=220),
    "decline_probability": ui.probability_column("Вероятность", width=130),
    "monthly_profit": ui.number_column("Прибыль в месяц"),
    "expected_loss": ui.number_column("Ожидаемая потеря"),
    "offer_text": "Предложение",
}
CARD = (
    "expected_loss_rank customers_total segment prediction_note channel_name reason_text favourite_category "
    "allows_messages lacks_required_consent"
)


def customer_list(customers: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    search, segment_filter = st.columns([1, 2])
    example = customers["customer_id"].iloc[0] if len(customers) else ""
    ui.from_url(SEARCH, "customer_query")
    query = search.text_input(
        "Номер покупателя",
        placeholder=f"например, {example}",
        key="customer_query",
        on_change=forget_customer,
    )
    ui.to_url(SEARCH, query.strip())
    segments = segments.sort_values("segment_order")
    names = dict(zip(segments["segment"], segments["segment_name"], strict=True))
    ui.from_url(SEGMENTS, "customer_segments", list(names), many=True)
    chosen = segment_filter.multiselect(
        "Сегменты",
        list(names),
        format_func=names.get,
        placeholder="все сегменты",
        key="customer_segments",
        on_change=forget_customer,
    )
    ui.to_url(SEGMENTS, chosen)
    found = customers
    digits = query.strip().lstrip("№#").strip()
    if digits:
        found = found[found["customer_id"].astype(str).str.contains(digits, regex=False)]
    if chosen:
        found = found[found["segment"].isin(chosen)]
    shown = found.sort_values("expected_loss_rank").head(LIST_LIMIT)
    if len(shown) == LIST_LIMIT:
        st.caption(f"Показаны первые {labels.fmt_int(LIST_LIMIT)} по ожидаемой потере; уточните поиск.")
    ui.dataframe(shown, LIST)
    return shown


def forget_customer() -> None:
    """A new search or segment filter shows the first customer of the new list, not the previous card."""
    st.session_state.pop("customer_id", None)
    ui.to_url(CUSTOMER, None)


def choose_customer(shown: pd.DataFrame, customers: pd.DataFrame) -> pd.Series | None:
    """The card's customer: chosen in the list, or named by the link even if the list does not reach it."""
    options = shown["customer_id"].tolist()
    names = dict(zip(shown["customer_id"], shown["segment_name"], strict=True))
    if "customer_id" not in st.session_state:  # first draw: the customer the link names, if this build has it
        linked = customers[customers["customer_id"].astype(str) == st.query_params.get(CUSTOMER, "")]
        if not linked.empty:
            st.session_state["customer_id"] = linked["customer_id"].iloc[0]
    current = st.session_state.get("customer_id")
    if current is not None and current not in names:
        beyond = customers[customers["customer_id"] == current]
        if beyond.empty:
            del st.session_state["customer_id"]
        else:
            options.insert(0, current)
            names[current] = beyond["segment_name"].iloc[0]
    if not options:
        st.info("Под условия поиска не подходит ни один покупатель.")
        ui.to_url(CUSTOMER, None)
        return None
    customer_id = st.selectbox(
        "Подробнее о покупателе",
        options,
        format_func=lambda value: f"№ {value} · {names[value]}",
        key="customer_id",
    )
    ui.to_url(CUSTOMER, customer_id)
    return customers[customers["customer_id"] == customer_id].iloc[0]


def customer_card(customer: pd.Series) -> None:
    st.markdown(f"#### Покупатель № {customer['customer_id']} · {customer['segment_name']}")
    rank, total = labels.fmt_int(customer["expected_loss_rank"]), labels.fmt_int(customer["customers_total"])
    ui.figures(
        Figure("Вероятность снижения", labels.fmt_share(customer["decline_probability"])),
        Figure("Прибыль в месяц", labels.fmt_number(customer["monthly_profit"])),
        Figure(
            "Ожидаемая потеря",
            labels.fmt_number(customer["expected_loss"]),
            help="Сколько прибыли в месяц магазин рискует потерять: вероятность снижения × прибыль.",
        ),
        Figure(
            "Место в списке", f"{rank} из {total}", help="По ожидаемой потере: первое место — самая большая."
        ),
    )
    if isinstance(customer["prediction_note"], str):
        st.caption(customer["prediction_note"])
    reasons, offer = st.columns([3, 2], gap="large")
    with reasons:
        st.markdown("**Почему модель видит риск**")
        customer_reasons(customer["customer_id"])
    with offer:
        st.markdown("**Что предложить**")
        offer_box(customer)


def customer_reasons(customer_id: int) -> None:
    reasons = ui.optional_table(
        "report_customer_reasons", ("customer_id reason_rank", *charts.reasons.columns)
    )
    own = None if reasons is None else reasons[reasons["customer_id"] == customer_id]
    if own is None or own.empty:
        st.caption("Причины для этого покупателя в сборке не опубликованы.")
    else:
        ui.chart(charts.reasons(own.sort_values("reason_rank")))


def offer_box(customer: pd.Series) -> None:
    if not isinstance(customer["offer_text"], str):
        st.caption("Для этого покупателя специального предложения нет.")
        return
    st.success(customer["offer_text"], icon=":material/redeem:")
    st.markdown(
        f"- Канал: {customer['channel_name']}\n"
        f"- Причина: {customer['reason_text']}\n"
        f"- Любимая категория: {customer['favourite_category']}\n"
        f"- Согласие на рассылки: {ui.yes_no(customer['allows_messages'])}"
    )
    if ui.is_true(customer["lacks_required_consent"]):
        st.warning("Канал требует согласия на рассылки, а его у покупателя нет.")


def page(customers: pd.DataFrame, segments: pd.DataFrame) -> None:
    shown = customer_list(customers, segments)
    st.divider()
    chosen = choose_customer(shown, customers)
    if chosen is not None:
        customer_card(chosen)


ui.section(
    None,
    {"report_customers": (*LIST, *CARD.split()), "report_segments": "segment segment_name segment_order"},
    render=page,
)
