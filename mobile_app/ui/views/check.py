"""One screen of the check: its groups as headings, each question with big answer buttons, Back and Next."""

from __future__ import annotations

import flet as ft

from .. import routes
from ..components.answers import QuestionBlock
from ..components.layout import heading, screen
from ..context import Ctx


def build(ctx: Ctx, number: int) -> ft.View:
    """Screen `number` (1-based) of the shown screens; its answers are kept while it is on screen."""
    tr, state = ctx.tr, ctx.state
    step = state.steps[number - 1]
    live = number == len(state.steps) and state.result is None
    route = routes.check(number)

    next_button = ft.FilledButton(
        content=ft.Text(tr.t("Next")),
        icon=ft.Icons.ARROW_FORWARD,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=24, vertical=14)),
    )
    hint = ft.Text(tr.t("Answer every question to go on."), color=ctx.colors.on_surface_variant)

    def refresh() -> None:
        ready = live and state.can_continue()
        next_button.disabled = not ready
        hint.visible = not ready

    blocks: list[QuestionBlock] = []
    body: list[ft.Control] = [
        ft.Semantics(
            identifier="progress",
            content=ft.Text(tr.t("Screen {n}", {"n": str(step.number)}), color=ctx.colors.on_surface_variant),
        )
    ]
    for group in step.groups:
        body.append(heading(ctx.w(group.title), size="medium"))
        for fid in group.findings:
            block = QuestionBlock(ctx, fid, refresh)
            blocks.append(block)
            body.append(ft.Semantics(identifier=f"question-{fid}", content=block.control, container=True))

    async def on_next(_: ft.Event[ft.FilledButton]) -> None:
        await ctx.app.next()

    async def on_back(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.back(route)

    body.append(hint)
    next_button.on_click = on_next
    refresh()
    back_button = ft.OutlinedButton(
        content=ft.Text(tr.t("Back")),
        icon=ft.Icons.ARROW_BACK,
        on_click=on_back,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
    )
    bar = ft.BottomAppBar(
        content=ft.Row(
            controls=[
                ft.Semantics(identifier="back-step", content=back_button, button=True),
                ft.Semantics(identifier="next-button", content=next_button, button=True),
            ],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            spacing=8,
        ),
        bgcolor=ctx.colors.surface_container,
        padding=ft.Padding.symmetric(horizontal=12, vertical=8),
    )
    return screen(ctx, route, tr.t("The check"), body, bottom=bar)
