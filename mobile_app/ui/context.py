"""What a screen is built from: the session state, its translator, the palette and the actions it may call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import flet as ft

from mobile_app.core.clinic_link import LinkError
from mobile_app.core.engine import Assessment, Engine
from mobile_app.core.i18n import Translator, placeholders
from mobile_app.core.loader import Content
from mobile_app.core.models import AnswerValue, Country, Wording

from .records import ClinicForm, Records
from .state import AppState
from .theme import Palette, palette


class Actions(Protocol):
    """What a screen can ask for. The controller implements it; every method saves and shows the change."""

    async def go(self, route: str) -> None: ...

    async def back(self, route: str) -> None: ...

    async def choose_language(self, lang: str) -> None: ...

    async def choose_country(self, code: str) -> None: ...

    async def start_check(self) -> None: ...

    async def choose_who(self, who: str) -> None: ...

    async def answer(
        self, finding: str, value: AnswerValue, show: Callable[[], Sequence[ft.Control]] | None = None
    ) -> None: ...

    async def clear_answer(self, finding: str, show: Callable[[], Sequence[ft.Control]] | None = None) -> None: ...

    async def answer_none(self, group_id: str, show: Callable[[], Sequence[ft.Control]] | None = None) -> None: ...

    async def next(self, unanswered: Callable[[], Sequence[ft.Control]] | None = None) -> None: ...

    async def ask_medicine_questions(self) -> None: ...

    async def change_answer(self, step_index: int) -> None: ...

    async def restart(self) -> None: ...

    async def clear_answers(self) -> None: ...

    # ------------------------------------------------------------ diary, follow-up, summary, clinic

    def show_dialog(self, dialog: ft.DialogControl) -> None: ...

    def close_dialog(self) -> None: ...

    def copy_action(self, text: str) -> Any: ...

    def pick_action(self) -> Any: ...

    async def copy_text(self, text: str, *, copied_by_client: bool) -> None: ...

    async def choose_person(self, person_id: str) -> None: ...

    async def add_person(self, name: str) -> bool: ...

    async def set_when(self, when: dt.datetime | None) -> None: ...

    async def edit_draft(self, what: str, value: Any) -> None: ...

    async def save_episode(self) -> None: ...

    async def show_more_entries(self) -> None: ...

    async def delete_episode(self, episode_id: str) -> None: ...

    async def delete_everything(self) -> None: ...

    async def discard_set_aside(self) -> None: ...

    async def export_diary(self) -> None: ...

    async def import_pick(self) -> None: ...

    async def set_summary_language(self, lang: str | None) -> None: ...

    async def download_summary(self) -> None: ...

    async def share_text(self, text: str) -> None: ...

    async def forget_clinic(self) -> None: ...

    async def edit_clinic_form(self, what: str, value: str) -> None: ...

    async def make_clinic_link(self) -> None: ...

    async def download_handout(self, paper: str) -> None: ...


@dataclass
class Ctx:
    state: AppState
    tr: Translator
    app: Actions
    catalog_missing: bool = False
    """The chosen language has no catalog yet: English is shown, with a note."""
    dark: bool = False
    notice: str | None = None
    """A one-off message for the start screen: "restore_failed" or "cleared"."""
    route: str = field(default="/")
    records: Records = field(default_factory=Records)
    now: dt.datetime = field(default_factory=dt.datetime.now)
    """The moment the screen is built (the diary's "now", today's date)."""
    flash: str | None = None
    """A short message after an action on this screen (already translated), e.g. "Copied."."""
    person_who: str | None = None
    """On diary screens: whose diary it is (self or caregiver), which sets the wording."""
    can_share: bool = False
    extra_langs: tuple[str, ...] = ()
    """Other languages shown on this screen (the doctor's summary): their fonts are registered too."""
    diary_result: Assessment | None = None
    """The urgent result of a diary entry, shown at /diary/result."""
    summary_lang: str | None = None
    """The doctor's language for the summary, when it differs from the person's."""
    clinic_form: ClinicForm = field(default_factory=ClinicForm)
    link_error: LinkError | None = None
    """A clinic link that was refused (a LinkError): the start screen says which setting was wrong."""

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
