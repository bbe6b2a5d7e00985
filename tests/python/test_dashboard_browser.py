"""The dashboard served as `make dashboard` serves it, opened page by page in headless Chromium.

AppTest runs the scripts but not the browser half: Vega-Lite specs that fail to render, the page router
and the front end's own errors only show up here. Each page's screenshot lands in
test-artifacts/screenshots/<page>.png for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
# page name → (URL path, the page's title as it must appear)
PAGES = {
    "overview": ("", "Обзор"),
    "segments": ("segments", "Сегменты"),
    "customers": ("customers", "Покупатели"),
    "drivers": ("drivers", "Факторы"),
    "data": ("data", "Данные"),
}
# Tabs hide their charts until opened: these are opened and shot too, as <page>-<suffix>.png.
TABS = {"data": (("Связи признаков", "correlations"), ("Дрейф", "drift"))}
PAGE_TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1440, "height": 900}
SCROLLING_CONTAINERS = ", ".join(
    f'[data-testid="{name}"]' for name in ("stAppViewContainer", "stMain", "stMainBlockContainer")
)

pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)),
        reason=f"{CHROMIUM} is missing (run `make browser` as root to install Debian's chromium)",
    ),
    pytest.mark.dbt,
    pytest.mark.xdist_group("dashboard_build"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched.new_context(viewport=VIEWPORT, locale="ru-RU")
        finally:
            launched.close()


def test_every_page_renders_in_a_browser_without_errors(
    dashboard_build: DashboardBuild, tmp_path: Path, browser: object
) -> None:
    """One server over the real build, every page in turn (one test, so xdist cannot split the pages over
    two servers)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, list[str]] = {}
    with serve_dashboard(
        dashboard_build.publish_dir,
        dashboard_build.run_results,
        lifetime_seconds=300,
        log_path=tmp_path / "app.log",
    ) as url:
        for name, (path, title) in PAGES.items():
            page = browser.new_page()  # type: ignore[attr-defined]
            try:
                problems[name] = _open_and_check(page, f"{url}/{path}", title, name)
            finally:
                page.close()
    assert not any(problems.values()), problems
    assert sorted(SCREENSHOTS.glob("*.png"))


def test_the_browser_check_catches_an_exception(tmp_path: Path, browser: object) -> None:
    """The check above must be able to fail: a page that raises is reported."""
    app = tmp_path / "broken.py"
    app.write_text(
        'import streamlit as st\n\nst.title("Сломано")\nraise RuntimeError("boom")\n', encoding="utf-8"
    )
    with serve_dashboard(tmp_path, app=app, lifetime_seconds=120) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        try:
            problems = _open_and_check(page, url, "Сломано", screenshot=None)
        finally:
            page.close()
    assert any("boom" in problem for problem in problems), problems


def _open_and_check(page: object, url: str, title: str, screenshot: str | None) -> list[str]:
    """Open `url`, wait for it to finish drawing, save screenshots, and return what went wrong on it."""
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
    if screenshot is not None:
        _screenshot(page, SCREENSHOTS / f"{screenshot}.png")
        for tab_name, suffix in TABS.get(screenshot, ()):
            page.get_by_role("tab", name=tab_name).click()  # type: ignore[attr-defined]
            _wait_for_charts(page)
            _screenshot(page, SCREENSHOTS / f"{screenshot}-{suffix}.png")
    for selector in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
        found = page.locator(selector)  # type: ignore[attr-defined]
        errors += [f"{selector}: {found.nth(index).inner_text()}" for index in range(found.count())]
    return errors


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
    height = page.evaluate(  # type: ignore[attr-defined]
        """selector => Math.max(window.innerHeight,
               ...[...document.querySelectorAll(selector)].map(element => element.scrollHeight))""",
        SCROLLING_CONTAINERS,
    )
    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(height) + 40})  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]  # charts re-measure on resize
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size(VIEWPORT)  # type: ignore[attr-defined]
