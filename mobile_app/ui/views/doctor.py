"""When to see a doctor: what each level means and where to go, when to have cramps reviewed, and danger signs."""

from __future__ import annotations

import flet as ft

from .. import routes
from ..components.advice import advice_card
from ..components.layout import heading, paragraph, screen
from ..components.level import level_card, level_text
from ..context import Ctx

REVIEW_IDS = ("review_if_cramps_persist", "get_help_at_once")


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [heading(tr.t("When to see a doctor"))]
    for li in ctx.content.advice.levels:
        parts: list[ft.Control] = [level_text(ctx, li.level, tr.t(li.meaning))]
        if li.where:
            parts.append(level_text(ctx, li.level, tr.t("Where: {place}", {"place": tr.t(li.where)})))
        body.append(level_card(ctx, li.level, parts, identifier=f"level-{li.level}"))
    by_id = {a.id: a for a in ctx.content.advice.advice}
    body += [advice_card(ctx, by_id[i]) for i in REVIEW_IDS if i in by_id]
    body.append(paragraph(tr.t("If you are worried, it is always fine to call a doctor or nurse."), ctx, muted=True))
    return screen(ctx, routes.DOCTOR, tr.t("When to see a doctor"), body)
