"""Follow-up: the last check and its date, the 6-month review reminder, and how a new check compares."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from mobile_app.core.engine import Assessment
from mobile_app.core.models import LEVEL_RANK, AnswerValue, Level

from .diary import DiaryFacts

SCHEMA_VERSION: Literal[1] = 1
# Clinical thresholds that are still Python, not content (issue 16 left them here): REVIEW_MONTHS, "persistent"
# below (4+ diary cramps over 4+ weeks, and which answers mean the cramps keep coming) and diary.danger_answers (a
# cramp over 10 minutes). Moving them into the YAML needs a schema field in core.models, a source key in meta.yaml
# and the rules table regenerated; they are covered by tests/followup/test_report_followup.py and test_diary.py.
REVIEW_MONTHS = 6
"""Cramps that persist are reviewed by a doctor within 6 months (the project's source guidance)."""
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
    """The day cramps were first checked or logged here: the 6-month review counts from it."""
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


def persistent(f: FollowUp, diary: DiaryFacts | None) -> bool:
    """Whether the cramps keep coming: by the last check's answers, or by the diary (4+ cramps over 4+ weeks)."""
    if f.last is not None:
        a = f.last.answers
        if a.get("problem_duration") in ("1_to_6_months", "over_6_months"):
            return True
        if a.get("cramp_frequency") in ("1_to_3_per_week", "more_than_3_per_week"):
            return True
    if diary is not None and diary.first is not None and diary.last is not None:
        return diary.episodes >= 4 and (diary.last - diary.first).days >= 28
    return False


@dataclass(frozen=True)
class Reminder:
    review_by: dt.date
    overdue: bool
    days_left: int


def review_reminder(f: FollowUp, diary: DiaryFacts | None, *, today: dt.date) -> Reminder | None:
    """A reminder to have persisting cramps reviewed by a doctor within 6 months of first noticing them."""
    first = min((d for d in (f.first_seen, diary.first if diary else None) if d is not None), default=None)
    if first is None or not persistent(f, diary):
        return None
    due = add_months(first, REVIEW_MONTHS)
    if f.last is not None and f.last.answers.get("problem_duration") == "over_6_months":
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
