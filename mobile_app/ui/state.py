"""The state of one person's session: settings, answers and shown screens, changed only through verb methods."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from mobile_app.core.engine import AnswerError, Assessment, Engine, Step
from mobile_app.core.models import LANGUAGES, AnswerValue

WHO = ("self", "caregiver")
SCHEMA_VERSION = 1
"""Version of the stored form (to_json); bump it when the form changes."""


class StoredStateError(ValueError):
    """Stored data that cannot be trusted: the app clears it and tells the person."""


@dataclass
class AppState:
    """What the person chose and answered. The engine decides everything else; this only keeps track."""

    engine: Engine
    lang: str = "en"
    country: str = "US"
    who: str | None = None
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    """The screens shown so far, in order; the last one is the screen in progress."""
    result: Assessment | None = None
    """Set once the engine has given its result for the answers."""

    # ------------------------------------------------------------ reading

    @property
    def content(self):  # type: ignore[no-untyped-def]
        return self.engine.content

    @property
    def current(self) -> Step | None:
        return self.steps[-1] if self.steps and self.result is None else None

    @property
    def in_progress(self) -> bool:
        return bool(self.steps) or self.result is not None

    def unanswered(self, step: Step) -> list[str]:
        """Questions on the screen still waiting for an answer. A checklist counts as answered once any of its
        items is marked (the rest then mean "no") or "None of these" was chosen."""
        out: list[str] = []
        for g in step.groups:
            if g.checklist and any(f in self.answers for f in g.findings):
                continue
            out += [f for f in g.findings if f not in self.answers]
        return out

    def can_continue(self) -> bool:
        """Every question on the screen is answered, or an answer already makes an emergency certain."""
        step = self.current
        if step is None:
            return False
        return not self.unanswered(step) or self.engine.emergency_certain(self.answers)

    def none_of_these(self, step: Step, group_id: str) -> list[str]:
        """The checklist `group_id` of `step` as one answer "None of these": every item "no"."""
        group = next((g for g in step.groups if g.id == group_id and g.checklist), None)
        if group is None:
            raise ValueError(f"{group_id!r} is not a checklist on this screen")
        return list(group.findings)

    @property
    def medicine_questions(self) -> tuple[str, ...]:
        """Medicine-safety questions the result offers to answer (they change the notes, never the level)."""
        return self.result.medicine_questions if self.result is not None else ()

    # ------------------------------------------------------------ verbs

    def choose_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang

    def choose_country(self, code: str) -> None:
        if code not in self.content.country_by_code:
            raise ValueError(f"unknown country {code!r}")
        self.country = code

    def choose_who(self, who: str) -> None:
        if who not in WHO:
            raise ValueError(f"who is 'self' or 'caregiver', not {who!r}")
        self.who = who

    def begin(self) -> None:
        """Show the first screen, unless a check is already under way."""
        if not self.in_progress:
            self._advance()

    def answer(self, finding: str, value: AnswerValue) -> None:
        """Answer a question on the current screen (the engine checks the value)."""
        step = self.current
        if step is None or finding not in step.findings:
            raise ValueError(f"{finding!r} is not on the current screen")
        self.engine.validate({finding: value})
        self.answers[finding] = value

    def answer_none(self, group_id: str) -> None:
        """ "None of these" on a checklist of the current screen: every item is a "no"."""
        step = self.current
        if step is None:
            raise ValueError("no screen in progress")
        for f in self.none_of_these(step, group_id):
            self.answers[f] = False

    def none_on_screen_offered(self) -> bool:
        """Whether the current screen offers "None of these on this page": it is two or more checklists and nothing
        on it is marked yes or not sure (a mark means each list is answered on its own)."""
        step = self.current
        if step is None or not step.none_for_all:
            return False
        return all(self.answers.get(f, False) is False for f in step.findings)

    def none_on_screen(self) -> None:
        """ "None of these on this page": every item of every list on the screen is a "no", then the next screen."""
        if not self.none_on_screen_offered():
            raise ValueError("the current screen does not offer None of these on this page")
        step = self.current
        assert step is not None
        for f in step.findings:
            self.answers[f] = False
        self.next()

    def ask_medicine_questions(self) -> bool:
        """After the result: show the medicine-safety questions as one more screen; False when none are left."""
        if self.result is None:
            return False
        step = self.engine.medicine_step(self.answers, screens_shown=len(self.steps))
        if step is None:
            return False
        self.result = None
        self.steps.append(step)
        return True

    def clear_answer(self, finding: str) -> None:
        """Forget an answer on the current screen (an emptied number field)."""
        step = self.current
        if step is not None and finding in step.findings:
            self.answers.pop(finding, None)

    def next(self) -> None:
        """Go on to the next screen, or to the result."""
        if not self.can_continue():
            raise ValueError("the current screen is not answered yet")
        step = self.current
        if step is not None:
            # Checklist items left unmarked mean "no" (the list was answered: see unanswered).
            for g in step.groups:
                if g.checklist and any(f in self.answers for f in g.findings):
                    for f in g.findings:
                        self.answers.setdefault(f, False)
        self._advance()

    def back(self) -> None:
        """One step back: from the result to the last screen; from a screen to the one before (forgetting it)."""
        if self.result is not None:
            self.result = None
            return
        if self.steps:
            popped = self.steps.pop()
            self._forget(popped)
            if popped.after_result:
                # The medicine questions were asked after the result: going back from them is the result.
                self._advance()

    def change_answer(self, step_index: int) -> None:
        """Go back to an earlier screen to change an answer; later screens are forgotten, that one is kept."""
        if not 0 <= step_index < len(self.steps):
            raise IndexError(f"no screen {step_index}")
        self.result = None
        while len(self.steps) > step_index + 1:
            self._forget(self.steps.pop())

    def restart(self) -> None:
        """Start again: forget the answers, the screens, the result and who the check is for."""
        self.answers.clear()
        self.steps.clear()
        self.result = None
        self.who = None

    # ------------------------------------------------------------ internals

    def _advance(self) -> None:
        nxt = self.engine.next_step(self.answers, screens_shown=len(self.steps), estimate=True)
        if isinstance(nxt, Assessment):
            self.result = nxt
        else:
            self.steps.append(nxt)

    def _forget(self, step: Step) -> None:
        for f in step.findings:
            self.answers.pop(f, None)

    # ------------------------------------------------------------ storage form

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "content_version": self.content.meta.content_version,
            "lang": self.lang,
            "country": self.country,
            "who": self.who,
            "answers": self.answers,
            "steps": [list(s.findings) for s in self.steps],
            "finished": self.result is not None,
        }
        return json.dumps(data, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, engine: Engine, raw: object) -> AppState:
        """Rebuild a session from its stored form; anything odd raises StoredStateError (nothing is guessed)."""
        try:
            data = json.loads(raw) if isinstance(raw, str) else None
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes (issue 17)
            data = None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
            raise StoredStateError("not a stored session of this version")
        state = cls(engine)
        try:
            state.choose_language(data["lang"])
            state.choose_country(data["country"])
            if data["who"] is not None:
                state.choose_who(data["who"])
            answers, steps, finished = data["answers"], data["steps"], data["finished"]
        except (KeyError, ValueError, TypeError) as exc:
            raise StoredStateError(f"bad settings: {exc}") from None
        if not isinstance(answers, dict) or not isinstance(steps, list) or not isinstance(finished, bool):
            raise StoredStateError("bad answers or screens")
        try:
            engine.validate(answers)
        except AnswerError as exc:
            raise StoredStateError(f"bad answer: {exc}") from None
        state._replay(answers, steps, finished)
        return state

    def _replay(self, answers: dict[str, AnswerValue], steps: list[Any], finished: bool) -> None:
        """Ask the engine again, screen by screen: it must show the same screens for the same answers."""
        if steps and self.who is None:
            raise StoredStateError("a check without who it is for")
        for i, expected in enumerate(steps):
            nxt: Step | Assessment | None = self.engine.next_step(self.answers, screens_shown=i, estimate=True)
            if isinstance(nxt, Assessment):
                nxt = self.engine.medicine_step(self.answers, screens_shown=i)  # asked after the result
            if not isinstance(nxt, Step) or list(nxt.findings) != expected:
                raise StoredStateError(f"screen {i + 1} does not match the content")
            self.steps.append(nxt)
            for f in nxt.findings:
                if f in answers:
                    self.answers[f] = answers[f]
            if i < len(steps) - 1 and self.unanswered(nxt):
                raise StoredStateError(f"screen {i + 1} was left unanswered")
        if set(answers) - set(self.answers):
            raise StoredStateError("answers to questions that were never shown")
        if finished:
            if not steps:
                raise StoredStateError("a result without screens")
            if not self.can_continue():
                raise StoredStateError("a result for an unfinished screen")
            self._advance()
            if self.result is None:
                raise StoredStateError("the stored result needs more answers now")
