"""Scripted interview runner: plays vignettes through the same engine path the app uses, prints JSON lines.

usage: python -m mobile_app.core.simulate VIGNETTES.json

Each vignette is {"id": ..., "who": "self" | "caregiver", "findings": {finding_id: answer}}. The runner
asks the engine for the next screen, answers every finding on it from the vignette ("not_sure" where the
vignette is silent), and goes on until the engine gives a result. It reads nothing else from a vignette.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from .engine import AGE, AnswerError, Assessment, Engine, Step
from .loader import ContentError
from .models import NOT_SURE, AnswerValue

MAX_SCREENS = 200
"""A guard: the engine always ends (each screen answers at least one new finding), this only proves it."""


class VignetteError(ValueError):
    """A vignette the runner cannot play: named by its id and the bad field."""


def _check_vignette(v: Any, index: int, engine: Engine) -> tuple[str, str, dict[str, AnswerValue]]:
    where = f"vignette #{index + 1}"
    if not isinstance(v, Mapping):
        raise VignetteError(f"{where}: expected an object, got {type(v).__name__}")
    vid = v.get("id")
    if not isinstance(vid, str) or not vid:
        raise VignetteError(f"{where}: missing or empty 'id'")
    where = f"vignette {vid}"
    who = v.get("who")
    if who not in ("self", "caregiver"):
        raise VignetteError(f'{where}: \'who\' must be "self" or "caregiver", got {who!r}')
    findings = v.get("findings")
    if not isinstance(findings, Mapping):
        raise VignetteError(f"{where}: 'findings' must be an object")
    try:
        engine.validate(findings)
    except AnswerError as exc:
        raise VignetteError(f"{where}: {exc.finding}: {exc.message}") from None
    if AGE not in findings:
        raise VignetteError(f"{where}: {AGE} is missing; the age is needed and has no 'not sure'")
    return vid, who, dict(findings)


def run_interview(engine: Engine, findings: Mapping[str, AnswerValue]) -> tuple[Assessment, list[list[str]]]:
    """Play one interview to its result. Returns the result and the screens shown (finding ids)."""
    result, steps, _ = play(engine, findings)
    return result, steps


def answer_screen(
    engine: Engine, step: Step, findings: Mapping[str, AnswerValue], answers: dict[str, AnswerValue]
) -> int:
    """Answer one screen as the person would, into answers; return the taps it took.

    One tap per answer; a checklist's items marked yes or not sure one tap each, or one "None of these";
    then Next. A screen of checklists with nothing to mark is one tap ("None of these on this page" answers them
    all and goes on). An emergency answer needs no more taps: the app shows the emergency action at once."""
    if step.none_for_all and all(findings.get(f, NOT_SURE) is False for f in step.findings):
        for f in step.findings:
            answers[f] = False
        return 1
    taps = 0
    for g in step.groups:
        marked = [f for f in g.findings if findings.get(f, NOT_SURE) is not False] if g.checklist else g.findings
        for f in marked:
            answers[f] = findings.get(f, NOT_SURE)
            taps += 1
            if engine.emergency_certain(answers):
                return taps
        if g.checklist:
            for f in g.findings:
                answers.setdefault(f, False)
            taps += 0 if marked else 1
    return taps + 1


def play(engine: Engine, findings: Mapping[str, AnswerValue]) -> tuple[Assessment, list[list[str]], int]:
    """Play one interview as the app does; also count the taps from the first question to the result."""
    answers: dict[str, AnswerValue] = {}
    steps: list[list[str]] = []
    taps = 0
    while True:
        step = engine.next_step(answers, screens_shown=len(steps))
        if isinstance(step, Assessment):
            return step, steps, taps
        steps.append(list(step.findings))
        taps += answer_screen(engine, step, findings, answers)
        if len(steps) > MAX_SCREENS:  # pragma: no cover - guarded by tests that every path ends
            raise RuntimeError("the interview did not end")


def result_row(vid: str, assessment: Assessment, steps: list[list[str]], taps: int | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": vid,
        "level": assessment.level,
        "topics": list(assessment.topics),
        "reasons": list(assessment.rule_ids),
        "steps": steps,
    }
    if taps is not None:
        row["taps"] = taps
    return row


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = argv[0]
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        print(f"simulate: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"simulate: {path} is not valid JSON: {exc.msg} at line {exc.lineno}", file=sys.stderr)
        return 2
    if not isinstance(data, list):
        print(f"simulate: {path} must hold a JSON list of vignettes", file=sys.stderr)
        return 2
    try:
        engine = Engine()
    except ContentError as exc:
        print(f"simulate: the app's content is invalid: {exc}", file=sys.stderr)
        return 3
    try:
        cases = [_check_vignette(v, i, engine) for i, v in enumerate(data)]
    except VignetteError as exc:
        print(f"simulate: {exc}", file=sys.stderr)
        return 2
    for vid, _who, findings in cases:
        # `who` changes only the wording on screen, never the questions or the result.
        assessment, steps, taps = play(engine, findings)
        print(json.dumps(result_row(vid, assessment, steps, taps), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
