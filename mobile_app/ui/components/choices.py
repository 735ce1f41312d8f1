"""Big tappable choices (one of several, or several) that restyle in place, and confirmation dialogs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from ..context import Ctx, Handler
from .tap import one_node, tap_target

CHOICE_PADDING = ft.Padding.symmetric(horizontal=14, vertical=14)
"""With the label this makes every choice at least 48 px tall."""


@dataclass
class Choice:
    value: object
    semantics: ft.Semantics
    button: ft.OutlinedButton


@dataclass
class ChoiceGroup:
    """Buttons of one question of a form. `refresh(selected)` shows the chosen ones: filled, with a check mark
    (never colour alone), and selected for screen readers. Nothing is rebuilt, so scroll and focus stay."""

    ctx: Ctx
    choices: list[Choice] = field(default_factory=list)
    check_mark: bool = True

    def add(
        self,
        value: object,
        label: str,
        identifier: str,
        on_pick: Callable[[object], Awaitable[None]],
        *,
        semantics_label: str | None = None,
        square: float | None = None,
    ) -> ft.Control:
        """A choice; `semantics_label`: what screen readers say instead of the words on it (it must hold them)."""

        async def click(_: ft.Event[ft.OutlinedButton]) -> None:
            await on_pick(value)

        button = ft.OutlinedButton(
            content=ft.Text(
                label, text_align=ft.TextAlign.CENTER, size=18 if square else None, semantics_label=semantics_label
            ),
            on_click=click,
            width=square,
            height=square,
        )
        sem = ft.Semantics(identifier=identifier, content=button, selected=False)
        self.choices.append(Choice(value, sem, button))
        return one_node(sem)

    def refresh(self, selected: object) -> None:
        chosen = selected if isinstance(selected, (list, tuple, set)) else [selected]
        c = self.ctx.colors
        for ch in self.choices:
            on = any(type(ch.value) is type(x) and ch.value == x for x in chosen)
            ch.semantics.selected = on
            square = ch.button.width is not None
            ch.button.icon = (
                ft.Icon(ft.Icons.CHECK, color=c.on_primary) if on and self.check_mark and not square else None
            )
            ch.button.style = ft.ButtonStyle(
                padding=ft.Padding.all(0) if square else CHOICE_PADDING,
                bgcolor=c.primary if on else c.surface,
                color=c.on_primary if on else c.primary,
                side=ft.BorderSide(3 if on else 1, c.primary if on else c.outline),
                shape=ft.RoundedRectangleBorder(radius=10),
            )


def confirm_dialog(
    ctx: Ctx,
    *,
    identifier: str,
    title: str,
    text: str,
    confirm: str,
    on_confirm: Callable[[], Awaitable[None]],
) -> ft.AlertDialog:
    """Ask before something that cannot be undone. Cancel is the safe default; the confirm button is red."""

    async def yes(_: ft.Event[ft.Button]) -> None:
        await on_confirm()

    def no(_: ft.Event[ft.TextButton]) -> None:
        ctx.app.close_dialog()

    danger = ctx.colors.levels["emergency"]
    return ft.AlertDialog(
        modal=True,
        title=ft.Text(title),
        content=ft.Text(text),
        actions=[
            tap_target(f"{identifier}-cancel", ft.TextButton(content=ft.Text(ctx.tr.t("Cancel")), on_click=no)),
            tap_target(
                f"{identifier}-confirm",
                ft.FilledButton(
                    content=ft.Text(confirm),
                    icon=ft.Icon(ft.Icons.DELETE_OUTLINE, color=danger.on_accent),
                    on_click=yes,
                    style=ft.ButtonStyle(bgcolor=danger.accent, color=danger.on_accent),
                ),
            ),
        ],
        semantics_label=title,
    )


def ask_first(
    ctx: Ctx,
    *,
    identifier: str,
    title: str,
    text: str,
    confirm: str,
    on_confirm: Callable[[], Awaitable[None]],
) -> Handler:
    """A tap handler that asks (confirm_dialog) before something that cannot be undone."""

    async def ask(_: ft.Event[Any]) -> None:
        ctx.app.show_dialog(
            confirm_dialog(ctx, identifier=identifier, title=title, text=text, confirm=confirm, on_confirm=on_confirm)
        )

    return ask


def pick_row(ctx: Ctx, identifier: str, content: ft.Control, *, chosen: bool, on_click: Handler) -> ft.Control:
    """A full-width row of a list to pick one from and leave (countries, languages): the chosen one filled, with a
    check mark (never colour alone), and selected for screen readers. Texts in `content` take their colours from
    `pick_text_color`."""
    c = ctx.colors
    button = ft.OutlinedButton(
        content=content,
        icon=ft.Icon(ft.Icons.CHECK, color=c.on_primary_container) if chosen else None,
        on_click=on_click,
        style=ft.ButtonStyle(
            padding=ft.Padding.symmetric(horizontal=16, vertical=14),
            bgcolor=c.primary_container if chosen else c.surface,
            side=ft.BorderSide(2 if chosen else 1, c.primary if chosen else c.outline),
            shape=ft.RoundedRectangleBorder(radius=12),
        ),
    )
    return tap_target(identifier, button, selected=chosen)


def pick_text_color(ctx: Ctx, chosen: bool, *, muted: bool = False) -> str:
    """The colour of a text in a `pick_row`: readable on the chosen row's fill, muted for a second line."""
    c = ctx.colors
    return c.on_primary_container if chosen else c.on_surface_variant if muted else c.on_surface
