"""Compare cold loads of Calf Check and of a bare Flet page: time to first readable content, bytes on the wire.

Run from the repository root: `.venv/bin/python benchmarks/bench_web.py [--runs 3]` (needs Debian's
chromium). Each run uses a fresh browser profile (cold cache) emulating a phone, on loopback.
Targets: our app (`python -m mobile_app`); a bare Flet page served by the same server (`create_app`);
and, for reference, the same bare page on Flet's stock ASGI app (no_cdn, no compression). The targets take
turns within each round. APP_SCRIPT=path runs that Python script as the app instead (to try a change);
`--also path` (repeatable) adds that script as another target, to compare versions in the same rounds;
`--renderers canvaskit skwasm` adds the app with Flutter's renderer forced (FLET_WEB_RENDERER), in the same rounds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import Page, Playwright, sync_playwright  # noqa: E402

from tests.e2e.e2e_support import (  # noqa: E402
    CHROMIUM,
    RequestRecorder,
    WireMeter,
    app_command,
    enable_semantics,
    free_port,
    launch_phone,
    python_command,
    running_server,
)

_BARE_MAIN = """
import os
import flet as ft

def main(page: ft.Page) -> None:
    page.add(ft.Text("Hello"))
"""
BARE_SAME_SERVER = (
    _BARE_MAIN
    + """
from mobile_app.server import serve
serve(os.environ["HOST"], int(os.environ["PORT"]), main=main)
"""
)
# Issue 18's floor: a bare page that registers one bundled font, served the same way as the app.
BARE_ONE_FONT = """
import os
import flet as ft
from mobile_app.server import serve

def main(page: ft.Page) -> None:
    page.fonts = {"NotoSans": "fonts/NotoSans-Regular.ttf"}
    page.theme = ft.Theme(font_family="NotoSans")
    page.add(ft.Text("Hello"))

serve(os.environ["HOST"], int(os.environ["PORT"]), main=main)
"""
BARE_STOCK_SERVER = (
    _BARE_MAIN
    + """
import flet.fastapi, uvicorn
uvicorn.run(flet.fastapi.app(main, no_cdn=True), host=os.environ["HOST"], port=int(os.environ["PORT"]),
            log_level="warning")
"""
)

# Runs inside the page from its first script on, timestamping (ms since navigation start) Flutter's first
# frame and the first accessibility node with readable text; checking every 10 ms in the page avoids
# the latency of polling from Python. Semantics still needs a real click on Flutter's placeholder (a
# script's click() is ignored), which enable_semantics() sends right after the first frame.
# The click comes from Python, 0.4 to 1.3 s after the first frame on this shared machine (measured for decision 39),
# and later in the app, whose first paint covers the placeholder until the app has drawn: "first content" holds that
# wait. So the script also times "screen": the first server message on the WebSocket holding the first screen (the
# app's call button, `call-emergency`, or the bare page's text) and the second animation frame after it, when
# Flutter has drawn it (no click, no accessibility tree).
_SCREEN_MARKERS = ("call-emergency", "Hello")
_TIMING_SCRIPT = """
(() => {
  const t = (window.__benchTimes = {});
  window.addEventListener('flutter-first-frame', () => { t.firstFrame ??= performance.now(); });
  const markers = MARKERS;
  const scan = (data) => {
    if (t.screenMessage !== undefined) return;
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    if (!markers.some((m) => text.includes(m))) return;
    t.screenMessage = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { t.screen = performance.now(); }));
  };
  const WS = window.WebSocket;
  window.WebSocket = class extends WS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' || e.data instanceof ArrayBuffer) scan(e.data);
        else if (e.data && e.data.arrayBuffer) e.data.arrayBuffer().then(scan);
      });
    }
  };
  const hasContent = () => {
    const host = document.querySelector('flt-semantics-host');
    if (!host) return false;
    for (const node of host.querySelectorAll('*')) {
      const label = node.getAttribute('aria-label') || '';
      const text = node.childElementCount === 0 ? (node.textContent || '') : '';
      if ((label + text).trim()) return true;
    }
    return false;
  };
  const check = () => {
    if (hasContent()) { t.content = performance.now(); return; }
    setTimeout(check, 10);
  };
  check();
})();
""".replace("MARKERS", json.dumps(list(_SCREEN_MARKERS)))


@dataclass
class Run:
    first_frame_ms: float
    content_ms: float
    screen_ms: float
    wire_bytes: int
    external: int


def measure_once(url: str, playwright_obj: Playwright, profile: Path) -> Run:
    """One cold load in a fresh phone profile."""
    context = launch_phone(playwright_obj, profile)
    recorder = RequestRecorder()
    recorder.install(context)
    try:
        page: Page = context.pages[0] if context.pages else context.new_page()
        page.add_init_script(_TIMING_SCRIPT)
        meter = WireMeter(page)
        page.goto(url)
        page.wait_for_function("window.__benchTimes.firstFrame !== undefined", timeout=60_000, polling=10)
        enable_semantics(page, timeout_s=60)
        page.wait_for_function("window.__benchTimes.content !== undefined", timeout=10_000)
        page.wait_for_function("window.__benchTimes.screen !== undefined", timeout=10_000)
        times = page.evaluate("window.__benchTimes")
        meter.wait_until_quiet(page, quiet_s=1.0, timeout_s=10)
        return Run(
            float(times["firstFrame"]),
            float(times["content"]),
            float(times["screen"]),
            meter.total_bytes,
            len(recorder.external),
        )
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="measured cold loads per target (median shown)")
    parser.add_argument(
        "--also",
        metavar="SCRIPT",
        action="append",
        default=[],
        help="another version of the app (a Python script) in the same rounds, to compare (may be repeated)",
    )
    parser.add_argument(
        "--renderers",
        nargs="*",
        default=[],
        metavar="NAME",
        help="also the app with Flutter's renderer forced (FLET_WEB_RENDERER: canvaskit, skwasm, auto), in the same"
        " rounds (issue 18's lighter start)",
    )
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium", file=sys.stderr)
        return 2

    targets = {
        "Calf Check (python -m mobile_app)": app_command(),
        "bare Flet page, same server": python_command("-c", BARE_SAME_SERVER),
        "bare Flet page, stock flet.fastapi": python_command("-c", BARE_STOCK_SERVER),
        "bare page with one font (the floor)": python_command("-c", BARE_ONE_FONT),
    }
    for script in args.also:
        targets[f"also: {Path(script).name}"] = python_command(script)
    for renderer in args.renderers:
        targets[f"Calf Check, renderer {renderer}"] = ["env", f"FLET_WEB_RENDERER={renderer}", *app_command()]
    started = time.monotonic()
    rows: list[tuple[str, list[Run]]] = [(name, []) for name in targets]
    with contextlib.ExitStack() as stack, sync_playwright() as playwright_obj:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-web-")))
        urls = [
            stack.enter_context(running_server(command, free_port(), work / f"server-{i}.log"))
            for i, command in enumerate(targets.values())
        ]
        # Rounds take the targets in turn, so that the machine's load drifting over the run weighs on all of
        # them alike. Round 0 warms each server (its gzip cache, Python imports) and is not counted.
        for round_no in range(args.runs + 1):
            for i, url in enumerate(urls):
                run = measure_once(url, playwright_obj, work / f"profile-{i}-{round_no}")
                if round_no:
                    rows[i][1].append(run)

    print(f"Cold loads on loopback, phone emulation, median of {args.runs} runs (ms since navigation start):")
    print(
        f"{'target':38} {'first frame':>12} {'first content':>14} {'screen':>9} {'bytes on wire':>15} {'external':>9}"
    )
    for name, runs in rows:
        print(
            f"{name:38} {statistics.median(r.first_frame_ms for r in runs):>10.0f}ms"
            f" {statistics.median(r.content_ms for r in runs):>12.0f}ms"
            f" {statistics.median(r.screen_ms for r in runs):>7.0f}ms"
            f" {statistics.median(r.wire_bytes for r in runs):>15,.0f}"
            f" {max(r.external for r in runs):>9}"
        )
    app_ms = statistics.median(r.content_ms for r in rows[0][1])
    bare_ms = statistics.median(r.content_ms for r in rows[1][1])
    paired = statistics.median(a.content_ms / b.content_ms for a, b in zip(rows[0][1], rows[1][1], strict=True))
    print(
        f"first content, Calf Check / bare page on the same server: {app_ms / bare_ms:.2f}x (target <= 1.2x);"
        f" median of the rounds' own ratios {paired:.2f}x"
    )
    floor_ms = statistics.median(r.content_ms for r in rows[3][1])
    paired_floor = statistics.median(a.content_ms / b.content_ms for a, b in zip(rows[0][1], rows[3][1], strict=True))
    print(
        f"first content, Calf Check / bare page with one font: {app_ms / floor_ms:.2f}x (issue 18: <= 1.15x);"
        f" median of the rounds' own ratios {paired_floor:.2f}x"
    )
    app_screen, floor_screen = (statistics.median(r.screen_ms for r in rows[i][1]) for i in (0, 3))
    paired_screen = statistics.median(a.screen_ms / b.screen_ms for a, b in zip(rows[0][1], rows[3][1], strict=True))
    print(
        f"screen drawn, Calf Check / bare page with one font: {app_screen / floor_screen:.2f}x;"
        f" median of the rounds' own ratios {paired_screen:.2f}x (no accessibility click in it)"
    )
    for name, also in rows[4:]:
        paired_also = statistics.median(a.content_ms / b.content_ms for a, b in zip(also, rows[1][1], strict=True))
        print(
            f"first content, {name} / bare page: {statistics.median(r.content_ms for r in also) / bare_ms:.2f}x;"
            f" median of the rounds' own ratios {paired_also:.2f}x; screen drawn / the floor's:"
            f" {statistics.median(r.screen_ms for r in also) / floor_screen:.2f}x"
        )
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
