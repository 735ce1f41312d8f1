"""The cramp diary: episodes (cramps) and exercise sessions per person, stored on the device as versioned JSON that
never crashes the app.

Corrupt, older or newer data is never silently dropped: what cannot be read is kept aside (quarantined)
with a message code, and the rest is used.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from mobile_app.core.loader import default_content
from mobile_app.core.models import FollowUpFile

SCHEMA_VERSION: Literal[2] = 2
"""2: exercise sessions (issue 21). An app that reads only 1 keeps a diary of 2 aside whole (DIARY_NEWER_VERSION)
instead of reading its cramps and writing them back without the sessions."""
ME = "me"

MAX_EPISODES = 20_000
"""A diary holds at most this many entries (a cramp a night for over 50 years; about 3.6 MB as stored). Reading
is linear and checked against it, so one diary can never hold up the server for long (issue 17): an import that
would go past it is refused whole, and stored entries past it are kept aside, never read into the diary."""
MAX_SESSIONS = 10_000
"""A diary holds at most this many exercise sessions (three a day for over 9 years; about 1 MB as stored), bounded
like the entries: an import past it is refused whole, stored sessions past it are kept aside. A full diary, both
kinds, still exports into a file under MAX_FILE_BYTES (export_json)."""
MAX_PEOPLE = 50
MAX_FILE_BYTES = 5_000_000
"""A diary file to import is at most this big (about 25,000 entries); a bigger one is refused before it is read."""
MAX_DIARY_CHARS = 8_000_000
"""Stored diary text longer than this is not parsed at all: it is kept aside whole (DIARY_TOO_BIG)."""
EARLIEST = dt.datetime(1900, 1, 1)
LATEST = dt.datetime(2200, 1, 1)
"""An entry's time outside these is not a real cramp (a damaged or hostile value): the entry is kept aside."""

Leg = Literal["left", "right", "both"]
LEGS: tuple[Leg, ...] = ("left", "right", "both")
DURATIONS = ("under_1_min", "1_to_5_min", "5_to_10_min", "over_10_min")
"""How long the cramp lasted. Over 10 minutes is a danger sign (NHS: urgent appointment)."""
HELPED = ("stretching", "walking", "massage", "warmth", "drink", "medicine", "nothing")
SessionKind = Literal["heel_raises", "walking", "stretching"]
SESSION_KINDS: tuple[SessionKind, ...] = ("heel_raises", "walking", "stretching")
"""What an exercise session was: the plan's activities in the content (advice.yaml, topic exercise_therapy: the heel
raises of calf_strength and calf_strength_steady; walking_plan, walking_every_day and keep_moving; and the calf
stretch, topic stretching). Only what was done and when: no minutes, no counts, nothing the person did not tap."""
MAX_NOTE = 500
MAX_NAME = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Person(_Strict):
    """Someone whose cramps are logged: the app user ("me") or a person they care for."""

    id: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    name: str = Field(min_length=1, max_length=MAX_NAME)
    who: Literal["self", "caregiver"]

    @field_validator("name")
    @classmethod
    def _plain(cls, v: str) -> str:
        if _CONTROL.search(v):
            raise ValueError("a name has no control characters")
        return v.strip()


class _Logged(_Strict):
    """What every diary item has: its own id, whose it is, and when (the device's local time, checked the same way
    for a cramp and for an exercise session)."""

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    person: str
    when: dt.datetime

    @field_validator("when", mode="before")
    @classmethod
    def _text_or_datetime(cls, v: object) -> object:
        # Stored and exported times are ISO text; a number (read as seconds since 1970 by pydantic) is not one.
        if not isinstance(v, (str, dt.datetime)):
            raise ValueError("a time is ISO 8601 text")
        return v

    @field_validator("when")
    @classmethod
    def _naive_local(cls, v: dt.datetime) -> dt.datetime:
        # Times are the device's local time; an offset, if any, is dropped after converting to it. A time at the
        # very edge of the calendar cannot be converted (OverflowError, issue 17): it is an unreadable entry.
        try:
            local = v.astimezone().replace(tzinfo=None) if v.tzinfo is not None else v
        except (OverflowError, ValueError, OSError):
            raise ValueError("the time is out of range") from None
        if not EARLIEST <= local < LATEST:
            raise ValueError("the time is out of range")
        return local


class Episode(_Logged):
    leg: Leg
    pain: int = Field(ge=0, le=10, strict=True)
    """How bad, 0 (none) to 10 (worst imaginable); strictly a whole number (not true, not "7", not 7.0)."""
    duration: Literal["under_1_min", "1_to_5_min", "5_to_10_min", "over_10_min"]
    helped: tuple[Literal["stretching", "walking", "massage", "warmth", "drink", "medicine", "nothing"], ...] = ()
    note: str = Field(default="", max_length=MAX_NOTE)

    @field_validator("note")
    @classmethod
    def _note(cls, v: str) -> str:
        return _CONTROL.sub(" ", v).strip()


class ExerciseSession(_Logged):
    """One exercise session of the plan, logged with one tap when it was done: what it was and when, nothing else."""

    kind: SessionKind


class Diary(_Strict):
    schema_version: Literal[2] = SCHEMA_VERSION
    people: tuple[Person, ...] = (Person(id=ME, name="Me", who="self"),)
    episodes: tuple[Episode, ...] = ()
    sessions: tuple[ExerciseSession, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> Diary:
        ids = [p.id for p in self.people]
        if len(set(ids)) != len(ids):
            raise ValueError("two people have the same id")
        known = set(ids)
        for e in self.episodes:
            if e.person not in known:
                raise ValueError(f"episode {e.id} belongs to an unknown person")
        if len({e.id for e in self.episodes}) != len(self.episodes):
            raise ValueError("two episodes have the same id")
        for x in self.sessions:
            if x.person not in known:
                raise ValueError(f"session {x.id} belongs to an unknown person")
        if len({x.id for x in self.sessions}) != len(self.sessions):
            raise ValueError("two sessions have the same id")
        return self

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def of(self, person_id: str) -> list[Episode]:
        """The person's episodes, oldest first."""
        return sorted((e for e in self.episodes if e.person == person_id), key=lambda e: e.when)

    def sessions_of(self, person_id: str) -> list[ExerciseSession]:
        """The person's exercise sessions, oldest first."""
        return sorted((x for x in self.sessions if x.person == person_id), key=lambda x: x.when)

    def with_items(
        self, episodes: tuple[Episode, ...] | None = None, sessions: tuple[ExerciseSession, ...] | None = None
    ) -> Diary:
        """The same people with other episodes or sessions (what is not given is kept)."""
        return Diary(
            people=self.people,
            episodes=self.episodes if episodes is None else episodes,
            sessions=self.sessions if sessions is None else sessions,
        )


@dataclass(frozen=True)
class Loaded:
    """What was read from storage: the usable diary, anything kept aside, and what to tell the person."""

    diary: Diary
    set_aside: tuple[str, ...] = ()
    """Raw JSON of whatever could not be read: stored separately, never deleted without asking."""
    messages: tuple[str, ...] = ()
    """Stable codes: DIARY_CORRUPT, DIARY_OLD_VERSION_MIGRATED, DIARY_NEWER_VERSION, DIARY_ENTRIES_SET_ASIDE,
    DIARY_TOO_BIG, DIARY_TOO_MANY_ENTRIES (episodes or sessions past their limit)."""


@dataclass
class _Reader:
    set_aside: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    whole: bool = False
    """Something could not even be written back as text: the whole stored text is kept aside as well."""

    def aside(self, item: Any, code: str) -> None:
        if isinstance(item, str):
            self.set_aside.append(item)
        else:
            try:
                self.set_aside.append(json.dumps(item, ensure_ascii=False, default=str))
            except Exception:  # nested too deep to write back (RecursionError): keep the original text instead
                self.whole = True
        self.tell(code)

    def tell(self, code: str) -> None:
        if code not in self.messages:
            self.messages.append(code)


def _migrate_v0(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Version 0 (no schema_version, one person, "entries" with "minutes") -> version 1."""
    episodes = []
    for e in raw.get("entries", []):
        if not isinstance(e, Mapping):
            episodes.append(e)
            continue
        minutes = e.get("minutes")
        duration = (
            "under_1_min"
            if isinstance(minutes, (int, float)) and minutes < 1
            else "1_to_5_min"
            if isinstance(minutes, (int, float)) and minutes <= 5
            else "5_to_10_min"
            if isinstance(minutes, (int, float)) and minutes <= 10
            else "over_10_min"
            if isinstance(minutes, (int, float))
            else e.get("duration")
        )
        episodes.append(
            {
                "id": e.get("id"),
                "person": ME,
                "when": e.get("when"),
                "leg": e.get("leg"),
                "pain": e.get("pain"),
                "duration": duration,
                "helped": e.get("helped", []),
                "note": e.get("note", ""),
            }
        )
    return {"schema_version": 1, "people": [{"id": ME, "name": "Me", "who": "self"}], "episodes": episodes}


def _migrate_v1(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Version 1 (people and episodes) -> version 2 (the same, and exercise sessions: none yet). Nothing else
    changed, so nothing is lost or said; the diary is written as version 2 at its next save."""
    return {**raw, "schema_version": 2, "sessions": raw.get("sessions", [])}


def load_diary(text: str | None) -> Loaded:
    """Read stored diary JSON. Never raises, whatever the text holds: unreadable parts are set aside and reported.

    Linear in the size of the text and bounded (MAX_DIARY_CHARS, MAX_EPISODES): a big diary costs a big diary's
    parse, never more (issue 17: the duplicate check used to compare every entry with every other)."""
    if text is None or not text.strip():
        return Loaded(Diary())
    try:
        return _load(text)
    except Exception:  # a last guard: whatever went wrong, the stored text is kept, never lost
        return Loaded(Diary(), (text,), ("DIARY_CORRUPT",))


def _parse(text: str, r: _Reader) -> dict[str, Any] | None:
    """The stored JSON object, or None when the text is not one (it is then kept aside whole)."""
    if len(text) > MAX_DIARY_CHARS:
        r.aside(text, "DIARY_TOO_BIG")
        return None
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        raw = None
    if not isinstance(raw, dict):
        r.aside(text, "DIARY_CORRUPT")
        return None
    version = raw.get("schema_version", 0)
    if type(version) is not int or version not in (0, 1, SCHEMA_VERSION):  # True == 1 in Python: not a version
        # A newer app wrote this (or it is not a version at all): keep all of it aside untouched, never misread.
        r.aside(text, "DIARY_NEWER_VERSION")
        return None
    data: dict[str, Any] = raw
    if version == 0:
        data = _migrate_v0(data)
        r.tell("DIARY_OLD_VERSION_MIGRATED")
    if data.get("schema_version") == 1:
        data = _migrate_v1(data)
    return data


def _items(raw: dict[str, Any], key: str, r: _Reader) -> list[Any]:
    items = raw.get(key) or []
    if isinstance(items, list):
        return items
    r.aside(items, "DIARY_ENTRIES_SET_ASIDE")
    return []


_Entry = TypeVar("_Entry", "Episode", "ExerciseSession")


def _entries(
    raw: dict[str, Any], key: str, model: type[_Entry], limit: int, known: set[str], r: _Reader
) -> list[_Entry]:
    """The stored entries under `key` that can be read (cramps or exercise sessions, alike): past `limit`, unreadable,
    of an unknown person or a repeated id, an entry is kept aside, never dropped."""
    out: list[_Entry] = []
    ids: set[str] = set()
    for item in _items(raw, key, r):
        if len(out) >= limit:
            r.aside(item, "DIARY_TOO_MANY_ENTRIES")
            continue
        try:
            entry = model.model_validate(item)
        except (ValidationError, ValueError, RecursionError):
            r.aside(item, "DIARY_ENTRIES_SET_ASIDE")
            continue
        if entry.person not in known or entry.id in ids:
            r.aside(item, "DIARY_ENTRIES_SET_ASIDE")
            continue
        out.append(entry)
        ids.add(entry.id)
    return out


def _load(text: str) -> Loaded:
    r = _Reader()
    raw = _parse(text, r)
    if raw is None:
        return Loaded(Diary(), tuple(r.set_aside), tuple(r.messages))
    people: list[Person] = []
    known: set[str] = set()
    for p in _items(raw, "people", r):
        try:
            person = Person.model_validate(p)
        except (ValidationError, ValueError, RecursionError):
            r.aside(p, "DIARY_ENTRIES_SET_ASIDE")
            continue
        if person.id in known:
            continue
        if len(people) >= MAX_PEOPLE:
            r.aside(p, "DIARY_ENTRIES_SET_ASIDE")
            continue
        people.append(person)
        known.add(person.id)
    if ME not in known:
        people.insert(0, Person(id=ME, name="Me", who="self"))
        known.add(ME)
    episodes = _entries(raw, "episodes", Episode, MAX_EPISODES, known, r)
    sessions = _entries(raw, "sessions", ExerciseSession, MAX_SESSIONS, known, r)
    if r.whole:
        r.set_aside.append(text)
    diary = Diary(people=tuple(people), episodes=tuple(episodes), sessions=tuple(sessions))
    return Loaded(diary, tuple(r.set_aside), tuple(r.messages))


def dump_diary(diary: Diary) -> str:
    return diary.model_dump_json()


def load_set_aside(text: str | None) -> list[str]:
    """The stored list of set-aside raw entries. Whatever is stored there is kept, even if it is not a list."""
    if text is None or not text.strip():
        return []
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        return [text]
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        return raw
    return [text]


def merge_set_aside(kept: Iterable[str], new: Iterable[str]) -> list[str]:
    """Entries already kept aside, then the new ones; an entry is kept once."""
    return list(dict.fromkeys([*kept, *new]))


def dump_set_aside(items: Iterable[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def set_aside_text(items: Iterable[str]) -> str:
    """The set-aside entries as plain text to copy (one block each), exactly as they were stored."""
    return "\n\n".join(items) + "\n"


def export_json(diary: Diary, *, exported: dt.datetime, app_version: str) -> str:
    """The whole diary as a file the person can keep or move to another device. Indented to be read by eye; written
    compact when indented it would be too big to add back (a diary near MAX_EPISODES and MAX_SESSIONS)."""
    body = json.loads(diary.model_dump_json())
    body["exported"] = exported.isoformat(timespec="seconds")
    body["app"] = {"name": "Calf Check", "content_version": app_version}
    text = json.dumps(body, ensure_ascii=False, indent=1)
    if len(text) > MAX_FILE_BYTES:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return text


@dataclass(frozen=True)
class Imported:
    diary: Diary
    added: int
    """Cramps and exercise sessions added."""
    duplicates: int
    set_aside: tuple[str, ...]
    messages: tuple[str, ...]


def import_json(text: str, into: Diary) -> Imported:
    """Merge an exported file into the diary: new episodes are added, known ones skipped, bad ones set aside.

    Never raises. A file longer than MAX_FILE_BYTES is not parsed (DIARY_FILE_TOO_BIG); one that would take the
    diary past MAX_EPISODES adds nothing (DIARY_IMPORT_TOO_MANY): in both cases the file is left as it was, on
    the person's device, and nothing is kept aside. Linear in the file's size, like load_diary."""
    if len(text) > MAX_FILE_BYTES:
        return Imported(into, 0, 0, (), ("DIARY_FILE_TOO_BIG",))
    loaded = load_diary(text)  # the file's own "exported" and "app" keys are not read
    if "DIARY_TOO_MANY_ENTRIES" in loaded.messages:
        return Imported(into, 0, 0, (), ("DIARY_IMPORT_TOO_MANY",))
    people = list(into.people)
    known = {p.id for p in people}
    for p in loaded.diary.people:
        if p.id not in known and len(people) < MAX_PEOPLE:
            people.append(p)
            known.add(p.id)
    have = {e.id for e in into.episodes}
    new = [e for e in loaded.diary.episodes if e.id not in have and e.person in known]
    have_sessions = {x.id for x in into.sessions}
    new_sessions = [x for x in loaded.diary.sessions if x.id not in have_sessions and x.person in known]
    if len(into.episodes) + len(new) > MAX_EPISODES or len(into.sessions) + len(new_sessions) > MAX_SESSIONS:
        return Imported(into, 0, 0, (), ("DIARY_IMPORT_TOO_MANY",))
    merged = Diary(
        people=tuple(people), episodes=into.episodes + tuple(new), sessions=into.sessions + tuple(new_sessions)
    )
    duplicates = sum(e.id in have for e in loaded.diary.episodes)
    duplicates += sum(x.id in have_sessions for x in loaded.diary.sessions)
    orphans: list[Episode | ExerciseSession] = [
        *(e for e in loaded.diary.episodes if e.id not in have and e.person not in known),
        *(x for x in loaded.diary.sessions if x.id not in have_sessions and x.person not in known),
    ]
    set_aside = loaded.set_aside + tuple(item.model_dump_json() for item in orphans)
    messages = loaded.messages
    if len(set_aside) > len(loaded.set_aside) and "DIARY_ENTRIES_SET_ASIDE" not in messages:
        messages += ("DIARY_ENTRIES_SET_ASIDE",)
    return Imported(merged, len(new) + len(new_sessions), duplicates, set_aside, messages)


def merge(current: Diary, imported: Diary, *, since: Diary) -> Diary:
    """The people and entries an import added to `since`, added to `current` instead (the diary changed while the
    file was read). An entry deleted meanwhile that the file also holds comes back, as any entry in a file does."""
    old_people = {p.id for p in since.people}
    old_ids = {e.id for e in since.episodes}
    old_sessions = {x.id for x in since.sessions}
    people = list(current.people)
    known = {p.id for p in people}
    for p in imported.people:
        if p.id not in old_people and p.id not in known:
            people.append(p)
            known.add(p.id)
    have = {e.id for e in current.episodes}
    new = [e for e in imported.episodes if e.id not in old_ids and e.id not in have and e.person in known]
    have_sessions = {x.id for x in current.sessions}
    new_sessions = [
        x for x in imported.sessions if x.id not in old_sessions and x.id not in have_sessions and x.person in known
    ]
    return Diary(
        people=tuple(people),
        episodes=current.episodes + tuple(new)[: max(0, MAX_EPISODES - len(have))],
        sessions=current.sessions + tuple(new_sessions)[: max(0, MAX_SESSIONS - len(have_sessions))],
    )


# ---------------------------------------------------------------- changes (each returns a new diary)


def new_episode(
    person: str,
    *,
    when: dt.datetime,
    leg: Leg,
    pain: int,
    duration: str,
    helped: Iterable[str] = (),
    note: str = "",
) -> Episode:
    return Episode.model_validate(
        {
            "id": uuid.uuid4().hex,
            "person": person,
            "when": when,
            "leg": leg,
            "pain": pain,
            "duration": duration,
            "helped": tuple(dict.fromkeys(helped)),
            "note": note,
        }
    )


def add_episode(diary: Diary, episode: Episode) -> Diary:
    return diary.with_items(episodes=(*diary.episodes, episode))


def delete_episode(diary: Diary, episode_id: str) -> Diary:
    return diary.with_items(episodes=tuple(e for e in diary.episodes if e.id != episode_id))


def new_session(person: str, *, when: dt.datetime, kind: str) -> ExerciseSession:
    """An exercise session as it was tapped: what, and when (never minutes or counts the person did not give)."""
    return ExerciseSession.model_validate({"id": uuid.uuid4().hex, "person": person, "when": when, "kind": kind})


def add_session(diary: Diary, session: ExerciseSession) -> Diary:
    """The diary with one more session; a full diary (MAX_SESSIONS) refuses it (ValueError), never drops another."""
    if len(diary.sessions) >= MAX_SESSIONS:
        raise ValueError("the diary holds as many exercise sessions as it can")
    return diary.with_items(sessions=(*diary.sessions, session))


def delete_session(diary: Diary, session_id: str) -> Diary:
    return diary.with_items(sessions=tuple(x for x in diary.sessions if x.id != session_id))


def delete_all(diary: Diary, person: str | None = None) -> Diary:
    """Every episode and exercise session of one person, or of everyone when person is None."""
    if person is None:
        return diary.with_items(episodes=(), sessions=())
    return diary.with_items(
        episodes=tuple(e for e in diary.episodes if e.person != person),
        sessions=tuple(x for x in diary.sessions if x.person != person),
    )


def add_person(diary: Diary, name: str) -> tuple[Diary, Person]:
    """Someone the user cares for, with a fresh id."""
    pid = f"p{uuid.uuid4().hex[:8]}"
    person = Person(id=pid, name=name, who="caregiver")
    return Diary(people=(*diary.people, person), episodes=diary.episodes, sessions=diary.sessions), person


# ---------------------------------------------------------------- what the diary shows


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_counts(diary: Diary, person: str, *, today: dt.date, weeks: int = 8) -> list[tuple[dt.date, int]]:
    """Episodes per calendar week (Monday first) for the last `weeks` weeks, oldest first, zeros included."""
    this_week = week_start(today)
    starts = [this_week - dt.timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    counts = Counter(week_start(e.when.date()) for e in diary.of(person))
    return [(s, counts.get(s, 0)) for s in starts]


def weekly_sessions(diary: Diary, person: str, *, today: dt.date, weeks: int = 8) -> list[tuple[dt.date, int]]:
    """Exercise sessions per calendar week, the same weeks as weekly_counts."""
    this_week = week_start(today)
    starts = [this_week - dt.timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    counts = Counter(week_start(x.when.date()) for x in diary.sessions_of(person))
    return [(s, counts.get(s, 0)) for s in starts]


def pain_series(diary: Diary, person: str) -> list[tuple[dt.datetime, int]]:
    return [(e.when, e.pain) for e in diary.of(person)]


@dataclass(frozen=True)
class DiaryFacts:
    """Numbers behind the diary's text summary (for screen readers and the doctor's summary)."""

    episodes: int
    weeks: int
    per_week: float
    average_pain: float | None
    worst_pain: int | None
    most_common_leg: str | None
    """The leg logged most often; None with no entries or when two or more come first together (legs_tied)."""
    legs_tied: bool
    helped_most: str | None
    long_cramps: int
    first: dt.date | None
    last: dt.date | None
    sessions: int = 0
    """Exercise sessions logged in the same weeks."""
    session_kinds: tuple[tuple[str, int], ...] = ()
    """How many of each kind (SESSION_KINDS order), those logged only."""


def facts(diary: Diary, person: str, *, today: dt.date, weeks: int = 8) -> DiaryFacts:
    since = week_start(today) - dt.timedelta(weeks=weeks - 1)
    eps = [e for e in diary.of(person) if e.when.date() >= since]
    legs: Counter[str] = Counter(e.leg for e in eps)
    helped: Counter[str] = Counter(h for e in eps for h in e.helped if h != "nothing")
    everything = diary.of(person)
    done: Counter[str] = Counter(x.kind for x in diary.sessions_of(person) if x.when.date() >= since)
    return DiaryFacts(
        episodes=len(eps),
        weeks=weeks,
        per_week=round(len(eps) / weeks, 1),
        average_pain=round(sum(e.pain for e in eps) / len(eps), 1) if eps else None,
        worst_pain=max((e.pain for e in eps), default=None),
        most_common_leg=_first_alone(legs),
        legs_tied=bool(legs) and _first_alone(legs) is None,
        helped_most=_first_alone(helped),
        long_cramps=sum(e.duration == "over_10_min" for e in eps),
        first=everything[0].when.date() if everything else None,
        last=everything[-1].when.date() if everything else None,
        sessions=sum(done.values()),
        session_kinds=tuple((k, done[k]) for k in SESSION_KINDS if done[k]),
    )


def _first_alone(counts: Counter[str]) -> str | None:
    """The most frequent item, or None when there is none or when others are just as frequent: a tie is said as a
    tie, never as one of them (issue 14: one left, one right and one both-legs cramp read "Most often: Left leg")."""
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def danger_answers(episode: Episode, rules: FollowUpFile | None = None) -> dict[str, bool]:
    """Danger signs of the check that an episode shows (followup.yaml `diary_danger`: a cramp over 10 minutes is
    cramp_over_10_min). `rules`: the content's follow-up thresholds (the package's own content when not given)."""
    signs = (rules if rules is not None else default_content().followup).diary_danger
    return {sign.finding: True for sign in signs if sign.duration == episode.duration}
