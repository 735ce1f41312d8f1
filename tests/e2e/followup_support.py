"""Browser helpers for the follow-up screens (diary, summary, clinic): find and tap anywhere on a long screen,
read what a screen reader reads, go back, log a cramp. Shared by tests and benchmarks."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.e2e_support import open_app, screenshot
from tests.e2e.journey_support import RECORD_OPENED, is_selected, sel

CLINIC_LINK = "?lang=es&country=MX&clinic=Clinica%20Sol&phone=5551234567"
NARROW = {"width": 320, "height": 640}


def scroll(page: Page, dy: int) -> None:
    page.mouse.move(page.viewport_size["width"] // 2, page.viewport_size["height"] // 2)
    page.mouse.wheel(0, dy)
    page.wait_for_timeout(250)


def find(page: Page, identifier: str, timeout_s: float = 30) -> None:
    """Bring a control into the accessibility tree: Flutter builds nodes only near the screen, so scroll down
    to look for it, then up."""
    node = page.locator(sel(identifier))
    deadline = time.monotonic() + timeout_s
    direction = 500
    moves = 0
    while time.monotonic() < deadline:
        if node.count():
            return
        scroll(page, direction)
        moves += 1
        if moves % 12 == 0:
            direction = -direction
    try:
        node.last.wait_for(state="attached", timeout=1000)
    except Exception:
        with contextlib.suppress(Exception):
            screenshot(page, f"failed-find-{identifier}", attempts=2)
        raise


def tap(page: Page, identifier: str) -> None:
    find(page, identifier)
    page.locator(sel(identifier)).last.click()


def reveal(page: Page, identifier: str, timeout_s: float = 30) -> None:
    """Scroll until the control is on screen, near the top (Flutter scrolls on wheel events, not the DOM)."""
    find(page, identifier, timeout_s)
    height = page.viewport_size["height"]
    for _ in range(40):
        box = page.locator(sel(identifier)).last.bounding_box()
        if box is None:
            scroll(page, 300)
            continue
        if 70 <= box["y"] <= max(80, height * 0.35):
            break
        scroll(page, int(box["y"] - height * 0.2))
    page.wait_for_timeout(300)


def go_back(page: Page, to: str) -> None:
    """Tap the app's Back and wait for the screen `to` ("/" or "/diary"): the screen being left has a Back
    button too, and a second tap while it is still there is lost."""
    tap(page, "back-button")
    want = re.compile(rf"^https?://[^/]+{re.escape(to)}/?$")
    deadline = time.monotonic() + 30
    while not want.match(page.url) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert want.match(page.url), f"still at {page.url}, not {to or '/'}"
    page.wait_for_timeout(300)


def to_top(page: Page) -> None:
    for _ in range(6):
        scroll(page, -2000)


def text_of(page: Page, identifier: str, attempts: int = 10) -> str:
    """The text a screen reader finds in a control. Flutter drops nodes scrolled out of view (a scroll can still
    be settling after `find`), so it is looked for again when it went away in between."""
    for attempt in range(attempts):
        find(page, identifier)
        try:
            return str(
                page.locator(sel(identifier)).last.evaluate(
                    """e => [e, ...e.querySelectorAll('[aria-label]')].map(n => n.getAttribute('aria-label') || '')
                           .concat([e.textContent || '']).filter(Boolean).join(' ')""",
                    timeout=3000,
                )
            )
        except Exception:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def start(page: Page, url: str) -> None:
    page.add_init_script(RECORD_OPENED)
    open_app(page, url)
    find(page, "start-button")


def choose(page: Page, identifier: str, timeout_s: float = 30) -> None:
    """Tap a choice until it shows as chosen (a tap during a screen change can be lost)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        tap(page, identifier)
        for _ in range(20):
            if is_selected(page, identifier):
                return
            page.wait_for_timeout(100)
    raise AssertionError(f"{identifier} was not chosen")


def wait_text(page: Page, identifier: str, expected: str, timeout_s: float = 30) -> str:
    deadline = time.monotonic() + timeout_s
    text = ""
    while time.monotonic() < deadline:
        text = text_of(page, identifier)
        if expected in text:
            return text
        page.wait_for_timeout(200)
    raise AssertionError(f"{expected!r} not in {identifier}: {text!r}")


def log_cramp(page: Page, leg: str, pain: int, duration: str = "1_to_5_min") -> None:
    """Log a cramp: leg, pain and how long it lasted (nothing is preset: each is chosen)."""
    choose(page, f"leg-{leg}")
    choose(page, f"pain-{pain}")
    choose(page, f"duration-{duration}")
    page.locator(sel("save-hint")).wait_for(state="detached", timeout=30_000)
    tap(page, "save-episode")
    page.wait_for_function(
        f"""() => {{
          const n = document.querySelector('{sel(f"pain-{pain}")}');
          return n && n.getAttribute('aria-selected') !== 'true' && n.getAttribute('aria-current') !== 'true';
        }}""",
        timeout=30_000,
    )


def shot(page: Page, name: str) -> Path:
    """A screenshot once the screen has settled (pickers and dialogs animate in)."""
    page.wait_for_timeout(300)
    return screenshot(page, name)
