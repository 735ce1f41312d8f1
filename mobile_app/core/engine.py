"""The interview and triage engine: next_step(answers) and assess(answers) over the validated content."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .loader import Content, default_content, findings_in, single_yes_findings
from .models import (
    LEVEL_RANK,
    LEVELS,
    NOT_SURE,
    Advice,
    AllOf,
    AnswerIn,
    AnswerValue,
    AnyOf,
    Condition,
    Guidance,
    Level,
    Not,
    NumberCompare,
    Rule,
    Wording,
)

Answers = Mapping[str, AnswerValue]
Tri = bool | None
"""Three-valued truth: True, False, or None when it depends on an answer not given yet."""

AGE = "age_years"


class AnswerError(ValueError):
    """Answers the engine cannot use. `code` is stable; `finding` names the bad entry."""

    def __init__(self, code: str, finding: str, message: str) -> None:
        self.code = code
        self.finding = finding
        self.message = message
        super().__init__(f"{code}: {finding}: {message}")


def evaluate(cond: Condition, answers: Answers) -> Tri:
    """Kleene evaluation. An unanswered finding is unknown; an answered one is known, not_sure included."""
    if isinstance(cond, AnswerIn):
        if cond.finding not in answers:
            return None
        value = answers[cond.finding]
        # Compare with identity of type too: True must not match 1, nor "1" match 1.
        return any(type(value) is type(v) and value == v for v in cond.in_)
    if isinstance(cond, NumberCompare):
        if cond.finding not in answers:
            return None
        n = answers[cond.finding]
        if not isinstance(n, int) or isinstance(n, bool):
            return False
        return (cond.at_least is None or n >= cond.at_least) and (cond.below is None or n < cond.below)
    if isinstance(cond, AllOf):
        parts = [evaluate(c, answers) for c in cond.all]
        if any(p is False for p in parts):
            return False
        return True if all(p is True for p in parts) else None
    if isinstance(cond, AnyOf):
        parts = [evaluate(c, answers) for c in cond.any]
        if any(p is True for p in parts):
            return True
        return False if all(p is False for p in parts) else None
    if isinstance(cond, Not):
        inner = evaluate(cond.not_, answers)
        return None if inner is None else not inner
    raise TypeError(f"unknown condition node {cond!r}")  # pragma: no cover - the schema forbids it


@dataclass(frozen=True)
class Group:
    """Findings of one content screen, as shown within a step."""

    id: str
    title: Wording
    findings: tuple[str, ...]
    checklist: bool = False
    """Shown as one list with "None of these"; each item can be marked yes or not sure."""


@dataclass(frozen=True)
class Step:
    """The next screen of the interview: one or more groups of questions."""

    groups: tuple[Group, ...]
    number: int
    """1-based count of this screen in the check."""
    about_total: int = 0
    """The engine's estimate of how many screens the whole check takes, this one included (asked for with
    next_step(estimate=True): it plays the rest of the check with "no" answers, so the runner skips it)."""
    after_result: bool = False
    """Medicine-safety questions asked after the result: they change the medicine notes, never the level."""

    @property
    def findings(self) -> tuple[str, ...]:
        return tuple(f for g in self.groups for f in g.findings)

    none_for_all: bool = False
    """The screen is two or more checklists, none holding a danger sign: one "None of these on this page" answers
    them all "no" and goes on (decision 33). A list with a danger sign (a red flag or soft sign, or an item whose
    "yes" alone means same-day or emergency care) is always answered on its own, and a screen with one list keeps
    its own "None of these" (two buttons saying the same next to each other would confuse)."""


@dataclass(frozen=True)
class Reason:
    rule_id: str
    level: Level
    text: Wording


@dataclass(frozen=True)
class Assessment:
    """The result of a check."""

    level: Level
    reasons: tuple[Reason, ...]
    """The rules that fired at the result's level (or the fail-closed reason), in content order."""
    topics: tuple[str, ...]
    advice: tuple[Advice, ...]
    guidance: tuple[Guidance, ...]
    unsure_danger: tuple[str, ...]
    """Danger signs the person was not sure about: the result asks them to check these again."""
    unsure_emergency: tuple[str, ...]
    """The subset of unsure_danger where a "yes" means calling the emergency number: the result says so first."""
    go_to_ed: bool
    matched: bool
    """False when no rule matched and the engine failed closed."""
    answers: tuple[tuple[str, AnswerValue], ...]
    medicine_questions: tuple[str, ...] = ()
    """Medicine-safety questions still unanswered that could change the notes (offered after the result)."""

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.rule_id for r in self.reasons)

    def guidance_for(self, country: str) -> tuple[Guidance, ...]:
        """The medicine notes for a person in this country (some notes are local label facts)."""
        return for_country(self.guidance, country)


def for_country(guidance: Iterable[Guidance], country: str) -> tuple[Guidance, ...]:
    """Notes that hold everywhere, and those written for this country."""
    return tuple(g for g in guidance if not g.countries or country in g.countries)


STEP_CACHE_SIZE = 2048
"""Steps kept per engine (see Engine.next_step)."""


class Engine:
    """Interprets the content. Stateless: every call takes the answers so far."""

    def __init__(self, content: Content | None = None) -> None:
        self.content = content or default_content()
        c = self.content
        self._rules = c.rules.rules
        self._rule_findings = {
            r.id: findings_in(r.when) | (findings_in(r.unless) if r.unless is not None else set()) for r in self._rules
        }
        self._red_flags = tuple(q.id for q in c.questions.questions if q.red_flag or q.soft_sign)
        self._if_yes = _if_yes_levels(c)
        # Lists answered list by list, never with one tap for the whole screen (decision 33, independent review).
        self._danger_lists = frozenset(
            s.id
            for s in c.screens.screens
            if any(
                f in self._red_flags or LEVEL_RANK[self._if_yes.get(f, "self_care")] >= LEVEL_RANK["urgent"]
                for f in s.findings
            )
        )
        self._level_info = {li.level: li for li in c.advice.levels}
        self._guidance_findings = {
            g.id: (findings_in(g.when) if g.when is not None else set()) for g in c.medicines.guidance
        }
        self._advice_findings = {a.id: (findings_in(a.when) if a.when is not None else set()) for a in c.advice.advice}
        level_findings = set().union(*self._rule_findings.values(), *self._advice_findings.values())
        for s in c.screens.screens:
            if s.ask_if is not None:
                level_findings |= findings_in(s.ask_if)
        # Findings that only change the medicine notes: asked after the result, never before it.
        self._medicine_only = frozenset(set().union(*self._guidance_findings.values()) - level_findings - {AGE})
        # The same answers give the same step (the engine is a function of them), and many people share the first
        # screens: a server computes each of those once. Thread-safe; bounded (a step is a few kB).
        self._cached_step = lru_cache(maxsize=STEP_CACHE_SIZE)(self._step_for_key)

    # ------------------------------------------------------------ input checks

    def validate(self, answers: Answers, *, complete: bool = False) -> None:
        """Raise AnswerError for an unknown finding, a value it does not allow, or (complete) no age."""
        q = self.content.question_by_id
        for fid, value in answers.items():
            question = q.get(fid)
            if question is None:
                raise AnswerError("UNKNOWN_FINDING", fid, "this finding is not in the vocabulary")
            if not question.allowed(value):
                allowed = (
                    "true, false or not_sure"
                    if question.type == "bool"
                    else ", ".join(o.value for o in question.options)
                    if question.type == "choice"
                    else f"a whole number from {question.min} to {question.max}"
                )
                raise AnswerError("BAD_VALUE", fid, f"{value!r} is not allowed; expected {allowed}")
        if complete and AGE not in answers:
            raise AnswerError("MISSING_AGE", AGE, "the age is needed before a result can be given")

    # ------------------------------------------------------------ triage

    def fired(self, answers: Answers) -> list[Rule]:
        """Rules that certainly fire: their condition holds and their benign alternative certainly does not."""
        return [r for r in self._rules if rule_state(r, answers) is True]

    def fired_closed(self, answers: Answers) -> list[Rule]:
        """Rules that fire for a result: a benign alternative that was never confirmed does not hold (it needs
        positive evidence). In a finished interview this equals fired(); it differs when the check ended early
        (an emergency) or for signs reported outside the interview (a diary entry)."""
        return [r for r in self._rules if rule_state(r, answers, closed=True) is True]

    def assess(self, answers: Answers) -> Assessment:
        """The result for these answers. Unknown ids or values raise AnswerError; nothing is guessed."""
        self.validate(answers, complete=True)
        return self._result(answers)

    def danger_result(self, answers: Answers) -> Assessment | None:
        """The result for danger signs reported outside the interview (for example a diary entry of a cramp
        that lasted over 10 minutes): urgent or emergency when one of them fires a rule, else None.
        The age is not needed: no urgent or emergency rule is lowered by it."""
        self.validate(answers)
        result = self._result(answers)
        return result if result.matched and LEVEL_RANK[result.level] >= LEVEL_RANK["urgent"] else None

    def _result(self, answers: Answers) -> Assessment:
        fired = self.fired_closed(answers)
        unsure_danger = tuple(f for f in self._red_flags if answers.get(f) == NOT_SURE)
        unsure_emergency = tuple(f for f in unsure_danger if self._if_yes.get(f) == "emergency")
        fb = self.content.rules.fallback
        if fired:
            level: Level = max((r.level for r in fired), key=LEVEL_RANK.__getitem__)
            top = [r for r in fired if r.level == level]
            reasons = tuple(Reason(r.id, r.level, r.reason) for r in top)
            # Care at home (soon, self care) keeps the home-care topics of every home-level rule that
            # fired; urgent and emergency results show only what matters now.
            rule_topics = [t for r in fired if _same_band(r.level, level) for t in r.topics]
            go_to_ed = level == "emergency" and all(r.go_to_ed for r in top)
        else:
            # Fail closed: no known pattern is never "fine".
            if unsure_danger:
                level = fb.level_if_unsure_danger
                reasons = (Reason("no_match_unsure_danger", level, fb.reason_if_unsure_danger),)
            else:
                level = fb.level
                reasons = (Reason("no_match", level, fb.reason),)
            rule_topics = list(fb.topics)
            go_to_ed = False
        unsure_n = sum(1 for f in self._red_flags if answers.get(f) == NOT_SURE)
        no_n = sum(1 for f in self._red_flags if answers.get(f) is False)
        if (
            LEVEL_RANK[level] < LEVEL_RANK[fb.level_if_unsure_danger]
            and unsure_n >= fb.mostly_unsure_at_least
            and unsure_n >= 2 * no_n
        ):
            # Nothing dangerous excluded: most danger signs unsure outweigh any benign pattern (REASONING 1.4).
            level = fb.level_if_unsure_danger
            reasons = (Reason("mostly_unsure", level, fb.reason_if_mostly_unsure),)
            rule_topics = list(fb.topics)
            go_to_ed = False
        topics = list(dict.fromkeys([*self._level_info[level].topics, *rule_topics]))
        pending = self._pending_medicine(answers, level)
        guidance = tuple(
            g
            for g in self.content.medicines.guidance
            if level in g.levels and (g.when is None or evaluate(g.when, answers) is True)
        )
        if pending:
            guidance += tuple(
                g
                for g in self.content.medicines.until_answered
                if level in g.levels and (g.when is None or evaluate(g.when, answers) is True)
            )
        for g in guidance:
            if g.topic and g.topic not in topics:
                topics.append(g.topic)
        advice = tuple(
            a
            for a in self.content.advice.advice
            if a.topic in topics and level in a.levels and (a.when is None or evaluate(a.when, answers) is True)
        )
        shown = {a.topic for a in advice} | {g.topic for g in guidance if g.topic}
        return Assessment(
            level=level,
            reasons=reasons,
            topics=tuple(t for t in topics if t in shown),
            advice=advice,
            guidance=guidance,
            unsure_danger=unsure_danger,
            unsure_emergency=unsure_emergency,
            go_to_ed=go_to_ed,
            matched=bool(fired),
            answers=tuple(answers.items()),
            medicine_questions=pending,
        )

    def _pending_medicine(self, answers: Answers, level: Level) -> tuple[str, ...]:
        """Unanswered medicine-only findings that could still change a note shown at this level."""
        out: set[str] = set()
        for g in self.content.medicines.guidance:
            if g.when is not None and level in g.levels and evaluate(g.when, answers) is None:
                out |= self._guidance_findings[g.id] & self._medicine_only
        return tuple(q.id for q in self.content.questions.questions if q.id in out and q.id not in answers)

    # ------------------------------------------------------------ interview

    def relevant(self, answers: Answers) -> set[str]:
        """Unanswered findings whose answer could still change the level or the advice (medicine-only
        findings excluded: they come after the result, see medicine_step)."""
        certain_rules = self.fired(answers)
        certain = max((LEVEL_RANK[r.level] for r in certain_rules), default=-1)
        certain_topics = {t for r in certain_rules if LEVEL_RANK[r.level] == certain for t in r.topics}
        out: set[str] = set()
        certain_level: Level | None = next((lvl for lvl in LEVELS if LEVEL_RANK[lvl] == certain), None)
        if certain_level is not None:
            certain_topics = {t for r in certain_rules if _same_band(r.level, certain_level) for t in r.topics}
        for r in self._rules:
            rank = LEVEL_RANK[r.level]
            if rule_state(r, answers) is not None:
                continue
            # Above the certain level: it could raise the level. A rule at the same level that would add
            # advice for its cause (a medicine review, fluids) is worth asking too (issue 12).
            if rank > certain or (
                (certain_level is None or _same_band(r.level, certain_level)) and set(r.topics) - certain_topics
            ):
                out |= self._rule_findings[r.id]
        # Personal medicine guidance and conditional advice matter when the result could be at their level; a
        # same-day or emergency result does not wait for them (its notes are written for not knowing).
        possible = {lvl for lvl, rank in LEVEL_RANK.items() if rank >= max(certain, 0)}
        for g in self.content.medicines.guidance:
            if certain >= LEVEL_RANK["urgent"]:
                break  # a same-day or emergency result does not wait for medicine notes
            if g.when is not None and possible & set(g.levels) and evaluate(g.when, answers) is None:
                out |= self._guidance_findings[g.id]
        for a in self.content.advice.advice:
            if a.when is not None and possible & set(a.levels) and evaluate(a.when, answers) is None:
                out |= self._advice_findings[a.id]
        return {f for f in out if f not in answers and f not in self._medicine_only}

    def emergency_certain(self, answers: Answers) -> bool:
        return any(r.level == "emergency" for r in self.fired(answers))

    def next_step(self, answers: Answers, *, screens_shown: int = 0, estimate: bool = False) -> Step | Assessment:
        """The next screen to show, or the result when nothing left could change it.

        Danger comes first (screens are in priority order), and the check ends as soon as an
        emergency is certain. A group is merged with the following ones while they fit on a screen.
        """
        key = tuple(answers.items())  # in order: the result keeps the order they were given in
        try:
            return self._cached_step(key, screens_shown, estimate)
        except TypeError:  # an unhashable value is not a valid answer: validate says which
            return self._next_step(answers, screens_shown=screens_shown, estimate=estimate)

    def _step_for_key(
        self, key: tuple[tuple[str, AnswerValue], ...], screens_shown: int, estimate: bool
    ) -> Step | Assessment:
        return self._next_step(dict(key), screens_shown=screens_shown, estimate=estimate)

    def _next_step(self, answers: Answers, *, screens_shown: int, estimate: bool) -> Step | Assessment:
        self.validate(answers)
        if self.emergency_certain(answers):
            # Stop at once: an emergency needs no further answers, not even the age.
            return self._result(answers)
        groups = self._screen(answers)
        if not groups:
            return self._result(answers)
        number = screens_shown + 1
        left = self._screens_left(answers, groups) if estimate else 0
        return Step(
            groups=tuple(groups), number=number, about_total=number + left, none_for_all=self._none_for_all(groups)
        )

    def _screen(self, answers: Answers) -> list[Group]:
        """The groups of the next screen (empty when nothing left could change the result)."""
        relevant = self.relevant(answers)
        if AGE not in answers:
            relevant.add(AGE)
        groups: list[Group] = []
        # Room on a screen, in half-questions: a question takes 2, a checklist item 1 (a line to mark, read
        # at a glance), so a screen holds max_per_screen questions or twice as many checklist items.
        size = 0
        limit = 2 * self.content.screens.max_per_screen
        for s in self.content.screens.screens:
            gate = None if s.ask_if is None else evaluate(s.ask_if, answers)
            if gate is False:
                continue
            if gate is None and s.ask_if is not None and groups:
                # Its gate depends on questions on this very screen: wait for their answers.
                break
            todo = tuple(f for f in s.findings if f in relevant)
            if not todo:
                continue
            unit = 1 if s.checklist else 2
            if groups and size + unit * len(todo) > limit:
                fits = (limit - size) // unit
                if s.alone or s.checklist or len(todo) - fits < 2 or fits < 2:
                    # A checklist is never split: one list, one "None of these".
                    break
                # Fill the screen with the first questions of this group; the rest come next.
                todo = todo[:fits]
            groups.append(Group(s.id, s.title, todo, checklist=s.checklist))
            size += unit * len(todo)
            if s.alone or size >= limit:
                break
        return groups

    def _screens_left(self, answers: Answers, groups: list[Group]) -> int:
        """How many more screens follow this one if every answer on it and after it is a "no" (or the first
        choice): the estimate behind "Step 3 of about 6"."""
        q = self.content.question_by_id
        guess = dict(answers)
        left = 0
        shown = [f for g in groups for f in g.findings]
        while shown and left < 50:
            for f in shown:
                question = q[f]
                guess[f] = False if question.type == "bool" else question.options[0].value if question.options else 40
            if self.emergency_certain(guess):
                break
            nxt = self._screen(guess)
            if not nxt:
                break
            left += 1
            shown = [f for g in nxt for f in g.findings]
        return left

    def medicine_step(self, answers: Answers, *, screens_shown: int = 0) -> Step | None:
        """After the result: the medicine-safety questions that could still change the notes, or None."""
        result = self._result(answers)
        todo = set(result.medicine_questions)
        if not todo:
            return None
        groups = tuple(
            Group(s.id, s.title, f, checklist=s.checklist)
            for s in self.content.screens.screens
            if (f := tuple(x for x in s.findings if x in todo))
        )
        return Step(
            groups=groups,
            number=screens_shown + 1,
            about_total=screens_shown + 1,
            after_result=True,
            none_for_all=self._none_for_all(groups),
        )

    def _none_for_all(self, groups: Iterable[Group]) -> bool:
        """Whether a screen of these groups offers "None of these on this page" (see Step.none_for_all)."""
        gs = tuple(groups)
        return len(gs) >= 2 and all(g.checklist and g.id not in self._danger_lists for g in gs)

    def answered_list_by_list(self, group_id: str) -> bool:
        """Whether a list holds a danger sign, so that it is never answered with the rest of its screen."""
        return group_id in self._danger_lists


def rule_state(rule: Rule, answers: Answers, *, closed: bool = False) -> Tri:
    """Whether the rule fires: its condition holds and its benign alternative (if any) certainly does not.

    closed: an alternative that depends on answers not given counts as absent (fail closed)."""
    w = evaluate(rule.when, answers)
    if w is False:
        return False
    u = False if rule.unless is None else evaluate(rule.unless, answers)
    if u is True:
        return False
    if closed and u is None:
        u = False
    return True if (w is True and u is False) else None


def _if_yes_levels(content: Content) -> dict[str, Level]:
    """For each sign that on its own fires a rule: the level a "yes" would bring (for the "not sure" notes)."""
    out: dict[str, Level] = {}
    for r in content.rules.rules:
        for f in single_yes_findings(r):
            if f not in out or LEVEL_RANK[r.level] > LEVEL_RANK[out[f]]:
                out[f] = r.level
    return out


def _same_band(rule_level: Level, result_level: Level) -> bool:
    """Whether a rule at rule_level contributes topics to a result at result_level."""
    if rule_level == result_level:
        return True
    home = ("soon", "self_care")
    return rule_level in home and result_level in home


_default: Engine | None = None


def default_engine() -> Engine:
    global _default
    if _default is None:
        _default = Engine()
    return _default


def next_step(answers: Answers, *, screens_shown: int = 0) -> Step | Assessment:
    return default_engine().next_step(answers, screens_shown=screens_shown)


def assess(answers: Answers) -> Assessment:
    return default_engine().assess(answers)
