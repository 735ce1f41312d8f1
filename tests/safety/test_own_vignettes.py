"""The engine on the project's own held-out stories (tests/safety/data/own_vignettes.json).

The engine was first built against the shared gold vignettes and scored far lower on stories it had not seen, so
72 more stories were written for this project by a separate clinical reviewer who did not look at the engine or
its content: from REASONING.md's condition families and their sources, with atypical presentations, mimics,
carers who cannot see everything, and risk factors that do and do not change the level. A second pass completed
every finding as that person would answer (a real "no" where they would know; "not sure" only where they could
not tell). The labels are one clinician's reading, not a consensus: a disagreement is a question for a
clinician, never a reason to fit a rule to one story. What must hold is safety: no result below every level a
careful clinician would accept, and every emergency recognised. The exact-level share is printed, with a floor
just under what the engine reached when the set was written (90.3 %), to notice a regression.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mobile_app.core.engine import Engine
from mobile_app.core.models import LEVEL_RANK
from mobile_app.core.simulate import run_interview
from tests.conftest import ROOT, shared_file

STORIES = Path(__file__).parent / "data" / "own_vignettes.json"


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, str]]:
    engine = Engine()
    stories = json.loads(STORIES.read_text(encoding="utf-8"))
    return [(s, run_interview(engine, s["findings"])[0].level) for s in stories]


def test_the_stories_use_only_the_vocabulary() -> None:
    engine = Engine()
    for s in json.loads(STORIES.read_text(encoding="utf-8")):
        engine.validate(s["findings"])  # raises on an unknown finding or value
        assert s["gold_level"] in s["acceptable_levels"], s["id"]


def test_no_story_gets_a_level_below_every_acceptable_one(results: list[tuple[dict, str]]) -> None:
    unsafe = [
        (s["id"], level, s["acceptable_levels"])
        for s, level in results
        if LEVEL_RANK[level] < min(LEVEL_RANK[x] for x in s["acceptable_levels"])
    ]
    assert not unsafe


def test_every_emergency_is_recognised(results: list[tuple[dict, str]]) -> None:
    missed = [(s["id"], level) for s, level in results if s["gold_level"] == "emergency" and level != "emergency"]
    assert [s for s, _ in results if s["gold_level"] == "emergency"], "the set holds emergencies"
    assert not missed


def test_the_exact_level_share_does_not_fall(results: list[tuple[dict, str]]) -> None:
    exact = sum(level == s["gold_level"] for s, level in results) / len(results)
    print(f"own stories: {len(results)}, exact level {exact:.1%}")
    assert exact >= 0.88


def test_the_shared_robustness_script_passes_on_the_own_stories() -> None:
    """Caution under "not sure" (../shared/clinical/robust.py) on stories the engine was not built against: it
    found a cramp that had not let go sent home when its length was "not sure" (rule cramp_not_letting_go)."""
    script = shared_file("robust.py")
    out = subprocess.run(
        [sys.executable, str(script), str(STORIES), sys.executable, "--min-sparse", "0.90"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout[-2000:]
