"""Country: the list of countries with their emergency numbers; the choice sets the numbers and medicine names."""

from __future__ import annotations

import flet as ft

from .. import routes
from ..components.layout import heading, paragraph, screen
from ..context import Ctx
from ..texts import countries_sorted


def _row(ctx: Ctx, code: str, name: str) -> ft.Control:
    chosen = code == ctx.state.country
    number = ctx.content.country_by_code[code].emergency_number

    async def pick(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.choose_country(code)
        await ctx.app.go(routes.START)

    c = ctx.colors
    button = ft.OutlinedButton(
        content=ft.Row(
            controls=[
                ft.Text(name, expand=True, color=c.on_primary_container if chosen else c.on_surface),
                ft.Text(
                    ctx.tr.t("Emergency: {number}", {"number": number}),
                    color=c.on_primary_container if chosen else c.on_surface_variant,
                ),
            ],
            spacing=12,
        ),
        icon=ft.Icon(ft.Icons.CHECK, color=c.on_primary_container) if chosen else None,
        on_click=pick,
        style=ft.ButtonStyle(
            padding=ft.Padding.symmetric(horizontal=16, vertical=14),
            bgcolor=c.primary_container if chosen else c.surface,
            side=ft.BorderSide(2 if chosen else 1, c.primary if chosen else c.outline),
            shape=ft.RoundedRectangleBorder(radius=12),
        ),
    )
    return ft.Semantics(identifier=f"country-{code}", content=button, button=True, selected=chosen)


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [
        heading(tr.t("Where are you?")),
        paragraph(tr.t("This sets the emergency number and the names of medicines."), ctx, muted=True),
        *[_row(ctx, code, name) for code, name in countries_sorted(ctx.content, ctx.state.lang)],
    ]
    return screen(ctx, routes.COUNTRY, tr.t("Country"), body)
