"""Glue between screens, state, storage and routes: every verb changes the state, saves it, and shows a route."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

import flet as ft

from mobile_app.core import clinic_link, diary, followup, report
from mobile_app.core.models import AnswerValue

from . import routes
from .context import Ctx
from .records import ClinicForm, Records
from .services import NoServices, Services
from .state import AppState
from .store import RecordsStore, Store
from .summaries import make_summaries
from .texts import open_translator
from .theme import palette
from .views import build_view
from .views.check import CheckScreen
from .work import off_loop

PushRoute = Callable[[str], Awaitable[None]]
Show = Callable[[], Sequence[ft.Control]]
"""Restyles part of a screen and returns the controls it changed."""


class Present(Protocol):
    """Shows views; `changed`: only these controls changed (the check's next step on the same screen)."""

    def __call__(
        self, route: str, views: list[ft.View], ctx: Ctx, changed: Sequence[ft.Control] | None = None
    ) -> None: ...


MAX_REDIRECTS = 3
MAX_PENDING = 4
"""Routes pushed but not yet confirmed by the browser that are remembered (taps faster than the device)."""
MAX_IMPORT_BYTES = diary.MAX_FILE_BYTES
"""A diary file is far smaller (about 200 bytes an entry); anything bigger is not read."""
TOO_BIG_MARKER = b'{"calf_check_file_too_big":'
"""What the web page sends instead of a chosen file bigger than MAX_IMPORT_BYTES (assets/no-cdn.js): the browser
never reads such a file, nor sends it (issue 17: a 50 MB file used to be read whole and then fail silently)."""
DIARY_ROUTES = (routes.DIARY, routes.DIARY_RESULT)


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
        self.tr, self.catalog_missing = open_translator(state.lang)
        self.dark = False
        self.notice: str | None = None
        self.route = routes.START
        self._redirects = 0
        self.flash: tuple[str, str] | None = None
        """(route, message): a one-off message after an action, shown on that screen until it is left."""
        self.diary_result = None
        self.summary_lang: str | None = None
        self.clinic_form = ClinicForm()
        self.link_error: clinic_link.LinkError | None = None
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

    # ------------------------------------------------------------ showing

    def ctx(self, route: str | None = None) -> Ctx:
        route = route or self.route
        name = routes.parse(route)[0]
        flash = self.flash[1] if self.flash is not None and self.flash[0] == route else None
        return Ctx(
            state=self.state,
            tr=self.tr,
            app=self,
            catalog_missing=self.catalog_missing,
            dark=self.dark,
            notice=self.notice,
            route=route,
            records=self.records,
            now=self.clock(),
            flash=flash,
            person_who=self.records.who if name in DIARY_ROUTES else None,
            can_share=self.services.can_share,
            extra_langs=(self.summary_lang,) if name == routes.SUMMARY and self.summary_lang else (),
            diary_result=self.diary_result,
            summary_lang=self.summary_lang,
            clinic_form=self.clinic_form,
            link_error=self.link_error,
        )

    def views_for(self, route: str) -> list[ft.View]:
        """The top screen, with a plain view under it for the screen Back leads to (so that a system Back has
        somewhere to go; it is never seen: Back shows that screen, built then).

        The check's screens are one screen shown again with the next questions (views.check): going from one
        step to the next changes texts in place instead of sending a new screen."""
        stack = []
        parent = self.parent(route)
        if parent is not None:
            stack.append(ft.View(route=parent, bgcolor=palette(self.dark).surface))
        key = self._view_key()
        self._moved_in_place = False
        if routes.parse(route)[0] == routes.CHECK:
            live = self._check if self._check is not None and self._check_key == key else None
            if live is None:
                live, self._check_key = CheckScreen(self.ctx(route)), key
            else:
                self._moved_in_place = live.route != route
            self._check = live
            top = live.show(self.ctx(route), routes.parse(route)[1])
        else:
            self._check = None
            top = build_view(self.ctx(route), route)
        stack.append(top)
        return stack

    def _view_key(self) -> tuple[object, ...]:
        """What every screen depends on besides its route: when it changes, nothing shown can be reused."""
        s = self.state
        return (s.lang, s.country, s.who, self.dark, self.notice, self.catalog_missing)

    def render(self) -> None:
        """Show the current route again (after a change of language, country or brightness)."""
        self._present(self.route, self.views_for(self.route), self.ctx())

    async def open_route(self, route: str) -> None:
        """Make the state agree with a route the browser asked for (Back, Forward, a reload, an address), then
        show it or redirect."""
        if route in self._pending:
            # The browser confirming a route the app has shown itself (see _navigate), perhaps one the person
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

    async def _navigate(self, route: str) -> None:
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
        if self.flash is not None and self.flash[0] != self.route:
            self.flash = None
        name = routes.parse(self.route)[0]
        recorded = self._record_check() if name == routes.RESULT else False
        if name == routes.CLINIC:
            self._open_clinic_form()
        views = self.views_for(self.route)
        if self._moved_in_place:
            # The next step starts at its top. It is the same screen, so it is scrolled up first, in the same
            # breath as the new questions, never after they have been seen.
            await self._to_top()
        changed = self._check.changed if self._moved_in_place and self._check is not None else None
        self._present(self.route, views, self.ctx(), changed)
        if name != routes.START:
            self.notice = None
            self.link_error = None
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
        if name == routes.DIARY_RESULT and self.diary_result is None:
            return routes.DIARY  # a reload: the urgent result was shown once, the diary keeps the entry
        return None

    def let_go(self) -> None:
        """The server has dropped this session (app.let_go): keep nothing that a late handler could still reach."""
        self._check, self._check_key = None, ()
        self.records = Records()
        self.diary_result = None
        self.clinic_form = ClinicForm()
        self.services.let_go()

    async def recover(self) -> None:
        """After a screen failed (the fallback screen's way home): forget what the screens kept and show the start
        screen. The check and the records stay as they are."""
        self._check, self._check_key = None, ()
        self._pending.clear()
        self._redirects = 0
        self.flash = None
        self.diary_result = None
        self._url = None
        await self._navigate(routes.START)

    # ------------------------------------------------------------ verbs (the Actions protocol)

    def parent(self, route: str) -> str | None:
        return routes.parent(route, self.state, self._summary_from)

    async def go(self, route: str) -> None:
        if routes.parse(route)[0] == routes.SUMMARY:
            self._summary_from = routes.parse(self.route)[0]
        await self._navigate(route)

    async def back(self, route: str) -> None:
        """Back from a screen; the route change then forgets what Back forgets (see _reconcile)."""
        target = self.parent(route)
        await self._navigate(target or routes.START)

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
        await self._navigate(routes.position(self.state))

    async def choose_who(self, who: str) -> None:
        self._recorded = False
        self.state.choose_who(who)
        self.state.begin()
        await self._navigate(routes.position(self.state))

    async def answer(self, finding: str, value: AnswerValue, show: Show | None = None) -> None:
        """Keep an answer. `show` restyles the screen and returns the controls it changed: they are sent before the
        answer is saved on the device, so the tap shows at once. An answer that makes an emergency certain goes
        straight to the emergency result: Next is never the only way there (issue 13)."""
        self.state.answer(finding, value)
        if value is not False and self.state.engine.emergency_certain(self.state.answers):
            self.state.next()
            await self._navigate(routes.position(self.state))
            return
        await self._shown_then_saved(show)

    async def answer_none(self, group_id: str, show: Show | None = None) -> None:
        """ "None of these" on a checklist: every item of it is a "no", in one tap."""
        self.state.answer_none(group_id)
        await self._shown_then_saved(show)

    async def ask_medicine_questions(self) -> None:
        """From the result: the questions about which pain medicines are safe, as one more screen."""
        if self.state.ask_medicine_questions():
            await self._navigate(routes.position(self.state))

    async def clear_answer(self, finding: str, show: Show | None = None) -> None:
        self.state.clear_answer(finding)
        await self._shown_then_saved(show)

    async def _shown_then_saved(self, show: Show | None) -> None:
        if show is not None:
            self._flush(show())
        # Saved at once (no settling): an answer must survive the app being closed right after the tap.
        await self.store.save(self.state)

    async def next(self, unanswered: Show | None = None) -> None:
        """Go on when every question on the screen is answered. Next is never greyed out (a screen reader could
        keep saying "disabled" after it turned on: hazard H29); tapped too early, it says what is missing:
        `unanswered` restyles the screen's hint and returns it, and a screen reader is told the same."""
        if not self.state.can_continue():
            await self._not_yet(unanswered, self.tr.t("Answer every question to go on."))
            return
        self.state.next()
        await self._navigate(routes.position(self.state))

    async def _not_yet(self, show: Show | None, text: str) -> None:
        """A button tapped before its form is complete (it is never greyed out): `show` makes the form's hint
        stand out, and a screen reader says `text`."""
        if show is not None:
            self._flush(show())
            await self.services.announce(text, rtl=self.tr.rtl)

    async def change_answer(self, step_index: int) -> None:
        self.state.change_answer(step_index)
        await self._navigate(routes.check(step_index + 1))

    async def restart(self) -> None:
        self._recorded = False
        self.state.restart()
        await self._navigate(routes.START)

    async def clear_answers(self) -> None:
        """Forget the check on this device (the stored copy too)."""
        self._recorded = False
        self.state.restart()
        await self.store.clear()
        self.notice = "cleared"
        self.render()

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

    def _tell(self, text: str, route: str | None = None) -> None:
        """Show a one-off message on a screen (the current one by default); it goes when that screen is left.

        Actions that wait for the device pass the screen they started on: when the person has moved on
        meanwhile, the message waits there and nothing is drawn over the screen they are on now."""
        route = route or self.route
        self.flash = (route, text)
        if route == self.route:
            self.render()

    async def copy_text(self, text: str, *, copied_by_client: bool) -> None:
        """Copy a text (the client may already have, inside the tap) and say so."""
        route = self.route
        if not copied_by_client:
            try:
                await self.services.copy(text)
            except Exception:
                self._tell(self.tr.t("Copying did not work on this device. Select the text and copy it."), route)
                return
        self._tell(self.tr.t("Copied."), route)

    async def share_text(self, text: str) -> None:
        route = self.route
        try:
            await self.services.share(text)
        except Exception:
            self._tell(self.tr.t("Sharing did not work on this device. Copy the text instead."), route)

    async def _save_file(self, name: str, data: bytes, done: str, route: str) -> None:
        try:
            await self.services.save_file(name, data)
        except Exception:
            self._tell(self.tr.t("The file could not be saved on this device."), route)
        else:
            self._tell(done, route)

    async def _make_pdf(self, make: Callable[[], bytes]) -> bytes:
        """Make a PDF off the event loop (a page takes a second or two of work; the server's other sessions
        should not wait for it)."""
        return await off_loop(make)

    # ------------------------------------------------------------ the cramp diary

    async def _save_diary(self) -> None:
        await self.records_store.save_diary(self.records)

    async def choose_person(self, person_id: str) -> None:
        self.records.choose_person(person_id)
        self.render()

    async def add_person(self, name: str) -> bool:
        """Add someone the user cares for; False when the name cannot be used (the dialog says so)."""
        try:
            self.records.add_person(name)
        except ValueError:
            return False
        await self._save_diary()
        self.close_dialog()
        self.render()
        return True

    async def show_more_entries(self) -> None:
        self.records.show_more_entries()
        self.render()

    async def set_when(self, when: dt.datetime | None) -> None:
        try:
            self.records.set_when(when, self.clock())
        except ValueError:
            self._tell(self.tr.t("That time has not come yet. Choose a time that has passed."))
        else:
            self.render()

    async def edit_draft(self, what: str, value: Any) -> None:
        """Change one part of the entry being logged (the form restyles itself; nothing else changes)."""
        r = self.records
        if what == "leg":
            r.set_leg(value)
        elif what == "pain":
            r.set_pain(value)
        elif what == "duration":
            r.set_duration(value)
        elif what == "helped":
            r.toggle_helped(value)
        elif what == "note":
            r.set_note(value)
        else:
            raise ValueError(f"unknown part {what!r}")

    async def save_episode(self, unready: Show | None = None) -> None:
        """Log the entry. A danger sign in it (a cramp over 10 minutes) goes straight to the urgent result. Tapped
        before the leg and the pain are chosen, `unready` restyles the form's hint and a screen reader is told."""
        if not self.records.can_save():
            await self._not_yet(unready, self.tr.t("Choose the leg and how bad it was."))
            return
        episode = self.records.save_draft(self.clock())
        await self._save_diary()
        danger = diary.danger_answers(episode)
        result = self.state.engine.danger_result(danger) if danger else None
        if result is not None:
            self.diary_result = result
            await self._navigate(routes.DIARY_RESULT)
            return
        self._tell(self.tr.t("Saved in the diary."))

    async def delete_episode(self, episode_id: str) -> None:
        self.records.delete_episode(episode_id)
        await self._save_diary()
        self.close_dialog()
        self._tell(self.tr.t("The entry was deleted."))

    async def delete_everything(self) -> None:
        self.records.delete_everything()
        await self._save_diary()
        self.close_dialog()
        self._tell(self.tr.t("Every entry was deleted."))

    async def discard_set_aside(self) -> None:
        self.records.discard_set_aside()
        await self._save_diary()
        self.close_dialog()
        self._tell(self.tr.t("The entries that could not be read were deleted."))

    async def export_diary(self) -> None:
        now = self.clock()
        text = diary.export_json(self.records.diary, exported=now, app_version=self.state.content.meta.content_version)
        name = f"calf-check-diary-{now.date().isoformat()}.json"
        await self._save_file(name, text.encode("utf-8"), self.tr.t("The diary file was saved."), self.route)

    async def import_pick(self) -> None:
        """Open the file picker from Python (where the tap could not open it by itself)."""
        try:
            data = await self.services.pick_file()
        except Exception:
            data = None
        await self.import_bytes(data)

    async def import_bytes(self, data: bytes | None) -> None:
        """Add the entries of a diary file the person chose (nothing happens when they cancelled). The file is read
        off the event loop (a full-size file takes a few tenths of a second)."""
        if data is None:
            return
        tr = self.tr
        if len(data) > MAX_IMPORT_BYTES or data.startswith(TOO_BIG_MARKER):
            self._tell(tr.t("This file is too big to be a diary file. Nothing was added."), routes.DIARY)
            return
        into = self.records.diary
        result = await off_loop(lambda: diary.import_json(data.decode("utf-8", errors="replace"), into))
        report = self.records.apply_import(result, into)
        await self._save_diary()
        if report.too_big:
            text = tr.t("This file is too big to be a diary file. Nothing was added.")
        elif report.too_many:
            text = tr.t(
                "With this file the diary would hold more than {n} entries. Nothing was added.",
                {"n": tr.number(diary.MAX_EPISODES)},
            )
        elif report.unreadable:
            text = tr.t("This file is not a diary file this app can read. It was kept aside, nothing was added.")
        else:
            parts = [
                tr.ngettext("{n} entry added.", "{n} entries added.", report.added).format(n=tr.number(report.added)),
                tr.ngettext(
                    "{n} was already in the diary.", "{n} were already in the diary.", report.duplicates
                ).format(n=tr.number(report.duplicates)),
            ]
            if report.set_aside:
                parts.append(
                    tr.ngettext(
                        "{n} could not be read and was kept aside.",
                        "{n} could not be read and were kept aside.",
                        report.set_aside,
                    ).format(n=tr.number(report.set_aside))
                )
            text = " ".join(parts)
        self._tell(text, routes.DIARY)

    # ------------------------------------------------------------ follow-up

    def _record_check(self) -> bool:
        """Remember a finished check once (a changed answer replaces it), with today's date; True when the
        follow-up changed and needs saving."""
        a = self.state.result
        if a is None:
            return False
        if followup.is_recorded(self.records.followup, a):
            self._recorded = True
            return False
        who = "caregiver" if self.state.who == "caregiver" else "self"
        version = self.state.content.meta.content_version
        self.records.record_check(a, today=self.clock().date(), who=who, version=version, same=self._recorded)
        self._recorded = True
        return True

    # ------------------------------------------------------------ the doctor's summary

    async def set_summary_language(self, lang: str | None) -> None:
        self.summary_lang = None if lang in (None, self.state.lang) else lang
        self.render()

    def summaries(self) -> list[report.Summary]:
        return make_summaries(self.state, self.records, self.summary_lang, self.clock().date())

    async def download_summary(self) -> None:
        route, paper, summaries = self.route, report.paper_for(self.state.country), self.summaries()
        try:
            pdf = await self._make_pdf(lambda: report.summary_pdf(summaries, paper=paper))
        except report.PdfUnavailable:
            self._tell(self.tr.t("The PDF cannot be made on this device. Copy the text instead."), route)
            return
        name = f"calf-check-summary-{self.clock().date().isoformat()}.pdf"
        await self._save_file(name, pdf, self.tr.t("The summary was saved as a PDF."), route)

    # ------------------------------------------------------------ clinic links

    async def apply_link(self, query: str) -> None:
        """Apply a clinic link's settings (language, country, clinic); a bad link is refused whole and told."""
        try:
            preset = clinic_link.parse_query(query, self.state.content)
        except clinic_link.LinkError as err:
            self.link_error = err
            return
        if preset.lang:
            self.state.choose_language(preset.lang)
            self.tr, self.catalog_missing = open_translator(preset.lang)
        if preset.country:
            self.state.choose_country(preset.country)
        if preset.clinic or preset.phone:
            self.records.clinic = clinic_link.ClinicPreset(clinic=preset.clinic, phone=preset.phone)
            await self.records_store.save_clinic(self.records)
        await self.store.save(self.state)

    async def forget_clinic(self) -> None:
        self.records.forget_clinic()
        await self.records_store.save_clinic(self.records)
        self.render()

    def _open_clinic_form(self) -> None:
        form = self.clinic_form
        if not form.address:
            form.address = self.services.address or ""
            form.lang, form.country = self.state.lang, self.state.country

    async def edit_clinic_form(self, what: str, value: str) -> None:
        form = self.clinic_form
        if what not in ("lang", "country", "clinic", "phone", "address"):
            raise ValueError(f"unknown field {what!r}")
        setattr(form, what, value)
        form.link = None
        form.error = None
        if what in ("lang", "country"):
            self.render()

    async def make_clinic_link(self) -> None:
        form = self.clinic_form
        content = self.state.content
        try:
            base = clinic_link.clean_base_url(form.address)
            preset = clinic_link.ClinicPreset(
                lang=form.lang,
                country=form.country,
                clinic=clinic_link.clean_clinic_name(form.clinic) if form.clinic.strip() else None,
                phone=clinic_link.clean_phone(form.phone) if form.phone.strip() else None,
            )
            form.link = clinic_link.build_link(base, preset, content)
            form.error = None
        except clinic_link.LinkError as err:
            form.link, form.error = None, err.param
        self.render()

    async def download_handout(self, paper: str) -> None:
        form = self.clinic_form
        if form.link is None:
            return
        tr, _ = open_translator(form.lang)
        route, link = self.route, form.link
        clinic = clinic_link.clean_clinic_name(form.clinic) if form.clinic.strip() else None
        phone = clinic_link.clean_phone(form.phone) if form.phone.strip() else None
        try:
            pdf = await self._make_pdf(
                lambda: report.handout_pdf(tr, link=link, clinic=clinic, phone=phone, paper=paper)
            )
        except report.PdfUnavailable:
            self._tell(self.tr.t("The PDF cannot be made on this device."), route)
            return
        name = f"calf-check-handout-{paper.lower()}.pdf"
        await self._save_file(name, pdf, self.tr.t("The handout was saved."), route)
