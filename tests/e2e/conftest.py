"""Fixtures for browser tests: the app server, and Debian's headless Chromium emulating a phone.

Use in a test module (marked `pytestmark = pytest.mark.e2e`):

    from tests.e2e.e2e_support import open_app, screenshot

    def test_x(phone, server_url, external_requests):
        open_app(phone, server_url)
        phone.locator("flt-semantics-host").get_by_role("button", name="Start").click()
        screenshot(phone, "after-start")
        assert external_requests == []
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from tests.e2e.e2e_support import (
    CHROMIUM,
    SCREENSHOT_DIR,
    RequestRecorder,
    free_port,
    launch_phone,
    python_command,
    running_server,
)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; the browser tests are skipped without it (CI installs it)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's browser with `apt-get install -y chromium`")
    return CHROMIUM


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m mobile_app` on a free loopback port, for the whole session; yields its URL."""
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with running_server(python_command("-m", "mobile_app"), free_port(), log_path) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_session(chromium: Path) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session", autouse=True)
def screenshot_dir() -> Path:
    """test-artifacts/screenshots/ (gitignored), where `screenshot()` writes."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


@pytest.fixture
def request_recorder() -> RequestRecorder:
    return RequestRecorder()


@pytest.fixture
def external_requests(request_recorder: RequestRecorder) -> list[str]:
    """Every non-loopback URL the phone's browser asked for during the test (each one was aborted)."""
    return request_recorder.external


@pytest.fixture
def phone_context(
    playwright_session: Playwright, request_recorder: RequestRecorder, tmp_path: Path
) -> Iterator[BrowserContext]:
    """A fresh phone browser (new profile, cold cache) whose outbound requests are recorded and aborted."""
    context = launch_phone(playwright_session, tmp_path / "chromium-profile")
    request_recorder.install(context)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def phone(phone_context: BrowserContext) -> Page:
    """The phone browser's page: pass it to `open_app(phone, server_url)`."""
    return phone_context.pages[0] if phone_context.pages else phone_context.new_page()
