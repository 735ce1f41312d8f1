"""Summary for a doctor: the check and the diary in plain text, in the person's language and optionally the
doctor's; copy it, share it (phone app), or save it as a PDF on the country's paper size."""

from __future__ import annotations

import flet as ft

from mobile_app.followup.report import paper_for, summary_text

from .. import routes
from ..components.layout import card, copy_button, go_to, heading, nav_button, paragraph, screen
from ..components.tap import tap_target
from ..context import Ctx
from ..fonts import LANGUAGE_NAME_FALLBACK, font_family_for
from ..summaries import make_summaries
from ..texts import language_label, language_names
from .diary import flash


def _second_language(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr
    c = ctx.colors
    chips: list[ft.Control] = []
    options = [(None, tr.t("No second language"))] + [
        (code, language_label(code, name, ctx.state.lang)) for code, name in language_names() if code != ctx.state.lang
    ]
    for code, label in options:
        chosen = code == ctx.session.summary_lang

        async def pick(_: ft.Event[ft.OutlinedButton], code: str | None = code) -> None:
            await ctx.app.summary.set_language(code)

        button = ft.OutlinedButton(
            content=ft.Text(label, font_family_fallback=LANGUAGE_NAME_FALLBACK),
            icon=ft.Icon(ft.Icons.CHECK, color=c.on_primary_container) if chosen else None,
            on_click=pick,
            style=ft.ButtonStyle(
                padding=ft.Padding.symmetric(horizontal=14, vertical=14),
                bgcolor=c.primary_container if chosen else c.surface,
                color=c.on_primary_container if chosen else c.primary,
                side=ft.BorderSide(2, c.primary if chosen else c.outline),
            ),
        )
        chips.append(
            tap_target(f"summary-language-{code or 'none'}", button, selected=chosen)
        )
    return [
        heading(tr.t("Add a language for the doctor"), size="small"),
        ft.Row(controls=chips, wrap=True, spacing=8, run_spacing=8),
    ]


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    summaries = make_summaries(ctx.state, ctx.records, ctx.session.summary_lang, ctx.today)
    text = summary_text(summaries)
    paper = paper_for(ctx.state.country)

    async def share(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.share_text(text)

    async def download(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.summary.download()

    open_diary = go_to(ctx, routes.DIARY)

    buttons: list[ft.Control] = [copy_button(ctx, text, tr.t("Copy the text"), filled=True, identifier="copy-summary")]
    if ctx.can_share:
        buttons.append(nav_button(tr.t("Share"), ft.Icons.SHARE, "share-summary", share))
    label = tr.t("Save as PDF (A4 paper)") if paper == "A4" else tr.t("Save as PDF (Letter paper)")
    buttons.append(nav_button(label, ft.Icons.PICTURE_AS_PDF, "download-summary", download))

    blocks: list[ft.Control] = []
    names = dict(language_names())
    for s in summaries:
        families = list(dict.fromkeys([font_family_for(s.lang), "NotoSans"]))
        # The text can be selected, so screen readers meet it as a text box: named by the screen, or by its language
        # when there are two.
        name = language_label(s.lang, names[s.lang], ctx.state.lang) if len(summaries) > 1 and s.lang in names else ""
        blocks.append(
            ft.Semantics(
                identifier=f"summary-text-{s.lang}",
                container=True,
                label=name or tr.t("Summary for a doctor"),
                content=ft.Container(
                    content=ft.Text(summary_text([s]).strip(), selectable=True, font_family_fallback=families),
                    rtl=s.rtl,
                    bgcolor=ctx.colors.surface_container,
                    border_radius=12,
                    padding=16,
                ),
            )
        )
    body: list[ft.Control] = [
        *flash(ctx),
        heading(tr.t("Summary for a doctor")),
        paragraph(
            tr.t("Show it to your doctor, or send it yourself. The app sends nothing anywhere."), ctx, muted=True
        ),
        *_second_language(ctx),
        *buttons,
        *blocks,
        card(
            ctx,
            [
                paragraph(tr.t("The summary has the cramp diary of the person picked in the diary."), ctx),
                nav_button(tr.t("Cramp diary"), ft.Icons.EDIT_CALENDAR, "open-diary", open_diary),
            ],
        ),
    ]
    return screen(ctx, routes.SUMMARY, tr.t("Summary for a doctor"), body)
