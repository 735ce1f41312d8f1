"""Issue 18 in the browser: the page itself shows the emergency call before any engine, in the person's language and
for their country (chosen before, or guessed the first time), right to left in Arabic; the app's first frame takes
its place with the same number; when the server goes away, the page says so and keeps the call. Nothing leaves the
machine. (Timings are printed by benchmarks/bench_first_paint.py, never asserted.)"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect

from mobile_app.first_paint import STORAGE_PREFIX
from mobile_app.ui.app import engine
from mobile_app.ui.state import AppState
from mobile_app.ui.store import KEY
from tests.e2e.e2e_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    RequestRecorder,
    enable_semantics,
    free_port,
    open_app,
    python_command,
    running_server,
)

pytestmark = pytest.mark.e2e

CALL_BUTTON = 'flt-semantics-host [flt-semantics-identifier="call-emergency-now"]'

_LAYER = """() => {
  const root = document.getElementById("first-paint"), call = document.getElementById("fp-call");
  const guess = document.getElementById("fp-guess"), box = call.getBoundingClientRect();
  return {
    shown: !root.hidden && getComputedStyle(root).display !== "none" && box.height > 0,
    lang: root.lang, dir: getComputedStyle(root).direction, href: call.getAttribute("href"), call: call.textContent,
    height: box.height, lost: document.getElementById("fp-lost").textContent,
    guess: guess.hidden ? null : guess.textContent, change: document.getElementById("fp-change").getAttribute("href"),
    changeHeight: document.getElementById("fp-change").getBoundingClientRect().height,
    width: document.documentElement.clientWidth, scale: window.visualViewport ? window.visualViewport.scale : 1,
  };
}"""


def layer(page: Page) -> dict[str, object]:
    state: dict[str, object] = page.evaluate(_LAYER)
    return state


def seed(page: Page, lang: str, country: str) -> None:
    """The device as the app leaves it after a person chose a language and a country (a session under its key)."""
    state = AppState(engine())
    state.lang, state.country = lang, country
    key, value = STORAGE_PREFIX + KEY, json.dumps(state.to_json())
    page.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(value)});")


def without_engine(page: Page) -> None:
    """Flutter's loader never arrives: what shows is the page's own."""
    page.route("**/flutter_bootstrap.js", lambda route: route.abort())


def app_call_label(page: Page) -> str:
    button = page.locator(CALL_BUTTON).first
    button.wait_for(state="attached", timeout=60_000)
    return (button.get_attribute("aria-label") or "") + button.inner_text()


def test_a_returning_person_in_spain_sees_112_in_spanish_with_no_engine(
    phone: Page, server_url: str, external_requests: list[str]
) -> None:
    seed(phone, "es", "ES")
    without_engine(phone)
    phone.goto(server_url, wait_until="load")
    link = phone.get_by_role("link", name="¿Emergencia? Llame al 112")
    expect(link).to_be_visible()
    got = layer(phone)
    assert got["href"] == "tel:112" and got["lang"] == "es" and got["dir"] == "ltr", got
    assert got["guess"] is None and got["lost"] == "", got  # chosen before: nothing guessed
    # 48 px on the phone's screen: laid out at the phone's width, not zoomed out.
    assert float(str(got["height"])) >= 48 and got["width"] == PHONE["viewport"]["width"] and got["scale"] == 1, got
    assert phone.get_by_text("Calf Check", exact=True).is_visible()
    assert phone.get_by_text("Una autoevaluación", exact=False).is_visible()
    assert external_requests == []


def test_the_app_draws_over_it_with_the_same_number(phone: Page, server_url: str, external_requests: list[str]) -> None:
    seed(phone, "es", "ES")
    # What the page showed before Flutter started, read in the same load (one navigation: a second one that cut
    # the first's downloads short was followed by loads that never drew, in this and the next browser).
    phone.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " window.__before = document.getElementById('fp-call').getAttribute('href'); });"
    )
    open_app(phone, server_url)
    assert phone.evaluate("window.__before") == "tel:112"
    expect(phone.locator("#first-paint")).to_be_hidden()
    # It went when the app's first screen came, not at Flutter's first frame (a second earlier, with no call).
    assert phone.evaluate("window.firstPaint.hiddenBy") == "app"
    assert "112" in app_call_label(phone)
    assert external_requests == []


def test_with_no_sign_of_the_app_the_call_stays_at_the_bottom(phone: Page, server_url: str) -> None:
    """Flutter has drawn but the app's first screen never comes (a slow server, a session that never draws): after
    a few seconds the layer shrinks to the call alone at the bottom, over whatever is shown, and never goes."""
    without_engine(phone)
    phone.goto(server_url, wait_until="load")
    phone.evaluate("() => window.dispatchEvent(new Event('flutter-first-frame'))")  # what Flutter's loader sends
    root = phone.locator("#first-paint")
    expect(root).to_have_class("fp-banner", timeout=15_000)
    link = phone.get_by_role("link", name="Emergency? Call 911")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None and box["height"] >= 48 and box["y"] + box["height"] > PHONE["viewport"]["height"] - 20
    expect(phone.get_by_text("Calf Check", exact=True)).to_be_hidden()
    root_box = root.bounding_box()
    assert root_box is not None and root_box["height"] < 120, root_box  # the rest of the screen is the app's


@pytest.fixture
def arabic_phone(playwright_session: Playwright, tmp_path: Path) -> Iterator[tuple[BrowserContext, RequestRecorder]]:
    """A phone whose browser speaks Arabic only, on its first visit."""
    if not CHROMIUM.exists():
        pytest.skip("no Chromium")
    context = playwright_session.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        bypass_csp=True,
        **{**PHONE, "locale": "ar"},
    )
    recorder = RequestRecorder()
    recorder.install(context)
    try:
        yield context, recorder
    finally:
        context.close()


def test_a_first_visitor_whose_browser_speaks_arabic_reads_it_right_to_left(
    arabic_phone: tuple[BrowserContext, RequestRecorder], server_url: str
) -> None:
    context, recorder = arabic_phone
    page = context.pages[0] if context.pages else context.new_page()
    without_engine(page)
    page.goto(server_url, wait_until="load")
    assert page.evaluate("navigator.languages") == ["ar"]
    # As the app guesses (ui.app.guess_settings): Arabic, and no country in the browser's languages -> the fallback.
    expect(page.get_by_role("link", name="حالة طارئة؟ اتصل بالرقم 911")).to_be_visible()
    got = layer(page)
    assert got["lang"] == "ar" and got["dir"] == "rtl" and got["href"] == "tel:911", got
    assert got["guess"] is not None and "الولايات المتحدة" in str(got["guess"]), got  # a guess says so
    assert "تغيير البلد" in str(got["guess"]) and got["change"] == "/country", got
    assert float(str(got["height"])) >= 48 and float(str(got["changeHeight"])) >= 48, got
    assert got["width"] == PHONE["viewport"]["width"] and got["scale"] == 1, got
    assert recorder.external == []


def test_the_arabic_first_visit_then_shows_the_same_number_in_the_app(
    arabic_phone: tuple[BrowserContext, RequestRecorder], server_url: str
) -> None:
    context, recorder = arabic_phone
    page = context.pages[0] if context.pages else context.new_page()
    open_app(page, server_url)
    expect(page.locator("#first-paint")).to_be_hidden()
    assert page.evaluate("window.firstPaint.hiddenBy") == "app"
    label = app_call_label(page)
    assert "911" in label and "اتصل" in label, label
    assert recorder.external == []


def test_a_lost_server_brings_back_the_call_and_says_so(
    phone: Page, external_requests: list[str], tmp_path: Path
) -> None:
    port = free_port()
    with running_server(python_command("-m", "mobile_app"), port, tmp_path / "server.log") as url:
        open_app(phone, url)
        expect(phone.locator("#first-paint")).to_be_hidden()
    # The server has stopped: the page says so, with the call, within the client's reconnection attempts.
    expect(phone.locator("#fp-lost")).to_have_text("Connection lost. Trying again.", timeout=30_000)
    expect(phone.get_by_role("link", name="Emergency? Call 911")).to_be_visible()
    got = layer(phone)
    assert got["shown"] and got["href"] == "tel:911" and got["guess"] is None, got
    # It comes back: a new server process answers with another session, so the page starts again (hazard H59) and
    # the layer goes once the app has drawn.
    with contextlib.ExitStack() as stack:
        with phone.expect_event("load", timeout=90_000):
            stack.enter_context(running_server(python_command("-m", "mobile_app"), port, tmp_path / "server2.log"))
        expect(phone.locator("#first-paint")).to_be_hidden(timeout=60_000)
        enable_semantics(phone, timeout_s=60)
    assert external_requests == []
