"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test in this folder is marked `browser`; `make test` runs them once, apart from the rest.
Fixtures: `page` (a fresh page per test, relative URLs resolve against the live server),
`live_url`, `login(username, password=...)` and `assert_accessible(page)` (axe-core, WCAG 2.1
A and AA; fails on every serious or critical violation; then the same page at 320 CSS pixels
wide must not scroll sideways, WCAG 1.4.10 reflow).

Playwright never downloads a browser here: it starts /usr/bin/chromium (`make test` installs
the Debian package when missing), and a missing Chromium fails the tests instead of skipping.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = os.environ.get("KETENKAART_CHROMIUM", "/usr/bin/chromium")
# Headless in a container as root, and quiet on a machine without outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
REFLOW_WIDTH = 320  # WCAG 1.4.10: 1280 px at 400 % zoom
# Elements that stick out past the right edge of a 320 px viewport, to name in a failure.
OVERFLOWING = """width => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
  .filter(el => !el.closest('.kk-visually-hidden, thead'))
  .slice(0, 8)
  .map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' (' + Math.round(el.getBoundingClientRect().right) + 'px)')"""
TEST_PASSWORD = "geheim-wachtwoord"  # what ketenkaart.testing.factories.UserFactory sets


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the marks must be on before `-m browser` / `-m "not browser"` selects.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install the Debian package `chromium` "
            "(make test does) or set KETENKAART_CHROMIUM.",
            pytrace=False,
        )
    # Playwright's sync API runs an asyncio loop in this thread for as long as it lives, so
    # Django would refuse every database call made from the test (fixtures included).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def page(browser, live_url) -> Iterator[Page]:
    # bypass_csp only lets the test inject axe-core; the page itself is served unchanged.
    context = browser.new_context(base_url=live_url, locale="nl-NL", bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page: Page) -> Callable[..., Page]:
    """Log in through the form at /inloggen, as a real user would; returns the page."""

    def login(username: str, password: str = TEST_PASSWORD) -> Page:
        page.goto("/inloggen")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) [type=submit]").click()
        if page.locator("input[name=password]").count():
            pytest.fail(
                f"Logging in as {username} failed; the page says:\n{page.inner_text('body')}"
            )
        return page

    return login


@pytest.fixture
def assert_accessible() -> Callable[[Page], None]:
    """Run axe-core on the page; fail listing every serious or critical WCAG 2.1 A/AA violation."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (make test does).", pytrace=False)
    axe_source = AXE_SCRIPT.read_text()

    def assert_accessible(page: Page) -> None:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(content=axe_source)
        results = page.evaluate(
            "options => window.axe.run(document, options)",
            {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
        )
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            pytest.fail(_describe(page.url, blocking), pytrace=False)
        assert_reflows(page)

    return assert_accessible


def assert_reflows(page: Page) -> None:
    """At 320 CSS pixels wide the page must not scroll sideways; the viewport is restored."""
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
    try:
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll > REFLOW_WIDTH:
            culprits = page.evaluate(OVERFLOWING, REFLOW_WIDTH)
            pytest.fail(
                f"{page.url} is {scroll} px wide at {REFLOW_WIDTH} px (WCAG 1.4.10 reflow); "
                f"sticking out: {', '.join(culprits)}",
                pytrace=False,
            )
    finally:
        if size:
            page.set_viewport_size(size)


def _describe(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} serious or critical accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {' '.join(map(str, node['target']))}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"     {line}" for line in summary.splitlines())
    return "\n".join(lines)
