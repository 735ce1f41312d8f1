"""The doctor's summary for this device: the check (the one on screen, or the last one), the diary, two languages."""

from __future__ import annotations

import datetime as dt

from mobile_app.core.engine import AnswerError, Assessment
from mobile_app.core.i18n import placeholders
from mobile_app.followup import followup
from mobile_app.followup.report import Summary, build_summary

from .records import Records
from .state import AppState
from .texts import open_translator


def summary_check(state: AppState, records: Records) -> tuple[Assessment | None, str, dt.date | None]:
    """(the check's result, who answered, the day it was done) for the summary.

    The finished check in the app comes first; else the last recorded check, assessed again by the engine
    when it is from this content version (an older version's answers may mean something else now).
    """
    last = records.followup.last
    if state.result is not None:
        done = last.when if last is not None and followup.is_recorded(records.followup, state.result) else None
        return state.result, state.who or "self", done
    if last is not None and last.content_version == state.content.meta.content_version:
        try:
            return state.engine.assess(last.answers), last.who, last.when
        except AnswerError:
            return None, last.who, None
    return None, state.who or "self", None


def make_summaries(state: AppState, records: Records, second_lang: str | None, today: dt.date) -> list[Summary]:
    """The summary in the person's language, then in the doctor's when one is chosen."""
    assessment, who, checked_on = summary_check(state, records)
    langs = [state.lang] + ([second_lang] if second_lang and second_lang != state.lang else [])
    out = []
    for lang in langs:
        tr, _ = open_translator(lang)
        out.append(
            build_summary(
                state.content,
                tr,
                placeholders(state.content, state.country, tr),
                assessment=assessment,
                who=who,
                today=today,
                diary=records.facts(today),
                weekly=records.weekly(today),
                checked_on=checked_on,
                country=state.country,
                episodes=records.diary.of(records.person),
                weekly_sessions=records.weekly_sessions(today),
            )
        )
    return out
