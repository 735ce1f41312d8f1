"""One question with big answer buttons (Yes / No / Not sure, choices) or a number field, its hint and "why"."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from mobile_app.core.models import NOT_SURE, AnswerValue, Question

from ..context import Ctx
from .tap import one_node

BUTTON_PADDING = ft.Padding.symmetric(horizontal=12, vertical=14)
"""With the label this makes every answer button at least 48 px tall."""

READ_S = 0.4
"""An answer tap that reaches the app sooner than this after its question was put on the screen is dropped
(QuestionSlot._too_soon, hazard H30): no person sees and taps a new question that fast, while a tap sent before the
new step was drawn reaches the app well within it. The timings this rests on: decision 31."""

clock = time.monotonic
"""The clock `READ_S` is measured with (tests replace it)."""


def answer_id(finding: str, value: AnswerValue) -> str:
    """Stable identifier of an answer button: answer-<finding>-yes|no|not_sure|<option>."""
    if value is True:
        return f"answer-{finding}-yes"
    if value is False:
        return f"answer-{finding}-no"
    return f"answer-{finding}-{value}"


class QuestionSlot:
    """A place for one question on the check screen: its group heading, its card with big answer buttons (Yes /
    No / Not sure, the choices, or a number field), its hint and "Why we ask".

    `show(finding)` puts any question in the slot by changing texts, identifiers and what is visible: no new
    controls, so going to the next screen sends only what changed (a new screen built from scratch costs the
    phone several times more). `refresh()` restyles the answers after a tap; it never rebuilds either, so
    scroll and focus stay."""

    def __init__(
        self,
        ctx: Ctx,
        on_change: Callable[[], list[ft.Control]],
        on_group_change: Callable[[str], list[ft.Control]] | None = None,
    ) -> None:
        """`on_change` tells the screen an answer changed; it returns the controls it restyled (Next, its hint).
        `on_group_change(group)` restyles every item of a checklist (after "None of these" or a mark)."""
        self.ctx = ctx
        self.on_change = on_change
        self.on_group_change = on_group_change
        self.checklist = False
        self.group = ""
        self.group_findings: tuple[str, ...] = ()
        self.finding = ""
        self.question: Question | None = None
        self.shown_at = 0.0
        c = ctx.colors
        self.heading_text = ft.Text("", theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600)
        self.heading = ft.Semantics(content=self.heading_text, header=True, container=True, visible=False)
        self.instruction = ft.Text(
            ctx.tr.t("Tap Yes or Not sure for each one that applies. If none do, tap None of these."),
            color=c.on_surface_variant,
            visible=False,
        )
        self.text = ft.Text("", theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)
        self.help_text = ft.Text("", color=c.on_surface_variant, expand=True)
        self.help_row = ft.Row(
            controls=[ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, color=c.on_surface_variant, size=20), self.help_text],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=8,
        )
        tr = ctx.tr
        self.yes_no = [
            self._button(value, tr.t(label)) for value, label in ((True, "Yes"), (False, "No"), (NOT_SURE, "Not sure"))
        ]
        # The answers sit side by side on a phone and stack when the screen is narrow (200 % zoom is about 206
        # CSS px wide): never a label broken letter by letter (issue 14).
        self.bool_cells = [ft.Container(content=b[4], col={"xs": 12, "wide": 4}) for b in self.yes_no]
        self.bool_row = ft.ResponsiveRow(
            controls=list(self.bool_cells), spacing=8, run_spacing=8, breakpoints={"xs": 0, "wide": 300}
        )
        # A checklist's last item carries the list's one answer "None of these" (every item "no").
        self.none_label = ft.Text(tr.t("None of these"), text_align=ft.TextAlign.CENTER)
        self.none_button = ft.OutlinedButton(content=self.none_label, style=self._style(False), on_click=self._on_none)
        # Screen readers find each answer as one button named by its words (tap.py); the slot shows and hides the
        # merged node, and marks the Semantics inside it as selected.
        self.none_box = ft.Semantics(content=self.none_button, selected=False)
        self.none_node = one_node(self.none_box, visible=False)
        # Choice buttons and the number field are made when a question first needs them (fewer controls to
        # compare on every update), then kept.
        self.options: list[list[Any]] = []
        self.options_column = ft.Column(
            controls=[], spacing=8, visible=False, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
        )
        self.number_row = ft.Row(controls=[], vertical_alignment=ft.CrossAxisAlignment.START, visible=False)
        self._field: ft.TextField | None = None
        self.why_text = ft.Text("", color=c.on_surface_variant, visible=False)
        self.why_button = ft.Semantics(
            content=ft.TextButton(content=ft.Text(tr.t("Why we ask")), icon=ft.Icons.HELP_OUTLINE, on_click=self._why)
        )
        self.missing = ft.Text(
            tr.t("Answer this question to go on."), color=c.error, weight=ft.FontWeight.W_600, visible=False
        )
        card = self.card_box = ft.Container(
            content=ft.Column(
                controls=[
                    self.missing,
                    self.text,
                    self.help_row,
                    self.bool_row,
                    self.options_column,
                    self.number_row,
                    ft.Column(
                        controls=[one_node(self.why_button), self.why_text],
                        spacing=4,
                        horizontal_alignment=ft.CrossAxisAlignment.START,
                    ),
                ],
                spacing=10,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
            bgcolor=c.surface_container,
            border_radius=12,
            padding=14,
        )
        self.card = ft.Semantics(content=card, container=True)
        self.control = ft.Column(
            controls=[self.heading, self.instruction, self.card, self.none_node],
            spacing=12,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    # ------------------------------------------------------------ building (once)

    def _button(self, value: AnswerValue | None, label: str) -> list[Any]:
        """[value, Semantics, button, label Text, the node shown (tap.one_node)]"""
        text = ft.Text(label, text_align=ft.TextAlign.CENTER)
        button = ft.OutlinedButton(content=text, style=self._style(False))
        sem = ft.Semantics(content=button, selected=False)
        entry: list[Any] = [value, sem, button, text, one_node(sem)]
        button.on_click = self._on_answer(entry)
        return entry

    def _style(self, on: bool) -> ft.ButtonStyle | None:
        """A chosen answer is filled (with a check mark, see refresh); the others look as the theme's outlined
        buttons do (theme.make_theme: outline, padding for 48 px, rounded corners)."""
        if not on:
            return None
        c = self.ctx.colors
        return ft.ButtonStyle(
            padding=BUTTON_PADDING,
            bgcolor=c.primary,
            color=c.on_primary,
            side=ft.BorderSide(2, c.primary),
            shape=ft.RoundedRectangleBorder(radius=10),
        )

    def _on_answer(self, entry: list[Any]) -> Callable[[ft.Event[ft.OutlinedButton]], Awaitable[None]]:
        async def handler(_: ft.Event[ft.OutlinedButton]) -> None:
            if self.question is None or self._too_soon():
                return
            chosen = self.ctx.state.answers.get(self.finding, object())
            if self.checklist and type(chosen) is type(entry[0]) and chosen == entry[0]:
                # Tapping a marked item again takes the mark away.
                await self.ctx.app.clear_answer(self.finding, self._show_answer)
                return
            await self.ctx.app.answer(self.finding, entry[0], self._show_answer)

        return handler

    async def _on_none(self, _: ft.Event[ft.OutlinedButton]) -> None:
        if not self.checklist or self._too_soon():
            return
        await self.ctx.app.answer_none(self.group, self._show_group)

    def _too_soon(self) -> bool:
        """A tap that reaches the app less than READ_S after this slot took its question was not aimed at it: it
        was sent before the phone drew the question (a double tap, a tap as Next went through), or hit the new
        question as it was drawn under the finger. Answering the question in its place with it would record an
        answer the person never gave (hazard H30), so it is dropped; the person sees nothing chosen and taps
        again."""
        return clock() - self.shown_at < READ_S

    def too_soon(self) -> bool:
        """Whether a tap now comes too soon after this slot took its question (see _too_soon): the screen's own
        buttons that answer for it ("None of these on this page") use the same guard."""
        return self._too_soon()

    @property
    def field(self) -> ft.TextField:
        if self._field is None:
            self._field = self._number_field()
        return self._field

    def _number_field(self) -> ft.TextField:
        # A plain, obviously empty box to type in (issue 14: with steppers beside it only a "-" was drawn and
        # the box did not look like one). The numeric keyboard opens on phones; the label names it for screen
        # readers; it is as wide as three digits need, never stretched across the card.
        field = ft.TextField(
            value="",
            keyboard_type=ft.KeyboardType.NUMBER,
            input_filter=ft.NumbersOnlyInputFilter(),  # type: ignore[no-untyped-call]
            max_length=3,
            counter="",
            text_size=22,
            width=180,
            border=ft.OutlineInputBorder(),
            on_change=self._on_typed,
        )
        self.field_sem = ft.Semantics(content=field)
        self.number_row.controls = [self.field_sem]
        return field

    def _why(self, _: ft.Event[ft.TextButton]) -> None:
        self.why_text.visible = not self.why_text.visible

    # ------------------------------------------------------------ showing a question

    def show(
        self,
        ctx: Ctx,
        finding: str,
        heading: str | None,
        *,
        group: str = "",
        checklist: tuple[str, ...] = (),
    ) -> None:
        """Put this question in the slot (`heading`: its group's title when it starts a group; `checklist`: the
        findings of the checklist it belongs to, if it is one)."""
        self.ctx = ctx
        self.mark_missing(False)
        self.group = group
        self.checklist = bool(checklist)
        self.group_findings = checklist
        self.instruction.visible = self.checklist and heading is not None
        self.none_node.visible = self.checklist and checklist[-1] == finding
        self.none_box.identifier = f"none-{group}" if self.checklist else None
        self.bool_cells[1].visible = not self.checklist  # a checklist item is "no" unless marked
        for cell in (self.bool_cells[0], self.bool_cells[2]):
            cell.col = {"xs": 12, "wide": 6 if self.checklist else 4}
        if not (self.shown and self.finding == finding):
            # A new question in this slot: a tap in the next READ_S was aimed at what was here before (H30). The
            # same question shown again (the same step re-shown: brightness, a message, a route event) keeps its
            # clock: a tap right after it is aimed at the question the person has been reading.
            self.shown_at = clock()
        self.finding = finding
        q = self.question = ctx.content.question_by_id[finding]
        self.control.visible = True
        self.heading.visible = heading is not None
        self.heading_text.value = heading or ""
        self.card.identifier = f"question-{finding}"
        self.text.value = ctx.w(q.text)
        self.help_row.visible = q.help is not None
        self.help_text.value = ctx.tr.t("How to tell: {hint}", {"hint": ctx.w(q.help)}) if q.help is not None else ""
        self.bool_row.visible = q.type == "bool"
        self.options_column.visible = q.type == "choice"
        self.number_row.visible = q.type == "int"
        for entry in self.yes_no:
            entry[1].identifier = answer_id(finding, entry[0])
        labels = [(o.value, ctx.tr.t(o.label)) for o in q.options] if q.type == "choice" else []
        while len(self.options) < len(labels):
            self.options.append(self._button(None, ""))
            self.options_column.controls.append(self.options[-1][4])
        for i, entry in enumerate(self.options):
            if i < len(labels):
                entry[0], entry[3].value = labels[i]
                entry[1].identifier = answer_id(finding, entry[0])
                entry[4].visible = True
            else:
                entry[0] = None
                entry[4].visible = False
        if q.type == "int":
            current = ctx.state.answers.get(finding)
            self.field.value = "" if current is None else str(current)
            self.field.error = None
            self.field.label = ctx.tr.t("Age in years") if finding == "age_years" else ctx.tr.t("Number")
            self.field_sem.identifier = f"answer-{finding}-field"
        self.why_button.identifier = f"why-{finding}"
        self.why_text.value = ctx.tr.t(q.why)
        self.why_text.visible = False
        self.refresh()

    @property
    def shown(self) -> bool:
        return self.control.visible is not False

    def hide(self) -> None:
        self.control.visible = False
        self.finding = ""
        self.question = None

    @property
    def buttons(self) -> list[list[Any]]:
        """The answer buttons of the question shown: [value, Semantics, button, label, node]."""
        if self.question is None:
            return []
        if self.question.type == "bool":
            return self.yes_no
        return [e for e in self.options if e[4].visible] if self.question.type == "choice" else []

    # ------------------------------------------------------------ number input

    async def _set_number(self, text: str) -> None:
        q = self.question
        if q is None or q.type != "int" or q.min is None or q.max is None or self._too_soon():
            return  # typed into a number field this slot no longer shows, or before the question could be read
        if text.isdigit() and q.min <= int(text) <= q.max:
            self.field.error = None
            await self.ctx.app.answer(self.finding, int(text), self._show_number)
        else:
            self.field.error = (
                self.ctx.tr.t("Enter a whole number from {min} to {max}.", {"min": str(q.min), "max": str(q.max)})
                if text
                else None
            )
            await self.ctx.app.clear_answer(self.finding, self._show_number)

    async def _on_typed(self, e: ft.Event[ft.TextField]) -> None:
        await self._set_number(self.field.value.strip())

    # ------------------------------------------------------------ state

    def _show_number(self) -> list[ft.Control]:
        if self.missing.visible and self.answered:
            self.mark_missing(False)
            return [self.card, *self.on_change()]
        return [self.number_row, *self.on_change()]

    def mark_missing(self, on: bool) -> None:
        """Next tapped with this question unanswered: say so on the question itself, with a border (issue 14)."""
        self.missing.visible = on
        self.card_box.border = ft.Border.all(2, self.ctx.colors.error) if on else None

    def _show_answer(self) -> list[ft.Control]:
        if self.checklist and self.on_group_change is not None:
            return [*self.on_group_change(self.group), *self.on_change()]
        self.refresh()
        return [self.card, *self.on_change()]

    def _show_group(self) -> list[ft.Control]:
        if self.on_group_change is not None:
            return [*self.on_group_change(self.group), *self.on_change()]
        self.refresh()
        return [self.card, self.none_node, *self.on_change()]

    @property
    def answered(self) -> bool:
        return self.finding in self.ctx.state.answers

    def refresh(self) -> None:
        """Show which answer is chosen: filled with a check mark (not colour alone), and selected for screen readers.
        Only buttons whose state changes get a new style (the rest send nothing)."""
        if self.missing.visible and self.answered:
            self.mark_missing(False)
        chosen = self.ctx.state.answers.get(self.finding, object())
        c = self.ctx.colors
        if self.checklist and self.none_node.visible:
            answers = self.ctx.state.answers
            none = all(answers.get(f) is False for f in self.group_findings)
            if self.none_box.selected != none:
                self.none_box.selected = none
                self.none_button.icon = ft.Icon(ft.Icons.CHECK, color=c.on_primary) if none else None
                self.none_button.style = self._style(none)
        for value, sem, button, *_ in self.buttons:
            on = type(value) is type(chosen) and value == chosen
            if sem.selected == on:
                continue
            sem.selected = on
            button.icon = ft.Icon(ft.Icons.CHECK, color=c.on_primary) if on else None
            button.style = self._style(on)
