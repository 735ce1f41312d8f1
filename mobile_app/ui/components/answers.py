"""One question with big answer buttons (Yes / No / Not sure, choices) or a number field, its hint and "why"."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from mobile_app.core.models import NOT_SURE, AnswerValue, Question

from ..context import Ctx

BUTTON_PADDING = ft.Padding.symmetric(horizontal=12, vertical=14)
"""With the label this makes every answer button at least 48 px tall."""


def answer_id(finding: str, value: AnswerValue) -> str:
    """Stable identifier of an answer button: answer-<finding>-yes|no|not_sure|<option>."""
    if value is True:
        return f"answer-{finding}-yes"
    if value is False:
        return f"answer-{finding}-no"
    return f"answer-{finding}-{value}"


class QuestionBlock:
    """A question card. `refresh()` restyles it from the answers (it never rebuilds, so scroll and focus stay)."""

    def __init__(self, ctx: Ctx, finding: str, on_change: Callable[[], None]) -> None:
        self.ctx = ctx
        self.finding = finding
        self.question: Question = ctx.content.question_by_id[finding]
        self.on_change = on_change
        self.buttons: list[tuple[AnswerValue, ft.Semantics, ft.OutlinedButton]] = []
        self.field: ft.TextField | None = None
        self.control = self._build()
        self.refresh()

    # ------------------------------------------------------------ building

    def _build(self) -> ft.Control:
        ctx, q = self.ctx, self.question
        parts: list[ft.Control] = [
            ft.Text(ctx.w(q.text), theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600),
        ]
        if q.help is not None:
            parts.append(
                ft.Row(
                    controls=[
                        ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, color=ctx.colors.on_surface_variant, size=20),
                        ft.Text(
                            ctx.tr.t("How to tell: {hint}", {"hint": ctx.w(q.help)}),
                            color=ctx.colors.on_surface_variant,
                            expand=True,
                        ),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                    spacing=8,
                )
            )
        if q.type == "int":
            parts.append(self._number_field())
        elif q.type == "bool":
            options = [(True, ctx.tr.t("Yes")), (False, ctx.tr.t("No")), (NOT_SURE, ctx.tr.t("Not sure"))]
            row = ft.Row(controls=[ft.Container(content=b, expand=1) for b in self._buttons(options)], spacing=8)
            parts.append(row)
        else:
            options = [(o.value, ctx.tr.t(o.label)) for o in q.options]
            parts.append(ft.Column(controls=self._buttons(options), spacing=8))
        parts.append(self._why())
        return ft.Container(
            content=ft.Column(controls=parts, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            bgcolor=self.ctx.colors.surface_container,
            border_radius=12,
            padding=14,
        )

    def _buttons(self, options: list[tuple[AnswerValue, str]]) -> list[ft.Control]:
        out: list[ft.Control] = []
        for value, label in options:
            button = ft.OutlinedButton(
                content=ft.Text(label, text_align=ft.TextAlign.CENTER),
                on_click=self._on_answer(value),
            )
            sem = ft.Semantics(identifier=answer_id(self.finding, value), content=button, button=True, selected=False)
            self.buttons.append((value, sem, button))
            out.append(sem)
        return out

    def _on_answer(self, value: AnswerValue):
        async def handler(_: ft.Event[ft.OutlinedButton]) -> None:
            await self.ctx.app.answer(self.finding, value)
            self.refresh()
            self.on_change()

        return handler

    def _number_field(self) -> ft.Control:
        ctx, q = self.ctx, self.question
        current = ctx.state.answers.get(self.finding)
        self.field = ft.TextField(
            value="" if current is None else str(current),
            label=ctx.tr.t("Age in years") if self.finding == "age_years" else ctx.tr.t("Number"),
            keyboard_type=ft.KeyboardType.NUMBER,
            input_filter=ft.NumbersOnlyInputFilter(),
            max_length=3,
            text_size=22,
            on_change=self._on_typed,
            expand=True,
        )
        field = ft.Semantics(identifier=f"answer-{self.finding}-field", content=self.field)
        minus = ft.Semantics(
            identifier=f"answer-{self.finding}-minus",
            content=ft.IconButton(
                icon=ft.Icons.REMOVE, tooltip=ctx.tr.t("One less"), on_click=self._step(-1), icon_size=28
            ),
        )
        plus = ft.Semantics(
            identifier=f"answer-{self.finding}-plus",
            content=ft.IconButton(
                icon=ft.Icons.ADD, tooltip=ctx.tr.t("One more"), on_click=self._step(1), icon_size=28
            ),
        )
        assert q.min is not None and q.max is not None
        return ft.Row(controls=[minus, field, plus], vertical_alignment=ft.CrossAxisAlignment.START)

    def _why(self) -> ft.Control:
        why = ft.Text(self.ctx.tr.t(self.question.why), color=self.ctx.colors.on_surface_variant, visible=False)

        def toggle(_: ft.Event[ft.TextButton]) -> None:
            why.visible = not why.visible

        button = ft.TextButton(
            content=ft.Text(self.ctx.tr.t("Why we ask")), icon=ft.Icons.HELP_OUTLINE, on_click=toggle
        )
        return ft.Column(
            controls=[ft.Semantics(identifier=f"why-{self.finding}", content=button, button=True), why],
            spacing=4,
            horizontal_alignment=ft.CrossAxisAlignment.START,
        )

    # ------------------------------------------------------------ number input

    async def _set_number(self, text: str) -> None:
        q = self.question
        assert self.field is not None and q.min is not None and q.max is not None
        if text.isdigit() and q.min <= int(text) <= q.max:
            self.field.error = None
            await self.ctx.app.answer(self.finding, int(text))
        else:
            self.field.error = (
                self.ctx.tr.t("Enter a whole number from {min} to {max}.", {"min": str(q.min), "max": str(q.max)})
                if text
                else None
            )
            await self.ctx.app.clear_answer(self.finding)
        self.on_change()

    async def _on_typed(self, e: ft.Event[ft.TextField]) -> None:
        assert self.field is not None
        await self._set_number(self.field.value.strip())

    def _step(self, delta: int):
        async def handler(_: ft.Event[ft.IconButton]) -> None:
            q = self.question
            assert self.field is not None and q.min is not None and q.max is not None
            text = self.field.value.strip()
            n = int(text) + delta if text.isdigit() else q.min
            n = max(q.min, min(q.max, n))
            self.field.value = str(n)
            await self._set_number(self.field.value)

        return handler

    # ------------------------------------------------------------ state

    @property
    def answered(self) -> bool:
        return self.finding in self.ctx.state.answers

    def refresh(self) -> None:
        """Show which answer is chosen: filled with a check mark (not colour alone), and selected for screen readers."""
        chosen = self.ctx.state.answers.get(self.finding, object())
        c = self.ctx.colors
        for value, sem, button in self.buttons:
            on = type(value) is type(chosen) and value == chosen
            sem.selected = on
            button.icon = ft.Icon(ft.Icons.CHECK, color=c.on_primary) if on else None
            button.style = ft.ButtonStyle(
                padding=BUTTON_PADDING,
                bgcolor=c.primary if on else c.surface,
                color=c.on_primary if on else c.primary,
                side=ft.BorderSide(2, c.primary if on else c.outline),
                shape=ft.RoundedRectangleBorder(radius=10),
            )
