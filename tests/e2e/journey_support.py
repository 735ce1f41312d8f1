"""Browser helpers for the check's journeys (a phone driven through the accessibility tree): selectors, waits,
taps, the scripted person and the whole check walked screen by screen. Shared by tests and benchmarks."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from mobile_app.core.engine import Assessment, Engine, Step
from mobile_app.core.i18n import Translator
from mobile_app.core.loader import default_content
from mobile_app.core.models import Question
from mobile_app.ui.components.answers import READ_S
from tests.e2e.e2e_support import REPO, open_app, screenshot, type_into

HOST = "flt-semantics-host"
# Every tel: link the app opens goes through window.open on the web (url_launcher): record, do not open.
RECORD_OPENED = (
    "window.__opened = [];"
    "window.open = function (url, target, features) { window.__opened.push(String(url)); return null; };"
)
ARABIC_CATALOG = REPO / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
ENGINE = Engine(default_content())
SELF_CARE_ANSWERS: dict[str, object] = {
    "age_years": 45,
    "pain_side": "one_leg",
    "symptom_onset": "sudden",
    "recent_leg_injury": "none",
    "relieved_by_stretching": True,
    "cramps_at_night_or_rest": True,
    "pregnancy_status": "not_pregnant",
}


def sel(identifier: str) -> str:
    return f'{HOST} [flt-semantics-identifier="{identifier}"]'


def wait_for(page: Page, identifier: str, timeout_s: float = 30) -> None:
    """Wait for a control; scroll down to it when it is further down the screen.

    Flutter builds accessibility nodes only for what is on (or near) the screen.
    """
    node = page.locator(sel(identifier))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if node.count():
            return
        page.mouse.move(200, 500)
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(250)
    node.last.wait_for(state="attached", timeout=1000)


TAPPED: list[str] = []
"""Every identifier tapped in this test process, in order (said when a tap seems lost)."""


def tap(page: Page, identifier: str) -> None:
    wait_for(page, identifier)
    TAPPED.append(identifier)
    page.locator(sel(identifier)).last.click()


def tap_until_chosen(page: Page, identifier: str) -> None:
    """Tap a control whose second tap changes nothing ("None of these"), then, when it is not shown chosen within
    5 s, tap it again, as a person who sees nothing chosen does (hazards H30, H80: a tap the app drops leaves
    nothing chosen). Each retry is printed (shown with a failing test's output). Once in a clean-clone run the list's
    tap after a number typed into the age field was lost (decision 40); the walk's point is the result and the
    screens, not that one tap."""
    tap(page, identifier)
    if not shows_selected(page, identifier, timeout_s=5):
        print(f"tap_until_chosen: {identifier} showed nothing chosen after 5 s; tapped again (last taps {TAPPED[-6:]})")
        tap(page, identifier)
        assert shows_selected(page, identifier), f"{identifier} tapped twice, still not chosen"


def tap_next(page: Page) -> None:
    """Tap Next once every answer has reached the server and come back: the hint "Answer every question to go
    on." is gone (Next itself is never greyed out: hazard H29)."""
    wait_for(page, "next-button")
    try:
        page.locator(sel("next-hint")).wait_for(state="detached", timeout=30_000)
    except PlaywrightTimeoutError:
        raise AssertionError(
            f"an answer did not reach the app; shown chosen: {screen_answers(page)}; the last taps: {TAPPED[-12:]}"
        ) from None
    tap(page, "next-button")


def screen_answers(page: Page) -> dict[str, list[str]]:
    """For each question on the top screen, the answers shown chosen (what the accessibility tree says)."""
    return page.evaluate(
        """() => {
      // The identifiers starting with `prefix` shown chosen (as is_selected reads one), without the prefix.
      const chosen = (prefix) => [
        ...document.querySelectorAll(`flt-semantics-host [flt-semantics-identifier^="${prefix}"]`),
      ]
        .filter((n) => n.getAttribute('aria-current') === 'true' || n.getAttribute('aria-selected') === 'true')
        .map((n) => n.getAttribute('flt-semantics-identifier').slice(prefix.length));
      const out = {};
      for (const q of document.querySelectorAll('flt-semantics-host [flt-semantics-identifier^="question-"]')) {
        const f = q.getAttribute('flt-semantics-identifier').slice('question-'.length);
        out[f] = chosen(`answer-${f}-`);
      }
      out['(chosen lists)'] = chosen('none-');
      return out;
    }"""
    )


def is_selected(page: Page, identifier: str) -> bool:
    node = page.locator(sel(identifier)).last
    return "true" in (node.get_attribute("aria-current"), node.get_attribute("aria-selected"))


def shows_selected(page: Page, identifier: str, timeout_s: float = 10) -> bool:
    """Whether the control is shown chosen within `timeout_s`: a screen that comes in (a route change, a
    session reopened from the device) can show its node a frame before its chosen state; seen once in CI under
    load after "Continue my check", while the same check passed alone every time."""
    deadline = time.monotonic() + timeout_s
    while not is_selected(page, identifier):
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(200)
    return True


def screen_findings(page: Page) -> list[str]:
    """Finding ids of the questions on the top screen, in order."""
    ids = page.locator(f'{HOST} [flt-semantics-identifier^="question-"]').evaluate_all(
        "els => els.map(e => e.getAttribute('flt-semantics-identifier'))"
    )
    return list(dict.fromkeys(i.removeprefix("question-") for i in ids))


def wait_questions(page: Page, number: int, findings: list[str], timeout_s: float = 30, lang: str = "en") -> None:
    """Wait for screen `number` to show exactly the engine's questions for it, in order.

    The progress line changes last (check.CheckScreen.show), yet a test that read the questions the moment it
    appeared would read them once, so it waits for the whole list and fails saying what the screen showed."""
    wait_screen(page, number, lang)
    deadline = time.monotonic() + timeout_s
    shown = screen_findings(page)
    while shown != findings and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        shown = screen_findings(page)
    assert shown == findings, f"screen {number} shows {shown}, the engine asks {findings}"


def policy(question: Question, answers: dict[str, object]) -> object:
    """The scripted person: the given answers, else "no" and the first choice."""
    if question.id in answers:
        return answers[question.id]
    if question.type == "bool":
        return False
    if question.type == "choice":
        return question.options[0].value
    return 45


def expected(answers: dict[str, object]) -> tuple[Assessment, list[Step]]:
    """What the engine says for the scripted person, and the screens (steps) it takes."""
    given: dict[str, object] = {}
    screens: list[Step] = []
    while True:
        step = ENGINE.next_step(given, screens_shown=len(screens))
        if isinstance(step, Assessment):
            return step, screens
        screens.append(step)
        for f in step.findings:
            given[f] = policy(ENGINE.content.question_by_id[f], answers)
            if ENGINE.emergency_certain(given):
                break


def person(answers: dict[str, object]) -> dict[str, object]:
    """Every answer the scripted person gives, as the interview runner would be told them."""
    _, screens = expected(answers)
    return {f: policy(ENGINE.content.question_by_id[f], answers) for s in screens for f in s.findings}


def answer_value(page: Page, finding: str, value: object) -> None:
    if isinstance(value, bool):
        tap(page, f"answer-{finding}-{'yes' if value else 'no'}")
    elif isinstance(value, int):
        wait_for(page, f"answer-{finding}-field")
        TAPPED.append(f"answer-{finding}-field <- {value}")
        type_into(page, sel(f"answer-{finding}-field"), str(value))
        page.keyboard.press("Tab")
    else:
        tap(page, f"answer-{finding}-{value}")


def wait_screen(page: Page, number: int, lang: str = "en") -> None:
    """Wait for screen `number` of the check, then as long as a person takes at the very least to see a question:
    the app drops an answer that comes sooner (answers.READ_S, hazard H30)."""
    progress = Translator(lang).t("Step {n} of about {total}", {"n": str(number), "total": "\x00"})
    pattern = re.escape(progress).replace("\x00", r"\d+")
    page.locator(HOST).get_by_text(re.compile(rf"^{pattern}$")).last.wait_for(timeout=30_000)
    page.wait_for_timeout(1000 * READ_S)


def run_check(
    page: Page,
    answers: dict[str, object],
    shots: str,
    lang: str = "en",
    after_next: Callable[[int], None] | None = None,
) -> Assessment:
    """Answer screen after screen as the scripted person until the result; screenshots of the first two. Returns
    the engine's result; the taps it took are in `run_check.taps` (one per answer, per checklist mark or "None of
    these", per Next; one for a screen of lists answered with "None of these on this page"; none after an emergency
    answer, which shows the emergency result at once). `after_next(n)` runs
    after the Next of screen n."""
    want, screens = expected(answers)
    taps = 0
    so_far: dict[str, object] = {}
    for number, step in enumerate(screens, start=1):
        wait_questions(page, number, list(step.findings), lang=lang)
        emergency = False
        values = {f: policy(ENGINE.content.question_by_id[f], answers) for f in step.findings}
        if step.none_for_all and all(v is False for v in values.values()):
            # A screen of lists with nothing to mark: "None of these on this page" answers it and goes on.
            tap(page, "none-screen")
            taps += 1
            so_far |= values
            if number <= 2:
                screenshot(page, f"{shots}-check-{number}")
            if after_next is not None:
                after_next(number)
            continue
        for g in step.groups:
            values = {f: policy(ENGINE.content.question_by_id[f], answers) for f in g.findings}
            todo = [f for f in g.findings if values[f] is not False] if g.checklist else list(g.findings)
            for f in todo:
                answer_value(page, f, values[f])
                taps += 1
                so_far[f] = values[f]
                if ENGINE.emergency_certain(so_far):
                    emergency = True
                    break
            if emergency:
                break
            if g.checklist and not todo:
                tap_until_chosen(page, f"none-{g.id}")
                taps += 1
            so_far |= values
        if number <= 2:
            screenshot(page, f"{shots}-check-{number}")
        if emergency:
            break
        tap_next(page)
        taps += 1
        if after_next is not None:
            after_next(number)  # for example: take the server away, and see the check go on
    wait_for(page, "result-level")
    run_check.taps = taps  # type: ignore[attr-defined]
    return want


def opened_urls(page: Page) -> list[str]:
    return page.evaluate("window.__opened")


def start(page: Page, url: str) -> None:
    page.add_init_script(RECORD_OPENED)
    open_app(page, url)
    wait_for(page, "start-button")
