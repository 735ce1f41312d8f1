"""Home care: calf stretches as illustrated steps, drinking, salts, heat cramps and care of a pulled muscle."""

from __future__ import annotations

import flet as ft

from mobile_app.core.engine import Assessment
from mobile_app.core.models import Advice

from .. import routes
from ..components.advice import advice_card
from ..components.layout import heading, paragraph, screen
from ..components.level import level_card, level_info, level_text
from ..context import Ctx

HOME_CARE_IDS = ("calf_stretch", "drink_enough", "replace_salts", "heat_cramp_care", "strain_care")
"""The advice items of this screen, in the order shown (content ids, never renamed)."""


def home_care_items(ctx: Ctx) -> list[Advice]:
    by_id = {a.id: a for a in ctx.content.advice.advice}
    return [by_id[i] for i in HOME_CARE_IDS if i in by_id]


def home_care_allowed(ctx: Ctx, level: str) -> bool:
    """Whether the content meant home care for results at this level (its items list the levels)."""
    return any(level in a.levels for a in home_care_items(ctx))


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [heading(tr.t("Home care"))]
    result = ctx.state.result
    if result is not None and not home_care_allowed(ctx, result.level):
        # The check said to get help: say that first, so home care is never mistaken for the answer.
        info = level_info(ctx, result.level)
        action = ctx.w(ctx.content.advice.go_to_ed_action if result.go_to_ed else info.action)
        body.append(level_card(ctx, result.level, [level_text(ctx, result.level, action)], identifier="result-level"))
        body.append(paragraph(tr.t("Do this first. The steps below are for cramps cared for at home."), ctx))
    else:
        body.append(paragraph(tr.t("Simple steps that help most cramps and sore muscles."), ctx, muted=True))
    fits, others = fitting_first(home_care_items(ctx), result)
    body += [advice_card(ctx, a, images=True) for a in fits]
    if fits and others:
        # What the answers did not point to (heat cramps after night cramps, a pulled muscle) waits one tap away.
        body.append(
            ft.Semantics(
                identifier="other-situations",
                container=True,
                content=ft.ExpansionTile(
                    title=ft.Text(tr.t("Other situations"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                    controls=[advice_card(ctx, a, images=True) for a in others],
                    tile_padding=ft.Padding.symmetric(horizontal=4),
                    min_tile_height=48,
                ),
            )
        )
    else:
        body += [advice_card(ctx, a, images=True) for a in others]
    return screen(ctx, routes.HOME_CARE, tr.t("Home care"), body)


def fitting_first(items: list[Advice], result: Assessment | None) -> tuple[list[Advice], list[Advice]]:
    """The home care the result chose for these answers, then the rest (all of it, in order, with no result)."""
    if result is None:
        return [], items
    chosen = {a.id for a in result.advice}
    return [a for a in items if a.id in chosen], [a for a in items if a.id not in chosen]
