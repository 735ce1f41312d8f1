"""Loads the YAML content, validates it, and checks every cross-reference; bad content stops the app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .content_files import ContentFileError, read_content_file
from .models import (
    LEVEL_RANK,
    LEVELS,
    NOT_SURE,
    TOPICS,
    AdviceFile,
    AllOf,
    AnswerIn,
    AnyOf,
    Condition,
    Country,
    CountryFile,
    FollowUpFile,
    MedicineFile,
    Meta,
    Not,
    NumberCompare,
    Question,
    QuestionFile,
    Rule,
    RuleFile,
    ScreenFile,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """Bad content. `code` is stable (tests and logs rely on it); `file` and `path` locate the entry."""

    def __init__(self, code: str, file: str, path: str, message: str) -> None:
        self.code = code
        self.file = file
        self.path = path
        self.message = message
        super().__init__(f"{code} in {file} at {path or '<root>'}: {message}")


@dataclass(frozen=True)
class Content:
    """Every piece of validated content, with lookup tables built once."""

    questions: QuestionFile
    rules: RuleFile
    screens: ScreenFile
    advice: AdviceFile
    medicines: MedicineFile
    countries: CountryFile
    meta: Meta
    followup: FollowUpFile
    """Follow-up thresholds: the review reminder and the diary's danger signs (read by mobile_app.followup)."""
    question_by_id: dict[str, Question] = field(default_factory=dict)
    country_by_code: dict[str, Country] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.meta.content_version


def _read(directory: Path, name: str, model: type[M]) -> M:
    path = directory / name
    try:
        raw = read_content_file(path)  # the YAML, or its JSON twin in the browser build (content_files)
    except FileNotFoundError:
        raise ContentError("CONTENT_MISSING_FILE", name, "", "the file is missing") from None
    except ContentFileError as exc:
        raise ContentError("CONTENT_YAML", name, exc.where, exc.message) from None
    if isinstance(raw, dict):
        # Top-level "x-" keys only hold YAML anchors shared by entries below (as in docker-compose).
        raw = {k: v for k, v in raw.items() if not str(k).startswith("x-")}
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ContentError("CONTENT_SCHEMA", name, loc, first["msg"]) from None


def walk(cond: Condition) -> Iterator[Condition]:
    """Every node of a condition tree, depth first."""
    yield cond
    if isinstance(cond, AllOf):
        for c in cond.all:
            yield from walk(c)
    elif isinstance(cond, AnyOf):
        for c in cond.any:
            yield from walk(c)
    elif isinstance(cond, Not):
        yield from walk(cond.not_)


def findings_in(cond: Condition) -> set[str]:
    return {n.finding for n in walk(cond) if isinstance(n, (AnswerIn, NumberCompare))}


def _check_condition(
    cond: Condition,
    questions: dict[str, Question],
    file: str,
    path: str,
    level: str | None,
    *,
    gate: bool = False,
    unless: bool = False,
) -> None:
    """Cross-references and the uncertainty discipline of one condition.

    level is the rule's level (None for advice and guidance, which never change the level). A gate
    (a screen's ask_if) only decides whether to ask: asking when unsure is the cautious side, so the
    not_sure discipline does not apply to it. unless marks a rule's benign alternative: it may only hold
    on confirmed answers, and on a danger finding only on a real "no".
    """
    for node in walk(cond):
        if isinstance(node, Not) and level is not None:
            # A "not" could make a yes lower the level; a benign alternative is written as `unless`.
            raise ContentError("CONTENT_NOT_MONOTONE", file, path, "'not' is not allowed in rules; use 'unless'")
        if isinstance(node, (AnswerIn, NumberCompare)):
            q = questions.get(node.finding)
            if q is None:
                raise ContentError("CONTENT_UNKNOWN_FINDING", file, path, f"unknown finding {node.finding!r}")
        if isinstance(node, NumberCompare):
            assert q is not None
            if q.type != "int":
                raise ContentError("CONTENT_BAD_VALUE", file, path, f"{node.finding} is not a number finding")
        if isinstance(node, AnswerIn):
            assert q is not None
            for value in node.in_:
                if not q.allowed(value) or (q.type == "int"):
                    raise ContentError("CONTENT_BAD_VALUE", file, path, f"{value!r} is not an answer to {node.finding}")
            values = set(node.in_)
            if unless or (level == "self_care" and q.danger):
                # Reassurance needs positive evidence: "not sure" never reassures. In a benign alternative a
                # yes-no finding may be asked to be "not confirmed" ([false, not_sure]): an
                # unsure sign is ignored once the benign pattern itself is affirmed by other answers (REASONING
                # 1.1 and 1.3); a "yes" always breaks the alternative, so it can never lower a sign's level.
                if unless and q.type == "bool" and values == {False, NOT_SURE}:
                    continue
                if NOT_SURE in values:
                    raise ContentError(
                        "CONTENT_NOT_MONOTONE", file, path, f"{node.finding}: not_sure never counts as reassurance"
                    )
                if q.danger and values != {False}:
                    raise ContentError(
                        "CONTENT_NOT_MONOTONE",
                        file,
                        path,
                        f"{node.finding} is a danger finding: it may only reassure as a real 'no'",
                    )
                continue
            if NOT_SURE in values and not gate:
                # Unsure may count as yes, never as more than yes.
                if q.type == "bool" and True not in values:
                    raise ContentError(
                        "CONTENT_NOT_MONOTONE",
                        file,
                        path,
                        f"{node.finding}: not_sure may only count together with true",
                    )
                if q.type == "choice" and len(values) < 2:
                    raise ContentError(
                        "CONTENT_NOT_MONOTONE",
                        file,
                        path,
                        f"{node.finding}: not_sure may only count together with a real answer",
                    )
                if level == "self_care":
                    # Unsure must never be what sends someone home.
                    raise ContentError("CONTENT_NOT_MONOTONE", file, path, "self_care rules may not count not_sure")
            if level is not None and level != "self_care" and q.type == "bool" and True not in values:
                raise ContentError(
                    "CONTENT_NOT_MONOTONE",
                    file,
                    path,
                    f"{node.finding}: an escalating rule may not fire on 'no' alone",
                )


def single_yes_findings(rule: Rule) -> set[str]:
    """Findings that, answered yes on their own, make this rule fire (whatever else is answered)."""
    if rule.unless is not None:
        return set()
    w = rule.when
    parts = w.any if isinstance(w, AnyOf) else (w,)
    out = set()
    for c in parts:
        if isinstance(c, AnswerIn) and True in c.in_:
            out.add(c.finding)
    return out


def _cross_check(c: Content) -> None:
    q = c.question_by_id
    known_sources = set(c.meta.sources)

    def sources_ok(srcs: tuple[str, ...], file: str, path: str) -> None:
        for s in srcs:
            if s not in known_sources:
                raise ContentError("CONTENT_UNKNOWN_SOURCE", file, path, f"unknown source {s!r}")

    def topic_ok(t: str, file: str, path: str) -> None:
        if t not in TOPICS:
            raise ContentError("CONTENT_UNKNOWN_TOPIC", file, path, f"unknown topic {t!r}")

    def unique(ids: list[str], file: str, what: str) -> None:
        seen: set[str] = set()
        for i, x in enumerate(ids):
            if x in seen:
                raise ContentError("CONTENT_DUPLICATE_ID", file, f"{what}.{i}", f"duplicate id {x!r}")
            seen.add(x)

    unique([x.id for x in c.questions.questions], "questions.yaml", "questions")
    unique([x.id for x in c.rules.rules], "rules.yaml", "rules")
    unique([x.id for x in c.screens.screens], "screens.yaml", "screens")
    unique([x.id for x in c.advice.advice], "advice.yaml", "advice")
    unique([x.id for x in c.medicines.guidance], "medicines.yaml", "guidance")
    unique([x.id for x in c.medicines.medicines], "medicines.yaml", "medicines")
    unique([x.code for x in c.countries.countries], "countries.yaml", "countries")
    unique([x.code for x in c.meta.languages], "meta.yaml", "languages")

    red_flag_rules: set[str] = set()
    for i, r in enumerate(c.rules.rules):
        path = f"rules.{i}"
        _check_condition(r.when, q, "rules.yaml", f"{path}.when", r.level)
        if r.unless is not None:
            _check_condition(r.unless, q, "rules.yaml", f"{path}.unless", r.level, unless=True)
        for t in r.topics:
            topic_ok(t, "rules.yaml", f"{path}.topics")
        sources_ok(r.sources, "rules.yaml", f"{path}.sources")
        if LEVEL_RANK[r.level] >= LEVEL_RANK["urgent"]:
            red_flag_rules |= single_yes_findings(r)
    fb = c.rules.fallback
    sources_ok(fb.sources, "rules.yaml", "fallback.sources")
    for t in fb.topics:
        topic_ok(t, "rules.yaml", "fallback.topics")
    if LEVEL_RANK[fb.level_if_unsure_danger] < LEVEL_RANK["urgent"]:
        raise ContentError(
            "CONTENT_NOT_MONOTONE",
            "rules.yaml",
            "fallback.level_if_unsure_danger",
            "an unsure danger sign with nothing else known must lead to urgent or above",
        )
    if LEVEL_RANK[fb.level] < LEVEL_RANK["soon"]:
        raise ContentError("CONTENT_NOT_MONOTONE", "rules.yaml", "fallback.level", "no match must never mean self care")

    escalating_yes = {
        n.finding
        for r in c.rules.rules
        if LEVEL_RANK[r.level] >= LEVEL_RANK["urgent"]
        for n in walk(r.when)
        if isinstance(n, AnswerIn) and True in n.in_
    }
    for i, question in enumerate(c.questions.questions):
        if question.risk_factor and (question.red_flag or question.id in red_flag_rules):
            raise ContentError(
                "CONTENT_RED_FLAG",
                "questions.yaml",
                f"questions.{i}",
                f"{question.id} is a risk factor: it may raise the level only together with a sign",
            )
        if question.soft_sign and (question.red_flag or question.id not in escalating_yes):
            raise ContentError(
                "CONTENT_RED_FLAG",
                "questions.yaml",
                f"questions.{i}",
                f"{question.id} is a soft sign: an urgent or emergency rule must count it (and it is no red flag)",
            )
        if question.red_flag and question.id not in red_flag_rules:
            raise ContentError(
                "CONTENT_RED_FLAG",
                "questions.yaml",
                f"questions.{i}",
                f"{question.id} is a red flag but no urgent or emergency rule fires on it alone",
            )
        if not question.red_flag and question.id in red_flag_rules:
            raise ContentError(
                "CONTENT_RED_FLAG",
                "questions.yaml",
                f"questions.{i}",
                f"{question.id} alone makes a rule urgent or above: mark it red_flag",
            )

    for i, sc in enumerate(c.screens.screens):
        if sc.checklist and (len(sc.findings) > 6 or any(q[f].type != "bool" for f in sc.findings if f in q)):
            raise ContentError(
                "CONTENT_SCREEN", "screens.yaml", f"screens.{i}", "a checklist holds 1 to 6 yes-no questions"
            )
    on_screen: dict[str, str] = {}
    for i, s in enumerate(c.screens.screens):
        for j, f in enumerate(s.findings):
            if f not in q:
                raise ContentError(
                    "CONTENT_UNKNOWN_FINDING", "screens.yaml", f"screens.{i}.findings.{j}", f"unknown finding {f!r}"
                )
            if f in on_screen:
                raise ContentError(
                    "CONTENT_SCREEN",
                    "screens.yaml",
                    f"screens.{i}.findings.{j}",
                    f"{f} is already asked on screen {on_screen[f]}",
                )
            on_screen[f] = s.id
        if s.ask_if is not None:
            _check_condition(s.ask_if, q, "screens.yaml", f"screens.{i}.ask_if", None, gate=True)
    for f in q:
        if f not in on_screen:
            raise ContentError("CONTENT_SCREEN", "screens.yaml", "screens", f"{f} is never asked")

    levels_seen = [li.level for li in c.advice.levels]
    if sorted(levels_seen) != sorted(LEVELS):
        raise ContentError("CONTENT_SCHEMA", "advice.yaml", "levels", "each level needs exactly one entry")
    for i, li in enumerate(c.advice.levels):
        for t in li.topics:
            topic_ok(t, "advice.yaml", f"levels.{i}.topics")
    topics_with_advice: set[str] = set()
    for i, a in enumerate(c.advice.advice):
        topic_ok(a.topic, "advice.yaml", f"advice.{i}.topic")
        sources_ok(a.sources, "advice.yaml", f"advice.{i}.sources")
        if a.when is not None:
            _check_condition(a.when, q, "advice.yaml", f"advice.{i}.when", None)
        topics_with_advice.add(a.topic)
    unique([x.id for x in (*c.medicines.guidance, *c.medicines.until_answered)], "medicines.yaml", "guidance")
    for i, g in enumerate((*c.medicines.guidance, *c.medicines.until_answered)):
        if g.topic is not None:
            topic_ok(g.topic, "medicines.yaml", f"guidance.{i}.topic")
        sources_ok(g.sources, "medicines.yaml", f"guidance.{i}.sources")
        for code in g.countries:
            if code not in {x.code for x in c.countries.countries}:
                raise ContentError(
                    "CONTENT_SCHEMA", "medicines.yaml", f"guidance.{i}.countries", f"no country {code!r}"
                )
        if g.when is not None:
            _check_condition(g.when, q, "medicines.yaml", f"guidance.{i}.when", None)
    for i, m in enumerate(c.medicines.medicines):
        sources_ok(m.sources, "medicines.yaml", f"medicines.{i}.sources")
    for i, country in enumerate(c.countries.countries):
        # Emergency numbers and medicine facts are cited like rules: keys into meta.yaml, never free text.
        sources_ok(country.sources, "countries.yaml", f"countries.{i}.sources")
    _check_followup(c, sources_ok)
    guidance_topics = {g.topic for g in c.medicines.guidance if g.topic}
    for t in TOPICS:
        if t not in topics_with_advice and t not in guidance_topics:
            raise ContentError("CONTENT_TOPIC_WITHOUT_ADVICE", "advice.yaml", "advice", f"no advice for {t!r}")


def _check_followup(c: Content, sources_ok: Callable[[tuple[str, ...], str, str], None]) -> None:
    """The follow-up thresholds name real findings, real answers to them, danger signs and known sources."""
    file = "followup.yaml"
    q = c.question_by_id
    f = c.followup
    sources_ok(f.review.sources, file, "review.sources")
    for part, answers in (("keeps_coming", f.keeps_coming.answers), ("due_today", f.due_today.answers)):
        for i, node in enumerate(answers):
            # The same checks as a rule's {finding, in}: a known finding, and values that answer it.
            _check_condition(node, q, file, f"{part}.answers.{i}", None)
    sources_ok(f.keeps_coming.sources, file, "keeps_coming.sources")
    sources_ok(f.due_today.sources, file, "due_today.sources")
    durations: set[str] = set()
    for i, sign in enumerate(f.diary_danger):
        path = f"diary_danger.{i}"
        if sign.duration in durations:
            raise ContentError("CONTENT_DUPLICATE_ID", file, path, f"duration {sign.duration!r} is listed twice")
        durations.add(sign.duration)
        question = q.get(sign.finding)
        if question is None:
            raise ContentError("CONTENT_UNKNOWN_FINDING", file, f"{path}.finding", f"unknown finding {sign.finding!r}")
        if question.type != "bool":
            raise ContentError("CONTENT_BAD_VALUE", file, f"{path}.finding", f"{sign.finding} is not a yes-no finding")
        if not (question.red_flag or question.soft_sign):
            raise ContentError(
                "CONTENT_RED_FLAG",
                file,
                f"{path}.finding",
                f"{sign.finding} is neither a red flag nor a soft sign: a diary entry is a danger sign or nothing",
            )
        sources_ok(sign.sources, file, f"{path}.sources")


def load_content(directory: Path | str = CONTENT_DIR) -> Content:
    """Read and validate every content file in directory. Raises ContentError on any defect."""
    d = Path(directory)
    questions = _read(d, "questions.yaml", QuestionFile)
    content = Content(
        questions=questions,
        rules=_read(d, "rules.yaml", RuleFile),
        screens=_read(d, "screens.yaml", ScreenFile),
        advice=_read(d, "advice.yaml", AdviceFile),
        medicines=_read(d, "medicines.yaml", MedicineFile),
        countries=_read(d, "countries.yaml", CountryFile),
        meta=_read(d, "meta.yaml", Meta),
        followup=_read(d, "followup.yaml", FollowUpFile),
        question_by_id={x.id: x for x in questions.questions},
    )
    object.__setattr__(content, "country_by_code", {x.code: x for x in content.countries.countries})
    _cross_check(content)
    return content


@cache
def default_content() -> Content:
    """The package's own content, loaded once per process."""
    return load_content(CONTENT_DIR)


def raw_yaml(name: str, directory: Path | str = CONTENT_DIR) -> Any:
    """The parsed YAML of one content file (for tools such as the catalog extractor)."""
    return read_content_file(Path(directory) / name)
