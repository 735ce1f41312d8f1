"""The result: the level in words with icon and colour, what to do now, why, what to check again, and advice."""

from __future__ import annotations

import flet as ft

from mobile_app.core.engine import Assessment
from mobile_app.followup.labels import level_word

from .. import routes
from ..components.advice import advice_card, guidance_row
from ..components.call import emergency_call_button, line_call_button
from ..components.layout import bullet_list, card, go_to, heading, nav_button, paragraph, screen
from ..components.level import level_card, level_info, level_text
from ..components.notes import review_note
from ..components.tap import tap_target
from ..context import Ctx
from .home_care import home_care_allowed

SAFETY_NET = "safety_net"


def _urgent_line(ctx: Ctx) -> list[ft.Control]:
    line = ctx.country.urgent_line
    if line is None:
        return []
    if line.kind == "nurse_line":
        label = ctx.tr.t("Call the nurse line: {number}", {"number": line.number})
    else:
        label = ctx.tr.t("Call the medical help line: {number}", {"number": line.number})
    return [line_call_button(ctx, line.number, label)]


def _top(ctx: Ctx, a: Assessment) -> list[ft.Control]:
    info = level_info(ctx, a.level)
    action = ctx.w(ctx.content.advice.go_to_ed_action if a.go_to_ed else info.action)
    # Emergency signs the person was unsure of come before the level itself: "if yes, call now" leads.
    out: list[ft.Control] = [] if a.level == "emergency" else _unsure_emergency(ctx, a)
    out.append(level_card(ctx, a.level, [level_text(ctx, a.level, action)], identifier="result-level"))
    if a.level == "emergency":
        out.append(emergency_call_button(ctx, big=True))
    if info.where:
        out.append(card(ctx, [heading(ctx.tr.t("Where to go"), size="small"), paragraph(ctx.tr.t(info.where), ctx)]))
    if a.level == "urgent":
        out += _urgent_line(ctx)
    return out


def _why(ctx: Ctx, a: Assessment) -> list[ft.Control]:
    texts = [ctx.w(r.text) for r in a.reasons]
    return [
        ft.Semantics(
            identifier="result-reasons",
            content=card(ctx, [heading(ctx.tr.t("Why we say this"), size="small"), bullet_list(texts, ctx)]),
            container=True,
        )
    ]


def _unsure_emergency(ctx: Ctx, a: Assessment) -> list[ft.Control]:
    """Emergency signs the person was not sure about, at the top: a "yes" to any of them means calling now."""
    if not a.unsure_emergency:
        return []
    colors = ctx.colors.levels["emergency"]
    rows: list[ft.Control] = [
        heading(
            ctx.tr.t(
                "You were not sure about these. If the answer to any of them is yes, call {number} now.",
                {"number": ctx.country.emergency_number},
            ),
            size="small",
        )
    ]
    for fid in a.unsure_emergency:
        q = ctx.content.question_by_id[fid]
        rows.append(level_text(ctx, "emergency", f"• {ctx.w(q.text)}"))
    rows.append(emergency_call_button(ctx, identifier="call-if-unsure"))
    return [
        ft.Semantics(
            identifier="unsure-emergency",
            content=card(ctx, rows, bgcolor=colors.container, border=colors.accent),
            container=True,
        )
    ]


def _unsure(ctx: Ctx, a: Assessment) -> list[ft.Control]:
    later = [f for f in a.unsure_danger if a.level == "emergency" or f not in a.unsure_emergency]
    if not later:
        return []
    rows: list[ft.Control] = [heading(ctx.tr.t("Check these again"), size="small")]
    for fid in later:
        q = ctx.content.question_by_id[fid]
        rows.append(ft.Text(ctx.w(q.text), theme_style=ft.TextThemeStyle.TITLE_SMALL, weight=ft.FontWeight.W_600))
        advice = ctx.content.advice
        note = advice.unsure_check if a.level in ("soon", "self_care") else advice.unsure_check_seen
        rows.append(paragraph(ctx.w(note), ctx))
    colors = ctx.colors.levels["urgent"]
    return [
        ft.Semantics(
            identifier="check-again",
            content=card(ctx, rows, border=colors.accent),
            container=True,
        )
    ]


def _comparison(ctx: Ctx, a: Assessment) -> list[ft.Control]:
    """How this check compares with the one before (the follow-up core decides worse or better)."""
    tr = ctx.tr
    before = ctx.records.baseline(a)
    c = ctx.records.comparison(a, ctx.today)
    if before is None or c is None:
        return []
    if c.worse:
        title, icon, colors = tr.t("Worse than last time"), ft.Icons.TRENDING_UP, ctx.colors.levels["urgent"]
    elif c.better:
        title, icon, colors = tr.t("Better than last time"), ft.Icons.TRENDING_DOWN, ctx.colors.levels["self_care"]
    else:
        title, icon, colors = tr.t("About the same as last time"), ft.Icons.TRENDING_FLAT, ctx.colors.levels["soon"]
    rows: list[ft.Control] = [
        ft.Row(
            controls=[
                ft.Icon(icon, color=colors.accent),
                ft.Text(
                    title,
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    weight=ft.FontWeight.W_600,
                    color=colors.on_container,
                    expand=True,
                ),
            ]
        ),
        ft.Text(
            tr.t("Last check: {date}, {level}", {"date": tr.date(before.when), "level": level_word(tr, before.level)}),
            color=colors.on_container,
        ),
    ]
    if c.worse:
        new = [ctx.w(r.text) for r in a.reasons if r.rule_id in c.new_reasons]
        if new:
            rows.append(ft.Text(tr.t("New since last time:"), color=colors.on_container, weight=ft.FontWeight.W_600))
            rows += [level_text(ctx, "urgent", f"• {x}") for x in new]
    box = card(ctx, rows, bgcolor=colors.container, border=colors.accent)
    return [ft.Semantics(identifier="comparison", content=box, container=True, label=title)]


def _medicines(ctx: Ctx, a: Assessment, *, all_rows: bool = False) -> list[ft.Control]:
    notes = a.guidance_for(ctx.country.code)
    if all_rows:  # the diary's urgent result: every note here (the medicines screen is about the check)
        rows: list[ft.Control] = [heading(ctx.tr.t("Medicines"), size="small")]
        return [card(ctx, [*rows, *[guidance_row(ctx, g) for g in notes]])]
    avoid = [g for g in notes if g.kind == "avoid"]
    rows = [heading(ctx.tr.t("Medicines"), size="small")]
    rows += [guidance_row(ctx, g) for g in avoid]
    more = len(notes) - len(avoid)
    if more:
        if ctx.state.who == "caregiver":
            text = ctx.tr.ngettext(
                "There is {n} more note about medicines for them.",
                "There are {n} more notes about medicines for them.",
                more,
            )
        else:
            text = ctx.tr.ngettext(
                "There is {n} more note about medicines for you.",
                "There are {n} more notes about medicines for you.",
                more,
            )
        rows.append(paragraph(text.format(n=more), ctx, muted=True))

    open_medicines = go_to(ctx, routes.MEDICINES)

    async def ask(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.ask_medicine_questions()

    pending = len(a.medicine_questions)
    if pending:
        # Asked after the result (it never waits for them); until then the notes assume the safer answer.
        label = ctx.tr.ngettext(
            "Which pain medicines are safe for you? ({n} question)",
            "Which pain medicines are safe for you? ({n} questions)",
            pending,
        )
        rows.append(nav_button(label.format(n=pending), ft.Icons.QUIZ, "medicine-questions", ask))
    rows.append(
        nav_button(
            ctx.tr.t("Medicines: what may help, what to avoid"), ft.Icons.MEDICATION, "medicines", open_medicines
        )
    )
    return [card(ctx, rows)]


def _change(ctx: Ctx) -> list[ft.Control]:
    rows: list[ft.Control] = [heading(ctx.tr.t("Change an answer"), size="small")]
    for i, step in enumerate(ctx.state.steps):
        titles = " · ".join(dict.fromkeys(ctx.w(g.title) for g in step.groups))

        async def change(_: ft.Event[ft.TextButton], i: int = i) -> None:
            await ctx.app.change_answer(i)

        label = ctx.tr.t("Step {n}: {topics}", {"n": str(step.number), "topics": titles})
        rows.append(
            tap_target(
                f"change-answer-{i + 1}",
                ft.TextButton(
                    content=ft.Text(label), icon=ft.Icons.EDIT, on_click=change, style=ft.ButtonStyle(padding=12)
                ),
            )
        )
    return [card(ctx, rows)]


def _body(ctx: Ctx, a: Assessment, *, diary: bool = False) -> list[ft.Control]:
    """The result itself: level and action, why, what to check again, advice, medicines, safety net."""
    body: list[ft.Control] = [*_top(ctx, a)]
    if not diary:
        body += _comparison(ctx, a)
    body += [*review_note(ctx), *_why(ctx, a), *_unsure(ctx, a)]
    advice = [x for x in a.advice if x.topic != SAFETY_NET]
    safety = [x for x in a.advice if x.topic == SAFETY_NET]
    if advice:
        body.append(heading(ctx.tr.t("What you can do"), size="medium"))
        # The exercise plan is illustrated step by step, like the stretches (issue 21).
        body += [advice_card(ctx, x, images=x.topic == "exercise_therapy") for x in advice]
        if not diary and any(x.topic == "exercise_therapy" for x in advice):
            # A plan a person keeps: each session logged in the diary, beside the cramps (issue 21).
            log = go_to(ctx, routes.DIARY)
            label = ctx.tr.t("Log your exercise in the diary")
            body.append(nav_button(label, ft.Icons.EDIT_CALENDAR, "log-exercise-in-diary", log))
    body += _medicines(ctx, a, all_rows=diary)
    for x in safety:
        body.append(advice_card(ctx, x))
    return body


def build_diary(ctx: Ctx) -> ft.View:
    """The urgent result for a diary entry with a danger sign: the same result, then back to the diary."""
    tr = ctx.tr
    a = ctx.session.diary_result
    assert a is not None, "the diary result screen needs a result"
    intro = heading(tr.t("About the cramp you just logged"), size="medium")

    back = go_to(ctx, routes.DIARY)

    body = [intro, *_body(ctx, a, diary=True)]
    body.append(nav_button(tr.t("Back to the diary"), ft.Icons.ARROW_BACK, "back-to-diary", back))
    return screen(ctx, routes.DIARY_RESULT, tr.t("What to do"), body)


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    a = ctx.state.result
    assert a is not None, "the result screen needs a result"
    body = _body(ctx, a)

    go_home_care = go_to(ctx, routes.HOME_CARE)

    go_doctor = go_to(ctx, routes.DOCTOR)

    async def again(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.restart()

    if home_care_allowed(ctx, a.level):
        body.append(
            nav_button(tr.t("Home care: stretches and more"), ft.Icons.SELF_IMPROVEMENT, "home-care", go_home_care)
        )
    body.append(nav_button(tr.t("When to see a doctor"), ft.Icons.LOCAL_HOSPITAL, "when-to-see-doctor", go_doctor))

    go_diary = go_to(ctx, routes.DIARY)

    go_summary = go_to(ctx, routes.SUMMARY)

    body.append(nav_button(tr.t("Cramp diary"), ft.Icons.EDIT_CALENDAR, "open-diary", go_diary))
    body.append(nav_button(tr.t("Summary for a doctor"), ft.Icons.DESCRIPTION, "open-summary", go_summary))
    body += _change(ctx)
    body.append(nav_button(tr.t("Start again"), ft.Icons.REPLAY, "start-again", again))
    return screen(ctx, routes.RESULT, tr.t("What to do"), body)
