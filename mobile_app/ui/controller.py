"""The session's controller: navigation (the route table in screens), the check, and the device's dialogs, clipboard
and files; it owns the Session and the feature controllers (controllers/: diary, summary, clinic). Every verb
changes the state, saves it, and shows the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Literal, Protocol

import flet as ft

from mobile_app.core.i18n import Translator
from mobile_app.core.models import AnswerValue
from mobile_app.followup import followup

from . import routes, screens
from .context import Ctx, Show
from .controllers.clinic import ClinicController
from .controllers.diary import DiaryController
from .controllers.summary import SummaryController
from .records import ClinicForm, Records
from .services import NoServices, Services
from .session import Session
from .state import AppState
from .store import RecordsStore, Store
from .theme import palette
from .views.check import CheckScreen
from .work import off_loop

PushRoute = Callable[[str], Awaitable[None]]


class Present(Protocol):
    """Shows views; `changed`: only these controls changed (the check's next step on the same screen)."""

    def __call__(
        self, route: str, views: list[ft.View], ctx: Ctx, changed: Sequence[ft.Control] | None = None
    ) -> None: ...


MAX_REDIRECTS = 3
MAX_PENDING = 4
"""Routes pushed but not yet confirmed by the browser that are remembered (taps faster than the device)."""


async def _stay() -> None:
    """Without a page there is nothing to scroll, nor to wait for."""


class Controller:
    """One per session. The route is the source of truth for what is on screen; `open_route` reconciles the
    state with it, so the app's Back, the browser's Back and a reload all behave the same way."""

    def __init__(
        self,
        state: AppState,
        store: Store,
        push_route: PushRoute,
        present: Present,
        *,
        records: Records | None = None,
        records_store: RecordsStore | None = None,
        services: Services | None = None,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        flush: Callable[[Sequence[ft.Control]], None] = lambda controls: None,
        to_top: Callable[[], Awaitable[None]] = _stay,
        settle: Callable[[], Awaitable[None]] = _stay,
    ) -> None:
        self.state = state
        self.store = store
        self._push_route = push_route
        self._present = present
        self.records = records or Records()
        self.records_store = records_store or RecordsStore(store.prefs)
        self.services: Services = services or NoServices()
        self._flush = flush
        """Sends what changed on screen now (not when the event handler ends)."""
        self._to_top = to_top
        """Scrolls the screen on show to its top (before it shows the next step of the check)."""
        self._settle = settle
        """Waits until the phone has had time to draw what was just sent; the browser's history and the
        device's storage are told after that, so their work does not delay the new screen."""
        self._moved_in_place = False
        """The last views_for showed another step on the check's screen already shown."""
        self.clock = clock
        """The device's local time (diary entries, check dates)."""
        self.session = Session.open(state.lang)
        self.route = routes.START
        self._redirects = 0
        self._summary_from: str | None = None
        """Where the summary for a doctor was opened from (Back returns to the diary when it was there)."""
        self._recorded = False
        """The check in progress has been recorded in the follow-up (a changed answer replaces that record)."""
        self._check: CheckScreen | None = None
        """The check's screen while it is shown (the next step reuses its controls)."""
        self._check_key: tuple[object, ...] = ()
        self._pending: list[str] = []
        """Routes the app has shown and asked the browser to go to, whose route change has not come back yet."""
        self._url: str | None = None
        """The route in the browser's address bar, as far as the app knows."""
        self._start_shown = False
        self.diary = DiaryController(self)
        self.summary = SummaryController(self)
        self.clinic = ClinicController(self)

    @property
    def tr(self) -> Translator:
        return self.session.tr

    # ------------------------------------------------------------ showing

    def ctx(self, route: str | None = None) -> Ctx:
        route = route or self.route
        screen = screens.screen_of(route)
        lang = self.session.summary_lang
        extra: tuple[str, ...] = (lang,) if screen.second_language and lang else ()
        if self.session.link_error is not None and self.session.link_error_lang:
            extra += (self.session.link_error_lang,)  # the start screen says why in the link's language (its font)
        return Ctx(
            state=self.state,
            session=self.session,
            app=self,
            route=route,
            records=self.records,
            now=self.clock(),
            person_who=self.records.who if screen.diary else None,
            can_share=self.services.can_share,
            extra_langs=extra,
        )

    def views_for(self, route: str) -> list[ft.View]:
        """The top screen, with a plain view under it for the screen Back leads to (so that a system Back has
        somewhere to go; it is never seen: Back shows that screen, built then).

        The check's screens are one screen shown again with the next questions (views.check): going from one
        step to the next changes texts in place instead of sending a new screen."""
        stack = []
        parent = self.parent(route)
        if parent is not None:
            stack.append(ft.View(route=parent, bgcolor=palette(self.session.dark).surface))
        key = self._view_key()
        self._moved_in_place = False
        r = routes.parse(route)
        if r.path == routes.CHECK:
            live = self._check if self._check is not None and self._check_key == key else None
            if live is None:
                live, self._check_key = CheckScreen(self.ctx(route)), key
            else:
                self._moved_in_place = live.route != route
            self._check = live
            top = live.show(self.ctx(route), r.n)
        else:
            self._check = None
            top = screens.SCREENS[r.path].build(self.ctx(route), r)
        stack.append(top)
        return stack

    def _view_key(self) -> tuple[object, ...]:
        """What every screen depends on besides its route: when it changes, nothing shown can be reused."""
        s, session = self.state, self.session
        return (s.lang, s.country, s.who, session.dark, session.notice, session.catalog_missing)

    def render(self) -> None:
        """Show the current route again (after a change of language, country or brightness)."""
        self._present(self.route, self.views_for(self.route), self.ctx())

    async def open_route(self, route: str) -> None:
        """Make the state agree with a route the browser asked for (Back, Forward, a reload, an address), then
        show it or redirect."""
        if route in self._pending:
            # The browser confirming a route the app has shown itself (see navigate), perhaps one the person
            # has already left for the next: nothing to redo, and never a step back to it.
            del self._pending[: self._pending.index(route) + 1]
            self._url = route
            return
        self._pending.clear()
        self._url = route
        target = self._reconcile(route)
        if target is not None and target != route and self._redirects < MAX_REDIRECTS:
            self._redirects += 1
            await self.store.save(self.state)
            await self._push_route(target)
            return
        self._redirects = 0
        recorded = await self._show(target or route)
        await self._save_after_showing(recorded)

    async def navigate(self, route: str) -> None:
        """Go to a route from inside the app: show it at once, then tell the browser (its history and address),
        then save. The route change the browser sends back finds the screen shown and does nothing, so a tap
        costs one trip to the device instead of two, and the person never waits for the device's storage."""
        for _ in range(MAX_REDIRECTS):
            target = self._reconcile(route)
            if target is None or target == route:
                break
            route = target
        recorded = await self._show(route)
        await self._settle()
        if route != self._url:
            self._pending = [*self._pending[-MAX_PENDING + 1 :], route]
            self._url = route
            await self._push_route(route)
        await self._save_after_showing(recorded)

    async def _show(self, route: str) -> bool:
        """Show a route the state agrees with; True when a finished check was just recorded (to be saved)."""
        self.route = route
        session = self.session
        if session.flash is not None and session.flash[0] != self.route:
            session.flash = None
        r = routes.parse(self.route)
        shown = screens.SCREENS[r.path].shown
        recorded = shown(self) if shown is not None else False
        views = self.views_for(self.route)
        if self._moved_in_place:
            # The next step starts at its top. It is the same screen, so it is scrolled up first, in the same
            # breath as the new questions, never after they have been seen.
            await self._to_top()
        changed = self._check.changed if self._moved_in_place and self._check is not None else None
        self._present(self.route, views, self.ctx(), changed)
        if r.path != routes.START:
            session.notice = None
            session.link_error = None
            if self._start_shown:
                self.records.kept_aside = 0  # said on the start screen once; the diary keeps showing them
        else:
            self._start_shown = True
        return recorded

    async def _save_after_showing(self, recorded: bool) -> None:
        await self.store.save(self.state)
        if recorded:
            await self.records_store.save_followup(self.records)

    def _reconcile(self, route: str) -> str | None:
        """Apply what a route means to the state (screens.SCREENS: what entering it does); return where to go
        instead when it cannot be shown."""
        r = routes.parse(route)
        enter = screens.SCREENS[r.path].enter
        return enter(self, r) if enter is not None else None

    def let_go(self) -> None:
        """The server has dropped this session (app.let_go): keep nothing that a late handler could still reach."""
        self._check, self._check_key = None, ()
        self.records = Records()
        self.session.diary_result = None
        self.session.clinic_form = ClinicForm()
        self.services.let_go()

    async def recover(self) -> None:
        """After a screen failed (the fallback screen's way home): forget what the screens kept and show the start
        screen. The check and the records stay as they are."""
        self._check, self._check_key = None, ()
        self._pending.clear()
        self._redirects = 0
        self.session.flash = None
        self.session.diary_result = None
        self._url = None
        await self.navigate(routes.START)

    # ------------------------------------------------------------ verbs (the Actions protocol)

    def parent(self, route: str) -> str | None:
        return screens.parent(route, self.state, self._summary_from)

    async def go(self, route: str) -> None:
        if routes.parse(route).path == routes.SUMMARY:
            self._summary_from = routes.parse(self.route).path
        await self.navigate(route)

    async def back(self, route: str) -> None:
        """Back from a screen; the route change then forgets what Back forgets (see _reconcile)."""
        target = self.parent(route)
        await self.navigate(target or routes.START)

    async def choose_language(self, lang: str) -> None:
        self.state.choose_language(lang)
        self.session.set_language(lang)
        await self.store.save(self.state)
        self.render()

    async def choose_country(self, code: str) -> None:
        self.state.choose_country(code)
        await self.store.save(self.state)
        self.render()

    async def start_check(self) -> None:
        await self.navigate(routes.position(self.state))

    async def choose_who(self, who: str) -> None:
        self._recorded = False
        self.state.choose_who(who)
        self.state.begin()
        await self.navigate(routes.position(self.state))

    async def answer(self, finding: str, value: AnswerValue, show: Show | None = None) -> None:
        """Keep an answer. `show` restyles the screen and returns the controls it changed: they are sent before the
        answer is saved on the device, so the tap shows at once. An answer that makes an emergency certain goes
        straight to the emergency result: Next is never the only way there (issue 13)."""
        self.state.answer(finding, value)
        if value is not False and self.state.engine.emergency_certain(self.state.answers):
            self.state.next()
            await self.navigate(routes.position(self.state))
            return
        await self._shown_then_saved(show)

    async def answer_none(self, group_id: str, show: Show | None = None) -> None:
        """ "None of these" on a checklist: every item of it is a "no", in one tap."""
        self.state.answer_none(group_id)
        await self._shown_then_saved(show)

    async def none_on_screen(self) -> None:
        """ "None of these on this page": every list on the screen answered "no", and on to the next screen (one tap
        instead of one per list and Next). Refused, with nothing changed, once an item on the screen is marked."""
        if not self.state.none_on_screen_offered():
            return
        self.state.none_on_screen()
        await self.navigate(routes.position(self.state))

    async def ask_medicine_questions(self) -> None:
        """From the result: the questions about which pain medicines are safe, as one more screen."""
        if self.state.ask_medicine_questions():
            await self.navigate(routes.position(self.state))

    async def clear_answer(self, finding: str, show: Show | None = None) -> None:
        self.state.clear_answer(finding)
        await self._shown_then_saved(show)

    async def _shown_then_saved(self, show: Show | None) -> None:
        self.show_part(show)
        # Saved at once (no settling): an answer must survive the app being closed right after the tap.
        await self.store.save(self.state)

    async def next(self, unanswered: Show | None = None) -> None:
        """Go on when every question on the screen is answered. Next is never greyed out (a screen reader could
        keep saying "disabled" after it turned on: hazard H29); tapped too early, it says what is missing:
        `unanswered` restyles the screen's hint and returns it, and a screen reader is told the same."""
        if not self.state.can_continue():
            await self.not_yet(unanswered, self.tr.t("Answer every question to go on."))
            return
        self.state.next()
        await self.navigate(routes.position(self.state))

    async def not_yet(self, show: Show | None, text: str) -> None:
        """A button tapped before its form is complete (it is never greyed out): `show` makes the form's hint
        stand out, and a screen reader says `text`."""
        if show is not None:
            self.show_part(show)
            await self.services.announce(text, rtl=self.tr.rtl)

    async def change_answer(self, step_index: int) -> None:
        self.state.change_answer(step_index)
        await self.navigate(routes.check(step_index + 1))

    async def restart(self) -> None:
        self._recorded = False
        self.state.restart()
        await self.navigate(routes.START)

    async def clear_answers(self) -> None:
        """Forget the check on this device (the stored copy too)."""
        self._recorded = False
        self.state.restart()
        await self.store.clear()
        self.session.notice = "cleared"
        self.render()

    def show_part(self, show: Show | None) -> None:
        """The one way a tap shows a change to part of a screen: the screen passes `show` (it restyles its part and
        returns the controls it changed) and they are sent at once, before anything slower (saving)."""
        if show is not None:
            self._flush(show())

    # ------------------------------------------------------------ device services (dialogs, clipboard, files)

    def show_dialog(self, dialog: ft.DialogControl) -> None:
        self.services.show_dialog(dialog)

    def close_dialog(self) -> None:
        self.services.close_dialog()

    def copy_action(self, text: str) -> Any:
        try:
            return self.services.copy_action(text)
        except RuntimeError:  # built outside a session (no page to copy on)
            return None

    def pick_action(self) -> Any:
        try:
            return self.services.pick_action()
        except RuntimeError:
            return None

    def tell(self, text: str, route: str | None = None) -> None:
        """Show a one-off message on a screen (the current one by default); it goes when that screen is left.

        Actions that wait for the device pass the screen they started on: when the person has moved on
        meanwhile, the message waits there and nothing is drawn over the screen they are on now."""
        route = route or self.route
        self.session.flash = (route, text)
        if route == self.route:
            self.render()

    async def copy_text(self, text: str, *, copied_by_client: bool) -> None:
        """Copy a text (the client may already have, inside the tap) and say so."""
        route = self.route
        if not copied_by_client:
            try:
                await self.services.copy(text)
            except Exception:
                self.tell(self.tr.t("Copying did not work on this device. Select the text and copy it."), route)
                return
        self.tell(self.tr.t("Copied."), route)

    async def share_text(self, text: str) -> None:
        route = self.route
        try:
            await self.services.share(text)
        except Exception:
            self.tell(self.tr.t("Sharing did not work on this device. Copy the text instead."), route)

    async def save_file(self, name: str, data: bytes, done: str, route: str) -> None:
        try:
            await self.services.save_file(name, data)
        except Exception:
            self.tell(self.tr.t("The file could not be saved on this device."), route)
        else:
            self.tell(done, route)

    async def make_pdf(self, make: Callable[[], bytes]) -> bytes:
        """Make a PDF off the event loop (a page takes a second or two of work; the server's other sessions
        should not wait for it)."""
        return await off_loop(make)

    # ------------------------------------------------------------ follow-up

    def record_check(self) -> bool:
        """Remember a finished check once (a changed answer replaces it), with today's date; True when the
        follow-up changed and needs saving."""
        a = self.state.result
        if a is None:
            return False
        if followup.is_recorded(self.records.followup, a):
            self._recorded = True
            return False
        who: Literal["self", "caregiver"] = "caregiver" if self.state.who == "caregiver" else "self"
        version = self.state.content.meta.content_version
        self.records.record_check(a, today=self.clock().date(), who=who, version=version, same=self._recorded)
        self._recorded = True
        return True

    def open_clinic_form(self) -> None:
        self.clinic.open_form()
