"""The browser build (issue 19): built, served as plain files on loopback, opened on a phone, then used with no
network at all; and a new version replacing the old one without losing the diary. Nothing may leave the machine."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Playwright, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader

from mobile_app.core.i18n import Translator
from tests.e2e.e2e_support import enable_semantics, open_app, screenshot
from tests.e2e.followup_support import CLINIC_LINK, find, go_back, log_cramp, tap, text_of, wait_text
from tests.e2e.journey_support import SELF_CARE_ANSWERS, run_check, sel
from tests.e2e.pwa_support import (
    BrowserLog,
    Watchdog,
    app_attempts,
    bounded,
    launch_phone_via,
    offline_cache,
    outbound_recorder,
    phone_on_site,
    port_is_closed,
    python_starts,
    snapshot_state,
    static_server,
    wait_for_snapshot,
    wait_until_kept,
)
from tests.e2e.test_first_paint import seed
from tests.pwa_site import build_info, build_pwa, build_site, built_site

pytestmark = [
    pytest.mark.e2e,
    # Measured on a clean checkout here (2026-12-07, second session): both walks in 3 minutes (99 s and 69 s). The
    # first session's "over 13 minutes" was a service-worker call that never answered; each is bounded now. The
    # version-replacement walk's waits for ever were a page load lost by Chromium while boot.js reloaded during a
    # switch of versions (decision 35): fixed in boot.js, and each of its steps is bounded (Watchdog).
    # CALF_CHECK_PWA_E2E=0 leaves them out on a machine where only the server mode matters.
    pytest.mark.skipif(
        os.environ.get("CALF_CHECK_PWA_E2E") == "0",
        reason="CALF_CHECK_PWA_E2E=0: the offline browser-build walks are left out",
    ),
]

START_S = 180
"""A first start fetches and compiles about 20 MB; on a busy two-core test machine that has taken over a minute."""


def start_app(page: Page, url: str) -> None:
    open_app(page, url, timeout_s=START_S)
    find(page, "start-button", timeout_s=START_S)


def reopen(page: Page) -> None:
    """Reload the page (a new start of the app), and wait for its first screen."""
    page.reload(timeout=START_S * 1000)
    page.wait_for_function("window.__flutterFirstFrameMs !== undefined", timeout=START_S * 1000)
    enable_semantics(page, timeout_s=START_S)


SERVICE_WORKER_PROBE = """
navigator.serviceWorker?.addEventListener("controllerchange", () => console.debug("probe: a new controller"));
console.debug("probe: page starts, controlled: " + !!navigator.serviceWorker?.controller);
"""
"""What the page saw of its service worker, for the browser log."""

WAITING_OR_DONE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return !registration.installing;
}"""


def label(page: Page) -> str | None:
    return page.locator('meta[name="calf-check-label"]').get_attribute("content")


def page_release(page: Page) -> str | None:
    return page.locator('meta[name="calf-check-release"]').get_attribute("content")


def served_release(page: Page) -> str:
    return str(bounded(page, "async () => (await fetch('calf-check-release', {cache: 'no-store'})).text()"))


def open_diary(page: Page) -> None:
    tap(page, "open-diary")
    find(page, "leg-left", timeout_s=60)


def test_offline_whole_check_and_diary(playwright_session: Playwright, tmp_path: Path, screenshot_dir: Path) -> None:
    """The issue's proof: build, serve with a plain static server, open as a phone, cut the network (and stop the
    server), reload, walk a whole check to its result, log a diary cramp and reopen it; zero requests leave."""
    site = built_site()
    info = build_info(site)
    with phone_on_site(playwright_session, site, tmp_path) as visit:
        context, page, url, outbound = visit.context, visit.page, visit.url, visit.outbound
        start_app(page, url)
        screenshot(page, "pwa-first-visit")
        caches = wait_until_kept(page, info)
        assert caches == [f"calf-check-{info['build']}"]

        # No network from here on: the server is gone and the browser is offline.
        visit.go_offline()
        assert port_is_closed(url)
        reopen(page)
        find(page, "start-button", timeout_s=START_S)
        screenshot(page, "pwa-offline-start")

        tap(page, "start-button")
        tap(page, "who-self")
        want = run_check(page, SELF_CARE_ANSWERS, "pwa-offline")
        assert want.level == "self_care"
        level = page.locator(sel("result-level")).last
        assert "You can care for this at home" in (level.get_attribute("aria-label") or level.inner_text())
        screenshot(page, "pwa-offline-result")

        # The summary for a doctor: copied as text, and saved as a PDF made on the phone.
        tap(page, "open-summary")
        find(page, "summary-text-en")
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        tap(page, "copy-summary")
        wait_text(page, "flash", "Copied.")
        assert "Calf Check: summary for a doctor" in bounded(page, "async () => navigator.clipboard.readText()")
        with page.expect_download(timeout=120_000) as download:
            tap(page, "download-summary")
        wait_text(page, "flash", "The summary was saved as a PDF.", timeout_s=120)
        text = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages[0].extract_text()
        assert "summary for a doctor" in text, text[:200]
        go_back(page, "/result")

        # The diary: a cramp logged offline is there when the app is opened again, still offline.
        tap(page, "start-again")
        open_diary(page)
        log_cramp(page, "left", 6)
        wait_text(page, "diary-chart-weekly", "1 cramp in the last 8 weeks")
        assert page.url == url + "diary"
        reopen(page)  # offline at /diary: the service worker answers every route with the app's page
        find(page, "entry-1", timeout_s=START_S)
        assert "Pain 6 out of 10" in text_of(page, "entry-1")
        screenshot(page, "pwa-offline-diary-reopened")

        # A clinic's link opens the app offline too, in its language, with its clinic.
        open_app(page, url + CLINIC_LINK, timeout_s=START_S)
        find(page, "clinic-recommended", timeout_s=START_S)
        es = Translator("es")
        assert es.t("Recommended by {clinic}", {"clinic": "Clinica Sol"}) in text_of(page, "clinic-recommended")
        assert "911" in text_of(page, "call-emergency")
        screenshot(page, "pwa-offline-clinic-link")
    assert app_attempts(outbound) == [], f"requests tried to leave the machine: {outbound}"


# What the page showed, frame by frame, before the app: the first frame in which the layer's call link was laid out
# (48 px or more) dialling the wanted number, Flutter's first frame, when the layer went, and whether it ever said
# that a connection was lost.
_FIRST_PAINT_PROBE = """
(() => {
  const want = %s;
  const seen = (window.__fpSeen = { link: null, text: null, frame: null, gone: null, lost: false });
  addEventListener("flutter-first-frame", () => { seen.frame ??= performance.now(); }, { once: true });
  const tick = () => {
    const a = document.getElementById("fp-call"), root = document.getElementById("first-paint");
    const lost = document.getElementById("fp-lost");
    if (lost && lost.textContent) seen.lost = true;
    if (a && root && !root.hidden && seen.link === null && a.getAttribute("href") === want) {
      if (a.getBoundingClientRect().height >= 48) { seen.link = performance.now(); seen.text = a.textContent; }
    }
    if (root && root.hidden) seen.gone ??= performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def first_paint_seen(page: Page) -> dict[str, Any]:
    """What the probe saw of the layer in this load, once the app's start screen is there (the layer goes 150 ms and
    a frame after the message that brought it: given a few seconds here on a busy machine)."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("window.__fpSeen && window.__fpSeen.gone !== null", timeout=10_000)
    seen: dict[str, Any] = page.evaluate(
        "() => ({...window.__fpSeen, hiddenBy: window.firstPaint.hiddenBy, banner: !!window.firstPaint.banner,"
        " nativeSocket: String(window.WebSocket).includes('[native code]')})"
    )
    return seen


def test_the_emergency_call_comes_before_python_and_goes_when_the_app_has_drawn(
    playwright_session: Playwright, tmp_path: Path
) -> None:
    """Issue 19's "engine-free first paint" (decision 27 in the browser build): a person in Spain who chose Spanish
    before sees "call 112" drawn by the page itself before Flutter's first frame, on a first visit and offline; it
    goes when Python has sent the app's first screen (the same 112), never by a timer; no "connection lost" where
    there is no server; nothing leaves the machine."""
    site = built_site()
    info = build_info(site)
    es = Translator("es")
    want_text = es.t("Emergency? Call {number}", {"number": "112"})
    with phone_on_site(playwright_session, site, tmp_path) as visit:
        page, url, outbound = visit.page, visit.url, visit.outbound
        seed(page, "es", "ES")
        page.add_init_script(_FIRST_PAINT_PROBE % '"tel:112"')
        visits: dict[str, dict[str, Any]] = {}
        start_app(page, url)
        visits["first visit"] = first_paint_seen(page)
        assert "112" in text_of(page, "call-emergency-now")
        wait_until_kept(page, info)

        visit.go_offline()
        reopen(page)
        find(page, "start-button", timeout_s=START_S)
        visits["offline"] = first_paint_seen(page)
        assert "112" in text_of(page, "call-emergency-now")
        screenshot(page, "pwa-offline-after-first-paint")
        for visit, seen in visits.items():
            assert seen["link"] is not None and seen["text"] == want_text, (visit, seen)
            assert seen["frame"] is not None and seen["link"] < seen["frame"], f"{visit}: the call came after Flutter"
            # It went because Python sent the app's screen (its call button), after Flutter's first frame.
            assert seen["hiddenBy"] == "app" and seen["gone"] > seen["frame"], (visit, seen)
            assert not seen["lost"] and seen["nativeSocket"], f"{visit}: no server, no connection to lose: {seen}"
        expect(page.locator("#first-paint")).to_be_hidden()
    assert app_attempts(outbound) == [], f"requests tried to leave the machine: {outbound}"


def test_the_whole_layer_stays_while_python_starts_and_shrinks_only_after(
    playwright_session: Playwright, tmp_path: Path
) -> None:
    """The built page alone, no engine (none of its other files is served): Flutter's first frame leaves the whole
    layer, since Python starts seconds later; 5 s after Python has said it started with no sign of the app, the layer
    shrinks to the call at the bottom; the app's sign (a message holding its call button) then lets it go."""
    page_only = tmp_path / "page-only"
    page_only.mkdir()
    shutil.copyfile(built_site() / "index.html", page_only / "index.html")
    with outbound_recorder() as (proxy_port, outbound), static_server(page_only, tmp_path / "static.log") as url:
        context = launch_phone_via(playwright_session, tmp_path / "profile", proxy_port)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(url, wait_until="load")
            root = page.locator("#first-paint")
            expect(page.get_by_role("link", name="Emergency? Call 911")).to_be_visible()
            page.evaluate("() => window.dispatchEvent(new Event('flutter-first-frame'))")  # what Flutter's loader sends
            page.wait_for_timeout(6000)  # longer than the served page waits after the first frame
            expect(root).not_to_have_class("fp-banner")
            expect(page.get_by_text("Calf Check", exact=True)).to_be_visible()
            said = time.monotonic()
            page.evaluate("() => window.firstPaint.message('initialized')")  # what Flet's Python worker sends
            expect(root).to_have_class("fp-banner", timeout=20_000)
            assert time.monotonic() - said >= 4.5
            expect(page.get_by_role("link", name="Emergency? Call 911")).to_be_visible()
            expect(page.get_by_text("Calf Check", exact=True)).to_be_hidden()
            page.evaluate("() => window.firstPaint.message(new TextEncoder().encode('...call-emergency-now...'))")
            expect(root).to_be_hidden()
            assert page.evaluate("window.firstPaint.hiddenBy") == "app"
            assert page.evaluate("document.getElementById('fp-lost').textContent") == ""
        finally:
            context.close()
    assert app_attempts(outbound) == [], f"requests tried to leave the machine: {outbound}"


# A stand-in for the browser's service worker container, for boot.js alone: a registration with a new version
# waiting, which takes over when asked ("switch": the page's controller changes, then is "activated" 300 ms later) or
# never ("never"). What happens is kept in sessionStorage, which outlives a reload of the tab.
_STUB_SERVICE_WORKER = """
(() => {
  const mode = %s;
  const store = sessionStorage;
  const loads = Number(store.getItem("stub.loads") || 0) + 1;
  store.setItem("stub.loads", String(loads));
  const note = (what) => {
    const events = JSON.parse(store.getItem("stub.events") || "[]");
    events.push({what, load: loads, ready: document.readyState, ms: performance.now()});
    store.setItem("stub.events", JSON.stringify(events));
  };
  const hub = new EventTarget();
  const worker = (state) => Object.assign(new EventTarget(), {state, postMessage() {}});
  let controller = worker("activated");
  const waiting = store.getItem("stub.switched") ? null : worker("installed");
  if (waiting) {
    waiting.postMessage = (message) => {
      note("asked: " + message);
      if (message !== "activate" || mode !== "switch") return;
      setTimeout(() => {
        controller = worker("activating");
        store.setItem("stub.switched", "1");
        note("controllerchange");
        hub.dispatchEvent(new Event("controllerchange"));
        setTimeout(() => {
          controller.state = "activated";
          note("activated");
          controller.dispatchEvent(new Event("statechange"));
        }, 300);
      }, 200);
    };
  }
  const registration = {installing: null, waiting, active: controller};
  const container = {
    get controller() { return controller; },
    register: async () => registration,
    getRegistration: async () => registration,
    ready: Promise.resolve(registration),
    addEventListener: (...args) => hub.addEventListener(...args),
    removeEventListener: (...args) => hub.removeEventListener(...args),
  };
  Object.defineProperty(Navigator.prototype, "serviceWorker", {get: () => container, configurable: true});
  addEventListener("load", () => note("load"));
  addEventListener("pagehide", () => note("pagehide"));
})();
"""


def test_a_waiting_new_version_is_asked_after_the_load_and_the_page_reloads_only_once_it_is_in_charge(
    playwright_session: Playwright, tmp_path: Path
) -> None:
    """boot.js alone, with a stand-in service worker container (decision 35): a page must never be loaded again
    while a new version waits to take over, since Chromium can lose that page load for good (the old worker is
    stopped while it answers it: a page that never comes). The new version is asked once the page's load is done
    (the browser's own fetches of its icons would keep the old worker busy), and the page reloads only once the new
    version is in charge (its controller changed and is activated); when it does not take over, no reload, and
    after 40 s this version starts: never a page that does not come."""
    page_only = tmp_path / "page-only"
    page_only.mkdir()
    for name in ("index.html", "boot.js"):
        shutil.copyfile(built_site() / name, page_only / name)
    with outbound_recorder() as (proxy_port, outbound), static_server(page_only, tmp_path / "static.log") as url:
        context = launch_phone_via(playwright_session, tmp_path / "profile", proxy_port)
        try:
            events: dict[str, list[dict[str, Any]]] = {}
            for mode in ("switch", "never"):
                page = context.new_page()
                page.add_init_script(_STUB_SERVICE_WORKER % json.dumps(mode))
                loaded = time.monotonic()
                page.goto(url, wait_until="load")
                if mode == "switch":
                    page.wait_for_timeout(8000)  # longer than the 5 s after which boot.js used to reload regardless
                else:
                    # The app itself must come: after 40 s without the switch, this version starts (Flutter's loader).
                    page.wait_for_event("request", lambda r: r.url.endswith("/flutter_bootstrap.js"), timeout=90_000)
                    assert time.monotonic() - loaded >= 39, "started before the new version had its 40 s"
                events[mode] = json.loads(page.evaluate("sessionStorage.getItem('stub.events')"))
                page.close()
        finally:
            context.close()
    switch = [(e["what"], e["load"]) for e in events["switch"]]
    # Asked once, after the load; reloaded once, after the new version was activated; the reloaded page asks nothing.
    assert switch[:5] == [
        ("load", 1),
        ("asked: activate", 1),
        ("controllerchange", 1),
        ("activated", 1),
        ("pagehide", 1),
    ], events["switch"]
    assert [what for what, load in switch if load > 1] == ["load"], events["switch"]
    never = events["never"]
    assert [e["what"] for e in never] == ["load", "asked: activate"], f"the page was loaded again: {never}"
    assert never[1]["ms"] - never[0]["ms"] >= 400, f"asked before the browser's icon fetches: {never}"
    assert app_attempts(outbound) == [], f"requests tried to leave the machine: {outbound}"


def test_a_new_version_replaces_the_old_and_keeps_the_diary(
    playwright_session: Playwright, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new build on the same host: the browser fetches it whole in the background while the old one runs, the
    next start switches to it and deletes the old files, and the diary survives. Each step is bounded (Watchdog):
    a start that never comes fails the test with the step's name and the browser's last lines."""
    site = tmp_path / "site"
    shutil.copytree(built_site(), site)
    old = build_info(site)
    with outbound_recorder() as (proxy_port, outbound), static_server(site, tmp_path / "static.log") as url:
        context = launch_phone_via(playwright_session, tmp_path / "profile", proxy_port)
        log = BrowserLog(context, tmp_path / "browser.log")
        watchdog = Watchdog(tmp_path / "profile", log)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            log.watch_service_workers(page)
            page.add_init_script(SERVICE_WORKER_PROBE)
            with watchdog.step("first visit", START_S + 60):
                start_app(page, url)
            with watchdog.step("every file kept", 240):
                wait_until_kept(page, old)
            with watchdog.step("a cramp in the diary", 180):
                open_diary(page)
                log_cramp(page, "right", 4)
                wait_text(page, "diary-chart-weekly", "1 cramp in the last 8 weeks")

            # A new version of the app: its Python archive changes (as it would with new content or code).
            app_files = build_pwa.app_files
            monkeypatch.setattr(
                build_pwa, "app_files", lambda: [*app_files(), ("mobile_app/content/NEWER.txt", b"a newer version")]
            )
            with watchdog.step("a new version built", 300):
                new = build_site(site, label="a newer version")
            assert new["release"] != old["release"] and new["files"]["app.zip"] != old["files"]["app.zip"]
            # Starts of the app: the browser finds the new sw.js and fetches the new version while the old one runs;
            # a later start switches to it before anything else. Every start shows one version, whole.
            for attempt in range(3):
                with watchdog.step(f"start {attempt + 1} after the new build", START_S + 60):
                    reopen(page)
                    find(page, "entry-1", timeout_s=START_S)
                    assert page_release(page) == served_release(page), "a page runs with another version's files"
                if label(page) == "a newer version":
                    break
                with watchdog.step(f"the new version fetched whole (after start {attempt + 1})", START_S + 30):
                    page.wait_for_function(WAITING_OR_DONE, timeout=START_S * 1000)
            with watchdog.step("the new version, the diary, the old files gone", 300):
                assert label(page) == "a newer version"
                assert "Pain 4 out of 10" in text_of(page, "entry-1"), "the diary survived the update"
                assert offline_cache(page, [])["names"] == [f"calf-check-{new['build']}"], "the old files are deleted"
                assert snapshot_state(page).get("key") in (None, new["snapshot_key"]), "the old version's snapshot"
                wait_until_kept(page, new)
        finally:
            context.close()
            log.close()
    assert app_attempts(outbound) == [], f"requests tried to leave the machine: {outbound}"


# Put a snapshot in its place: the kept one's bytes spoiled ("corrupt") or the whole of it claimed by another build.
_SPOIL_SNAPSHOT = """async (how) => {
  const cache = await caches.open("calf-check.snapshot");
  const url = new URL("calf-check-snapshot.bin", document.baseURI).href;
  const kept = await cache.match(url);
  const meta = JSON.parse(kept.headers.get("X-Calf-Check-Snapshot"));
  const bytes = new Uint8Array(await kept.arrayBuffer());
  if (how === "corrupt") bytes.fill(7, 0, 64);
  else meta.key = "0000000000000000";
  await cache.put(url, new Response(bytes, {headers: {"X-Calf-Check-Snapshot": JSON.stringify(meta)}}));
}"""


def test_a_snapshot_starts_python_and_a_bad_one_never_stops_the_app(
    playwright_session: Playwright, tmp_path: Path
) -> None:
    """Offline starts from the Python worker's memory snapshot: the first start keeps one of this build; the next
    restores it. A snapshot claimed by another build is deleted and the app starts the normal way (and keeps a new
    one); a corrupt one is refused, the app starts the normal way in the same start and this build makes none again.
    The person's storage (localStorage) is the same throughout; nothing leaves the machine."""
    site = built_site()
    info = build_info(site)
    key = info["snapshot_key"]
    lines: list[str] = []
    with phone_on_site(playwright_session, site, tmp_path) as visit:
        page, url, outbound = visit.page, visit.url, visit.outbound
        page.on("worker", lambda worker: worker.on("console", lambda m: lines.append(m.text)))
        start_app(page, url)
        wait_until_kept(page, info)
        kept = wait_for_snapshot(page, key)
        assert kept["bytes"] > 10_000_000 and kept["failed"] is None
        assert [s["snapshot"] for s in python_starts(lines)] == ["made"], "the first start makes one"
        page.evaluate("() => localStorage.setItem('calf-check-test.marker', 'kept')")
        stored = page.evaluate("() => JSON.stringify({...localStorage})")
        visit.go_offline()

        def start(what: str) -> dict[str, Any]:
            before = len(python_starts(lines))
            reopen(page)
            find(page, "start-button", timeout_s=START_S)
            deadline = time.monotonic() + 30
            while len(python_starts(lines)) == before and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            starts = python_starts(lines)
            assert len(starts) == before + 1, f"{what}: the worker gave no account of its start: {lines[-20:]}"
            return starts[-1]

        restored = start("with the snapshot")
        assert restored["snapshot"] == "restored", restored
        assert "imported" not in restored, "a restored start imports nothing again"
        # Flet imports its controls, session and protocol lazily: the snapshot holds them (decision 38), so a restored
        # start imports only what needs this page (the connection to it). A new Flet that imports more fails here.
        assert set(restored["modules"]) <= {"flet.messaging.pyodide_connection", "flet_js"}, restored["modules"]

        bounded(page, _SPOIL_SNAPSHOT, "stale")
        stale = start("with another build's snapshot")
        assert stale["snapshot"] == "made" and "imported" in stale, stale
        wait_for_snapshot(page, key)  # deleted, and this build's kept again

        bounded(page, _SPOIL_SNAPSHOT, "corrupt")
        corrupt = start("with a corrupt snapshot")
        assert corrupt["snapshot"] == "refused" and "imported" in corrupt, corrupt
        assert any("the snapshot did not start" in line for line in lines), lines[-20:]
        assert snapshot_state(page) == {"cache": True, "key": None, "bytes": 0, "failed": key}
        after = start("after a snapshot failed")
        assert after["snapshot"] == "none", "a build whose snapshot failed makes none again"
        page.wait_for_timeout(3000)
        assert snapshot_state(page)["key"] is None
        assert page.evaluate("() => JSON.stringify({...localStorage})") == stored, "the person's storage changed"
    assert app_attempts(outbound) == [], f"requests tried to leave the machine: {outbound}"


# The state an update leaves on a phone that used the CanvasKit build before (decision 38): the service worker keeps
# on an update only the Flutter build this browser used, so this version's cache holds the JavaScript build and
# CanvasKit, not the WebAssembly build that Flutter's loader would now choose.
_KEEP_ONLY_CANVASKIT = """async () => {
  for (const path of ["main.dart.js", "canvaskit/chromium/canvaskit.js", "canvaskit/chromium/canvaskit.wasm"]) {
    const response = await fetch(path);  // the service worker keeps what the page asks for
    if (!response.ok) throw new Error(path + ": " + response.status);
    await response.arrayBuffer();
  }
  const name = (await caches.keys()).find((n) => n.startsWith("calf-check-"));
  const cache = await caches.open(name);
  for (const path of ["main.dart.wasm", "main.dart.mjs", "canvaskit/skwasm.js", "canvaskit/skwasm.wasm"]) {
    await cache.delete(new URL(path, document.baseURI).href);
  }
  return (await fetch("calf-check-renderer", {cache: "no-store"})).text();
}"""


def test_a_phone_whose_offline_copy_holds_the_canvaskit_build_starts_it_offline(
    playwright_session: Playwright, tmp_path: Path
) -> None:
    """Flutter's loader chooses the WebAssembly build (skwasm) in this browser, and the first visit keeps it; a phone
    whose offline copy holds only the CanvasKit build (an update from a version that used it keeps only that) must
    start that build offline, not ask for one it does not hold (boot.js asks sw.js which build it keeps)."""
    site = built_site()
    info = build_info(site)
    with phone_on_site(playwright_session, site, tmp_path) as visit:
        page, url, outbound = visit.page, visit.url, visit.outbound
        start_app(page, url)
        wait_until_kept(page, info)
        used = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name.split('/').pop())")
        assert "main.dart.wasm" in used and "main.dart.js" not in used, "this browser runs the WebAssembly build"
        assert bounded(page, _KEEP_ONLY_CANVASKIT, timeout_s=120) == "canvaskit"
        visit.go_offline()
        reopen(page)
        find(page, "start-button", timeout_s=START_S)
        used = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name.split('/').pop())")
        assert "main.dart.js" in used and "main.dart.wasm" not in used, used
        screenshot(page, "pwa-offline-canvaskit")
    assert app_attempts(outbound) == [], f"requests tried to leave the machine: {outbound}"
