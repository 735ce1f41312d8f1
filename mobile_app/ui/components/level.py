"""A result level shown in words, with its icon and its colour (never the colour alone)."""

from __future__ import annotations

import flet as ft

from mobile_app.core.models import LevelInfo

from ..context import Ctx
from ..theme import LEVEL_ICONS


def level_info(ctx: Ctx, level: str) -> LevelInfo:
    return next(li for li in ctx.content.advice.levels if li.level == level)


def level_card(
    ctx: Ctx, level: str, body: list[ft.Control] | None = None, *, identifier: str | None = None
) -> ft.Control:
    """A tinted card: the level's icon and title, then any body (its action, for example)."""
    colors = ctx.colors.levels[level]
    title = ctx.w(level_info(ctx, level).title)
    head = ft.Row(
        controls=[
            ft.Icon(LEVEL_ICONS[level], color=colors.accent, size=36),
            ft.Text(
                title,
                theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                weight=ft.FontWeight.BOLD,
                color=colors.on_container,
                expand=True,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    box = ft.Container(
        content=ft.Column(controls=[head, *(body or [])], spacing=12),
        bgcolor=colors.container,
        border=ft.Border.all(2, colors.accent),
        border_radius=12,
        padding=16,
    )
    return ft.Semantics(identifier=identifier, content=box, container=True, label=title) if identifier else box


def level_text(ctx: Ctx, level: str, text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.BODY_LARGE, color=ctx.colors.levels[level].on_container)
