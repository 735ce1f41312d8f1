"""The screens, one module each, and the table that maps every route to its builder (the one place)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from .. import routes
from ..context import Ctx
from . import about, check, clinic, country, diary, doctor, home_care, language, medicines, result, start, summary, who

SCREENS: dict[str, Callable[[Ctx], ft.View]] = {
    routes.START: start.build,
    routes.COUNTRY: country.build,
    routes.LANGUAGE: language.build,
    routes.WHO: who.build,
    routes.RESULT: result.build,
    routes.HOME_CARE: home_care.build,
    routes.MEDICINES: medicines.build,
    routes.DOCTOR: doctor.build,
    routes.ABOUT: about.build,
    routes.DIARY: diary.build,
    routes.DIARY_RESULT: result.build_diary,
    routes.SUMMARY: summary.build,
    routes.CLINIC: clinic.build,
}
"""Every route but /check/<n>, which check.build(ctx, n) shows."""


def build_view(ctx: Ctx, route: str) -> ft.View:
    """The screen for a route the controller has already made consistent with the state."""
    name, n = routes.parse(route)
    if name == routes.CHECK:
        return check.build(ctx, n)
    return SCREENS[name](ctx)
