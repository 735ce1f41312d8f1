"""The app's routes (kebab-case), how to read one, and where "back" leads from each."""

from __future__ import annotations

from .state import AppState

START = "/"
COUNTRY = "/country"
LANGUAGE = "/language"
WHO = "/who"
CHECK = "/check"
"""A screen of the check: /check/<n>, n counting from 1."""
RESULT = "/result"
HOME_CARE = "/home-care"
MEDICINES = "/medicines"
DOCTOR = "/when-to-see-doctor"
ABOUT = "/about"
DIARY = "/diary"
DIARY_RESULT = "/diary/result"
"""The urgent result for a diary entry with a danger sign."""
SUMMARY = "/summary"
CLINIC = "/clinic"

PLAIN = (
    START,
    COUNTRY,
    LANGUAGE,
    WHO,
    RESULT,
    HOME_CARE,
    MEDICINES,
    DOCTOR,
    ABOUT,
    DIARY,
    DIARY_RESULT,
    SUMMARY,
    CLINIC,
)
INFO = (HOME_CARE, MEDICINES, DOCTOR, ABOUT)


def check(n: int) -> str:
    return f"{CHECK}/{n}"


def parse(route: str | None) -> tuple[str, int]:
    """(route name, screen number for /check/<n> else 0); anything unknown is the start screen."""
    path = (route or "/").split("?", 1)[0].split("#", 1)[0].rstrip("/") or "/"
    if path in PLAIN:
        return path, 0
    head, _, tail = path.rpartition("/")
    if head == CHECK and tail.isdigit() and int(tail) >= 1:
        return CHECK, int(tail)
    return START, 0


def position(state: AppState) -> str:
    """Where the check stands: the result, the screen in progress, or who it is for."""
    if state.result is not None:
        return RESULT
    if state.steps:
        return check(len(state.steps))
    return WHO


def parent(route: str, state: AppState, opened_from: str | None = None) -> str | None:
    """The route "back" goes to (None on the start screen). The summary for a doctor goes back to the diary
    when it was opened from there (`opened_from`); every other screen has one place to go back to."""
    name, n = parse(route)
    if name == START:
        return None
    if name == SUMMARY and opened_from == DIARY:
        return DIARY
    if name == DIARY_RESULT:
        return DIARY
    if name == CLINIC:
        return ABOUT
    if name in (DIARY, SUMMARY) and state.result is not None:
        return RESULT
    if name == CHECK:
        return check(n - 1) if n > 1 else WHO
    if name == RESULT:
        return check(len(state.steps)) if state.steps else START
    if name in (HOME_CARE, MEDICINES, DOCTOR) and state.result is not None:
        return RESULT
    return START
