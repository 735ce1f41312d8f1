"""Glue between screens, state, storage and routes: every verb changes the state, saves it, and shows a route."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from mobile_app.core.models import AnswerValue

from . import routes
from .context import Ctx
from .state import AppState
from .store import Store
from .texts import open_translator
from .views import build_view

PushRoute = Callable[[str], Awaitable[None]]
Present = Callable[[str, list[ft.View], Ctx], None]

MAX_REDIRECTS = 3


class Controller:
    """One per session. The route is the source of truth for what is on screen; `open_route` reconciles the
    state with it, so the app's Back, the browser's Back and a reload all behave the same way."""

    def __init__(self, state: AppState, store: Store, push_route: PushRoute, present: Present) -> None:
        self.state = state
        self.store = store
        self._push_route = push_route
        self._present = present
        self.tr, self.catalog_missing = open_translator(state.lang)
        self.dark = False
        self.notice: str | None = None
        self.route = routes.START
        self._redirects = 0

    # ------------------------------------------------------------ showing

    def ctx(self, route: str | None = None) -> Ctx:
        return Ctx(
            state=self.state,
            tr=self.tr,
            app=self,
            catalog_missing=self.catalog_missing,
            dark=self.dark,
            notice=self.notice,
            route=route or self.route,
        )

    def views_for(self, route: str) -> list[ft.View]:
        """The screen under the top one (so a system Back has somewhere to go) and the top screen."""
        stack = []
        parent = routes.parent(route, self.state)
        if parent is not None:
            stack.append(build_view(self.ctx(parent), parent))
        stack.append(build_view(self.ctx(route), route))
        return stack

    def render(self) -> None:
        """Show the current route again (after a change of language, country or brightness)."""
        self._present(self.route, self.views_for(self.route), self.ctx())

    async def open_route(self, route: str) -> None:
        """Make the state agree with a route the browser or the app asked for, then show it (or redirect)."""
        target = self._reconcile(route)
        await self.store.save(self.state)
        if target is not None and target != route and self._redirects < MAX_REDIRECTS:
            self._redirects += 1
            await self._push_route(target)
            return
        self._redirects = 0
        self.route = target or route
        self.render()
        if routes.parse(self.route)[0] != routes.START:
            self.notice = None

    def _reconcile(self, route: str) -> str | None:
        """Apply what a route means to the state; return where to go instead when it cannot be shown."""
        s = self.state
        name, n = routes.parse(route)
        if name == routes.START:
            return routes.START if route != routes.START else None
        if name == routes.WHO:
            if s.steps:  # Back from the first screen: forget the check, keep who it is for.
                s.change_answer(0)
                s.back()
            return None
        if name == routes.CHECK:
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
        if name == routes.RESULT:
            if s.result is None and s.current is not None and s.can_continue():
                s.next()
            if s.result is None:
                return routes.position(s) if s.steps else routes.START
            return None
        return None

    # ------------------------------------------------------------ verbs (the Actions protocol)

    async def go(self, route: str) -> None:
        await self._push_route(route)

    async def back(self, route: str) -> None:
        """Back from a screen; the route change then forgets what Back forgets (see _reconcile)."""
        target = routes.parent(route, self.state)
        await self._push_route(target or routes.START)

    async def choose_language(self, lang: str) -> None:
        self.state.choose_language(lang)
        self.tr, self.catalog_missing = open_translator(lang)
        await self.store.save(self.state)
        self.render()

    async def choose_country(self, code: str) -> None:
        self.state.choose_country(code)
        await self.store.save(self.state)
        self.render()

    async def start_check(self) -> None:
        await self._push_route(routes.position(self.state))

    async def choose_who(self, who: str) -> None:
        self.state.choose_who(who)
        self.state.begin()
        await self.store.save(self.state)
        await self._push_route(routes.position(self.state))

    async def answer(self, finding: str, value: AnswerValue) -> None:
        self.state.answer(finding, value)
        await self.store.save(self.state)

    async def clear_answer(self, finding: str) -> None:
        self.state.clear_answer(finding)
        await self.store.save(self.state)

    async def next(self) -> None:
        if not self.state.can_continue():
            return
        self.state.next()
        await self.store.save(self.state)
        await self._push_route(routes.position(self.state))

    async def change_answer(self, step_index: int) -> None:
        self.state.change_answer(step_index)
        await self.store.save(self.state)
        await self._push_route(routes.check(step_index + 1))

    async def restart(self) -> None:
        self.state.restart()
        await self.store.save(self.state)
        await self._push_route(routes.START)
        if self.route == routes.START:
            self.render()

    async def clear_answers(self) -> None:
        """Forget the check on this device (the stored copy too)."""
        self.state.restart()
        await self.store.clear()
        self.notice = "cleared"
        self.render()
