"""Advice items and medicine guidance as cards; steps numbered, with their illustrations where the content has one."""

from __future__ import annotations

import flet as ft

from mobile_app.core.models import Advice, Guidance

from ..context import Ctx
from ..theme import GUIDANCE_ICONS
from .layout import card, heading, paragraph


def step_rows(ctx: Ctx, advice: Advice, *, images: bool) -> list[ft.Control]:
    rows: list[ft.Control] = []
    for i, step in enumerate(advice.steps, start=1):
        text = ctx.w(step.text)
        number = ft.Container(
            content=ft.Text(str(i), color=ctx.colors.on_primary, weight=ft.FontWeight.BOLD),
            bgcolor=ctx.colors.primary,
            border_radius=16,
            width=32,
            height=32,
            alignment=ft.Alignment.CENTER,
        )
        line = ft.Row(
            controls=[number, ft.Text(text, theme_style=ft.TextThemeStyle.BODY_LARGE, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=12,
        )
        parts: list[ft.Control] = [line]
        if images and step.image:
            parts.append(
                ft.Image(
                    src=step.image,
                    semantics_label=text,
                    fit=ft.BoxFit.CONTAIN,
                    width=320,
                    border_radius=12,
                )
            )
        rows.append(ft.Column(controls=parts, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.CENTER))
    return rows


def advice_card(ctx: Ctx, advice: Advice, *, images: bool = False) -> ft.Control:
    body: list[ft.Control] = [heading(ctx.w(advice.title), size="small"), paragraph(ctx.w(advice.text), ctx)]
    body += step_rows(ctx, advice, images=images)
    return ft.Semantics(identifier=f"advice-{advice.id}", content=card(ctx, body), container=True)


def guidance_row(ctx: Ctx, g: Guidance) -> ft.Control:
    icon_color = {
        "may_help": ctx.colors.levels["self_care"].accent,
        "avoid": ctx.colors.levels["emergency"].accent,
        "caution": ctx.colors.levels["urgent"].accent,
        "info": ctx.colors.levels["soon"].accent,
    }[g.kind]
    row = ft.Row(
        controls=[
            ft.Icon(GUIDANCE_ICONS[g.kind], color=icon_color),
            ft.Text(ctx.w(g.text), theme_style=ft.TextThemeStyle.BODY_LARGE, expand=True),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=10,
    )
    return ft.Semantics(identifier=f"guidance-{g.id}", content=row, container=True)
