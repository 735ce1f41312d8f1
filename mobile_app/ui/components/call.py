"""Buttons that dial a number with one tap: the tel: link is opened by the phone itself, with no round trip."""

from __future__ import annotations

import flet as ft

from mobile_app.core.models import OtherEmergencyNumber

from ..context import Ctx
from .tap import tap_target


def tel(number: str) -> str:
    return f"tel:{number}"


def other_number_text(ctx: Ctx, other: OtherEmergencyNumber) -> str:
    """Another emergency number and what it reaches ("You can also call 112 for police, fire or an ambulance")."""
    values = {"number": other.number}
    if other.kind == "all_services":
        return ctx.tr.t("You can also call {number} for police, fire or an ambulance", values)
    if other.kind == "from_mobiles":
        return ctx.tr.t("You can also call {number} from a mobile phone", values)
    if other.kind == "ambulance":
        return ctx.tr.t("You can also call {number} for an ambulance", values)
    return ctx.tr.t("You can also call {number} for fire and rescue (civil protection)", values)


def _other_numbers(ctx: Ctx, identifier: str) -> list[ft.Control]:
    """The country's other emergency numbers, each a small link that dials it, right under the call button."""
    out: list[ft.Control] = []
    for other in ctx.country.other_emergency_numbers:
        label = other_number_text(ctx, other)
        link = ft.TextButton(
            content=ft.Text(label, text_align=ft.TextAlign.CENTER),
            icon=ft.Icons.PHONE,
            url=tel(other.number),
            style=ft.ButtonStyle(color=ctx.colors.levels["emergency"].on_container, padding=12),
        )
        out.append(tap_target(f"{identifier}-also-{other.number}", link))
    return out


def emergency_call_button(ctx: Ctx, *, big: bool = False, identifier: str = "call-emergency-now") -> ft.Control:
    """Call the country's emergency number (the one that reaches an ambulance fastest there), with the country's
    other emergency numbers right under it. `url` makes the client dial inside the tap (works offline too).

    Screen readers say the words on the button ("Call 911 now" on the big one): what a person sees is what they hear
    (and what a voice control user says to tap it)."""
    number = ctx.country.emergency_number
    colors = ctx.colors.levels["emergency"]
    values = {"number": number}
    text = ctx.tr.t("Call {number} now", values) if big else ctx.tr.t("Emergency? Call {number}", values)
    button = ft.FilledButton(
        content=ft.Text(text, size=22 if big else 18, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
        icon=ft.Icon(ft.Icons.PHONE, color=colors.on_accent, size=28 if big else 22),
        url=tel(number),
        style=ft.ButtonStyle(
            bgcolor=colors.accent,
            color=colors.on_accent,
            padding=ft.Padding.symmetric(horizontal=20, vertical=22 if big else 16),
            shape=ft.RoundedRectangleBorder(radius=12),
        ),
    )
    call = tap_target(identifier, button)
    others = _other_numbers(ctx, identifier)
    if not others:
        return call
    return ft.Column(
        controls=[call, *others],
        spacing=0,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def app_bar_call_button(ctx: Ctx) -> ft.Control:
    """The compact call button that stays in the app bar on every screen. It shows the number alone, and screen
    readers say "Emergency? Call 911": the name holds the words on it."""
    number = ctx.country.emergency_number
    colors = ctx.colors.levels["emergency"]
    label = ctx.tr.t("Emergency? Call {number}", {"number": number})
    button = ft.FilledButton(
        content=ft.Text(number, weight=ft.FontWeight.BOLD, semantics_label=label),
        icon=ft.Icon(ft.Icons.PHONE, color=colors.on_accent),
        url=tel(number),
        style=ft.ButtonStyle(
            bgcolor=colors.accent,
            color=colors.on_accent,
            padding=ft.Padding.symmetric(horizontal=12, vertical=12),
        ),
    )
    return tap_target(identifier="call-emergency", button=button)


def line_call_button(ctx: Ctx, number: str, label: str, identifier: str = "call-urgent-line") -> ft.Control:
    """Call a non-emergency line (a nurse line or a medical help line)."""
    button = ft.OutlinedButton(
        content=ft.Text(label, text_align=ft.TextAlign.CENTER),
        icon=ft.Icons.PHONE,
        url=tel(number),
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
    )
    return tap_target(identifier, button)
