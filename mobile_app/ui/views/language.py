"""Language: every app language in its own name (and in the current language), with its review status."""

from __future__ import annotations

import flet as ft

from .. import routes
from ..components.choices import pick_row, pick_text_color
from ..components.layout import heading, paragraph, screen
from ..context import Ctx
from ..fonts import LANGUAGE_NAME_FALLBACK
from ..texts import language_label, language_names, review_text


def _row(ctx: Ctx, code: str, name: str) -> ft.Control:
    chosen = code == ctx.state.lang

    async def pick(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.choose_language(code)
        await ctx.app.go(routes.START)

    content = ft.Row(
        controls=[
            ft.Column(
                controls=[
                    # Every language's own name in its own script, whatever the current language's font is.
                    ft.Text(
                        language_label(code, name, ctx.state.lang),
                        font_family_fallback=LANGUAGE_NAME_FALLBACK,
                        color=pick_text_color(ctx, chosen),
                        theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    ),
                    ft.Text(review_text(ctx.tr, ctx.content, code), color=pick_text_color(ctx, chosen, muted=True)),
                ],
                spacing=2,
                horizontal_alignment=ft.CrossAxisAlignment.START,
                expand=True,
            ),
        ],
    )
    return pick_row(ctx, f"language-{code}", content, chosen=chosen, on_click=pick)


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [
        heading(tr.t("Language")),
        paragraph(tr.t("The app's questions and advice are shown in this language."), ctx, muted=True),
        *[_row(ctx, code, name) for code, name in language_names()],
    ]
    return screen(ctx, routes.LANGUAGE, tr.t("Language"), body)
