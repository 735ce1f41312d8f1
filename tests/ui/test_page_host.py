"""The page host sends a new screen's first parts at once and the rest SETTLE_S later: the rest must always
arrive (or be given back to its screen when another one comes first), and never into a screen refilled since."""

from __future__ import annotations

import asyncio
from typing import Any

import flet as ft

from mobile_app.ui import app as app_module
from mobile_app.ui import routes
from mobile_app.ui.app import FIRST_PARTS, SETTLE_S, PageHost
from mobile_app.ui.components.layout import body_column

from .conftest import Harness


class FakePage:
    """What PageHost touches on a Flet page; `updates` records what each update() sent."""

    def __init__(self) -> None:
        self.views: list[ft.View] = []
        self.fonts: dict[str, str] = {}
        self.theme: Any = None
        self.dark_theme: Any = None
        self.locale_configuration: Any = None
        self.rtl = False
        self.updates: list[tuple[Any, ...]] = []

    def update(self, *controls: Any) -> None:
        self.updates.append(controls)


def column_of(view: ft.View) -> ft.Column:
    column = body_column(view)
    assert column is not None, f"{view.route} is not a layout.screen"
    return column


def test_a_long_screen_goes_out_first_parts_then_the_rest(app: Harness) -> None:
    full = list(column_of(app.top).controls)
    assert len(full) > FIRST_PARTS, "the start screen is long enough to be sent in two parts"
    page = FakePage()
    host = PageHost(page)  # type: ignore[arg-type]

    async def scenario() -> None:
        host.present(routes.START, app.views, app.ctl.ctx(routes.START))
        view = page.views[-1]
        assert column_of(view).controls == full[:FIRST_PARTS], "only the first parts are sent at first"
        assert page.updates, "the first parts are sent at once"
        sent = len(page.updates)
        await asyncio.sleep(SETTLE_S * 3)
        assert column_of(view).controls == full, "the rest follows"
        assert page.updates[sent:] == [(column_of(view),)], "the rest is sent as one update of the column"

    asyncio.run(scenario())


def test_a_screen_left_before_its_rest_was_sent_gets_it_back(app: Harness) -> None:
    page = FakePage()
    host = PageHost(page)  # type: ignore[arg-type]

    async def scenario() -> None:
        full_count = len(column_of(app.top).controls)
        host.present(routes.START, app.views, app.ctl.ctx(routes.START))
        start = page.views[-1]
        assert len(column_of(start).controls) == FIRST_PARTS
        await app.ctl.go(routes.ABOUT)
        host.present(routes.ABOUT, app.views, app.ctl.ctx(routes.ABOUT))
        about = page.views[-1]
        assert about is not start
        assert len(column_of(start).controls) == full_count, "the start screen is whole again if shown again"
        sent = len(page.updates)
        await asyncio.sleep(SETTLE_S * 3)
        assert all(column_of(start) not in u for u in page.updates[sent:]), "nothing is sent for a screen left"
        assert about.route == routes.ABOUT and column_of(about).controls, "the new screen is shown"

    asyncio.run(scenario())


def test_the_check_screen_refilled_meanwhile_keeps_its_own_parts(app: Harness, monkeypatch: Any) -> None:
    """The check's screen is reused for its next step: parts held back from its first step must not be appended
    to what the next step put there."""
    monkeypatch.setattr(app_module, "FIRST_PARTS", 1)
    page = FakePage()
    host = PageHost(page)  # type: ignore[arg-type]

    async def scenario() -> None:
        await app.ctl.start_check()
        await app.ctl.choose_who("self")
        route = app.ctl.route
        host.present(route, app.views, app.ctl.ctx(route))
        view = page.views[-1]
        column = column_of(view)
        assert len(column.controls) == 1
        column.controls[:] = [ft.Text("refilled"), ft.Text("by the screen")]  # as CheckScreen.show may do
        host.present(route, app.views, app.ctl.ctx(route))
        await asyncio.sleep(SETTLE_S * 3)
        assert [c.value for c in column.controls] == ["refilled", "by the screen"]

    asyncio.run(scenario())
