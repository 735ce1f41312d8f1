"""The screens, one module each; `screens.SCREENS` maps every route to its builder."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import flet as ft

    from ..context import Ctx


def build_view(ctx: Ctx, route: str) -> ft.View:
    """The screen for a route (screens.build_view: the route table imports every screen, so it is looked up here
    when called)."""
    from ..screens import build_view as build

    return build(ctx, route)
