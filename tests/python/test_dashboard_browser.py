"""The dashboard served as `make dashboard` serves it, opened page by page in headless Chromium, on a screen
(1,440 px) and on a phone (390 px).

AppTest runs the scripts but not the browser half: Vega-Lite specs that fail to render, the page router,
the front end's own errors, CSS that hides a chart, a page wider than the phone and the words Streamlit
itself writes only show up here. Each page fails on an error, on a horizontal overflow of the page, on
English words or raw values («None», «True», «nan», «Deploy») on screen, and the same figure must read the
same on the pages that show it. Screenshots land in test-artifacts/screenshots/<page>-<width>.png for a
person to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dashboard_build import DashboardBuild
from dashboard_server import serve_dashboard
from dbt_cli import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CONTACT_DOWNLOAD = "Скачать список для связи"
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
# page name → (URL path with its link, the page's title as it must appear)
PAGES = {
    "overview": ("", "Обзор"),
    "customers": ("customers?contact=1", "Покупатели"),
    "segments": ("segments", "Сегменты"),
    "drivers": ("drivers", "Факторы"),
    "model": ("model", "Модель"),
    "data": ("data", "Данные"),
    "data-drift": ("data?tab=Дрейф", "Данные"),
}
WIDTHS = (1440, 390)  # a laptop screen and a phone
HEIGHT = 900
PAGE_TIMEOUT_MS = 30_000
SCROLLING_CONTAINERS = ", ".join(
    f'[data-testid="{name}"]' for name in ("stAppViewContainer", "stMain", "stMainBlockContainer")
)
# Latin words the staff do read: the model's measures, channel names and a model family's own name.
ALLOWED_LATIN = frozenset(
    {"ROC-AUC", "Brier", "PSI", "KS", "phik", "SMS", "push", "e-mail", "Extra", "Trees", "out-of-fold"}
)
LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z-]{2,}(?![\w-])")
ICONS = '[data-testid="stIconMaterial"], [data-testid*="Icon"]'
RAW_VALUES = re.compile(r"\b(None|True|False|nan|NaN|empty|Deploy)\b|\{\"")

pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)),
        reason=f"{CHROMIUM} is missing (run `make browser` as root to install Debian's chromium)",
    ),
    pytest.mark.dbt,
    pytest.mark.xdist_group("dashboard_build"),
]


@dataclass
class Opened:
    """What one page showed: its problems and the text of its main area."""

    problems: list[str] = field(default_factory=list)
    text: str = ""
    downloaded: str = ""  # the contact list as the overview's button downloads it


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


def test_every_page_works_on_a_screen_and_on_a_phone(
    dashboard_build: DashboardBuild, tmp_path: Path, browser: object
) -> None:
    """One server over the real build, every page at both widths (one test, so xdist cannot split the
    pages over two servers)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened: dict[str, Opened] = {}
    with serve_dashboard(
        dashboard_build.publish_dir,
        dashboard_build.run_results,
        lifetime_seconds=600,
        log_path=tmp_path / "app.log",
    ) as url:
        for width in WIDTHS:
            # An English browser: the pages must not follow its locale.
            context = browser.new_context(viewport={"width": width, "height": HEIGHT}, locale="en-US")  # type: ignore[attr-defined]
            try:
                for name, (path, title) in PAGES.items():
                    page = context.new_page()
                    try:
                        opened[f"{name}-{width}"] = _open_and_check(
                            page, f"{url}/{path}", title, f"{name}-{width}"
                        )
                    finally:
                        page.close()
                # On a fresh page: the checks above restyle the one they read.
                opened[f"overview-{width}"].downloaded = _download(context, url, CONTACT_DOWNLOAD)
            finally:
                context.close()
    problems = {name: page.problems for name, page in opened.items() if page.problems}
    problems.update(_inconsistent_figures(opened))
    problems.update(_contact_list_problems(opened, dashboard_build))
    assert not problems, problems


def test_the_browser_check_catches_an_exception_english_and_overflow(tmp_path: Path, browser: object) -> None:
    """The checks above must be able to fail: a page that raises, speaks English and is wider than the
    phone is reported on each count."""
    app = tmp_path / "broken.py"
    app.write_text(
        "import streamlit as st\n\n"
        'st.title("Сломано")\n'
        'st.write("Download as CSV: None")\n'
        "st.html('<div style=\"width: 900px\">широкая строка</div>')\n"
        'raise RuntimeError("boom")\n',
        encoding="utf-8",
    )
    with serve_dashboard(tmp_path, app=app, lifetime_seconds=120) as url:
        context = browser.new_context(viewport={"width": 390, "height": HEIGHT}, locale="en-US")  # type: ignore[attr-defined]
        page = context.new_page()
        try:
            problems = _open_and_check(page, url, "Сломано", screenshot=None).problems
        finally:
            context.close()
    found = "\n".join(problems)
    assert "boom" in found and "Download" in found and "None" in found and "wider" in found, problems


def _open_and_check(page: object, url: str, title: str, screenshot: str | None) -> Opened:
    """Open `url`, wait for it to finish drawing, save a screenshot, and return what went wrong on it."""
    from playwright.sync_api import expect

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"JavaScript: {error}"))  # type: ignore[attr-defined]
    page.goto(url, wait_until="domcontentloaded", timeout=PAGE_TIMEOUT_MS)  # type: ignore[attr-defined]
    heading = page.get_by_role("heading", name=title, level=1)  # type: ignore[attr-defined]
    expect(heading).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(  # type: ignore[attr-defined]
        '[data-testid="stApp"][data-test-script-state="notRunning"]',
        state="attached",
        timeout=PAGE_TIMEOUT_MS,
    )
    _wait_for_charts(page)
    for selector in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
        found = page.locator(selector)  # type: ignore[attr-defined]
        errors += [f"{selector}: {found.nth(index).inner_text()}" for index in range(found.count())]
    overflow = page.evaluate(  # type: ignore[attr-defined]
        """() => [document.documentElement, ...document.querySelectorAll('[data-testid="stMain"]')]
                 .map(element => element.scrollWidth - element.clientWidth)"""
    )
    if any(extra > 1 for extra in overflow):
        errors.append(f"the page is wider than the window by {overflow} px")
    if screenshot is not None:
        _screenshot(page, SCREENSHOTS / f"{screenshot}.png")
    # Material icons are ligatures, words in the DOM ("download"): hidden before the text is read.
    page.add_style_tag(content=f"{ICONS} {{ display: none !important; }}")  # type: ignore[attr-defined]
    text = page.locator('[data-testid="stMain"]').inner_text()  # type: ignore[attr-defined]
    whole = page.locator("body").inner_text()  # type: ignore[attr-defined]  # the toolbar too
    english = sorted({word for word in LATIN_WORD.findall(text) if word not in ALLOWED_LATIN})
    if english:
        errors.append(f"English on screen: {english}")
    raw = sorted({match.group(0) for match in RAW_VALUES.finditer(whole)})
    if raw:
        errors.append(f"raw values on screen: {raw}")
    if "tab=" in url:
        chosen = page.locator('[role="tab"][aria-selected="true"]').inner_text()  # type: ignore[attr-defined]
        if chosen not in url:
            errors.append(f"the link names a tab, the page shows «{chosen}»")
    return Opened(errors, text)


def _download(context: object, url: str, label: str) -> str:
    """Open the overview, click the download button named `label` and return the file's text."""
    page = context.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=PAGE_TIMEOUT_MS)
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]',
            state="attached",
            timeout=PAGE_TIMEOUT_MS,
        )
        button = page.get_by_role("button", name=label)
        with page.expect_download(timeout=PAGE_TIMEOUT_MS) as started:
            button.click(timeout=PAGE_TIMEOUT_MS)
        return Path(started.value.path()).read_text(encoding="utf-8-sig")
    finally:
        page.close()


def _contact_list_problems(opened: dict[str, Opened], build: DashboardBuild) -> dict[str, list[str]]:
    """The overview's download holds every customer of the published contact list, and the page says how
    many wait beyond capacity and how many are held out, as report_contact_summary counts them."""
    listed = build.table("report_contact_list")
    summary = build.table("report_contact_summary")
    totals = summary[summary["channel"] == "all"].iloc[0]
    problems: dict[str, list[str]] = {}
    for width in WIDTHS:
        found = []
        overview = opened[f"overview-{width}"]
        rows = [line for line in overview.downloaded.splitlines() if line]
        if len(rows) != len(listed) + 1 or not rows[0].startswith("Покупатель;"):
            found.append(f"the download has {len(rows)} lines for {len(listed)} customers to contact")
        else:
            downloaded = {row.split(";")[0] for row in rows[1:]}
            if downloaded != {str(customer) for customer in listed["customer_id"]}:
                found.append("the download is not the published contact list")
        waiting = re.search(r"Ещё ([\d\s\u00a0]+) покуп\. ждут", overview.text)
        control = re.search(r"([\d\s\u00a0]+) покуп\. — контрольная группа", overview.text)
        for what, match, column in (
            ("waiting", waiting, "waiting_customers"),
            ("control", control, "control_customers"),
        ):
            number = match and re.sub(r"\D", "", match.group(1))
            if number != str(totals[column]):
                found.append(f"{what}: the overview says {number}, report_contact_summary {totals[column]}")
        if found:
            problems[f"contacts-{width}"] = found
    return problems


def _inconsistent_figures(opened: dict[str, Opened]) -> dict[str, list[str]]:
    """The same figure, read on the two pages that show it, at each width."""
    problems: dict[str, list[str]] = {}
    for width in WIDTHS:
        overview, customers, model = (
            opened[f"{name}-{width}"].text for name in ("overview", "customers", "model")
        )
        found = []
        contacts = re.search(r"Связаться в этом периоде\s*\n?\s*([\d\s\u00a0]+) покуп\.", overview)
        listed = re.search(r"В списке ([\d\s\u00a0]+) покуп\.", customers)
        if not (contacts and listed and contacts.group(1).strip() == listed.group(1).strip()):
            found.append(
                f"customers to contact: overview {contacts and contacts.group(1)}, "
                f"list {listed and listed.group(1)}"
            )
        auc = re.search(r"ROC-AUC\s*\n?\s*(\d,\d{3})", model)
        if not (auc and f"ROC-AUC {auc.group(1)}" in overview):
            found.append(f"ROC-AUC on the model page {auc and auc.group(1)} is not the overview's")
        if found:
            problems[f"figures-{width}"] = found
    return problems


def _wait_for_charts(page: object) -> None:
    """Charts draw after the script finishes; a spec Vega cannot render leaves its container empty."""
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                 .filter(chart => chart.getClientRects().length > 0)
                 .every(chart => chart.querySelector('canvas, svg'))""",
        timeout=PAGE_TIMEOUT_MS,
    )
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # the last layout pass, before a screenshot


def _screenshot(page: object, path: Path) -> None:
    """The whole page: Streamlit scrolls an inner container, so `full_page` alone stops at the viewport."""
    viewport = page.viewport_size  # type: ignore[attr-defined]
    height = page.evaluate(  # type: ignore[attr-defined]
        """selector => Math.max(window.innerHeight,
               ...[...document.querySelectorAll(selector)].map(element => element.scrollHeight))""",
        SCROLLING_CONTAINERS,
    )
    page.set_viewport_size({"width": viewport["width"], "height": int(height) + 40})  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]  # charts re-measure on resize
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size(viewport)  # type: ignore[attr-defined]
