"""Who is this for: the person themselves, or someone they care for (then all wording speaks about them)."""

from __future__ import annotations

import flet as ft

from .. import routes
from ..components.layout import heading, paragraph, screen
from ..components.tap import tap_target
from ..context import Ctx


def _choice(ctx: Ctx, who: str, icon: ft.IconData, title: str, detail: str) -> ft.Control:
    async def choose(_: ft.Event[ft.Button]) -> None:
        await ctx.app.choose_who(who)

    c = ctx.colors
    chosen = ctx.state.who == who
    button = ft.Button(
        content=ft.Row(
            controls=[
                ft.Icon(icon, size=36, color=c.primary),
                ft.Column(
                    controls=[
                        ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE, color=c.on_surface),
                        ft.Text(detail, color=c.on_surface_variant),
                    ],
                    spacing=4,
                    expand=True,
                ),
            ],
            spacing=16,
        ),
        on_click=choose,
        style=ft.ButtonStyle(
            padding=ft.Padding.all(20),
            bgcolor=c.surface_container,
            side=ft.BorderSide(3 if chosen else 1, c.primary if chosen else c.outline),
            shape=ft.RoundedRectangleBorder(radius=16),
        ),
    )
    return tap_target(f"who-{who}", button, selected=chosen)


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [
        heading(tr.t("Who is this check for?")),
        paragraph(tr.t("The questions and advice will be worded for that person."), ctx, muted=True),
        _choice(ctx, "self", ft.Icons.PERSON, tr.t("For me"), tr.t("I have the calf pain or cramps.")),
        _choice(
            ctx,
            "caregiver",
            ft.Icons.VOLUNTEER_ACTIVISM,
            tr.t("For someone I care for"),
            tr.t("A child, a parent, a partner or someone else."),
        ),
    ]
    return screen(ctx, routes.WHO, tr.t("Who is this for?"), body)
