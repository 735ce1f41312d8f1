"""The check: one screen at a time, its groups as headings, each question with big answer buttons, Back and Next.

Every screen of the check is the same set of controls shown again with other questions (`CheckScreen.show`):
going to the next screen changes texts and identifiers instead of sending a new screen, which is what makes a
tap on Next quick on a phone (see benchmarks/bench_taps.py)."""

from __future__ import annotations

import contextlib

import flet as ft

from .. import routes
from ..components.answers import QuestionSlot
from ..components.app_bar import app_bar
from ..components.layout import body_column, screen
from ..components.notes import translation_notes
from ..components.tap import tap_target
from ..context import Ctx


def build(ctx: Ctx, number: int) -> ft.View:
    """Screen `number` (1-based) of the shown screens; its answers are kept while it is on screen."""
    return CheckScreen(ctx).show(ctx, number)


class CheckScreen:
    """The check's screen, built once per language, country, wording and theme, then shown for any step."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.number = 0
        tr = ctx.tr
        self.slots: list[QuestionSlot] = []
        self.progress = ft.Text("", color=ctx.colors.on_surface_variant)
        self.slot_column = ft.Column(spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.hint = ft.Text(tr.t("Answer every question to go on."), color=ctx.colors.on_surface_variant)
        # Shown while a question waits for its answer: what tells a person (and the browser tests) that Next is
        # ready is this hint going away.
        self.hint_box = ft.Semantics(identifier="next-hint", content=self.hint, container=True)
        self.next_button = ft.FilledButton(
            content=ft.Text(tr.t("Next")),
            icon=ft.Icons.ARROW_FORWARD,
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=24, vertical=14)),
            on_click=self._on_next,
        )
        # Two or more lists without a danger sign and nothing marked: one tap answers them all "no" and goes on
        # (decision 33). It sits after the last list, so it is reached only past every item, and looks like the
        # lists' own answers, never like the way on (an independent review: a filled button with an arrow read as
        # the main way forward); a mark hides it (each list then answers on its own).
        self.none_all_button = ft.OutlinedButton(
            content=ft.Text(tr.t("None of these on this page"), text_align=ft.TextAlign.CENTER),
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
            on_click=self._on_none_on_screen,
        )
        self.none_all = tap_target("none-screen", self.none_all_button, visible=False)
        back_button = ft.OutlinedButton(
            content=ft.Text(tr.t("Back")),
            icon=ft.Icons.ARROW_BACK,
            on_click=self._on_back,
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
        )
        bar = ft.BottomAppBar(
            content=ft.Row(
                controls=[
                    tap_target("back-step", back_button),
                    tap_target("next-button", self.next_button),
                ],
                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                spacing=8,
            ),
            bgcolor=ctx.colors.surface_container,
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
        )
        # The progress line is a live region: a screen reader says "Screen 3" when the next screen is shown.
        body: list[ft.Control] = [
            ft.Semantics(identifier="progress", content=self.progress, live_region=True),
            self.slot_column,
            self.none_all,
            self.hint_box,
        ]
        self.view = screen(ctx, routes.check(1), tr.t("The check"), body, bottom=bar)
        self.view.appbar = app_bar(ctx, tr.t("The check"), lambda: self.route)
        self._notes = [getattr(c, "identifier", None) for c in translation_notes(ctx)]
        self.changed: list[ft.Control] = []
        """What the last show() changed, for sending it alone (the app bar, Back and the View stay as they were;
        the View's route is not sent: the app's Back and a system Back both go by the controller's route)."""
        self._first_missing: int | None = None
        """The first question still waiting after Next was tapped too early (scrolled to)."""

    @property
    def route(self) -> str:
        return routes.check(max(self.number, 1))

    def show(self, ctx: Ctx, number: int) -> ft.View:
        """Show step `number` (1-based): its questions in the slots, the progress, Next ready or not."""
        self.ctx, self.number = ctx, number
        step = ctx.state.steps[number - 1]
        self.view.route = self.route
        if step.after_result:
            count = {"n": str(len(step.findings))}
            self.progress.value = ctx.tr.t("Which pain medicines are safe: {n} questions", count)
        else:
            total = max(step.about_total, step.number)
            self.progress.value = ctx.tr.t("Step {n} of about {total}", {"n": str(step.number), "total": str(total)})
        shown = 0
        for group in step.groups:
            for i, fid in enumerate(group.findings):
                if shown == len(self.slots):
                    slot = QuestionSlot(ctx, self.refresh, self.refresh_group)
                    slot.control.key = ft.ScrollKey(f"slot-{len(self.slots)}")  # type: ignore[call-arg]  # stable: the slot, not its question
                    self.slots.append(slot)
                    self.slot_column.controls.append(slot.control)
                self.slots[shown].show(
                    ctx,
                    fid,
                    ctx.w(group.title) if i == 0 else None,
                    group=group.id,
                    checklist=group.findings if group.checklist else (),
                )
                shown += 1
        for slot in self.slots[shown:]:
            slot.hide()
        column = body_column(self.view)
        assert column is not None, "the check is a layout.screen"
        notes = translation_notes(ctx)
        if [getattr(c, "identifier", None) for c in notes] != self._notes:
            # A text shown in English for the first time adds the note (rare: catalogs are complete).
            column.controls[3:] = notes
            self._notes = [getattr(c, "identifier", None) for c in notes]
        self.refresh()
        # The step goes out as one patch of the column holding the progress line, the questions and the hint (and
        # Next, which changes only when the screen stops being the current one). Sent control by control, a phone
        # drew a step over several frames, whole only later (decision 14 has the figure), and "Screen 3" (a live
        # region, said aloud) could be read over the previous step's questions (benchmarks/bench_taps.py).
        self.changed = [column, self.next_button]
        return self.view

    @property
    def live(self) -> bool:
        """The screen in progress (not one left behind by Back or a finished check)."""
        s = self.ctx.state
        return self.number == len(s.steps) and s.result is None

    def refresh(self) -> list[ft.Control]:
        """Next is ready when every question is answered; returns the controls this restyles."""
        ready = self.live and self.ctx.state.can_continue()
        # Next stays available while the screen is the check's current one; the hint says what it waits for.
        self.next_button.disabled = not self.live
        offered = self.live and self.ctx.state.none_on_screen_offered()
        # "Answer every question to go on" under a button that answers them all would contradict it: the hint
        # comes back when Next is tapped too early (_unanswered).
        self.hint_box.visible = not ready and not offered
        self.hint.color, self.hint.weight = self.ctx.colors.on_surface_variant, None
        self.none_all.visible = offered
        return [self.next_button, self.hint_box, self.none_all]

    def refresh_group(self, group: str) -> list[ft.Control]:
        """Restyle every item of a checklist (a mark, or "None of these", changes how the others look)."""
        out: list[ft.Control] = []
        for slot in self.slots:
            if slot.shown and slot.group == group and slot.checklist:
                slot.refresh()
                out += [slot.card, slot.none_box]
        return out

    def _unanswered(self) -> list[ft.Control]:
        """Next tapped too early: the hint stands out (in the error colour, in bold) until the next answer, and the
        first question still waiting says so on itself, with a border (issue 14: the hint alone sat below the
        fold, and Next seemed to do nothing)."""
        self.hint_box.visible = True
        self.hint.color, self.hint.weight = self.ctx.colors.error, ft.FontWeight.W_600
        out: list[ft.Control] = [self.hint_box]
        waiting = set(self.ctx.state.unanswered(self.ctx.state.steps[self.number - 1]))
        self._first_missing = None
        for i, slot in enumerate(self.slots):
            if slot.shown and slot.finding in waiting and self._first_missing is None:
                slot.mark_missing(True)
                self._first_missing = i
                out.append(slot.card)
        return out

    async def _on_next(self, _: ft.Event[ft.Button]) -> None:
        self._first_missing = None
        await self.ctx.app.next(self._unanswered)
        if self._first_missing is not None:
            # Bring it into view where the person is looking (a screen not on a page has nothing to scroll).
            with contextlib.suppress(RuntimeError):
                await self.view.scroll_to(scroll_key=f"slot-{self._first_missing}", duration=300)

    async def _on_none_on_screen(self, _: ft.Event[ft.OutlinedButton]) -> None:
        # The same guard as an answer's: a tap that comes before the screen could be read is not aimed at it
        # (a double tap on the previous screen's button in the same place would answer this one unseen: H30).
        if any(slot.shown and slot.too_soon() for slot in self.slots):
            return
        await self.ctx.app.none_on_screen()

    async def _on_back(self, _: ft.Event[ft.OutlinedButton]) -> None:
        await self.ctx.app.back(self.route)
