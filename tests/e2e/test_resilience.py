"""Issue 17 in the browser: a file over the cap is refused before it is read, the page runs under its security
headers without a violation, a lost connection comes back to the same screen, and a check survives landing on
another worker process."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright

from tests.e2e.e2e_support import enable_semantics, free_port, launch_phone, python_command, running_server
from tests.e2e.followup_support import find, start, tap, wait_text
from tests.e2e.journey_support import SELF_CARE_ANSWERS, run_check, sel
from tests.e2e.journey_support import start as start_journey
from tests.e2e.journey_support import tap as journey_tap

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


def _connection_owners(port: int) -> set[int]:
    """The processes that hold an established TCP connection on this local port (the worker serving a browser)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "01" and int(local.rsplit(":", 1)[1], 16) == port and inode != "0":
                    inodes.add(f"socket:[{inode}]")
    owners: set[int] = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in (proc / "fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in inodes:
                        owners.add(int(proc.name))
    return owners


def test_a_check_goes_on_when_its_worker_dies(
    phone: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17, beyond one machine: two worker processes share the port (uvicorn's own process manager). Midway
    through a check, the worker serving the phone is killed; the page reconnects to another process, comes back to
    the same screen of the check with the earlier answers (all of them are on the device), and ends at the result
    the engine gives for the whole story."""
    monkeypatch.setenv("WORKERS", "2")
    port = free_port()
    killed: list[int] = []

    def kill_the_worker(screen: int) -> None:
        if screen != 2:
            return
        phone.wait_for_url("**/check/3", timeout=30_000)  # the Next has reached the server (and the device)
        deadline = time.monotonic() + 10
        owners = _connection_owners(port)
        while not owners and time.monotonic() < deadline:
            time.sleep(0.1)
            owners = _connection_owners(port)
        assert len(owners) == 1, f"expected one worker holding the phone's connection, found {owners}"
        (pid,) = owners
        with phone.expect_event("load", timeout=90_000):  # the page starts again once a worker answers
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        phone.wait_for_function("window.__flutterFirstFrameMs !== undefined", timeout=90_000)
        enable_semantics(phone, timeout_s=60)

    with running_server(python_command("-m", "mobile_app"), port, tmp_path / "server.log") as url:
        start_journey(phone, url)
        journey_tap(phone, "start-button")
        journey_tap(phone, "who-self")
        want = run_check(phone, SELF_CARE_ANSWERS, "two-workers", after_next=kill_the_worker)
        assert killed, "the worker was never taken away"
        level = phone.locator(sel("result-level")).last
        assert want.level == "self_care"
        assert "You can care for this at home" in (level.get_attribute("aria-label") or level.inner_text())
        now = _connection_owners(port)
        assert now and killed[0] not in now, (killed, now)
