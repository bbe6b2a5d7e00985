"""Покупатели: the list by expected loss (or only those to contact this period), and one customer's forecast,
reasons and offer.

The search, the segment filter, the contact-list switch and the chosen customer live in the link
(`?q=…&segment=…&contact=1&customer=…`), so a link opens the same card for a colleague.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, contacts, labels, ui
from one_click.dashboard.ui import Figure

ui.page_header(
    "Покупатели",
    "Список по ожидаемой потере прибыли: сверху те, с кем стоит связаться в первую очередь.",
)

LIST_LIMIT = 500  # rows sent to the browser; the search narrows the rest
SEARCH, SEGMENTS, CONTACT, CUSTOMER = "q", "segment", "contact", "customer"  # the page's link parameters
CUSTOMERS = (
    "report_customers"  # every customer, for the list and the card; the contact list is contacts.SOURCE
)
CARD = "expected_loss_rank customers_total segment is_activity_declined favourite_category"
CONSENT = "lacks_required_consent"
REASONS = "customer_id reason_rank reason_sentence feature_value value_format money_measure"
OUTCOMES = {True: "declined", False: "kept"}  # is_activity_declined → the seed's outcome code


def customer_list(customers: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    columns = contacts.list_columns(ui.money())
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
    if "contact_only" not in st.session_state:
        st.session_state["contact_only"] = st.query_params.get(CONTACT) == "1"
    contact_only = st.toggle(
        "Только те, с кем связаться в этом периоде", key="contact_only", on_change=forget_customer
    )
    ui.to_url(CONTACT, "1" if contact_only else None)
    found = contact_list(customers) if contact_only else customers
    digits = query.strip().lstrip("№#").strip()
    if digits:
        found = found[found["customer_id"].astype(str).str.contains(digits, regex=False)]
    if chosen:
        found = found[found["segment"].isin(chosen)]
    found = found.sort_values("expected_loss_rank")
    shown = found.head(LIST_LIMIT)
    st.caption(f"В списке {labels.fmt_int(len(found))} покуп.")
    if len(found) > LIST_LIMIT:
        st.caption(
            f"Показаны первые {labels.fmt_int(LIST_LIMIT)} по ожидаемой потере; уточните поиск или скачайте "
            "весь список."
        )
    ui.table(shown, columns)
    ui.download(found, columns, contacts.FILE_NAME if contact_only else "pokupateli.csv")
    return shown


def contact_list(customers: pd.DataFrame) -> pd.DataFrame:
    """The published contact list (empty, with a note, in a build that has none)."""
    listed = ui.optional_table(contacts.SOURCE.list_table, contacts.SOURCE.list_needs())
    if listed is None:
        st.info("Списка для связи в этой сборке нет.")
        return customers.iloc[0:0]
    return listed


def forget_customer() -> None:
    """A new search or filter shows the first customer of the new list, not the previous card."""
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


def customer_card(customer: pd.Series, horizon: int) -> None:
    money = ui.money()
    st.markdown(f"#### Покупатель № {customer['customer_id']} · {customer['segment_name']}")
    rank, total = labels.fmt_int(customer["expected_loss_rank"]), labels.fmt_int(customer["customers_total"])
    ui.figures(
        Figure(
            "Вероятность снижения",
            labels.PROBABILITY.screen(customer["decline_probability"]),
            help="Прогноз модели: насколько вероятно, что покупательская активность снизится.",
        ),
        Figure("Прибыль в месяц", money.screen(customer["monthly_profit"])),
        Figure(
            "Ожидаемая потеря",
            money.screen(customer["expected_loss"]),
            help="Сколько прибыли в месяц магазин рискует потерять: вероятность снижения × прибыль.",
        ),
        Figure(
            "Место в списке", f"{rank} из {total}", help="По ожидаемой потере: первое место — самая большая."
        ),
    )
    st.caption(
        f"Прогноз: вероятность снижения активности в ближайшие {labels.fmt_months(horizon)} "
        f"(по данным на {ui.data_date()})."
    )
    outcomes = ui.display_names("outcome")
    declined = customer["is_activity_declined"]
    state = outcomes.get(
        "unknown" if labels.is_missing(declined) else OUTCOMES[bool(declined)], labels.MISSING
    )
    st.markdown(f"**Сейчас, по последней выгрузке:** {state.lower()}.")
    reasons, offer = st.columns([3, 2], gap="large")
    with reasons:
        st.markdown("**Почему модель видит риск**")
        customer_reasons(customer["customer_id"])
    with offer:
        st.markdown("**Что предложить**")
        offer_box(customer)


def customer_reasons(customer_id: int) -> None:
    reasons = ui.optional_table("report_customer_reasons", (REASONS, *charts.reasons.columns))
    own = None if reasons is None else reasons[reasons["customer_id"] == customer_id]
    if own is None or own.empty:
        st.caption("Причины для этого покупателя в сборке не опубликованы.")
        return
    own = own.sort_values("reason_rank")
    units = ui.money_units()
    sentences = [
        sentence.replace("{value}", labels.fmt_feature_value(value, kind, units.get(measure, "")))
        for sentence, value, kind, measure in zip(
            own["reason_sentence"],
            own["feature_value"],
            own["value_format"],
            own["money_measure"],
            strict=True,
        )
    ]
    st.markdown("\n".join(f"{rank}. {sentence.rstrip('.')}." for rank, sentence in enumerate(sentences, 1)))
    ui.chart(charts.reasons(own))


def offer_box(customer: pd.Series) -> None:
    if labels.is_missing(customer["offer_text"]):
        st.caption("В этом периоде предложения для покупателя нет: его сегмент не в работе.")
        return
    st.success(customer["offer_text"], icon=":material/redeem:")
    st.markdown(
        f"- Канал: {customer['channel_name']}\n"
        f"- Причина: {customer['reason_text']}\n"
        f"- Любимая категория: {customer['favourite_category']}\n"
        f"- Согласие на рассылки: {labels.fmt_yes_no(customer['allows_messages'])}"
    )
    if ui.is_true(customer["lacks_required_consent"]):
        st.warning("Канал требует согласия на рассылки, а его у покупателя нет.")


def page(customers: pd.DataFrame, segments: pd.DataFrame, overview: pd.DataFrame) -> None:
    shown = customer_list(customers, segments)
    st.divider()
    chosen = choose_customer(shown, customers)
    if chosen is not None:
        customer_card(chosen, int(overview["forecast_horizon_months"].iloc[0]))


ui.section(
    None,
    {
        CUSTOMERS: (*contacts.list_columns(labels.NUMBER), *CARD.split(), CONSENT),
        "report_segments": "segment segment_name segment_order",
        "report_overview": "forecast_horizon_months",
    },
    render=page,
)
