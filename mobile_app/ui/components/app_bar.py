"""The app bar of every screen: back, the screen's name, and the emergency call always in reach."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from ..context import Ctx
from .call import app_bar_call_button
from .tap import tap_target


def app_bar(ctx: Ctx, title: str, back_from: str | Callable[[], str] | None) -> ft.AppBar:
    """`back_from`: the screen's route (or how to get it, for a screen that shows several routes)."""
    leading = None
    if back_from is not None:

        async def on_back(_: ft.Event[ft.IconButton]) -> None:
            await ctx.app.back(back_from if isinstance(back_from, str) else back_from())

        # The tooltip names the arrow; one node with its identifier, so the name is on the button itself.
        leading = tap_target(
            "back-button", ft.IconButton(icon=ft.Icons.ARROW_BACK, tooltip=ctx.tr.t("Back"), on_click=on_back)
        )
    return ft.AppBar(
        leading=leading,
        automatically_imply_leading=False,
        title=ft.Text(title, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
        actions=[ft.Container(content=app_bar_call_button(ctx), padding=ft.Padding.only(right=8, left=8))],
        bgcolor=ctx.colors.surface_container,
        color=ctx.colors.on_surface,
    )
