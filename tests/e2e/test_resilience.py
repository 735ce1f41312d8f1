"""Issue 17 in the browser: a file over the cap is refused before it is read, the page runs under its security
headers without a violation, a lost connection comes back to the same screen, and a check survives landing on
another worker process."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright

from tests.e2e.e2e_support import launch_phone
from tests.e2e.followup_support import find, start, tap, wait_text
from tests.e2e.journey_support import sel

pytestmark = pytest.mark.e2e


def test_a_file_over_the_cap_is_refused_before_it_is_read(phone: Page, server_url: str, tmp_path: Path) -> None:
    """A 50 MB file used to be read whole by the page and sent to the server, which dropped the connection: no
    word, and the screen stayed. Now the page swaps it for a stand-in before reading it (assets/no-cdn.js)."""
    big = tmp_path / "calf-check-diary-2026-11-20.json"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    sent: list[int] = []
    phone.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(len(frame))))
    start(phone, server_url)
    tap(phone, "open-diary")
    find(phone, "import-diary")
    with phone.expect_file_chooser(timeout=30_000) as chooser:
        tap(phone, "import-diary")
    chooser.value.set_files(str(big))
    wait_text(phone, "flash", "This file is too big to be a diary file. Nothing was added.")
    assert max(sent, default=0) < 100_000, f"the page sent a frame of {max(sent)} bytes"


_VIOLATIONS_SCRIPT = (
    "window.__cspViolations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def test_the_app_runs_under_its_content_security_policy(
    playwright_session: Playwright, server_url: str, tmp_path: Path
) -> None:
    """Hazard H53: the page's Content-Security-Policy (no eval, inline scripts only by hash) lets Flutter's web
    client draw the app and reach the emergency call: nothing is blocked on the way to the first screen and through
    the first question (every other browser test bypasses the policy, since Playwright's waits use eval)."""
    context = launch_phone(playwright_session, tmp_path / "profile", bypass_csp=False)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.add_init_script(_VIOLATIONS_SCRIPT)
        response = page.goto(server_url, timeout=60_000)
        assert response is not None
        policy = response.headers.get("content-security-policy", "")
        assert "script-src" in policy and "'unsafe-eval'" not in policy, policy
        placeholder = page.locator("flt-semantics-placeholder")
        start_button = page.locator(sel("start-button"))
        deadline = time.monotonic() + 60
        while not start_button.count() and time.monotonic() < deadline:
            if placeholder.count():
                with contextlib.suppress(Exception):
                    placeholder.click(force=True, timeout=2000)
            page.wait_for_timeout(200)
        start_button.last.click()
        page.locator(sel("who-self")).last.click()
        page.locator(sel("answer-chest_pain-yes")).last.click()
        page.locator(sel("call-emergency-now")).last.wait_for(state="attached", timeout=30_000)
        assert page.evaluate("window.__cspViolations") == []
    finally:
        context.close()
