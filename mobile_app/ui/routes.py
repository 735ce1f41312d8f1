"""The app's paths (kebab-case) and `Route`, a path read once into a small value; the table of what each path
shows, where Back leads and what entering it does is `screens.SCREENS`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

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
"""Every path but /check/<n>."""


@dataclass(frozen=True)
class Route:
    """A route string read once: which path of the table (`screens.SCREENS`), and for /check/<n> the screen
    number (0 otherwise)."""

    path: str
    n: int = 0
    exact: bool = field(default=True, compare=False)
    """The string read was this route exactly (no query, no trailing slash, nothing unknown)."""

    @property
    def url(self) -> str:
        return check(self.n) if self.path == CHECK else self.path


def check(n: int) -> str:
    return f"{CHECK}/{n}"


@lru_cache(maxsize=64)
def parse(route: str | None) -> Route:
    """The route a string names; anything unknown is the start screen."""
    path = (route or "/").split("?", 1)[0].split("#", 1)[0].rstrip("/") or "/"
    if path in PLAIN:
        return Route(path, 0, exact=route == path)
    head, _, tail = path.rpartition("/")
    if head == CHECK and tail.isdigit() and int(tail) >= 1:
        return Route(CHECK, int(tail), exact=route == path)
    return Route(START, 0, exact=False)


def position(state: AppState) -> str:
    """Where the check stands: the result, the screen in progress, or who it is for."""
    if state.result is not None:
        return RESULT
    if state.steps:
        return check(len(state.steps))
    return WHO
