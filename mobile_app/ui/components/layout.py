"""Screen scaffolding and text blocks that wrap at any width and text size (no fixed heights on text)."""

from __future__ import annotations

from typing import Any

import flet as ft

from ..context import Ctx, Handler
from .app_bar import app_bar
from .notes import translation_notes
from .tap import tap_target

MAX_WIDTH = 640
"""Lines stay readable on tablets and desktops; phones use the full width."""


def screen(
    ctx: Ctx,
    route: str,
    title: str,
    body: list[ft.Control],
    *,
    back: bool = True,
    bottom: ft.BottomAppBar | None = None,
) -> ft.View:
    """A full screen: app bar (back, title, emergency call), scrolling body, translation notes at the end."""
    controls = [*body, *translation_notes(ctx)]
    column = ft.Column(controls=controls, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.View(
        route=route,
        appbar=app_bar(ctx, title, route if back else None),
        controls=[ft.SafeArea(content=ft.Container(content=column, width=None, alignment=ft.Alignment.TOP_CENTER))],
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        bgcolor=ctx.colors.surface,
        bottom_appbar=bottom,
    )


def body_column(view: ft.View) -> ft.Column | None:
    """The column holding a screen's parts (body, then translation notes), for a View built by `screen`."""
    outer = view.controls[0] if len(view.controls) == 1 else None
    container = outer.content if isinstance(outer, ft.SafeArea) else None
    column = container.content if isinstance(container, ft.Container) else None
    return column if isinstance(column, ft.Column) else None


def heading(text: str, *, size: str = "large") -> ft.Control:
    """A heading, announced as one by screen readers."""
    style = {
        "large": ft.TextThemeStyle.HEADLINE_SMALL,
        "medium": ft.TextThemeStyle.TITLE_LARGE,
        "small": ft.TextThemeStyle.TITLE_MEDIUM,
    }[size]
    return ft.Semantics(
        content=ft.Text(text, theme_style=style, weight=ft.FontWeight.W_600),
        header=True,
        container=True,
    )


def paragraph(text: str, ctx: Ctx, *, muted: bool = False, color: str | None = None) -> ft.Text:
    return ft.Text(
        text,
        theme_style=ft.TextThemeStyle.BODY_LARGE,
        color=color or (ctx.colors.on_surface_variant if muted else ctx.colors.on_surface),
    )


def card(
    ctx: Ctx, controls: list[ft.Control], *, bgcolor: str | None = None, border: str | None = None
) -> ft.Container:
    """A tinted panel with rounded corners (and an optional coloured edge)."""
    return ft.Container(
        content=ft.Column(controls=controls, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=bgcolor or ctx.colors.surface_container,
        border=ft.Border.all(2, border) if border else None,
        border_radius=12,
        padding=16,
    )


def bullet_list(items: list[str], ctx: Ctx, *, numbered: bool = False) -> ft.Column:
    rows: list[ft.Control] = []
    for i, text in enumerate(items, start=1):
        mark = f"{i}." if numbered else "•"
        rows.append(
            ft.Row(
                controls=[
                    ft.Text(mark, theme_style=ft.TextThemeStyle.BODY_LARGE, color=ctx.colors.on_surface),
                    ft.Text(text, theme_style=ft.TextThemeStyle.BODY_LARGE, color=ctx.colors.on_surface, expand=True),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
                spacing=8,
            )
        )
    return ft.Column(controls=rows, spacing=6)


def nav_button(
    label: str,
    icon: ft.IconData,
    identifier: str,
    on_click: Handler,
    *,
    filled: bool = False,
    font_fallback: list[str] | None = None,
) -> ft.Control:
    """A full-width button to another screen, with a stable identifier for tests and assistive tech
    (`font_fallback`: fonts for a label in several scripts)."""
    kind = ft.FilledButton if filled else ft.OutlinedButton
    button = kind(
        content=ft.Text(label, text_align=ft.TextAlign.CENTER, font_family_fallback=font_fallback),
        icon=icon,
        on_click=on_click,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
    )
    return tap_target(identifier, button)


def go_to(ctx: Ctx, route: str) -> Handler:
    """A tap handler that only opens another screen."""

    async def go(_: ft.Event[Any]) -> None:
        await ctx.app.go(route)

    return go


def copy_button(
    ctx: Ctx,
    text: str,
    label: str,
    *,
    in_tap: bool = True,
    filled: bool = False,
    padded: bool = True,
    identifier: str | None = None,
) -> ft.Control:
    """A button that copies `text` and says so. With `in_tap` the text goes with the button and the tap itself
    copies it (Safari allows the clipboard only there); else it is sent when the button is tapped. With an
    `identifier` it comes as one node for screen readers (tap.tap_target)."""
    action = ctx.app.copy_action(text) if in_tap else None

    async def copy(_: ft.Event[Any]) -> None:
        await ctx.app.copy_text(text, copied_by_client=action is not None)

    kind = ft.FilledButton if filled else ft.OutlinedButton
    style = ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)) if padded else None
    button = kind(content=ft.Text(label), icon=ft.Icons.COPY, on_click=copy, action=action, style=style)
    return tap_target(identifier, button) if identifier else button
