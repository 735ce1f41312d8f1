"""Country: the list of countries with their emergency numbers; the choice sets the numbers and medicine names."""

from __future__ import annotations

import flet as ft

from .. import routes
from ..components.choices import pick_row, pick_text_color
from ..components.layout import heading, paragraph, screen
from ..context import Ctx
from ..texts import countries_sorted


def _row(ctx: Ctx, code: str, name: str) -> ft.Control:
    chosen = code == ctx.state.country
    number = ctx.content.country_by_code[code].emergency_number

    async def pick(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.choose_country(code)
        await ctx.app.go(routes.START)

    content = ft.Row(
        controls=[
            ft.Text(name, expand=True, color=pick_text_color(ctx, chosen)),
            ft.Text(
                ctx.tr.t("Emergency: {number}", {"number": number}), color=pick_text_color(ctx, chosen, muted=True)
            ),
        ],
        spacing=12,
    )
    return pick_row(ctx, f"country-{code}", content, chosen=chosen, on_click=pick)


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [
        heading(tr.t("Where are you?")),
        paragraph(tr.t("This sets the emergency number and the names of medicines."), ctx, muted=True),
        *[_row(ctx, code, name) for code, name in countries_sorted(ctx.content, ctx.state.lang)],
    ]
    return screen(ctx, routes.COUNTRY, tr.t("Country"), body)
