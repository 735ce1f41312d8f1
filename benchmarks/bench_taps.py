"""Prints tap latency in the served app (not a test): tap Next -> next screen readable, and tap an answer ->
shown as chosen; median and 95th percentile over whole self-care checks, on loopback with phone emulation.

Run from the repository root: `.venv/bin/python benchmarks/bench_taps.py [--checks 3] [--against REV]` (needs
Debian's chromium). Target: tap -> next screen p95 <= 150 ms, timed in the page from the tap's first input event.
The same run also times two floors, a bare Flet page's button -> new text and a bare page changing six question
cards in place, for what the machine can do right now, and prints the app's figures as multiples of the second.

`--against REV` also runs the app as it was at that git revision (its mobile_app, assets and locales, taken with
`git archive` into a temporary folder; the same virtualenv), the two versions taking turns check by check on the
same machine, and prints now / then: "no slower" means ratios about 1 or below. For issue 16 (the house for the
next engineer), the app before it: `--against d7fe5ef^`. The walk follows today's content, so REV must ask the same
questions (questions.yaml, screens.yaml and rules.yaml unchanged since) and use the same identifiers.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.e2e.e2e_support import (  # noqa: E402
    app_command,
    free_port,
    launch_phone,
    open_app,
    running_server,
    type_into,
)
from tests.e2e.journey_support import (  # noqa: E402
    ENGINE,
    SELF_CARE_ANSWERS,
    expected,
    policy,
    sel,
    tap,
    wait_for,
    wait_questions,
)

_BARE = """
import flet as ft
from mobile_app.server import serve

def main(page: ft.Page) -> None:
    label = ft.Text("0")
    def bump(_):
        label.value = str(int(label.value) + 1)
    page.add(ft.Semantics(identifier="bump", content=ft.Button("Tap", on_click=bump), button=True), label)

import os
serve(port=int(os.environ["PORT"]), main=main)
"""

# The floor for changing a whole screen: a bare Flet page with six question cards like the check's (question,
# hint, three answer buttons, "why"), whose texts change in place on Next, as the check's screen does.
_BARE_SCREEN = """
import flet as ft
from mobile_app.server import serve

def card(i):
    q, h = ft.Text(weight=ft.FontWeight.W_600), ft.Text(expand=True)
    buttons = [ft.Container(content=ft.Semantics(content=ft.OutlinedButton(content=ft.Text(label)), button=True),
                            expand=1) for label in ("Yes", "No", "Not sure")]
    why = ft.Semantics(content=ft.TextButton(content=ft.Text("Why we ask")), button=True)
    box = ft.Container(content=ft.Column([q, ft.Row([ft.Icon(ft.Icons.LIGHTBULB_OUTLINE), h]), ft.Row(buttons),
                                          why], spacing=10), padding=14, border_radius=12)
    return box, q, h

def main(page: ft.Page) -> None:
    cards = [card(i) for i in range(6)]
    progress = ft.Text()
    n = [0]
    def show():
        n[0] += 1
        progress.value = f"Screen {n[0]}"
        for i, (_, q, h) in enumerate(cards):
            q.value = f"Question {i + 1} of screen {n[0]}: does the calf hurt when walking?"
            h.value = f"How to tell: hint {i + 1} for screen {n[0]}, in a few plain words."
    def next_screen(_):
        show()
    show()
    bar = ft.BottomAppBar(content=ft.Semantics(identifier="next", button=True,
                                               content=ft.FilledButton(content=ft.Text("Next"), on_click=next_screen)))
    page.views[0].scroll = ft.ScrollMode.AUTO
    page.views[0].bottom_appbar = bar
    page.add(ft.Semantics(identifier="progress", content=progress), *[c[0] for c in cards])

import os
serve(port=int(os.environ["PORT"]), main=main)
"""


# Measured inside the page, to the moment the next screen's text is in the accessibility tree (a
# MutationObserver), so Playwright's own polling does not count. Two starts: the tap itself (the first input
# event the page receives: pointerdown, mousedown or click, whichever comes first), and the moment just before
# the harness asks Playwright to tap (which adds the time Playwright takes to deliver the tap: the same for
# the bare page and the app).
_WATCH = """
(text) => { window.__tap = new Promise((resolve) => {
  const host = document.querySelector('flt-semantics-host');
  const called = performance.now();
  let tapped = null;
  const types = ['pointerdown', 'mousedown', 'click'];
  const onInput = (e) => { if (tapped === null) tapped = e.timeStamp; };
  for (const type of types) window.addEventListener(type, onInput, {capture: true});
  const seen = () => [...host.querySelectorAll('*')].some((n) => n.childElementCount === 0 && n.textContent === text
      || n.getAttribute('aria-label') === text || n.getAttribute('flt-semantics-identifier') === text);
  const obs = new MutationObserver(() => {
    if (!seen()) return;
    const now = performance.now();
    obs.disconnect();
    for (const type of types) window.removeEventListener(type, onInput, {capture: true});
    resolve([now - (tapped === null ? called : tapped), now - called]);
  });
  obs.observe(host, {subtree: true, childList: true, characterData: true, attributes: true});
}); }
"""


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p * (len(s) - 1)))]


def one_check(
    page: Page,
    url: str,
    next_ms: list[float],
    next_call_ms: list[float],
    result_ms: list[float],
    answer_ms: list[float],
) -> None:
    open_app(page, url)
    wait_for(page, "start-button")
    tap(page, "start-button")
    tap(page, "who-self")
    _, screens = expected(SELF_CARE_ANSWERS)
    for number, step in enumerate(screens, start=1):
        wait_questions(page, number, list(step.findings))
        for group in step.groups:
            values = {f: policy(ENGINE.content.question_by_id[f], SELF_CARE_ANSWERS) for f in group.findings}
            # A checklist is answered as a person does: its "yes" items one by one, else "None of these".
            todo = [f for f in group.findings if values[f] is not False] if group.checklist else list(group.findings)
            for f in todo:
                value = values[f]
                if isinstance(value, int) and not isinstance(value, bool):
                    wait_for(page, f"answer-{f}-field")
                    type_into(page, sel(f"answer-{f}-field"), str(value))
                    page.keyboard.press("Tab")
                    continue
                timed_tap(
                    page, f"answer-{f}-{'yes' if value is True else 'no' if value is False else value}", answer_ms
                )
            if group.checklist and not todo:
                timed_tap(page, f"none-{group.id}", answer_ms)
        wait_for(page, "next-button")
        page.locator(sel("next-hint")).wait_for(state="detached", timeout=30_000)
        button = page.locator(sel("next-button")).last
        # The next step is readable when its first question's identifier is in the tree (a step goes out whole).
        nxt = f"question-{screens[number].findings[0]}" if number < len(screens) else "result-level"
        page.evaluate(_WATCH, nxt)
        button.click()
        from_tap, from_call = page.evaluate("window.__tap")
        next_ms.append(float(from_tap))
        next_call_ms.append(float(from_call))
        if number == len(screens):
            result_ms.append(float(from_tap))


def timed_tap(page: Page, ident: str, answer_ms: list[float]) -> None:
    """Tap an answer and time it until it shows as chosen."""
    wait_for(page, ident)
    node = page.locator(sel(ident)).last
    t0 = time.perf_counter()
    node.click()
    page.wait_for_function(
        "(s) => { const n = [...document.querySelectorAll(s)].pop();"
        " return n && (n.getAttribute('aria-selected') === 'true' || n.getAttribute('aria-current') === 'true'"
        " || n.getAttribute('aria-checked') === 'true'); }",
        arg=sel(ident),
        timeout=30_000,
    )
    answer_ms.append(1000 * (time.perf_counter() - t0))


def bare_taps(page: Page, url: str, n: int, button: str = "bump", text: str = "{i}") -> tuple[list[float], list[float]]:
    open_app(page, url)
    from_tap, from_call = [], []
    for i in range(1, n + 1):
        page.evaluate(_WATCH, text.format(i=i + (1 if button == "next" else 0)))
        page.locator(sel(button)).last.click()
        tap_ms, call_ms = page.evaluate("window.__tap")
        from_tap.append(float(tap_ms))
        from_call.append(float(call_ms))
    return from_tap, from_call


class Walks:
    """The times of one version of the app over its checks."""

    def __init__(self) -> None:
        self.next_ms: list[float] = []
        self.next_call_ms: list[float] = []
        self.result_ms: list[float] = []
        self.answer_ms: list[float] = []
        self.per_check_next: list[float] = []
        """Each check's median tap Next -> next screen (for the check-by-check ratio of two versions)."""

    def walk(self, page: Page, url: str) -> None:
        before = len(self.next_ms)
        one_check(page, url, self.next_ms, self.next_call_ms, self.result_ms, self.answer_ms)
        self.per_check_next.append(statistics.median(self.next_ms[before:]))

    @property
    def steps(self) -> list[float]:
        return [v for v in self.next_ms if v not in self.result_ms]


def app_at(rev: str, into: Path) -> list[str]:
    """A command running the app as it was at git revision `rev` (extracted into `into`), with this interpreter."""
    tree = subprocess.run(
        ["git", "archive", "--format=tar", rev, "mobile_app", "assets", "locales"], cwd=REPO, capture_output=True
    )
    if tree.returncode != 0:
        raise SystemExit(f"git archive {rev}: {tree.stderr.decode(errors='replace').strip()}")
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(tree.stdout)) as tar:
        tar.extractall(into, filter="data")
    start = (
        f"import runpy, sys; sys.path.insert(0, {str(into)!r}); import mobile_app;"
        f" assert mobile_app.__file__.startswith({str(into)!r}), mobile_app.__file__;"
        " runpy.run_module('mobile_app', run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-c", start]


def ratio(now: list[float], then: list[float], p: float | None = None) -> float:
    """now / then, of the medians (or of the p-th percentiles)."""
    if p is None:
        return statistics.median(now) / statistics.median(then)
    return pct(now, p) / pct(then, p)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="also print every tap -> next screen time, sorted")
    parser.add_argument(
        "--against", metavar="REV", help="also time the app at this git revision, in turns (e.g. d7fe5ef^)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    now = Walks()
    then = Walks() if args.against else None
    started = time.monotonic()
    with sync_playwright() as pw:
        bare_file = work / "bare.py"
        bare_file.write_text(_BARE, encoding="utf-8")
        port = free_port()
        with running_server([sys.executable, str(bare_file)], port, work / "bare.log") as url:
            ctx = launch_phone(pw, work / "bare-profile")
            baseline, baseline_call = bare_taps(ctx.new_page(), url, 20)
            ctx.close()
        screen_file = work / "bare_screen.py"
        screen_file.write_text(_BARE_SCREEN, encoding="utf-8")
        port = free_port()
        with running_server([sys.executable, str(screen_file)], port, work / "bare_screen.log") as url:
            ctx = launch_phone(pw, work / "bare-screen-profile")
            floor, floor_call = bare_taps(ctx.new_page(), url, 20, button="next", text="Screen {i}")
            ctx.close()
        with contextlib.ExitStack() as servers:
            url = servers.enter_context(running_server(app_command(), free_port(), work / "app.log"))
            then_url = None
            if args.against:
                command = app_at(args.against, work / "then")
                then_url = servers.enter_context(running_server(command, free_port(), work / "then.log"))
            for i in range(args.checks):
                # The versions take turns, check by check (which goes first alternates), so a busier moment of
                # the machine falls on both alike.
                turns = [(now, url, "now"), (then, then_url, "then")] if then is not None else [(now, url, "now")]
                for walks, address, name in turns if i % 2 == 0 else reversed(turns):
                    assert walks is not None and address is not None
                    ctx = launch_phone(pw, work / f"profile-{name}-{i}")
                    walks.walk(ctx.new_page(), address)
                    ctx.close()

    def line(name: str, values: list[float]) -> str:
        return f"{name}: n={len(values)} median {statistics.median(values):.0f} ms p95 {pct(values, 0.95):.0f} ms"

    def against(name: str, values: list[float], base: list[float]) -> str:
        return f"{name}: median {ratio(values, base):.2f}x, p95 {ratio(values, base, 0.95):.2f}x"

    print("From the tap (the page's first input event) to the new text in the accessibility tree:")
    print(line("  bare Flet page, button -> new text", baseline))
    print(line("  bare Flet page, six question cards changed in place", floor))
    print(line("  Calf Check, tap Next -> next screen readable", now.next_ms) + " (target p95 <= 150 ms)")
    print(line("    of which to the next step of the check", now.steps))
    print(line("    of which from the last step to the result", now.result_ms))
    if then is not None:
        print(line(f"  Calf Check at {args.against}, tap Next -> next screen readable", then.next_ms))
        print(line("    of which to the next step of the check", then.steps))
        print(line("    of which from the last step to the result", then.result_ms))
    if args.all:
        print("    every step:", " ".join(f"{v:.0f}" for v in sorted(now.steps)))
        if then is not None:
            print(f"    every step at {args.against}:", " ".join(f"{v:.0f}" for v in sorted(then.steps)))
        print("    six-card floor:", " ".join(f"{v:.0f}" for v in sorted(floor)))
    print("From the harness asking Playwright to tap (adds Playwright's delivery of the tap):")
    print(line("  bare Flet page, button -> new text", baseline_call))
    print(line("  bare Flet page, six question cards changed in place", floor_call))
    print(line("  Calf Check, tap Next -> next screen readable", now.next_call_ms))
    print(line("  Calf Check, tap an answer -> shown as chosen (polled from Python)", now.answer_ms))
    if then is not None:
        print(line(f"  Calf Check at {args.against}, tap Next -> next screen readable", then.next_call_ms))
        print(line(f"  Calf Check at {args.against}, tap an answer -> shown as chosen", then.answer_ms))
    print("Compared in this run (from the tap; below 1 is faster):")
    print(against("  Calf Check tap Next / the six-card floor", now.next_ms, floor))
    print(against("    the next step of the check / the six-card floor", now.steps, floor))
    if then is not None:
        print(against(f"  Calf Check now / at {args.against}, tap Next -> next screen", now.next_ms, then.next_ms))
        print(against("    the next step of the check", now.steps, then.steps))
        print(against("    from the last step to the result", now.result_ms, then.result_ms))
        print(against("    tap an answer -> shown as chosen", now.answer_ms, then.answer_ms))
        own = [a / b for a, b in zip(now.per_check_next, then.per_check_next, strict=True)]
        print(
            f"    median of each turn's own ratio (a check now / the check at {args.against} beside it):"
            f" {statistics.median(own):.2f}x over {len(own)} turns"
        )
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
