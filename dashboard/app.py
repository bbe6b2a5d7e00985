"""«В один клик»: whom of the regular customers to contact, what it costs, and what to offer them."""

from __future__ import annotations

import streamlit as st

from one_click.dashboard import ui

st.set_page_config(page_title="В один клик · удержание покупателей", page_icon="🛒", layout="wide")

PAGES = [
    st.Page("views/overview.py", title="Обзор", icon=":material/dashboard:", default=True),
    st.Page("views/customers.py", title="Покупатели", icon=":material/person_search:", url_path="customers"),
    st.Page("views/segments.py", title="Сегменты", icon=":material/grid_view:", url_path="segments"),
    st.Page("views/drivers.py", title="Факторы", icon=":material/insights:", url_path="drivers"),
    st.Page("views/model.py", title="Модель", icon=":material/model_training:", url_path="model"),
    st.Page("views/data.py", title="Данные", icon=":material/database:", url_path="data"),
]

navigation = st.navigation(PAGES)
ui.layout_style()
snapshot = ui.resolve_snapshot()
ui.sidebar_build(snapshot)
if snapshot is None:
    ui.no_snapshot_message()
    st.stop()
navigation.run()
