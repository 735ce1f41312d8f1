"""Small notes: translation status, one-off notices, and a tinted box with an icon for any message."""

from __future__ import annotations

import flet as ft

from ..context import Ctx
from ..texts import review_status


def note_box(ctx: Ctx, icon: ft.IconData, text: str, *, identifier: str | None = None) -> ft.Control:
    box = ft.Container(
        content=ft.Row(
            controls=[
                ft.Icon(icon, color=ctx.colors.on_primary_container),
                ft.Text(text, color=ctx.colors.on_primary_container, expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        bgcolor=ctx.colors.primary_container,
        border_radius=12,
        padding=12,
    )
    return ft.Semantics(identifier=identifier, content=box, container=True) if identifier else box


def review_note(ctx: Ctx) -> list[ft.Control]:
    """The note shown while the chosen language is a draft translation."""
    if ctx.catalog_missing or review_status(ctx.content, ctx.state.lang) != "drafted":
        return []
    text = ctx.tr.t("This translation has not been checked by a clinician yet.")
    return [note_box(ctx, ft.Icons.TRANSLATE, text, identifier="translation-review-note")]


def translation_notes(ctx: Ctx) -> list[ft.Control]:
    """Say so when the language is not available yet, or when some text on the screen is still in English."""
    if ctx.catalog_missing:
        # No catalog at all: this note is necessarily in English.
        text = "This language is not available yet, so the app is shown in English."
        return [note_box(ctx, ft.Icons.TRANSLATE, text, identifier="translation-missing-note")]
    if ctx.tr.missing:
        text = ctx.tr.t("Some text is not yet translated and is shown in English.")
        return [note_box(ctx, ft.Icons.TRANSLATE, text, identifier="translation-partial-note")]
    return []


def notice(ctx: Ctx) -> list[ft.Control]:
    """A one-off message after restoring or clearing the stored check."""
    if ctx.notice == "restore_failed":
        text = ctx.tr.t("We could not restore your last check, so it was cleared. Please start again.")
        return [note_box(ctx, ft.Icons.INFO_OUTLINE, text, identifier="restore-failed-note")]
    if ctx.notice == "cleared":
        text = ctx.tr.t("Your answers have been cleared from this device.")
        return [note_box(ctx, ft.Icons.INFO_OUTLINE, text, identifier="cleared-note")]
    return []
