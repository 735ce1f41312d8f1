"""About: intended purpose, privacy, content version and review, sources, and each translation's status."""

from __future__ import annotations

import flet as ft

from .. import routes
from ..components.layout import bullet_list, card, go_to, heading, nav_button, paragraph, screen
from ..context import Ctx
from ..texts import language_names, review_text


def review_sentence(ctx: Ctx) -> str:
    """Whether a clinician has checked the content: who (a role, never a name), when, and which version."""
    tr, review = ctx.tr, ctx.content.meta.review
    if review.by is None or review.on is None:
        return tr.t(
            "A clinician has not checked this content yet. It is a draft by our team, based on the sources listed."
        )
    return tr.t(
        "Checked by a {by} on {date} (content version {version}).",
        {"by": tr.t(review.by), "date": tr.date(review.on), "version": review.content_version},
    )


def sources_shown(ctx: Ctx) -> list[str]:
    """The clinical sources, and the sources of the chosen country only (not every other country's numbers)."""
    c = ctx.content
    clinical = {k for r in c.rules.rules for k in r.sources} | set(c.rules.fallback.sources)
    clinical |= {k for a in c.advice.advice for k in a.sources}
    clinical |= {k for g in c.medicines.guidance for k in g.sources}
    clinical |= {k for m in c.medicines.medicines for k in m.sources}
    elsewhere = {k for country in c.countries.countries for k in country.sources} - clinical - set(ctx.country.sources)
    return [text for key, text in c.meta.sources.items() if key not in elsewhere]


def build(ctx: Ctx) -> ft.View:
    tr, meta = ctx.tr, ctx.content.meta

    open_clinic = go_to(ctx, routes.CLINIC)

    languages = [f"{name}: {review_text(ctx.tr, ctx.content, code)}" for code, name in language_names()]
    body: list[ft.Control] = [
        heading(tr.t("About this app")),
        card(ctx, [heading(tr.t("What this app is for"), size="small"), paragraph(tr.t(meta.intended_purpose), ctx)]),
        ft.Semantics(
            identifier="privacy",
            content=card(
                ctx,
                [
                    heading(tr.t("Privacy"), size="small"),
                    paragraph(tr.t("Your answers stay on this device."), ctx),
                    paragraph(tr.t("There is no account, and nothing you enter is sent anywhere."), ctx),
                ],
            ),
            container=True,
        ),
        card(
            ctx,
            [
                heading(tr.t("Content"), size="small"),
                paragraph(tr.t("Version {version}", {"version": meta.content_version}), ctx),
                paragraph(review_sentence(ctx), ctx),
            ],
        ),
        card(ctx, [heading(tr.t("Translations"), size="small"), bullet_list(languages, ctx)]),
        card(ctx, [heading(tr.t("Sources"), size="small"), bullet_list(sources_shown(ctx), ctx)]),
        card(
            ctx,
            [
                heading(tr.t("For clinics"), size="small"),
                paragraph(tr.t("Make a link and a printed handout that open this app for your patients."), ctx),
                nav_button(tr.t("Tools for clinics"), ft.Icons.LOCAL_HOSPITAL, "open-clinic-tools", open_clinic),
            ],
        ),
    ]
    return screen(ctx, routes.ABOUT, tr.t("About"), body)
