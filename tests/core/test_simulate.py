"""The interview runner: bad input gets a clear message and a non-zero exit, never a traceback or a guess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOOD = {"id": "T1", "who": "self", "findings": {"age_years": 30, "chest_pain": True}}


def run(tmp_path: Path, payload: object | str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "v.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mobile_app.core.simulate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_a_good_file_prints_one_json_line_per_vignette(tmp_path: Path) -> None:
    out = run(tmp_path, [GOOD, dict(GOOD, id="T2", who="caregiver")])
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["T1", "T2"]
    assert rows[0]["level"] == "emergency" and rows[0]["steps"][0][0] == "chest_pain"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"id": "T1"}, "must hold a JSON list"),
        ([dict(GOOD, findings={"age_years": 30, "chest_ache": True})], "chest_ache"),
        ([dict(GOOD, findings={"age_years": 30, "fever": "yes"})], "fever"),
        ([dict(GOOD, findings={"age_years": "thirty"})], "age_years"),
        ([dict(GOOD, findings={"fever": True})], "age_years is missing"),
        ([dict(GOOD, who="neighbour")], "who"),
        ([{"who": "self", "findings": {}}], "missing or empty 'id'"),
        ([GOOD, 7], "expected an object"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, payload, message: str) -> None:
    out = run(tmp_path, payload)
    assert out.returncode != 0
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == "", "nothing is guessed or half printed"


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mobile_app.core.simulate", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 2 and "cannot read" in out.stderr and "Traceback" not in out.stderr


def test_a_screen_of_lists_with_nothing_to_mark_is_one_tap() -> None:
    """Issue 13, decision 33: the runner counts what the screen offers. Two or more lists and nothing else, all "no":
    one tap ("None of these on this page"); the same lists with one mark: the mark, a "None of these" for each other
    list, and Next; a screen with a question on it never offers the page-wide answer."""
    from mobile_app.core.engine import Engine, Step
    from mobile_app.core.simulate import answer_screen

    engine = Engine()
    answers: dict[str, object] = {"age_years": 30}
    for f in engine.content.screens.screens[0].findings:  # the first list: no danger sign now
        answers[f] = False
    step = engine.next_step(answers)
    while not (isinstance(step, Step) and step.none_for_all):
        assert isinstance(step, Step), "a calm check reaches a screen of lists"
        for f in step.findings:
            q = engine.content.question_by_id[f]
            answers[f] = False if q.type == "bool" else q.options[-1].value if q.type == "choice" else 30
        step = engine.next_step(answers)
    lists = len(step.groups)
    assert lists >= 2 and all(g.checklist for g in step.groups)
    calm = dict.fromkeys(step.findings, False)
    given: dict[str, object] = dict(answers)
    assert answer_screen(engine, step, calm, given) == 1
    assert all(given[f] is False for f in step.findings)
    one_mark = dict(calm, **{step.groups[0].findings[0]: "not_sure"})
    assert answer_screen(engine, step, one_mark, dict(answers)) == 1 + (lists - 1) + 1
    first = engine.next_step({})
    assert isinstance(first, Step) and not first.none_for_all, "the first screen asks the age"
