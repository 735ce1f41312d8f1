"""The cramp diary: whose diary, log a cramp in three taps (leg, pain, Save), log exercise in one (issue 21), the
charts, the entries and sessions, a file copy."""

from __future__ import annotations

import datetime as dt

import flet as ft

from mobile_app.followup.diary import (
    DURATIONS,
    HELPED,
    LEGS,
    MAX_NAME,
    MAX_NOTE,
    ME,
    SESSION_KINDS,
    Episode,
    ExerciseSession,
    Person,
    set_aside_text,
)
from mobile_app.followup.labels import duration_label, helped_label, leg_label, session_label
from mobile_app.followup.report import diary_text

from .. import routes
from ..components.charts import chart_legend, pain_chart, weekly_chart
from ..components.choices import ChoiceGroup, ask_first
from ..components.layout import card, copy_button, go_to, heading, nav_button, paragraph, screen
from ..components.notes import note_box
from ..components.tap import tap_target
from ..context import Ctx
from ..texts import when_text

PAIN_BUTTON = 48
COPY_IN_TAP_CHARS = 100_000
"""Each step of the 0-10 scale is a 48 px square: a thumb-sized target at 320 px wide too."""


def person_name(ctx: Ctx, person: Person) -> str:
    """ "Me" in the app language for the user; the name they typed for anyone else."""
    return ctx.tr.t("Me") if person.id == ME else person.name


def flash(ctx: Ctx) -> list[ft.Control]:
    """The message after an action (saved, deleted, imported), announced by screen readers. An exercise session just
    logged is said in the exercise card instead, beside its Undo."""
    if not ctx.flash or _undo(ctx) is not None:
        return []
    box = note_box(ctx, ft.Icons.CHECK_CIRCLE_OUTLINE, ctx.flash)
    return [ft.Semantics(identifier="flash", content=box, container=True, live_region=True)]


# ---------------------------------------------------------------- set aside


def _set_aside(ctx: Ctx) -> list[ft.Control]:
    items = ctx.records.set_aside
    if not items:
        return []
    tr = ctx.tr
    text = set_aside_text(items)
    # A short text goes with the button, so the tap itself copies it (Safari); a long one (a whole damaged diary)
    # is sent only when the button is tapped, not with every drawing of the diary.
    copy = copy_button(ctx, text, tr.t("Copy them as text"), in_tap=len(text) <= COPY_IN_TAP_CHARS, padded=False)
    delete = ask_first(
        ctx,
        identifier="confirm-set-aside",
        title=tr.t("Delete the entries that could not be read?"),
        text=tr.t("They cannot be read by this app, and deleting them cannot be undone."),
        confirm=tr.t("Delete them"),
        on_confirm=lambda: ctx.app.diary.discard_set_aside(),
    )
    warn = ctx.colors.levels["urgent"]
    delete_button = ft.TextButton(content=ft.Text(tr.t("Delete them")), icon=ft.Icons.DELETE_OUTLINE, on_click=delete)
    body: list[ft.Control] = [
        ft.Row(
            controls=[
                ft.Icon(ft.Icons.WARNING_AMBER, color=warn.accent),
                ft.Text(
                    tr.t("Some saved entries could not be read. They are kept aside."),
                    color=warn.on_container,
                    expand=True,
                    weight=ft.FontWeight.W_600,
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        ft.Text(
            tr.ngettext("{n} entry is kept aside.", "{n} entries are kept aside.", len(items)).format(
                n=tr.number(len(items))
            ),
            color=warn.on_container,
        ),
        ft.Row(
            controls=[
                tap_target("set-aside-copy", copy),
                tap_target("set-aside-delete", delete_button),
            ],
            wrap=True,
            spacing=8,
            run_spacing=8,
        ),
    ]
    return [
        ft.Semantics(
            identifier="set-aside-note",
            content=card(ctx, body, bgcolor=warn.container, border=warn.accent),
            container=True,
        )
    ]


# ---------------------------------------------------------------- people


def _add_person_dialog(ctx: Ctx) -> ft.AlertDialog:
    tr = ctx.tr
    field = ft.TextField(label=tr.t("Name"), max_length=MAX_NAME, autofocus=True)

    def refused() -> list[ft.Control]:
        field.error = tr.t("Type a name of 1 to {n} characters.", {"n": tr.number(MAX_NAME)})
        return [field]

    async def add(_: ft.Event[ft.Button]) -> None:
        await ctx.app.diary.add_person(field.value or "", refused)

    def cancel(_: ft.Event[ft.TextButton]) -> None:
        ctx.app.close_dialog()

    return ft.AlertDialog(
        modal=True,
        title=ft.Text(tr.t("Add someone you care for")),
        content=ft.Column(
            controls=[
                ft.Text(tr.t("Their cramps are kept in their own diary on this device.")),
                ft.Semantics(identifier="person-name", content=field),
            ],
            tight=True,
            spacing=12,
        ),
        actions=[
            tap_target(
                "add-person-cancel",
                ft.TextButton(content=ft.Text(tr.t("Cancel")), on_click=cancel),
            ),
            tap_target(
                "add-person-confirm",
                ft.FilledButton(content=ft.Text(tr.t("Add")), icon=ft.Icons.PERSON_ADD, on_click=add),
            ),
        ],
    )


def _people(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr
    group = ChoiceGroup(ctx)

    async def pick(person_id: object) -> None:
        await ctx.app.diary.choose_person(str(person_id))

    chips = [group.add(p.id, person_name(ctx, p), f"person-{p.id}", pick) for p in ctx.records.people]
    group.refresh(ctx.records.person)

    async def add(_: ft.Event[ft.TextButton]) -> None:
        ctx.app.show_dialog(_add_person_dialog(ctx))

    chips.append(
        tap_target(
            "add-person",
            ft.TextButton(
                content=ft.Text(tr.t("Add a person")),
                icon=ft.Icons.PERSON_ADD,
                on_click=add,
                style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=12, vertical=14)),
            ),
        )
    )
    return [
        heading(tr.t("Whose cramps?"), size="small"),
        ft.Row(controls=chips, wrap=True, spacing=8, run_spacing=8),
    ]


# ---------------------------------------------------------------- quick log


def _when(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr
    draft = ctx.records.draft
    now = ctx.now
    today = now.date()
    yesterday = today - dt.timedelta(days=1)
    chosen = draft.when
    kind = (
        "now"
        if chosen is None
        else "earlier"
        if chosen.date() == today
        else "yesterday"
        if chosen.date() == yesterday
        else "other"
    )

    def time_picker(day: dt.date) -> ft.TimePicker:
        async def picked(e: ft.Event[ft.TimePicker]) -> None:
            value = e.control.value
            if isinstance(value, dt.time):
                await ctx.app.diary.set_when(dt.datetime.combine(day, value.replace(second=0, microsecond=0)))

        start = chosen.time() if chosen is not None else now.time()
        return ft.TimePicker(
            value=start.replace(second=0, microsecond=0), on_change=picked, help_text=tr.t("What time?")
        )

    async def pick(value: object) -> None:
        if value == "now":
            await ctx.app.diary.set_when(None)
        elif value == "earlier":
            ctx.app.show_dialog(time_picker(today))
        elif value == "yesterday":
            ctx.app.show_dialog(time_picker(yesterday))
        else:

            async def day_picked(e: ft.Event[ft.DatePicker]) -> None:
                value = e.control.value
                if isinstance(value, dt.datetime):
                    ctx.app.show_dialog(time_picker(value.date()))

            ctx.app.show_dialog(
                ft.DatePicker(
                    value=dt.datetime.combine(chosen.date() if chosen else yesterday, dt.time()),
                    first_date=dt.datetime(now.year - 2, 1, 1),
                    last_date=dt.datetime.combine(today, dt.time()),
                    on_change=day_picked,
                    help_text=tr.t("Which day?"),
                )
            )

    group = ChoiceGroup(ctx)
    options = [
        ("now", tr.t("Now")),
        ("earlier", tr.t("Earlier today")),
        ("yesterday", tr.t("Yesterday")),
        ("other", tr.t("Another day")),
    ]
    chips = [group.add(v, label, f"when-{v}", pick) for v, label in options]
    group.refresh(kind)
    out: list[ft.Control] = [
        heading(tr.t("When?"), size="small"),
        ft.Row(controls=chips, wrap=True, spacing=8, run_spacing=8),
    ]
    if chosen is not None:
        out.append(
            ft.Semantics(
                identifier="when-chosen",
                content=paragraph(tr.t("Logged for {when}", {"when": when_text(tr, chosen)}), ctx),
            )
        )
    return out


class QuickLog:
    """The form: each tap changes the draft and restyles its own group. Save is never greyed out (a screen reader
    could go on hearing "disabled" after it turned on: hazard H29); until the leg and the pain are chosen a hint
    says so, and a tap on Save makes it stand out."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        tr = ctx.tr
        self.legs = ChoiceGroup(ctx)
        self.pain = ChoiceGroup(ctx)
        self.duration = ChoiceGroup(ctx)
        self.helped = ChoiceGroup(ctx)
        self.save = ft.FilledButton(
            content=ft.Text(tr.t("Save")),
            icon=ft.Icons.CHECK,
            on_click=self._save,
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=28, vertical=14)),
        )
        self.hint = ft.Text(
            tr.t("Choose the leg, how bad it was and how long it lasted."), color=ctx.colors.on_surface_variant
        )
        # What tells a person (and the browser tests) that Save is ready is this hint going away.
        self.hint_box = ft.Semantics(identifier="save-hint", content=self.hint, container=True)

    async def _leg(self, value: object) -> None:
        await self.ctx.app.diary.set_leg(str(value), self._restyled)

    async def _pain(self, value: object) -> None:
        await self.ctx.app.diary.set_pain(int(str(value)), self._restyled)

    async def _duration(self, value: object) -> None:
        await self.ctx.app.diary.set_duration(str(value), self._restyled)

    async def _helped(self, value: object) -> None:
        await self.ctx.app.diary.toggle_helped(str(value), self._restyled)

    def _restyled(self) -> list[ft.Control]:
        """The form after a choice: every group shows what is chosen, and the hint whether Save is ready."""
        self.refresh()
        groups = (self.legs, self.pain, self.duration, self.helped)
        return [*(c.semantics for g in groups for c in g.choices), self.hint_box]

    async def _save(self, _: ft.Event[ft.Button]) -> None:
        await self.ctx.app.diary.save_episode(self._unready)

    def _unready(self) -> list[ft.Control]:
        """Save tapped too early: the hint stands out (in the error colour, in bold) until the next choice."""
        self.hint_box.visible = True
        self.hint.color, self.hint.weight = self.ctx.colors.error, ft.FontWeight.W_600
        return [self.hint_box]

    def refresh(self) -> None:
        d = self.ctx.records.draft
        self.legs.refresh(d.leg)
        self.pain.refresh(d.pain)
        self.duration.refresh(d.duration)
        self.helped.refresh(list(d.helped))
        self.hint_box.visible = not self.ctx.records.can_save()
        self.hint.color, self.hint.weight = self.ctx.colors.on_surface_variant, None

    def controls(self, when: list[ft.Control]) -> list[ft.Control]:
        ctx, tr = self.ctx, self.ctx.tr
        legs = [self.legs.add(leg, leg_label(tr, leg), f"leg-{leg}", self._leg) for leg in LEGS]
        pain = [
            self.pain.add(
                n,
                tr.number(n),
                f"pain-{n}",
                self._pain,
                semantics_label=tr.t("Pain {n} out of 10", {"n": tr.number(n)}),
                square=PAIN_BUTTON,
            )
            for n in range(11)
        ]
        durations = [self.duration.add(d, duration_label(tr, d), f"duration-{d}", self._duration) for d in DURATIONS]
        helped = [self.helped.add(h, helped_label(tr, h), f"helped-{h}", self._helped) for h in HELPED]

        async def typed(e: ft.Event[ft.TextField]) -> None:
            await ctx.app.diary.set_note(e.control.value or "")

        note = ft.TextField(
            label=tr.t("Note (optional)"),
            value=ctx.records.draft.note,
            max_length=MAX_NOTE,
            multiline=True,
            min_lines=1,
            max_lines=4,
            on_change=typed,
        )
        muted = ctx.colors.on_surface_variant
        self.refresh()
        return [
            heading(tr.t("Which leg?"), size="small"),
            ft.Row(controls=legs, wrap=True, spacing=8, run_spacing=8),
            heading(tr.t("How bad was it?"), size="small"),
            ft.Text(tr.t("0 is no pain, 10 is the worst pain you can imagine."), color=muted),
            ft.Row(controls=pain, wrap=True, spacing=6, run_spacing=6),
            heading(tr.t("How long did it last?"), size="small"),
            ft.Row(controls=durations, wrap=True, spacing=8, run_spacing=8),
            *when,
            heading(tr.t("What helped?"), size="small"),
            ft.Text(tr.t("Choose all that apply."), color=muted),
            ft.Row(controls=helped, wrap=True, spacing=8, run_spacing=8),
            ft.Semantics(identifier="diary-note", content=note),
        ]

    def bar(self) -> ft.BottomAppBar:
        return ft.BottomAppBar(
            content=ft.Row(
                controls=[
                    ft.Container(content=self.hint_box, expand=True),
                    tap_target("save-episode", self.save),
                ],
                alignment=ft.MainAxisAlignment.END,
                spacing=8,
            ),
            bgcolor=self.ctx.colors.surface_container,
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
        )


# ---------------------------------------------------------------- exercise sessions (issue 21)

SESSION_ICONS = {
    "heel_raises": ft.Icons.FITNESS_CENTER,
    "walking": ft.Icons.DIRECTIONS_WALK,
    "stretching": ft.Icons.SELF_IMPROVEMENT,
}


def _undo(ctx: Ctx) -> str | None:
    """The session whose "logged" message is showing now (Undo is offered beside it), if any."""
    undo = ctx.records.undo
    return undo[0] if undo is not None and ctx.flash == undo[1] else None


def _exercise(ctx: Ctx) -> list[ft.Control]:
    """One button per activity of the plan: a tap logs it, done now. Nothing else is asked (no minutes, no counts):
    only what the person tapped reaches the summary."""
    tr = ctx.tr

    def logger(kind: str) -> ft.Control:
        async def log(_: ft.Event[ft.OutlinedButton]) -> None:
            await ctx.app.diary.log_session(kind)

        button = ft.OutlinedButton(
            content=ft.Text(session_label(tr, kind)),
            icon=SESSION_ICONS[kind],
            on_click=log,
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
        )
        return tap_target(f"log-{kind}", button)

    body: list[ft.Control] = [
        heading(tr.t("Log exercise"), size="medium"),
        paragraph(tr.t("Did an exercise from your plan? One tap logs it as done now."), ctx, muted=True),
        ft.Row(controls=[logger(k) for k in SESSION_KINDS], wrap=True, spacing=8, run_spacing=8),
    ]
    session_id = _undo(ctx)
    if session_id is not None and ctx.flash:

        async def undo(_: ft.Event[ft.TextButton]) -> None:
            await ctx.app.diary.undo_session(session_id)

        undo_button = ft.TextButton(content=ft.Text(tr.t("Undo")), icon=ft.Icons.UNDO, on_click=undo)
        said = note_box(ctx, ft.Icons.CHECK_CIRCLE_OUTLINE, ctx.flash)
        body += [
            ft.Semantics(identifier="session-logged", content=said, container=True, live_region=True),
            tap_target("undo-session", undo_button),
        ]
    return [card(ctx, body)]


def _session_row(ctx: Ctx, n: int, x: ExerciseSession) -> ft.Control:
    tr = ctx.tr
    delete = ask_first(
        ctx,
        identifier="confirm-delete-session",
        title=tr.t("Delete this exercise session?"),
        text=f"{session_label(tr, x.kind)} · {when_text(tr, x.when)}",
        confirm=tr.t("Delete"),
        on_confirm=lambda: ctx.app.diary.delete_session(x.id),
    )
    button = ft.IconButton(icon=ft.Icons.DELETE_OUTLINE, tooltip=tr.t("Delete this exercise session"), on_click=delete)
    row = ft.Row(
        controls=[
            ft.Icon(SESSION_ICONS[x.kind], color=ctx.colors.on_surface_variant),
            ft.Column(
                controls=[
                    ft.Text(session_label(tr, x.kind), weight=ft.FontWeight.W_600),
                    ft.Text(when_text(tr, x.when), color=ctx.colors.on_surface_variant),
                ],
                spacing=2,
                expand=True,
            ),
            tap_target(f"delete-session-{n}", button),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    return ft.Semantics(
        identifier=f"session-{n}",
        content=ft.Container(
            content=row,
            padding=ft.Padding.symmetric(horizontal=12, vertical=6),
            border=ft.Border.only(bottom=ft.BorderSide(1, ctx.colors.outline)),
        ),
        container=True,
    )


def _sessions(ctx: Ctx) -> list[ft.Control]:
    """The exercise logged, newest first, a page at a time like the cramps; nothing when none was logged."""
    tr = ctx.tr
    sessions = ctx.records.sessions()
    if not sessions:
        return []
    shown = ctx.records.sessions_shown
    out: list[ft.Control] = [
        heading(tr.t("Exercise logged"), size="medium"),
        card(ctx, [_session_row(ctx, n, x) for n, x in enumerate(sessions[:shown], start=1)]),
    ]
    if len(sessions) > shown:

        async def more(_: ft.Event[ft.OutlinedButton]) -> None:
            await ctx.app.diary.show_more_sessions()

        older = len(sessions) - shown
        out.append(
            nav_button(
                tr.t("Show older exercise sessions ({n} more)", {"n": tr.number(older)}),
                ft.Icons.EXPAND_MORE,
                "show-older-sessions",
                more,
            )
        )
    return out


# ---------------------------------------------------------------- charts and entries


def _charts(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr
    facts = ctx.records.facts(ctx.today)
    summary = diary_text(tr, facts)
    weekly = ctx.records.weekly(ctx.today)
    done = [m for _, m in ctx.records.weekly_sessions(ctx.today)]
    text = ft.Semantics(identifier="diary-summary-text", content=paragraph(summary, ctx), container=True)
    if any(done):
        # Exercise logged in these weeks: its bars beside the cramps', so a review sees both (issue 21).
        title = tr.t("Cramps and exercise per week")
        chart = [weekly_chart(ctx, weekly, summary, done), chart_legend(ctx)]
    else:
        title, chart = tr.t("Cramps per week"), [weekly_chart(ctx, weekly, summary)]
    out: list[ft.Control] = [
        heading(tr.t("Your cramps over 8 weeks"), size="medium"),
        card(ctx, [heading(title, size="small"), *chart, text]),
    ]
    points = ctx.records.pain_points(ctx.today)
    if points:
        out.append(
            card(
                ctx,
                [
                    heading(tr.t("How bad each cramp was"), size="small"),
                    pain_chart(ctx, points, weekly[0][0], summary),
                    paragraph(summary, ctx),
                ],
            )
        )
    return out


def _entry(ctx: Ctx, n: int, e: Episode) -> ft.Control:
    tr = ctx.tr
    details = [
        tr.t("Pain {n} out of 10", {"n": tr.number(e.pain)}),
        duration_label(tr, e.duration),
    ]
    lines: list[ft.Control] = [
        ft.Text(f"{when_text(tr, e.when)} · {leg_label(tr, e.leg)}", weight=ft.FontWeight.W_600),
        ft.Text(" · ".join(details)),
    ]
    if e.helped:
        what = ", ".join(helped_label(tr, h) for h in e.helped)
        lines.append(ft.Text(tr.t("Helped: {what}", {"what": what}), color=ctx.colors.on_surface_variant))
    if e.note:
        lines.append(ft.Text(e.note, color=ctx.colors.on_surface_variant, italic=True))

    delete = ask_first(
        ctx,
        identifier="confirm-delete-entry",
        title=tr.t("Delete this entry?"),
        text=when_text(tr, e.when),
        confirm=tr.t("Delete"),
        on_confirm=lambda: ctx.app.diary.delete_episode(e.id),
    )

    button = ft.IconButton(icon=ft.Icons.DELETE_OUTLINE, tooltip=tr.t("Delete this entry"), on_click=delete)
    row = ft.Row(
        controls=[
            ft.Column(controls=lines, spacing=2, expand=True),
            tap_target(f"delete-entry-{n}", button),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    return ft.Semantics(
        identifier=f"entry-{n}",
        content=ft.Container(
            content=row,
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
            border=ft.Border.only(bottom=ft.BorderSide(1, ctx.colors.outline)),
        ),
        container=True,
    )


def _entries(ctx: Ctx) -> list[ft.Control]:
    """The newest entries (ENTRIES_PAGE at a time: a diary of thousands must not become a screen of thousands of
    rows, issue 17), with a button for older ones."""
    tr = ctx.tr
    entries = ctx.records.entries()
    shown = ctx.records.entries_shown
    out: list[ft.Control] = [heading(tr.t("Entries"), size="medium")]
    if not entries:
        out.append(paragraph(tr.t("Nothing logged yet."), ctx, muted=True))
    else:
        out.append(card(ctx, [_entry(ctx, n, e) for n, e in enumerate(entries[:shown], start=1)]))
    if len(entries) > shown:

        async def more(_: ft.Event[ft.OutlinedButton]) -> None:
            await ctx.app.diary.show_more_entries()

        older = len(entries) - shown
        out.append(
            nav_button(
                tr.t("Show older entries ({n} more)", {"n": tr.number(older)}),
                ft.Icons.EXPAND_MORE,
                "show-older-entries",
                more,
            )
        )

    delete_all = ask_first(
        ctx,
        identifier="confirm-delete-everything",
        title=tr.t("Delete everything?"),
        text=tr.t(
            "Every cramp and exercise session logged on this device, for everyone, is deleted. This cannot be undone."
        ),
        confirm=tr.t("Delete everything"),
        on_confirm=lambda: ctx.app.diary.delete_everything(),
    )

    if ctx.records.diary.episodes or ctx.records.diary.sessions:
        out.append(
            tap_target(
                "delete-everything",
                ft.TextButton(
                    content=ft.Text(tr.t("Delete everything")),
                    icon=ft.Icons.DELETE_FOREVER,
                    on_click=delete_all,
                    style=ft.ButtonStyle(color=ctx.colors.error),
                ),
            )
        )
    return out


def _files(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr

    async def export(_: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.app.diary.export_diary()

    action = ctx.app.pick_action()

    async def import_(_: ft.Event[ft.OutlinedButton]) -> None:
        if action is None:  # else the tap itself opened the picker; the file arrives by itself
            await ctx.app.diary.import_pick()

    import_button = ft.OutlinedButton(
        content=ft.Text(tr.t("Add entries from a diary file")),
        icon=ft.Icons.UPLOAD_FILE,
        on_click=import_,
        action=action,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
    )
    return [
        card(
            ctx,
            [
                heading(tr.t("Keep a copy"), size="small"),
                paragraph(
                    tr.t("Save the diary as a file to keep it or move it to another phone. It stays on your device."),
                    ctx,
                    muted=True,
                ),
                nav_button(tr.t("Save the diary as a file"), ft.Icons.DOWNLOAD, "export-diary", export),
                tap_target("import-diary", import_button),
            ],
        )
    ]


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    log = QuickLog(ctx)

    open_summary = go_to(ctx, routes.SUMMARY)

    body: list[ft.Control] = [
        *flash(ctx),
        *_set_aside(ctx),
        *_people(ctx),
        # Leg and pain first: with Save always in the bottom bar, logging "now" takes three taps.
        card(ctx, [heading(tr.t("Log a cramp"), size="medium"), *log.controls(when=_when(ctx))]),
        *_exercise(ctx),
        *_charts(ctx),
        *_sessions(ctx),
        *_entries(ctx),
        nav_button(tr.t("Summary for a doctor"), ft.Icons.DESCRIPTION, "open-summary", open_summary),
        *_files(ctx),
    ]
    return screen(ctx, routes.DIARY, tr.t("Cramp diary"), body, bottom=log.bar())
