"""Medicines: the personal guidance of the result, grouped (may help, avoid, be careful, good to know)."""

from __future__ import annotations

import flet as ft

from mobile_app.core.engine import for_country
from mobile_app.core.models import Guidance

from .. import routes
from ..components.advice import guidance_row
from ..components.layout import card, heading, paragraph, screen
from ..components.level import level_card, level_info, level_text
from ..context import Ctx


def general_guidance(ctx: Ctx) -> list[Guidance]:
    """Without a finished check: the items that hold for everyone (no condition, and meant for home care too)."""
    every = [g for g in ctx.content.medicines.guidance if g.when is None and "self_care" in g.levels]
    return list(for_country(every, ctx.country.code))


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    result = ctx.state.result
    body: list[ft.Control] = [heading(tr.t("Medicines"))]
    if result is None:
        items = general_guidance(ctx)
        body.append(paragraph(tr.t("General notes. Finish the check to see notes that fit you."), ctx, muted=True))
    else:
        items = list(result.guidance_for(ctx.country.code))
        if result.level in ("emergency", "urgent"):
            info = level_info(ctx, result.level)
            action = ctx.w(ctx.content.advice.go_to_ed_action if result.go_to_ed else info.action)
            body.append(
                level_card(ctx, result.level, [level_text(ctx, result.level, action)], identifier="result-level")
            )
        body.append(paragraph(tr.t("Based on your answers."), ctx, muted=True))
    groups = [
        ("may_help", tr.t("May help")),
        ("avoid", tr.t("Avoid")),
        ("caution", tr.t("Be careful")),
        ("info", tr.t("Good to know")),
    ]
    for kind, title in groups:
        rows = [guidance_row(ctx, g) for g in items if g.kind == kind]
        if rows:
            body.append(
                ft.Semantics(
                    identifier=f"guidance-group-{kind}",
                    content=card(ctx, [heading(title, size="small"), *rows]),
                    container=True,
                )
            )
    body.append(paragraph(tr.t("Ask a pharmacist if you are not sure a medicine is safe for you."), ctx))
    return screen(ctx, routes.MEDICINES, tr.t("Medicines"), body)
