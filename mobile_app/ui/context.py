"""What a screen is built from: the session state, its translator, the palette and the actions it may call."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import Translator, placeholders
from mobile_app.core.loader import Content
from mobile_app.core.models import AnswerValue, Country, Wording

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

    async def answer(self, finding: str, value: AnswerValue) -> None: ...

    async def clear_answer(self, finding: str) -> None: ...

    async def next(self) -> None: ...

    async def change_answer(self, step_index: int) -> None: ...

    async def restart(self) -> None: ...

    async def clear_answers(self) -> None: ...


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

    @property
    def content(self) -> Content:
        return self.state.engine.content

    @property
    def engine(self) -> Engine:
        return self.state.engine

    @property
    def who(self) -> str:
        return self.state.who or "self"

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
