"""Покупатели: the list by expected loss, and one customer's risk, reasons and offer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from one_click.dashboard import charts, labels, metrics, ui

ui.page_header(
    "Покупатели",
    "Список по ожидаемой потере прибыли: сверху те, с кем стоит связаться в первую очередь.",
)

LIST_COLUMNS = (
    "customer_id",
    "segment_name",
    "decline_probability",
    "monthly_profit",
    "expected_loss",
    "offer_text",
)


def customer_list(segments: pd.DataFrame) -> pd.DataFrame:
    search, segment_filter = st.columns([1, 2])
    example = segments["customer_id"].iloc[0] if len(segments) else ""
    query = search.text_input("Номер покупателя", placeholder=f"например, {example}", key="customer_query")
    names = metrics.order_segments(segments[["segment", "segment_name"]].drop_duplicates())
    chosen = segment_filter.multiselect(
        "Сегменты",
        names["segment"].tolist(),
        format_func=dict(zip(names["segment"], names["segment_name"], strict=True)).get,
        placeholder="все сегменты",
        key="customer_segments",
    )
    found = metrics.customer_list(segments, ui.optional_table("customer_offers"), query, chosen)
    shown = found.head(metrics.CUSTOMER_LIST_LIMIT)
    more = f", показаны первые {labels.fmt_int(len(shown))}" if len(found) > len(shown) else ""
    st.caption(f"Найдено покупателей: {labels.fmt_int(len(found))}{more}.")
    # Rank and channel stay out of the list to keep the offer readable; the card below shows both.
    st.dataframe(
        shown,
        hide_index=True,
        column_order=[name for name in LIST_COLUMNS if name in shown.columns],
        column_config={
            "customer_id": st.column_config.NumberColumn("Покупатель", format="%d", width=90, pinned=True),
            "segment_name": st.column_config.TextColumn("Сегмент", width=220),
            "decline_probability": ui.probability_column("Вероятность", width=130),
            "monthly_profit": ui.money_column("Прибыль в месяц"),
            "expected_loss": ui.money_column("Ожидаемая потеря"),
            "offer_text": st.column_config.TextColumn("Предложение"),
        },
    )
    return shown


def customer_card(shown: pd.DataFrame, segments: pd.DataFrame) -> None:
    if shown.empty:
        st.info("Под условия поиска не подходит ни один покупатель.")
        return
    options = shown["customer_id"].tolist()
    names = dict(zip(shown["customer_id"], shown["segment_name"], strict=True))
    customer_id = st.selectbox(
        "Подробнее о покупателе",
        options,
        format_func=lambda value: f"№ {value} · {names[value]}",
        key="customer_id",
    )
    card = metrics.customer_card(
        customer_id,
        segments,
        predictions=ui.optional_table("customer_predictions"),
        reasons=ui.optional_table("customer_top_reasons"),
        offers=ui.optional_table("customer_offers"),
        features=ui.optional_table("customer_features"),
    )
    if card is None:
        st.warning("Этого покупателя нет в текущей сборке.")
        return
    segment = card.segment
    st.markdown(f"#### Покупатель № {customer_id} · {segment['segment_name']}")
    first, second, third, fourth = st.columns(4)
    first.metric("Вероятность снижения", labels.fmt_share(segment["decline_probability"]), border=True)
    second.metric("Прибыль в месяц", labels.fmt_number(segment["monthly_profit"]), border=True)
    third.metric(
        "Ожидаемая потеря",
        labels.fmt_number(segment["expected_loss"]),
        help="Сколько прибыли в месяц магазин рискует потерять: вероятность снижения × прибыль.",
        border=True,
    )
    fourth.metric(
        "Место в списке",
        f"{labels.fmt_int(segment['expected_loss_rank'])} из {labels.fmt_int(len(segments))}",
        help="По ожидаемой потере: первое место — самая большая.",
        border=True,
    )
    if card.prediction is not None:
        st.caption(metrics.prediction_note(card.prediction))
    reasons, offer = st.columns([3, 2], gap="large")
    with reasons:
        st.markdown("**Почему модель видит риск**")
        if card.reasons.empty:
            st.caption("Причины для этого покупателя в сборке не опубликованы.")
        else:
            ui.chart(charts.reasons(card.reasons))
    with offer:
        st.markdown("**Что предложить**")
        offer_box(card)


def offer_box(card: metrics.CustomerCard) -> None:
    if card.offer is None:
        st.caption("Для этого покупателя специального предложения нет.")
        return
    offer = card.offer
    st.success(offer["offer_text"], icon=":material/redeem:")
    st.markdown(
        f"- Канал: {labels.label(labels.CHANNELS, offer['channel'])}\n"
        f"- Причина: {offer['reason_text']}\n"
        f"- Любимая категория: {offer['favourite_category']}\n"
        f"- Согласие на рассылки: {'есть' if offer['allows_messages'] else 'нет'}"
    )
    if bool(offer["requires_consent"]) and not bool(offer["allows_messages"]):
        st.warning("Канал требует согласия на рассылки, а его у покупателя нет.")


segments = ui.table("customer_segments")
if segments is not None:
    shown = customer_list(segments)
    st.divider()
    customer_card(shown, segments)
