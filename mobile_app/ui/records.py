"""What the app keeps between checks: the cramp diary (with a quick-log draft), the follow-up and the clinic.

Plain Python, changed only through verb methods (the controller saves and shows every change). The clinical
meaning of anything here comes from mobile_app.followup (diary, followup) and the engine; this only keeps track.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from mobile_app.core.engine import Assessment
from mobile_app.core.models import FollowUpFile
from mobile_app.followup import diary as diary_rules
from mobile_app.followup import followup as followup_rules
from mobile_app.followup.clinic_link import ClinicPreset
from mobile_app.followup.diary import (
    DURATIONS,
    HELPED,
    LEGS,
    MAX_NAME,
    MAX_NOTE,
    ME,
    SESSION_KINDS,
    Diary,
    DiaryFacts,
    Episode,
    ExerciseSession,
)
from mobile_app.followup.followup import Comparison, FollowUp, Reminder

"""How long a first logged cramp lasted unless changed (shown selected; most cramps last seconds to minutes)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ENTRIES_PAGE = 50
"""The diary lists this many entries, and this many more at each tap on "Show older entries"."""
MAX_CHART_POINTS = 300
"""The pain chart shows at most this many cramps (the newest): five a day for eight weeks."""


@dataclass
class Draft:
    """The episode being logged. Nothing is chosen for the person: leg, pain and how long it lasted are tapped
    every time, and what helped starts empty, so that nothing reaches a doctor that the person did not choose
    (issue 14: a preset "1 to 5 minutes" reached the summary unchosen)."""

    when: dt.datetime | None = None
    """None: now (the moment Save is tapped)."""
    leg: str | None = None
    pain: int | None = None
    duration: str | None = None
    helped: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class ClinicForm:
    """The clinic tools form: what was typed, and the link made from it (or which setting was refused)."""

    lang: str = "en"
    country: str = "US"
    clinic: str = ""
    phone: str = ""
    address: str = ""
    """The app's web address the link points at (filled in from where the app was opened)."""
    link: str | None = None
    error: str | None = None
    """The refused setting: "clinic", "phone", "address", "lang" or "country"."""


@dataclass(frozen=True)
class ImportReport:
    added: int
    duplicates: int
    set_aside: int
    unreadable: bool
    """The file was not a diary at all."""
    too_big: bool = False
    """The file is bigger than any diary file (followup.diary.MAX_FILE_BYTES): it was not read."""
    too_many: bool = False
    """The diary would hold more than followup.diary.MAX_EPISODES entries: nothing was added."""


@dataclass
class Records:
    diary: Diary = field(default_factory=Diary)
    set_aside: list[str] = field(default_factory=list)
    """Raw entries that could not be read: kept under their own key until the person deletes them."""
    kept_aside: int = 0
    """How many stored texts were set aside when the app opened (the start screen says so)."""
    followup: FollowUp = field(default_factory=FollowUp)
    followup_unreadable: bool = False
    clinic: ClinicPreset | None = None
    """The clinic whose link opened the app (its name and phone), kept between sessions."""
    person: str = ME
    draft: Draft = field(default_factory=Draft)
    entries_shown: int = ENTRIES_PAGE
    """How many of the current person's newest entries the diary lists."""
    sessions_shown: int = ENTRIES_PAGE
    """How many of the current person's newest exercise sessions the diary lists."""
    undo: tuple[str, str] | None = None
    """(session id, the message that said it was logged): the diary offers Undo beside that message while it shows."""

    def __post_init__(self) -> None:
        self.reset_draft()

    # ------------------------------------------------------------ reading

    @property
    def people(self) -> tuple[diary_rules.Person, ...]:
        return self.diary.people

    @property
    def current_person(self) -> diary_rules.Person:
        return self.diary.person(self.person) or self.diary.people[0]

    @property
    def who(self) -> Literal["self", "caregiver"]:
        return self.current_person.who

    def entries(self) -> list[Episode]:
        """The current person's entries, newest first."""
        return list(reversed(self.diary.of(self.person)))

    def sessions(self) -> list[ExerciseSession]:
        """The current person's exercise sessions, newest first."""
        return list(reversed(self.diary.sessions_of(self.person)))

    def weekly_sessions(self, today: dt.date) -> list[tuple[dt.date, int]]:
        return diary_rules.weekly_sessions(self.diary, self.person, today=today)

    def can_save(self) -> bool:
        d = self.draft
        return d.leg is not None and d.pain is not None and d.duration is not None

    def facts(self, today: dt.date) -> DiaryFacts:
        return diary_rules.facts(self.diary, self.person, today=today)

    def weekly(self, today: dt.date) -> list[tuple[dt.date, int]]:
        return diary_rules.weekly_counts(self.diary, self.person, today=today)

    def pain_points(self, today: dt.date) -> list[tuple[dt.datetime, int]]:
        """Pain over the same 8 weeks the weekly chart shows."""
        since = diary_rules.week_start(today) - dt.timedelta(weeks=7)
        points = [(w, p) for w, p in diary_rules.pain_series(self.diary, self.person) if w.date() >= since]
        return points[-MAX_CHART_POINTS:]

    def review(self, today: dt.date, rules: FollowUpFile) -> Reminder | None:
        """The reminder to have cramps reviewed, by the content's follow-up thresholds (followup.yaml)."""
        return followup_rules.review_reminder(self.followup, self.facts(today), today=today, rules=rules)

    def baseline(self, assessment: Assessment) -> followup_rules.CheckRecord | None:
        """The check this result is compared with: the one before it once it is recorded, else the last one."""
        f = self.followup
        return f.previous if followup_rules.is_recorded(f, assessment) else f.last

    def comparison(self, assessment: Assessment, today: dt.date) -> Comparison | None:
        before = self.baseline(assessment)
        return followup_rules.compare(before, assessment, today=today) if before is not None else None

    # ------------------------------------------------------------ diary verbs

    def reset_draft(self) -> None:
        self.draft = Draft()

    def choose_person(self, person_id: str) -> None:
        if self.diary.person(person_id) is None:
            raise ValueError("no such person")
        self.person = person_id
        self.entries_shown = ENTRIES_PAGE
        self.sessions_shown = ENTRIES_PAGE
        self.undo = None
        self.reset_draft()

    def show_more_entries(self) -> None:
        self.entries_shown += ENTRIES_PAGE

    def show_more_sessions(self) -> None:
        self.sessions_shown += ENTRIES_PAGE

    def add_person(self, name: str) -> diary_rules.Person:
        """Someone the user cares for; the diary then shows them."""
        clean = " ".join(_CONTROL.sub(" ", name).split())
        if not clean or len(clean) > MAX_NAME:
            raise ValueError("a name has 1 to 40 characters")
        self.diary, person = diary_rules.add_person(self.diary, clean)
        self.choose_person(person.id)
        return person

    def set_when(self, when: dt.datetime | None, now: dt.datetime) -> None:
        if when is not None and when > now:
            raise ValueError("a cramp cannot be logged in the future")
        self.draft.when = when

    def set_leg(self, leg: str) -> None:
        if leg not in LEGS:
            raise ValueError("unknown leg")
        self.draft.leg = leg

    def set_pain(self, pain: int) -> None:
        if not 0 <= pain <= 10:
            raise ValueError("pain is 0 to 10")
        self.draft.pain = pain

    def set_duration(self, duration: str) -> None:
        if duration not in DURATIONS:
            raise ValueError("unknown duration")
        self.draft.duration = duration

    def toggle_helped(self, what: str) -> None:
        if what not in HELPED:
            raise ValueError("unknown choice")
        chosen = self.draft.helped
        if what in chosen:
            chosen.remove(what)
        elif what == "nothing":
            chosen[:] = ["nothing"]  # "Nothing helped" excludes the rest
        else:
            if "nothing" in chosen:
                chosen.remove("nothing")
            chosen.append(what)

    def set_note(self, note: str) -> None:
        self.draft.note = note[:MAX_NOTE]

    def save_draft(self, now: dt.datetime) -> Episode:
        """Log the draft as an episode of the current person; the next draft starts from it."""
        d = self.draft
        if d.leg is None or d.pain is None or d.duration is None:
            raise ValueError("choose the leg, how bad it was and how long it lasted")
        episode = diary_rules.new_episode(
            self.person,
            when=d.when or now.replace(microsecond=0),
            leg=d.leg,  # type: ignore[arg-type]
            pain=d.pain,
            duration=d.duration,
            helped=in_app_order(d.helped),
            note=d.note,
        )
        self.diary = diary_rules.add_episode(self.diary, episode)
        self.reset_draft()
        return episode

    def delete_episode(self, episode_id: str) -> None:
        self.diary = diary_rules.delete_episode(self.diary, episode_id)

    def log_session(self, kind: str, now: dt.datetime) -> ExerciseSession:
        """An exercise session of the current person, done now: only what was tapped and when (issue 21)."""
        if kind not in SESSION_KINDS:
            raise ValueError("unknown activity")
        session = diary_rules.new_session(self.person, when=now.replace(microsecond=0), kind=kind)
        self.diary = diary_rules.add_session(self.diary, session)
        return session

    def delete_session(self, session_id: str) -> bool:
        """False when it was not in the diary (already deleted: an Undo tapped twice)."""
        if not any(x.id == session_id for x in self.diary.sessions):
            return False
        self.diary = diary_rules.delete_session(self.diary, session_id)
        if self.undo is not None and self.undo[0] == session_id:
            self.undo = None
        return True

    def delete_everything(self) -> None:
        """Every logged cramp and exercise session, of everyone (the people stay)."""
        self.diary = diary_rules.delete_all(self.diary)
        self.undo = None
        self.reset_draft()

    def keep_aside(self, items: tuple[str, ...] | list[str]) -> None:
        self.set_aside = diary_rules.merge_set_aside(self.set_aside, items)

    def discard_set_aside(self) -> None:
        self.set_aside = []

    def import_text(self, text: str) -> ImportReport:
        """Merge an exported diary file; what it holds that cannot be read is kept aside too."""
        return self.apply_import(diary_rules.import_json(text, self.diary), self.diary)

    def apply_import(self, result: diary_rules.Imported, into: Diary) -> ImportReport:
        """Apply an import made against `into` (read off the event loop). When the diary changed meanwhile (an entry
        logged or deleted while the file was read), the file's new people and entries are merged into the diary as
        it is now, so nothing done in between is lost."""
        if self.diary is into:
            self.diary = result.diary
        elif result.added:
            self.diary = diary_rules.merge(self.diary, result.diary, since=into)
        self.keep_aside(result.set_aside)
        if self.diary.person(self.person) is None:
            self.person = ME
        self.reset_draft()
        unreadable = "DIARY_CORRUPT" in result.messages or "DIARY_NEWER_VERSION" in result.messages
        return ImportReport(
            result.added,
            result.duplicates,
            len(result.set_aside),
            unreadable,
            too_big="DIARY_FILE_TOO_BIG" in result.messages,
            too_many="DIARY_IMPORT_TOO_MANY" in result.messages,
        )

    # ------------------------------------------------------------ follow-up verbs

    def record_check(
        self, assessment: Assessment, *, today: dt.date, who: Literal["self", "caregiver"], version: str, same: bool
    ) -> None:
        """Remember a finished check (`same`: an answer of the check just recorded was changed)."""
        rec = followup_rules.record(assessment, when=today, who=who, version=version)
        first = diary_rules.facts(self.diary, ME, today=today).first
        self.followup = followup_rules.remember(self.followup, rec, diary_first=first, same_check=same)
        self.followup_unreadable = False

    def forget_clinic(self) -> None:
        self.clinic = None


def in_app_order(chosen: list[str]) -> list[str]:
    """What helped, in the app's order (so two entries with the same choices look the same)."""
    return [h for h in HELPED if h in chosen]
