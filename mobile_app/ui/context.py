"""What a screen is built from: the session state, its translator, the palette and the actions it may call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import flet as ft

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import Translator, placeholders
from mobile_app.core.loader import Content
from mobile_app.core.models import AnswerValue, Country, Wording

from .records import Records
from .session import Session
from .state import AppState
from .theme import Palette, palette

Show = Callable[[], Sequence[ft.Control]]
"""Restyles part of a screen and returns the controls it changed (the controller sends them)."""
Handler = Callable[[ft.Event[Any]], Awaitable[None]]
"""A tap's handler (any button's event)."""


class CheckActions(Protocol):
    """Moving between screens, the settings and the check. Every verb saves and shows the change."""

    async def go(self, route: str) -> None: ...

    async def back(self, route: str) -> None: ...

    async def choose_language(self, lang: str) -> None: ...

    async def choose_country(self, code: str) -> None: ...

    async def start_check(self) -> None: ...

    async def choose_who(self, who: str) -> None: ...

    async def answer(self, finding: str, value: AnswerValue, show: Show | None = None) -> None: ...

    async def clear_answer(self, finding: str, show: Show | None = None) -> None: ...

    async def answer_none(self, group_id: str, show: Show | None = None) -> None: ...

    async def none_on_screen(self) -> None: ...

    async def next(self, unanswered: Show | None = None) -> None: ...

    async def ask_medicine_questions(self) -> None: ...

    async def change_answer(self, step_index: int) -> None: ...

    async def restart(self) -> None: ...

    async def clear_answers(self) -> None: ...


class DeviceActions(Protocol):
    """Dialogs, the clipboard and sharing, for any screen."""

    def show_dialog(self, dialog: ft.DialogControl) -> None: ...

    def close_dialog(self) -> None: ...

    def copy_action(self, text: str) -> Any: ...

    def pick_action(self) -> Any: ...

    async def copy_text(self, text: str, *, copied_by_client: bool) -> None: ...

    async def share_text(self, text: str) -> None: ...


class DiaryActions(Protocol):
    """The cramp diary: whose it is, the entry being logged (one verb per part), entries, files."""

    async def choose_person(self, person_id: str) -> None: ...

    async def add_person(self, name: str, refused: Show | None = None) -> None: ...

    async def set_when(self, when: dt.datetime | None) -> None: ...

    async def set_leg(self, leg: str, show: Show | None = None) -> None: ...

    async def set_pain(self, pain: int, show: Show | None = None) -> None: ...

    async def set_duration(self, duration: str, show: Show | None = None) -> None: ...

    async def toggle_helped(self, what: str, show: Show | None = None) -> None: ...

    async def set_note(self, note: str) -> None: ...

    async def save_episode(self, unready: Show | None = None) -> None: ...

    async def show_more_entries(self) -> None: ...

    async def delete_episode(self, episode_id: str) -> None: ...

    async def log_session(self, kind: str) -> None: ...

    async def undo_session(self, session_id: str) -> None: ...

    async def show_more_sessions(self) -> None: ...

    async def delete_session(self, session_id: str) -> None: ...

    async def delete_everything(self) -> None: ...

    async def discard_set_aside(self) -> None: ...

    async def export_diary(self) -> None: ...

    async def import_pick(self) -> None: ...


class SummaryActions(Protocol):
    """The summary for a doctor."""

    async def set_language(self, lang: str | None) -> None: ...

    async def download(self) -> None: ...


class ClinicActions(Protocol):
    """The clinic that recommended the app, and the clinic tools (one verb per field of the form)."""

    async def forget(self) -> None: ...

    async def set_lang(self, lang: str) -> None: ...

    async def set_country(self, code: str) -> None: ...

    async def set_name(self, name: str) -> None: ...

    async def set_phone(self, phone: str) -> None: ...

    async def set_address(self, address: str) -> None: ...

    async def make_link(self) -> None: ...

    async def download_handout(self, paper: str) -> None: ...


class Actions(CheckActions, DeviceActions, Protocol):
    """What a screen can ask for: the check's and the device's verbs, and one set per follow-up feature."""

    @property
    def diary(self) -> DiaryActions: ...

    @property
    def summary(self) -> SummaryActions: ...

    @property
    def clinic(self) -> ClinicActions: ...


@dataclass
class Ctx:
    """A screen's inputs. Session-wide values are read from `session`, the route's own from the fields."""

    state: AppState
    session: Session
    app: Actions
    route: str = field(default="/")
    records: Records = field(default_factory=Records)
    now: dt.datetime = field(default_factory=dt.datetime.now)
    """The moment the screen is built (the diary's "now", today's date)."""
    person_who: str | None = None
    """On diary screens: whose diary it is (self or caregiver), which sets the wording."""
    can_share: bool = False
    extra_langs: tuple[str, ...] = ()
    """Other languages shown on this screen (the doctor's summary): their fonts are registered too."""

    @property
    def tr(self) -> Translator:
        return self.session.tr

    @property
    def catalog_missing(self) -> bool:
        return self.session.catalog_missing

    @property
    def dark(self) -> bool:
        return self.session.dark

    @property
    def notice(self) -> str | None:
        return self.session.notice

    @property
    def flash(self) -> str | None:
        """A short message after an action on this screen (already translated), e.g. "Copied."."""
        return self.session.flash_on(self.route)

    @property
    def content(self) -> Content:
        return self.state.engine.content

    @property
    def engine(self) -> Engine:
        return self.state.engine

    @property
    def who(self) -> str:
        return self.person_who or self.state.who or "self"

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def country(self) -> Country:
        return self.content.country_by_code[self.state.country]

    @cached_property
    def values(self) -> dict[str, str]:
        """Placeholder values for content text: local emergency number, medicine names, maximum dose."""
        return placeholders(self.content, self.state.country, self.tr)

    @property
    def colors(self) -> Palette:
        return palette(self.dark)

    def w(self, wording: Wording) -> str:
        """Content text in the session's language, self or caregiver wording, placeholders filled in."""
        return self.tr.wording(wording, self.who, self.values)
