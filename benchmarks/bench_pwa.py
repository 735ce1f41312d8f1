"""The browser build against the server mode, in the same run: bytes of a first visit, time to the first screen on a
first visit and on a later one (offline for the browser build, from the browser's cache for the server). The browser
build's offline start is measured twice in each round: from the memory snapshot its first start kept (decision 36), and
with that snapshot deleted first (the normal start).

Run from the repository root: `.venv/bin/python benchmarks/bench_pwa.py [--runs 3] [--site DIR]` (needs Debian's
chromium; builds the site with tools/build_pwa.py unless --site names one). Phone emulation on loopback, a fresh
browser profile per round; the two modes take turns in each round. Issue 19's goals: first visit <= 25 MB, offline
start <= 4 s.

- Bytes, browser build: counted by its plain static server (response heads and bodies), for the whole first visit:
  what the page loads and what the service worker then fetches to keep every file for offline use.
- Bytes, server mode: what Chromium received for the page's requests (DevTools, as bench_web.py counts them); the
  screens themselves then come over the WebSocket and are not counted.
- First screen: the start screen's "Start the check" button is in the accessibility tree (ms since navigation). This
  needs a real click on Flutter's semantics placeholder, which the benchmark sends from Python after Flutter's first
  frame: up to a second or so of the figure on this shared machine is that click and the accessibility tree.
- Drawn: the second animation frame after the message from Python that holds the start screen (its start button)
  reached the page, when Flutter has drawn it (no click, no accessibility tree; as bench_web.py's "screen").
- Call link: the first frame in which the page's own emergency call (mobile_app/first_paint.py, drawn before any
  engine) is laid out, 48 px tall, dialling the number the app then shows (911: the phone speaks en-US, nothing is
  stored); and when that layer went (the app's first screen had come; a row says so when, in some loads, it went
  otherwise). The layer's script runs as it does for a person; the probe only watches the frames.
- `--before DIR`: another build (an earlier version of tools/build_pwa.py, built into DIR) measured in the same rounds,
  its offline start from its snapshot only, to compare a change with what it replaces under the same load.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

import build_pwa  # noqa: E402
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from tests.e2e.e2e_support import (  # noqa: E402
    CHROMIUM,
    WireMeter,
    app_command,
    enable_semantics,
    free_port,
    running_server,
)
from tests.e2e.pwa_support import (  # noqa: E402
    app_attempts,
    bounded,
    launch_phone_via,
    outbound_recorder,
    python_starts,
    wait_for_snapshot,
    wait_until_kept,
)

_FIRST_SCREEN_SCRIPT = """
(() => {
  const t = (window.__benchTimes = {});
  window.addEventListener('flutter-first-frame', () => { t.firstFrame ??= performance.now(); });
  const call = () => {
    const a = document.getElementById('fp-call'), root = document.getElementById('first-paint');
    if (t.call === undefined && a && root && !root.hidden && a.getAttribute('href') === 'tel:' + CALL_NUMBER) {
      const box = a.getBoundingClientRect();
      if (box.height >= 48 && box.bottom > 0 && box.top < innerHeight) t.call = performance.now();
    }
    if (root && root.hidden) {
      t.layerGone ??= performance.now();
      return;
    }
    requestAnimationFrame(call);
  };
  requestAnimationFrame(call);
  const N = window.Worker;
  window.Worker = function (url, options) {
    const worker = new N(url, options);
    worker.addEventListener('message', (event) => {
      if (t.screenMessage !== undefined || typeof event.data === 'string') return;
      if (!new TextDecoder().decode(event.data).includes('start-button')) return;
      t.screenMessage = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { t.drawn = performance.now(); }));
    });
    return worker;
  };
  window.Worker.prototype = N.prototype;
  const check = () => {
    if (document.querySelector('flt-semantics-host [flt-semantics-identifier="start-button"]')) {
      t.screen = performance.now();
      return;
    }
    setTimeout(check, 10);
  };
  check();
})();
"""
TIMEOUT_S = 240
CALL_NUMBER = "911"
"""What the page's first paint dials for a first-time phone speaking en-US (tests/e2e/e2e_support.PHONE)."""


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        server: CountingServer = self.server  # type: ignore[assignment]
        write = self.wfile.write

        def counted(data: bytes) -> int:
            with server.lock:
                server.sent += len(data)
            return write(data)

        self.wfile.write = counted  # type: ignore[method-assign]


class CountingServer(http.server.ThreadingHTTPServer):
    """A plain static file server (Python's own) that counts the bytes it sends."""

    def __init__(self, site: Path) -> None:
        super().__init__(("127.0.0.1", 0), functools.partial(_CountingHandler, directory=str(site)))
        self.sent = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


@contextlib.contextmanager
def counting_server(site: Path) -> Iterator[CountingServer]:
    server = CountingServer(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    first_screen_ms: float
    bytes: int
    drawn_ms: float = float("nan")
    call_ms: float = float("nan")
    layer_gone_ms: float = float("nan")
    gone_by_app: bool = False
    python: dict[str, Any] | None = None  # the browser build's Python worker's account of its start (ms)


@dataclass
class Round:
    pwa_first: Visit
    pwa_offline: Visit
    pwa_offline_plain: Visit
    pwa_bytes_to_first_screen: int
    server_first: Visit
    server_later: Visit
    outbound: list[str]
    before_offline: Visit | None = None


def _first_screen(page: Page, url: str | None) -> Visit:
    """Load (or reload) the page: ms from navigation start to the start screen's button, to the first paint's call
    link, and to when that layer went."""
    if url is None:
        page.reload(timeout=TIMEOUT_S * 1000)
    else:
        page.goto(url, timeout=TIMEOUT_S * 1000)
    page.wait_for_function("window.__benchTimes.firstFrame !== undefined", timeout=TIMEOUT_S * 1000, polling=10)
    enable_semantics(page, timeout_s=TIMEOUT_S)
    page.wait_for_function("window.__benchTimes.screen !== undefined", timeout=TIMEOUT_S * 1000)
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("window.__benchTimes.layerGone !== undefined", timeout=10_000)
    got = page.evaluate("() => ({...window.__benchTimes, by: window.firstPaint ? window.firstPaint.hiddenBy : null})")
    nan = float("nan")
    return Visit(
        float(got["screen"]),
        0,
        float(got.get("drawn") or nan),
        float(got.get("call") or nan),
        float(got.get("layerGone") or nan),
        got.get("by") == "app",
    )


def _phone(
    playwright_obj: Playwright, profile: Path, proxy_port: int, lines: list[str] | None = None
) -> tuple[BrowserContext, Page]:
    context = launch_phone_via(playwright_obj, profile, proxy_port)
    page = context.pages[0] if context.pages else context.new_page()
    page.add_init_script(_FIRST_SCREEN_SCRIPT.replace("CALL_NUMBER", json.dumps(CALL_NUMBER)))
    if lines is not None:
        page.on("worker", lambda worker: worker.on("console", lambda m: lines.append(m.text)))
    return context, page


def _with_python(visit: Visit, lines: list[str]) -> Visit:
    """The visit with the Python worker's account of its start (given a few seconds to come)."""
    deadline = time.monotonic() + 10
    while not python_starts(lines) and time.monotonic() < deadline:
        time.sleep(0.2)
    starts = python_starts(lines)
    visit.python = starts[-1] if starts else None
    lines.clear()
    return visit


def offline_from_snapshot(
    playwright_obj: Playwright, site: Path, info: dict[str, Any], profile: Path, proxy_port: int
) -> Visit:
    """Another build's offline start from its snapshot (--before): a first visit, everything kept, then offline."""
    lines: list[str] = []
    context, page = _phone(playwright_obj, profile, proxy_port, lines)
    try:
        with counting_server(site) as static:
            _first_screen(page, static.url)
            wait_until_kept(page, info, timeout_s=TIMEOUT_S)
        wait_for_snapshot(page, info["snapshot_key"], timeout_s=TIMEOUT_S)
        lines.clear()
        context.set_offline(True)
        return _with_python(_first_screen(page, None), lines)
    finally:
        context.close()


def measure_round(
    playwright_obj: Playwright,
    site: Path,
    info: dict[str, Any],
    server_url: str,
    work: Path,
    n: int,
    before: tuple[Path, dict[str, Any]] | None = None,
) -> Round:
    with outbound_recorder() as (proxy_port, outbound):
        # The browser build: a first visit (everything kept for offline use), then a start with no network.
        lines: list[str] = []
        context, page = _phone(playwright_obj, work / f"pwa-{n}", proxy_port, lines)
        try:
            with counting_server(site) as static:
                pwa_first = _with_python(_first_screen(page, static.url), lines)
                to_screen = static.sent
                wait_until_kept(page, info, timeout_s=TIMEOUT_S)
                pwa_first.bytes = static.sent
            wait_for_snapshot(page, info["snapshot_key"], timeout_s=TIMEOUT_S)  # kept by the first start
            # No network: the server is stopped and the browser offline (which alone would still let the service
            # worker's own update check through). A start from the snapshot, then one without it (deleted first: that
            # start is the normal one and keeps a snapshot again, as a first start does).
            context.set_offline(True)
            pwa_offline = _with_python(_first_screen(page, None), lines)
            bounded(page, "async () => caches.delete('calf-check.snapshot')")
            pwa_offline_plain = _with_python(_first_screen(page, None), lines)
        finally:
            context.close()
        # The server mode: a first visit, then a later one (the browser's cache; the server is still needed).
        context, page = _phone(playwright_obj, work / f"server-{n}", proxy_port)
        try:
            meter = WireMeter(page)
            server_first = _first_screen(page, server_url)
            meter.wait_until_quiet(page, quiet_s=1.0, timeout_s=10)
            server_first.bytes = meter.total_bytes
            meter.finished.clear()
            server_later = _first_screen(page, None)
            meter.wait_until_quiet(page, quiet_s=1.0, timeout_s=10)
            server_later.bytes = meter.total_bytes
        finally:
            context.close()
        before_offline = None
        if before is not None:
            before_offline = offline_from_snapshot(playwright_obj, *before, work / f"before-{n}", proxy_port)
        attempts = app_attempts(list(outbound))
        return Round(
            pwa_first, pwa_offline, pwa_offline_plain, to_screen, server_first, server_later, attempts, before_offline
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="rounds (fresh profiles each); medians are shown")
    parser.add_argument("--site", type=Path, help="an existing build of tools/build_pwa.py (default: build one)")
    parser.add_argument("--before", type=Path, help="an earlier build to compare, measured in the same rounds")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium", file=sys.stderr)
        return 2
    started = time.monotonic()
    with contextlib.ExitStack() as stack, sync_playwright() as playwright_obj:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-pwa-")))
        site = args.site
        if site is None:
            site = work / "site"
            build_pwa.build(site)
        info = json.loads((site / "build.json").read_text(encoding="utf-8"))
        server_url = stack.enter_context(running_server(app_command(), free_port(), work / "server.log"))
        before = None
        if args.before is not None:
            before = (args.before, json.loads((args.before / "build.json").read_text(encoding="utf-8")))
        rounds = [measure_round(playwright_obj, site, info, server_url, work, n, before) for n in range(args.runs)]

    def median(values: list[float]) -> float:
        return statistics.median(values)

    wire = info["wire_bytes"]
    print(f"Browser build {info['build']} ({len(info['files'])} files) and the server mode, on loopback, phone")
    print(
        f"emulation, a fresh profile per mode and round; median of {args.runs} rounds; load average"
        f" {os.getloadavg()[0]:.1f} at the end."
    )
    print(f"{'':44} {'call link':>10} {'first screen':>13} {'drawn':>8} {'layer went':>11} {'bytes':>13}")
    rows = [
        ("browser build, first visit (all kept)", [r.pwa_first for r in rounds]),
        ("browser build, offline, from the snapshot", [r.pwa_offline for r in rounds]),
        ("browser build, offline, no snapshot", [r.pwa_offline_plain for r in rounds]),
        ("server mode, first visit", [r.server_first for r in rounds]),
        ("server mode, later visit (browser cache)", [r.server_later for r in rounds]),
    ]
    if before is not None:
        earlier = [r.before_offline for r in rounds if r.before_offline]
        rows.insert(3, (f"before ({before[1]['build']}), offline, snapshot", earlier))
    for name, visits in rows:
        by_app = sum(v.gone_by_app for v in visits)
        print(
            f"{name:44} {median([v.call_ms for v in visits]) / 1000:>8.3f} s"
            f" {median([v.first_screen_ms for v in visits]) / 1000:>11.2f} s"
            f" {median([v.drawn_ms for v in visits]) / 1000:>6.2f} s"
            f" {median([v.layer_gone_ms for v in visits]) / 1000:>9.2f} s"
            f" {median([v.bytes for v in visits]):>13,.0f}"
            + ("" if by_app == len(visits) else f"  (layer went by the app's sign in {by_app} of {len(visits)})")
        )
    for name, visits in rows[: 4 if before is not None else 3]:
        accounts = [v.python for v in visits if v.python]
        marks = sorted({k for a in accounts for k, v in a.items() if isinstance(v, (int, float)) and k != "start"})
        kinds = sorted({str(a.get("snapshot")) for a in accounts})
        print(
            f"{name}: Python worker ({'/'.join(kinds)}), ms after it began: "
            + ", ".join(f"{k} {median([a[k] for a in accounts if k in a]):.0f}" for k in marks)
        )
    calls = [v.call_ms for r in rounds for v in (r.pwa_first, r.pwa_offline, r.pwa_offline_plain)]
    screens = [v.first_screen_ms for r in rounds for v in (r.pwa_first, r.pwa_offline, r.pwa_offline_plain)]
    print(
        f"browser build, every load: the call link at {median(calls) / 1000:.3f} s (slowest {max(calls) / 1000:.3f} s),"
        f" the start screen at {median(screens) / 1000:.2f} s (the call comes at"
        f" {median([c / s for c, s in zip(calls, screens, strict=True)]) * 100:.0f} % of that time)"
    )
    to_screen = median([r.pwa_bytes_to_first_screen for r in rounds])
    print(f"browser build, bytes sent before its first screen: {to_screen:,.0f}")
    largest = sorted(wire.items(), key=lambda kv: -kv[1])[:6]
    print("largest files on the wire: " + ", ".join(f"{p} {b / 1e6:.1f} MB" for p, b in largest))
    pwa_first = median([r.pwa_first.bytes for r in rounds])
    offline = median([r.pwa_offline.first_screen_ms for r in rounds]) / 1000
    plain = median([r.pwa_offline_plain.first_screen_ms for r in rounds]) / 1000
    drawn = median([r.pwa_offline.drawn_ms for r in rounds]) / 1000
    print(
        f"goals: first visit {pwa_first / 1e6:.1f} MB (<= 25 MB: {'met' if pwa_first <= 25e6 else 'NOT met'});"
        f" offline start {offline:.2f} s from the snapshot ({drawn:.2f} s drawn), {plain:.2f} s without"
        f" (<= 4 s: {'met' if offline <= 4 else 'NOT met'}; drawn: {'met' if drawn <= 4 else 'NOT met'})"
    )
    outbound = sorted({a for r in rounds for a in r.outbound})
    print(f"requests that tried to leave the machine: {len(outbound)}" + (f" {outbound}" if outbound else ""))
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
