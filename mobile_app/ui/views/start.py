"""Start screen: language and country, what the app is and is not, the emergency number, and the way in."""

from __future__ import annotations

import flet as ft

from mobile_app.core.i18n import Translator, display_name
from mobile_app.followup.labels import level_word

from .. import routes
from ..components.call import emergency_call_button, line_call_button
from ..components.layout import card, go_to, heading, nav_button, paragraph, screen
from ..components.notes import note_box, notice, review_note
from ..components.tap import tap_target
from ..context import Ctx
from ..fonts import DEFAULT_FAMILY, LANGUAGE_NAME_FALLBACK, font_family_for
from ..texts import country_name, languages_label, link_error_text, open_translator


def _language_row(ctx: Ctx) -> ft.Control:
    """The language in use, and the way to the others: a button saying "Language" in every app language."""

    change = go_to(ctx, routes.LANGUAGE)

    return card(
        ctx,
        [
            ft.Row(
                controls=[
                    ft.Icon(ft.Icons.TRANSLATE, color=ctx.colors.primary),
                    _expand(paragraph(display_name(ctx.state.lang), ctx)),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            nav_button(
                languages_label(),
                ft.Icons.EDIT,
                "language-picker",
                change,
                font_fallback=LANGUAGE_NAME_FALLBACK,
            ),
        ],
    )


def _expand(text: ft.Text) -> ft.Text:
    text.expand = True
    return text


def _country_row(ctx: Ctx) -> ft.Control:
    change = go_to(ctx, routes.COUNTRY)

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


def _link_translator(ctx: Ctx) -> Translator:
    """The refused link's own language when it asked for a valid one (a Spanish link, an English phone), else the
    app's."""
    lang = ctx.session.link_error_lang
    if lang is None or lang == ctx.tr.lang:
        return ctx.tr
    return open_translator(lang)[0]


def _link_error(ctx: Ctx) -> list[ft.Control]:
    """A clinic link that was refused: which setting was wrong (as plain text, never the value)."""
    if ctx.session.link_error is None:
        return []
    tr = _link_translator(ctx)
    row = ft.Row(
        controls=[
            ft.Icon(ft.Icons.LINK_OFF, color=ctx.colors.error),
            ft.Text(
                link_error_text(tr, ctx.session.link_error),
                color=ctx.colors.on_surface,
                expand=True,
                # In the link's language, maybe not the screen's: its script's font (registered: Ctx.extra_langs).
                font_family=font_family_for(tr.lang),
                font_family_fallback=[DEFAULT_FAMILY],
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    # Laid out in the message's own direction: an Arabic message on an English screen reads from the right (and a
    # Spanish one on an Arabic screen from the left), issue 14.
    box = card(ctx, [ft.Container(content=row, rtl=tr.rtl)], border=ctx.colors.error)
    return [ft.Semantics(identifier="link-error", content=box, container=True, live_region=True)]


def _clinic(ctx: Ctx) -> list[ft.Control]:
    """The clinic whose link opened the app: its name and a button to call it."""
    clinic = ctx.records.clinic
    if clinic is None:
        return []
    tr = ctx.tr
    rows: list[ft.Control] = []
    if clinic.clinic:
        rows.append(
            ft.Semantics(
                identifier="clinic-recommended",
                content=ft.Row(
                    controls=[
                        ft.Icon(ft.Icons.LOCAL_HOSPITAL, color=ctx.colors.primary),
                        _expand(paragraph(tr.t("Recommended by {clinic}", {"clinic": clinic.clinic}), ctx)),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                container=True,
            )
        )
    if clinic.phone:
        rows.append(line_call_button(ctx, clinic.phone, tr.t("Call the clinic"), identifier="call-clinic"))

    async def forget(_: ft.Event[ft.TextButton]) -> None:
        await ctx.app.clinic.forget()

    rows.append(
        tap_target(
            "forget-clinic", ft.TextButton(content=ft.Text(tr.t("Remove this clinic from the app")), on_click=forget)
        )
    )
    return [card(ctx, rows)]


def _follow_up(ctx: Ctx) -> list[ft.Control]:
    """The last check and its date, and the reminder to have cramps that keep coming back seen by a doctor."""
    tr = ctx.tr
    out: list[ft.Control] = []
    last = ctx.records.followup.last
    if ctx.records.followup_unreadable:
        text = tr.t("The date of your last check could not be read. It will be kept again after your next check.")
        out.append(note_box(ctx, ft.Icons.INFO_OUTLINE, text, identifier="followup-unreadable"))
    if last is not None:
        text = tr.t(
            "Your last check: {date}, {level}", {"date": tr.date(last.when), "level": level_word(tr, last.level)}
        )
        out.append(
            ft.Semantics(
                identifier="last-check",
                content=card(
                    ctx,
                    [
                        ft.Row(
                            controls=[
                                ft.Icon(ft.Icons.HISTORY, color=ctx.colors.primary),
                                _expand(paragraph(text, ctx)),
                            ]
                        )
                    ],
                ),
                container=True,
            )
        )
    reminder = ctx.records.review(ctx.today, ctx.content.followup)
    if reminder is not None:
        colors = ctx.colors.levels["soon"]
        if reminder.overdue:
            text = tr.t(
                "Cramps that keep coming back should be checked by a doctor. That was due by {date}: "
                "please make an appointment.",
                {"date": tr.date(reminder.review_by)},
            )
        else:
            text = tr.t(
                "Cramps that keep coming back should be checked by a doctor by {date}",
                {"date": tr.date(reminder.review_by)},
            )
        row = ft.Row(
            controls=[
                ft.Icon(ft.Icons.EVENT, color=colors.accent),
                ft.Text(text, color=colors.on_container, expand=True, theme_style=ft.TextThemeStyle.BODY_LARGE),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        out.append(
            ft.Semantics(
                identifier="review-reminder",
                content=card(ctx, [row], bgcolor=colors.container, border=colors.accent),
                container=True,
            )
        )
    return out


def _kept_aside(ctx: Ctx) -> list[ft.Control]:
    """Stored data that could not be read when the app opened (issue 17): it was set aside, not lost, and not used."""
    if not ctx.records.kept_aside:
        return []
    text = ctx.tr.t(
        "Some saved data could not be read. It is kept aside in the cramp diary, where you can copy it or delete it."
    )
    return [note_box(ctx, ft.Icons.INFO_OUTLINE, text, identifier="kept-aside-note")]


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [
        *notice(ctx),
        *_kept_aside(ctx),
        *_link_error(ctx),
        heading(tr.t("Calf pain or leg cramps?")),
        paragraph(
            tr.t(
                "A self-check for calf pain and leg cramps. It helps you decide what to do now, for you or "
                "someone you care for. It does not diagnose and does not replace a doctor."
            ),
            ctx,
        ),
        *_clinic(ctx),
        emergency_call_button(ctx),
    ]
    # The way in comes right after the emergency number, above the fold of a small phone; language and country
    # are preselected from the device and can be changed below (each has a screen of its own).
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

    body += [_language_row(ctx), *review_note(ctx), _country_row(ctx)]

    open_about = go_to(ctx, routes.ABOUT)

    open_diary = go_to(ctx, routes.DIARY)

    open_summary = go_to(ctx, routes.SUMMARY)

    open_doctor = go_to(ctx, routes.DOCTOR)

    body += [
        *_follow_up(ctx),
        nav_button(tr.t("Cramp diary"), ft.Icons.EDIT_CALENDAR, "open-diary", open_diary),
        nav_button(tr.t("Summary for a doctor"), ft.Icons.DESCRIPTION, "open-summary", open_summary),
        nav_button(tr.t("When to see a doctor"), ft.Icons.LOCAL_HOSPITAL, "when-to-see-doctor", open_doctor),
        nav_button(tr.t("About this app"), ft.Icons.INFO_OUTLINE, "about", open_about),
    ]
    if ctx.state.in_progress:

        async def clear(_: ft.Event[ft.TextButton]) -> None:
            await ctx.app.clear_answers()

        body.append(
            tap_target(
                "clear-answers",
                ft.TextButton(content=ft.Text(tr.t("Clear my answers")), icon=ft.Icons.DELETE_OUTLINE, on_click=clear),
            )
        )
    return screen(ctx, routes.START, "Calf Check", body, back=False)
