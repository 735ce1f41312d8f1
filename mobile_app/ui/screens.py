"""The route table, the one place: every path, the screen it shows, where Back leads, and what entering it does.

A route string is read once (`routes.parse`) into a `Route`; everything else looks its path up here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import flet as ft

from . import routes
from .context import Ctx
from .routes import Route
from .session import Session
from .state import AppState
from .views import (
    about,
    check,
    clinic,
    country,
    diary,
    doctor,
    home_care,
    language,
    medicines,
    result,
    start,
    summary,
    who,
)


class Entering(Protocol):
    """What entering a route may change or look at (the controller)."""

    state: AppState
    session: Session

    def record_check(self) -> bool: ...

    def open_clinic_form(self) -> None: ...


Parent = Callable[[Route, AppState, str | None], str | None]
"""Where Back leads from a route, given the check and the path the screen was opened from."""


@dataclass(frozen=True)
class Screen:
    path: str
    build: Callable[[Ctx, Route], ft.View]
    parent: Parent
    enter: Callable[[Entering, Route], str | None] | None = None
    """Makes the state agree with the route; returns where to go instead when it cannot be shown."""
    shown: Callable[[Entering], bool] | None = None
    """What showing it does; True when something needs saving after it is shown (a check just recorded)."""
    diary: bool = False
    """A diary screen: its wording follows the diary's person (self or caregiver), not the check's."""
    second_language: bool = False
    """Can show a second language (the doctor's): its font is registered too."""


# ------------------------------------------------------------ where Back leads


def _to(path: str | None) -> Parent:
    return lambda route, state, opened_from: path


def _result_or_start(route: Route, state: AppState, opened_from: str | None) -> str | None:
    return routes.RESULT if state.result is not None else routes.START


def _summary_parent(route: Route, state: AppState, opened_from: str | None) -> str | None:
    """Back to the diary when the summary was opened from there."""
    return routes.DIARY if opened_from == routes.DIARY else _result_or_start(route, state, opened_from)


def _check_parent(route: Route, state: AppState, opened_from: str | None) -> str | None:
    return routes.check(route.n - 1) if route.n > 1 else routes.WHO


def _result_parent(route: Route, state: AppState, opened_from: str | None) -> str | None:
    return routes.check(len(state.steps)) if state.steps else routes.START


# ------------------------------------------------------------ what entering does


def _enter_start(nav: Entering, route: Route) -> str | None:
    """Anything that is not the start screen exactly (an unknown path, a clinic link's query) becomes it."""
    return None if route.exact else routes.START


def _enter_who(nav: Entering, route: Route) -> str | None:
    s = nav.state
    if s.steps:  # Back from the first screen: forget the check, keep who it is for.
        s.change_answer(0)
        s.back()
    return None


def _enter_check(nav: Entering, route: Route) -> str | None:
    s, n = nav.state, route.n
    if s.who is None:
        return routes.WHO
    s.begin()
    if s.result is not None:
        if n == len(s.steps):
            s.back()  # Back from the result to the last screen.
        elif n < len(s.steps):
            s.change_answer(n - 1)
    elif n < len(s.steps):
        s.change_answer(n - 1)  # Browser Back: forget the later screens.
    elif n == len(s.steps) + 1 and s.can_continue():
        s.next()  # Browser Forward over a finished screen is Next.
    return routes.position(s)


def _enter_result(nav: Entering, route: Route) -> str | None:
    s = nav.state
    if s.result is None and s.current is not None and s.can_continue():
        s.next()
    if s.result is None:
        return routes.position(s) if s.steps else routes.START
    return None


def _enter_diary_result(nav: Entering, route: Route) -> str | None:
    # A reload: the urgent result was shown once, the diary keeps the entry.
    return routes.DIARY if nav.session.diary_result is None else None


def _record(nav: Entering) -> bool:
    return nav.record_check()


def _open_clinic_form(nav: Entering) -> bool:
    nav.open_clinic_form()
    return False


def _check_screen(ctx: Ctx, route: Route) -> ft.View:
    return check.build(ctx, route.n)


def _plain(build: Callable[[Ctx], ft.View]) -> Callable[[Ctx, Route], ft.View]:
    return lambda ctx, route: build(ctx)


_start = _to(routes.START)
_TABLE = (
    Screen(routes.START, _plain(start.build), _to(None), enter=_enter_start),
    Screen(routes.COUNTRY, _plain(country.build), _start),
    Screen(routes.LANGUAGE, _plain(language.build), _start),
    Screen(routes.WHO, _plain(who.build), _start, enter=_enter_who),
    Screen(routes.CHECK, _check_screen, _check_parent, enter=_enter_check),
    Screen(routes.RESULT, _plain(result.build), _result_parent, enter=_enter_result, shown=_record),
    Screen(routes.HOME_CARE, _plain(home_care.build), _result_or_start),
    Screen(routes.MEDICINES, _plain(medicines.build), _result_or_start),
    Screen(routes.DOCTOR, _plain(doctor.build), _result_or_start),
    Screen(routes.ABOUT, _plain(about.build), _start),
    Screen(routes.DIARY, _plain(diary.build), _result_or_start, diary=True),
    Screen(routes.DIARY_RESULT, _plain(result.build_diary), _to(routes.DIARY), enter=_enter_diary_result, diary=True),
    Screen(routes.SUMMARY, _plain(summary.build), _summary_parent, second_language=True),
    Screen(routes.CLINIC, _plain(clinic.build), _to(routes.ABOUT), shown=_open_clinic_form),
)
SCREENS: dict[str, Screen] = {s.path: s for s in _TABLE}
"""Every path (routes.PLAIN and /check/<n>) and its screen."""


def screen_of(route: Route | str) -> Screen:
    return SCREENS[(routes.parse(route) if isinstance(route, str) else route).path]


def parent(route: Route | str, state: AppState, opened_from: str | None = None) -> str | None:
    """The route "back" goes to (None on the start screen)."""
    r = routes.parse(route) if isinstance(route, str) else route
    return SCREENS[r.path].parent(r, state, opened_from)


def build_view(ctx: Ctx, route: str) -> ft.View:
    """The screen for a route the controller has already made consistent with the state."""
    r = routes.parse(route)
    return SCREENS[r.path].build(ctx, r)
