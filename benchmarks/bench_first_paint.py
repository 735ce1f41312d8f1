"""Time to a tappable emergency call (issue 18): navigation start -> a visible tel: link with the right number, beside
Flutter's first frame in the same load.

Run from the repository root: `.venv/bin/python benchmarks/bench_first_paint.py [--runs 5]` (needs Debian's
chromium). Loopback, phone emulation (412x915, touch), `python -m mobile_app`. For English, Arabic and Chinese:
- first visit: a fresh browser profile (cold cache), the browser speaking en-US / ar-EG / zh-CN, nothing stored
  (the page guesses: 911 / 123 / 120);
- returning visit: the same profile loaded once before (warm cache), with the language and country chosen before
  stored on the device (en + GB: 999, ar + SA: 997, zh_Hans + CN: 120).
The time is taken in the page: the first animation frame in which the link is laid out, not hidden, and dials the
right number (the frame that paints it), from the navigation's start (performance.now()). Also printed: the
browser's first contentful paint, Flutter's first frame (the `flutter-first-frame` event) and when the layer went
(once the app's first screen had come). Figures are
printed, never asserted. Nothing may leave the machine (outbound requests are aborted and counted).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import BrowserContext, Playwright, sync_playwright  # noqa: E402

from mobile_app.first_paint import STORAGE_PREFIX  # noqa: E402
from mobile_app.ui.app import engine  # noqa: E402
from mobile_app.ui.state import AppState  # noqa: E402
from mobile_app.ui.store import KEY  # noqa: E402
from tests.e2e.e2e_support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    RequestRecorder,
    free_port,
    python_command,
    running_server,
)

# (label, browser locale, expected number on a first visit, stored language, stored country)
CASES = [
    ("en", "en-US", "US", "en", "GB"),
    ("ar", "ar-EG", "EG", "ar", "SA"),
    ("zh", "zh-CN", "CN", "zh_Hans", "CN"),
]

_PROBE = """
(() => {
  const want = %s;
  window.__fp = { link: undefined, fcp: undefined, frame: undefined, gone: undefined };
  new MutationObserver(() => {
    const root = document.getElementById("first-paint");
    if (root && root.hidden && window.__fp.gone === undefined) window.__fp.gone = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
  addEventListener("flutter-first-frame", () => { window.__fp.frame ??= performance.now(); }, { once: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__fp.fcp ??= e.startTime;
    }).observe({ type: "paint", buffered: true });
  } catch (e) {}
  const tick = () => {
    const a = document.getElementById("fp-call"), root = document.getElementById("first-paint");
    if (a && root && !root.hidden && a.getAttribute("href") === "tel:" + want) {
      const box = a.getBoundingClientRect();
      if (box.height >= 48 && box.bottom > 0 && box.top < innerHeight) { window.__fp.link = performance.now(); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


@dataclass
class Series:
    link: list[float] = field(default_factory=list)
    fcp: list[float] = field(default_factory=list)
    frame: list[float] = field(default_factory=list)
    gone: list[float] = field(default_factory=list)

    def add(self, got: tuple[float, float, float, float]) -> None:
        for values, value in zip((self.link, self.fcp, self.frame, self.gone), got, strict=True):
            values.append(value)


def stored_session(lang: str, country: str) -> str:
    state = AppState(engine())
    state.lang, state.country = lang, country
    key, value = STORAGE_PREFIX + KEY, json.dumps(state.to_json())
    return f"localStorage.setItem({json.dumps(key)}, {json.dumps(value)});"


def phone(playwright: Playwright, profile: Path, locale: str, recorder: RequestRecorder) -> BrowserContext:
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        bypass_csp=True,  # the probe's reads; the page and its policy are otherwise as served
        **{**PHONE, "locale": locale},
    )
    recorder.install(context)
    return context


def measure(context: BrowserContext, url: str, number: str) -> tuple[float, float, float, float]:
    page = context.pages[0] if context.pages else context.new_page()
    page.add_init_script(_PROBE % json.dumps(number))
    page.goto(url, wait_until="commit", timeout=60_000)
    page.wait_for_function("window.__fp && window.__fp.link !== undefined", timeout=60_000)
    page.wait_for_function("window.__fp.frame !== undefined", timeout=120_000)
    page.wait_for_function("window.__fp.gone !== undefined", timeout=120_000)
    got = page.evaluate("window.__fp")
    return tuple(float(got[k] or "nan") / 1000 for k in ("link", "fcp", "frame", "gone"))  # type: ignore[return-value]


def run(runs: int) -> None:
    numbers = {c.code: c.emergency_number for c in engine().content.countries.countries}
    results: dict[tuple[str, str], Series] = {}
    recorder = RequestRecorder()
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_server(python_command("-m", "mobile_app"), free_port(), Path(tmp) / "server.log") as url,
        sync_playwright() as playwright,
    ):
        for i in range(runs):
            for label, locale, first_country, lang, country in CASES:
                # First visit: cold cache, nothing stored.
                context = phone(playwright, Path(tmp) / f"first-{label}-{i}", locale, recorder)
                try:
                    got = measure(context, url, numbers[first_country])
                finally:
                    context.close()
                series = results.setdefault((label, "first"), Series())
                series.add(got)
                # Returning visit: the same browser came before (warm cache) and the device holds the choice.
                context = phone(playwright, Path(tmp) / f"again-{label}-{i}", locale, recorder)
                try:
                    context.add_init_script(stored_session(lang, country))
                    measure(context, url, numbers[country])
                    context.pages[0].goto("about:blank")
                    got = measure(context, url, numbers[country])
                finally:
                    context.close()
                series = results.setdefault((label, "returning"), Series())
                series.add(got)
    print(f"Time to a visible tel: link with the right number (loopback, phone emulation, {runs} runs each)")
    print(
        f"{'':18}{'link median':>12}{'link max':>10}{'FCP median':>12}{'Flutter 1st frame':>19}{'link/frame':>12}"
        f"{'layer gone':>12}"
    )
    for (label, visit), s in results.items():
        link, frame = statistics.median(s.link), statistics.median(s.frame)
        print(
            f"{label + ' ' + visit:18}{link:>11.3f}s{max(s.link):>9.3f}s{statistics.median(s.fcp):>11.3f}s"
            f"{frame:>18.3f}s{link / frame:>11.0%}{statistics.median(s.gone):>11.3f}s"
        )
    every = [x for s in results.values() for x in s.link]
    print(f"all loads: link median {statistics.median(every):.3f} s, max {max(every):.3f} s (target <= 0.3 s)")
    print(f"requests beyond loopback: {len(recorder.external)}; load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install -y chromium")
    run(args.runs)


if __name__ == "__main__":
    main()
