"""The store's four raw exports: file names, headers and the vocabularies they use, typos included.

The store writes these files; we read them as they are. The typos are part of the format (the sample
generator reproduces them, staging fixes them), so they are spelled here exactly as the store spells them.
"""

from __future__ import annotations

from dataclasses import dataclass

CUSTOMER_ID = "id"


@dataclass(frozen=True)
class ExportFile:
    file_name: str
    columns: tuple[str, ...]
    delimiter: str = ","
    decimal: str = "."


MARKET_FILE = ExportFile(
    "market_file.csv",
    (
        CUSTOMER_ID,
        "Покупательская активность",
        "Тип сервиса",
        "Разрешить сообщать",
        "Маркет_актив_6_мес",
        "Маркет_актив_тек_мес",
        "Длительность",
        "Акционные_покупки",
        "Популярная_категория",
        "Средний_просмотр_категорий_за_визит",
        "Неоплаченные_продукты_штук_квартал",
        "Ошибка_сервиса",
        "Страниц_за_визит",
    ),
)
MARKET_MONEY = ExportFile("market_money.csv", (CUSTOMER_ID, "Период", "Выручка"))
MARKET_TIME = ExportFile("market_time.csv", (CUSTOMER_ID, "Период", "минут"))
MONEY = ExportFile("money.csv", (CUSTOMER_ID, "Прибыль"), delimiter=";", decimal=",")

ALL_EXPORTS: tuple[ExportFile, ...] = (MARKET_FILE, MARKET_MONEY, MARKET_TIME, MONEY)

ACTIVITY_DECLINED = "Снизилась"
ACTIVITY_KEPT = "Прежний уровень"

SERVICE_TYPES = ("стандарт", "премиум")
SERVICE_TYPE_TYPO = "стандартт"

CONSENT_YES, CONSENT_NO = "да", "нет"

CATEGORIES = (
    "Товары для детей",
    "Домашний текстиль",
    "Косметика и аксессуары",
    "Техника для красоты и здоровья",
    "Мелкая бытовая техника и электроника",
    "Кухонная посуда",
)
CATEGORY_TYPOS = {"Косметика и аксессуары": "Косметика и аксесуары"}

# Revenue periods, oldest first, as market_money.csv spells them.
REVENUE_PERIODS = ("препредыдущий_месяц", "предыдущий_месяц", "текущий_месяц")
# Minutes periods as market_time.csv spells them: the store's export misspells the previous month.
TIME_PERIODS = ("предыдцщий_месяц", "текущий_месяц")
