"""Follow-up: the last check and its date, the reminder to have cramps reviewed, and how a new check compares.

Its clinical thresholds (the review within 6 months, when cramps keep coming, when the review is due at once) are
content: mobile_app/content/followup.yaml, passed in as `rules` (the package's own content when not given)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from mobile_app.core.engine import Assessment, evaluate
from mobile_app.core.loader import default_content
from mobile_app.core.models import LEVEL_RANK, AnswerIn, AnswerValue, FollowUpFile, Level

from .diary import DiaryFacts

SCHEMA_VERSION: Literal[1] = 1
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 1, 1)
"""A stored date outside these is damage, not a check: 9999-12-31 plus six months is no date at all (issue 17)."""
MAX_FOLLOWUP_CHARS = 200_000
"""Two checks' answers take a few kilobytes; stored text far longer than this is not read."""


def _plausible(v: dt.date | None) -> dt.date | None:
    if v is not None and not EARLIEST <= v < LATEST:
        raise ValueError("the date is out of range")
    return v


class CheckRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    when: dt.date
    level: Level
    rule_ids: tuple[str, ...]
    answers: dict[str, AnswerValue]
    who: Literal["self", "caregiver"]
    content_version: str

    _when = field_validator("when")(_plausible)


class FollowUp(BaseModel):
    """What the app remembers between checks, on the device only."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = SCHEMA_VERSION
    first_seen: dt.date | None = None
    """The day cramps were first checked or logged here: the review (followup.yaml) counts from it."""
    last: CheckRecord | None = None
    previous: CheckRecord | None = None
    """The check before the last one: what the last check is compared with."""

    _first_seen = field_validator("first_seen")(_plausible)


def load_followup(text: str | None) -> tuple[FollowUp, bool]:
    """The stored follow-up, and False when what was stored could not be read (then the person is told and the
    store keeps the text aside). Never raises, whatever the text holds (nested 100,000 deep, dates at the edge
    of the calendar, megabytes)."""
    if not text:
        return FollowUp(), True
    if len(text) > MAX_FOLLOWUP_CHARS:
        return FollowUp(), False
    try:
        return FollowUp.model_validate(json.loads(text)), True
    except (ValueError, ValidationError, RecursionError, OverflowError, TypeError):
        return FollowUp(), False


def record(assessment: Assessment, *, when: dt.date, who: Literal["self", "caregiver"], version: str) -> CheckRecord:
    return CheckRecord(
        when=when,
        level=assessment.level,
        rule_ids=assessment.rule_ids,
        answers=dict(assessment.answers),
        who=who,
        content_version=version,
    )


def remember(
    f: FollowUp, rec: CheckRecord, *, diary_first: dt.date | None = None, same_check: bool = False
) -> FollowUp:
    """Keep a finished check. `same_check`: the person changed an answer of the check just recorded, so it
    replaces the last record (and is still compared with the check before it)."""
    starts = [d for d in (f.first_seen, rec.when, diary_first) if d is not None]
    if same_check and f.last is not None:
        return FollowUp(first_seen=min(starts), last=rec, previous=f.previous)
    return FollowUp(first_seen=min(starts), last=rec, previous=f.last)


def is_recorded(f: FollowUp, assessment: Assessment) -> bool:
    """Whether the last record is this result (same answers and level), e.g. after the app was reopened."""
    return f.last is not None and f.last.level == assessment.level and f.last.answers == dict(assessment.answers)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(day.day, last_day))


def _rules(rules: FollowUpFile | None) -> FollowUpFile:
    return rules if rules is not None else default_content().followup


def _any_answer(answers: tuple[AnswerIn, ...], record: CheckRecord | None) -> bool:
    """Whether the record holds one of these answers for certain."""
    return record is not None and any(evaluate(a, record.answers) is True for a in answers)


def persistent(f: FollowUp, diary: DiaryFacts | None, rules: FollowUpFile | None = None) -> bool:
    """Whether the cramps keep coming (followup.yaml `keeps_coming`): by the last check's answers, or by the diary
    (at least so many cramps, first to last over at least so many weeks: 4 over 4 weeks)."""
    keeps = _rules(rules).keeps_coming
    if _any_answer(keeps.answers, f.last):
        return True
    if diary is not None and diary.first is not None and diary.last is not None:
        enough = keeps.diary
        return diary.episodes >= enough.cramps_at_least and (diary.last - diary.first).days >= 7 * enough.weeks_at_least
    return False


@dataclass(frozen=True)
class Reminder:
    review_by: dt.date
    overdue: bool
    days_left: int


def review_reminder(
    f: FollowUp, diary: DiaryFacts | None, *, today: dt.date, rules: FollowUpFile | None = None
) -> Reminder | None:
    """A reminder to have cramps that keep coming reviewed by a doctor within `review.within_months` (6) of first
    noticing them here; due today when the last check says they already lasted longer (`due_today`)."""
    r = _rules(rules)
    first = min((d for d in (f.first_seen, diary.first if diary else None) if d is not None), default=None)
    if first is None or not persistent(f, diary, r):
        return None
    due = add_months(first, r.review.within_months)
    if _any_answer(r.due_today.answers, f.last):
        due = min(due, today)
    return Reminder(review_by=due, overdue=today >= due, days_left=(due - today).days)


@dataclass(frozen=True)
class Comparison:
    before: Level
    after: Level
    days: int
    new_reasons: tuple[str, ...]

    @property
    def worse(self) -> bool:
        """A higher level, or a new reason to be seen today or at once."""
        if LEVEL_RANK[self.after] > LEVEL_RANK[self.before]:
            return True
        return bool(self.new_reasons) and LEVEL_RANK[self.after] >= LEVEL_RANK["urgent"]

    @property
    def better(self) -> bool:
        return LEVEL_RANK[self.after] < LEVEL_RANK[self.before]


def compare(previous: CheckRecord, current: Assessment, *, today: dt.date) -> Comparison:
    """How this check compares with the last one ("worse since last time?")."""
    new = tuple(r for r in current.rule_ids if r not in previous.rule_ids)
    return Comparison(previous.level, current.level, (today - previous.when).days, new)
