"""Start screen: language and country, what the app is and is not, the emergency number, and the way in."""

from __future__ import annotations

import flet as ft
from babel import Locale

from .. import routes
from ..components.call import emergency_call_button
from ..components.layout import card, heading, nav_button, paragraph, screen
from ..components.notes import notice, review_note
from ..context import Ctx
from ..fonts import LANGUAGE_NAME_FALLBACK
from ..texts import country_name, language_names


def _label(code: str, own_name: str, ui_lang: str) -> str:
    """The language's own name, and its name in the current language when that differs ("العربية · Arabic").

    The second name stays readable when the device lacks a font for the first one's script.
    """
    local = Locale.parse(ui_lang).languages.get(code.split("_")[0], "")
    if not local or local.casefold() in own_name.casefold():
        return own_name
    return f"{own_name} · {local[:1].upper()}{local[1:]}"


def _language_picker(ctx: Ctx) -> ft.Control:
    chips: list[ft.Control] = []
    for code, name in language_names():
        chosen = code == ctx.state.lang

        async def pick(_: ft.Event[ft.OutlinedButton], code: str = code) -> None:
            await ctx.app.choose_language(code)

        c = ctx.colors
        button = ft.OutlinedButton(
            # Every language's own name in its own script, whatever the current language's font is.
            content=ft.Text(
                _label(code, name, ctx.state.lang), font_family_fallback=[*LANGUAGE_NAME_FALLBACK, "NotoSans"]
            ),
            icon=ft.Icon(ft.Icons.CHECK, color=c.on_primary_container) if chosen else None,
            on_click=pick,
            style=ft.ButtonStyle(
                padding=ft.Padding.symmetric(horizontal=14, vertical=14),
                bgcolor=c.primary_container if chosen else c.surface,
                color=c.on_primary_container if chosen else c.primary,
                side=ft.BorderSide(2, c.primary if chosen else c.outline),
            ),
        )
        chips.append(ft.Semantics(identifier=f"language-{code}", content=button, button=True, selected=chosen))
    return ft.Row(controls=chips, wrap=True, spacing=8, run_spacing=8)


def _expand(text: ft.Text) -> ft.Text:
    text.expand = True
    return text


def _country_row(ctx: Ctx) -> ft.Control:
    async def change(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.go(routes.COUNTRY)

    name = country_name(ctx.state.country, ctx.state.lang)
    text = ctx.tr.t("{country} (emergency number {number})", {"country": name, "number": ctx.country.emergency_number})
    return card(
        ctx,
        [
            ft.Row(
                controls=[ft.Icon(ft.Icons.PUBLIC, color=ctx.colors.primary), _expand(paragraph(text, ctx))],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            nav_button(ctx.tr.t("Change country"), ft.Icons.EDIT, "country-picker", change),
        ],
    )


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [
        *notice(ctx),
        heading(tr.t("Calf pain or leg cramps?")),
        paragraph(
            tr.t(
                "A self-check for calf pain and leg cramps. It helps you decide what to do now, for you or "
                "someone you care for. It does not diagnose and does not replace a doctor."
            ),
            ctx,
        ),
        emergency_call_button(ctx),
        heading(tr.t("Language"), size="small"),
        _language_picker(ctx),
        *review_note(ctx),
        heading(tr.t("Where are you?"), size="small"),
        _country_row(ctx),
    ]
    if ctx.state.in_progress:

        async def resume(_: ft.Event[ft.FilledButton]) -> None:
            await ctx.app.go(routes.position(ctx.state))

        async def again(_: ft.Event[ft.OutlinedButton]) -> None:
            await ctx.app.restart()

        body += [
            nav_button(tr.t("Continue my check"), ft.Icons.ARROW_FORWARD, "continue-button", resume, filled=True),
            nav_button(tr.t("Start again"), ft.Icons.REPLAY, "start-again", again),
        ]
    else:

        async def start(_: ft.Event[ft.FilledButton]) -> None:
            await ctx.app.start_check()

        body.append(nav_button(tr.t("Start the check"), ft.Icons.ARROW_FORWARD, "start-button", start, filled=True))

    async def open_about(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.go(routes.ABOUT)

    async def open_doctor(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.go(routes.DOCTOR)

    body += [
        nav_button(tr.t("When to see a doctor"), ft.Icons.LOCAL_HOSPITAL, "when-to-see-doctor", open_doctor),
        nav_button(tr.t("About this app"), ft.Icons.INFO_OUTLINE, "about", open_about),
    ]
    if ctx.state.in_progress:

        async def clear(_: ft.Event[ft.TextButton]) -> None:
            await ctx.app.clear_answers()

        body.append(
            ft.Semantics(
                identifier="clear-answers",
                content=ft.TextButton(
                    content=ft.Text(tr.t("Clear my answers")), icon=ft.Icons.DELETE_OUTLINE, on_click=clear
                ),
                button=True,
            )
        )
    return screen(ctx, routes.START, "Calf Check", body, back=False)
