"""The interview runner on the shared gold vignettes: the scorer's floors and the caution-under-uncertainty checks."""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from mobile_app.core.engine import Engine
from mobile_app.core.models import LEVEL_RANK
from mobile_app.core.simulate import run_interview
from tests.conftest import ROOT, VIGNETTE_FILES, shared_file

GOLD_FIELDS = ("gold_level", "acceptable_levels", "must_mention", "rationale", "source", "summary")


def run_simulate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mobile_app.core.simulate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module", params=VIGNETTE_FILES)
def vignette_file(request) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def all_vignettes(vignette_file: str) -> list[dict]:
    data: list[dict] = json.loads(shared_file(vignette_file).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def scored(tmp_path_factory, vignette_file: str) -> dict:
    vignettes = shared_file(vignette_file)
    out = run_simulate(vignettes)
    assert out.returncode == 0, out.stderr
    results = tmp_path_factory.mktemp("sim") / "results.jsonl"
    results.write_text(out.stdout, encoding="utf-8")
    score = subprocess.run(
        [sys.executable, str(shared_file("score.py")), str(vignettes), str(results), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return {"score": json.loads(score.stdout), "rows": [json.loads(x) for x in out.stdout.splitlines()]}


def test_floors_on_the_gold_vignettes(scored, all_vignettes) -> None:
    """Issue 12's floors, on both files: 0 unsafe, every emergency recognised, >= 97 % acceptable,
    >= 92 % exact, >= 90 % of must-mention topics, <= 6 screens to an emergency."""
    s = scored["score"]
    assert s["answered"] == s["n"] == len(all_vignettes)
    assert s["unsafe"] == 0, s["misses"]
    assert s["emergency_recall"] == 1.0
    assert s["acceptable"] >= 0.97, s["misses"]
    assert s["exact"] >= 0.92, s["misses"]
    assert s["topic_recall"] >= 0.90, s["misses"]
    assert s["median_steps"] <= 12
    em = [len(r["steps"]) for r, v in zip(scored["rows"], all_vignettes, strict=True) if v["gold_level"] == "emergency"]
    assert max(em) <= 6, em


TAPS_BAR = {"emergency": 6, "urgent": 28, "soon": 30, "self_care": 28}
"""Issue 13: median taps to the result per gold level, per file, may not grow back. Measured with decision 33 (one
tap for a screen of lists without a danger sign): emergency 1.5 / 6, urgent 25 / 26.5, soon 27 / 28, self care 26 /
26 (vignettes.json / vignettes_more.json). The emergency bar is the issue's floor (6, met); the others are about 2
taps above the worse file, because the issue's floors (urgent 14, home levels 20) are not met and are not written
here as if they were."""


def test_the_taps_to_a_result_do_not_grow_back(scored, all_vignettes) -> None:
    by_level: dict[str, list[int]] = {}
    for row, v in zip(scored["rows"], all_vignettes, strict=True):
        by_level.setdefault(v["gold_level"], []).append(row["taps"])
    medians = {level: statistics.median(taps) for level, taps in by_level.items()}
    assert all(medians[level] <= bar for level, bar in TAPS_BAR.items() if level in medians), medians
    assert max(t for taps in by_level.values() for t in taps) <= 40, "no check over 40 taps"


def test_runner_output_has_the_expected_shape(scored) -> None:
    row = scored["rows"][0]
    assert set(row) == {"id", "level", "topics", "reasons", "steps", "taps"}
    assert isinstance(row["taps"], int) and row["taps"] >= len(row["steps"]) - 1
    assert row["level"] in LEVEL_RANK and all(isinstance(s, list) and s for s in row["steps"])


def test_runner_never_reads_the_gold_labels(tmp_path: Path, scored, all_vignettes) -> None:
    vignettes = all_vignettes
    stripped = [{k: v for k, v in x.items() if k not in GOLD_FIELDS} for x in vignettes]
    path = tmp_path / "stripped.json"
    path.write_text(json.dumps(stripped), encoding="utf-8")
    out = run_simulate(path)
    assert out.returncode == 0, out.stderr
    assert [json.loads(x) for x in out.stdout.splitlines()] == scored["rows"]


def _level(engine: Engine, findings: dict) -> str:
    return run_interview(engine, findings)[0].level


def test_one_yes_made_unsure_in_a_dangerous_story_stays_urgent(engine: Engine, all_vignettes) -> None:
    bad = []
    for v in all_vignettes:
        if v["gold_level"] not in ("emergency", "urgent"):
            continue
        worst_ok = max(LEVEL_RANK[x] for x in v["acceptable_levels"])
        floor = min(worst_ok, LEVEL_RANK["urgent"])  # rank numbers grow with urgency
        for k, val in v["findings"].items():
            if val is True:
                got = _level(engine, dict(v["findings"], **{k: "not_sure"}))
                if LEVEL_RANK[got] < LEVEL_RANK["urgent"] and got not in v["acceptable_levels"]:
                    bad.append((v["id"], k, got, floor))
    assert not bad


@pytest.mark.parametrize("age", [8, 35, 70])
def test_a_check_answered_all_not_sure_ends_urgent_or_above(engine: Engine, vignettes, age: int) -> None:
    findings = {k: "not_sure" for k in vignettes[0]["findings"]} | {"age_years": age}
    assert LEVEL_RANK[_level(engine, findings)] >= LEVEL_RANK["urgent"]


def test_a_quarter_of_no_made_unsure_is_safe_and_mostly_acceptable(engine: Engine, all_vignettes) -> None:
    unsafe, ok = [], 0
    vignettes = all_vignettes
    for v in vignettes:
        rng = random.Random(v["id"])
        nos = sorted(k for k, val in v["findings"].items() if val is False)
        picked = set(rng.sample(nos, len(nos) // 4)) if nos else set()
        f = {k: ("not_sure" if k in picked else val) for k, val in v["findings"].items()}
        got = _level(engine, f)
        if LEVEL_RANK[got] < min(LEVEL_RANK[x] for x in v["acceptable_levels"]):
            unsafe.append((v["id"], got))
        ok += got in v["acceptable_levels"]
    assert not unsafe
    assert ok / len(vignettes) >= 0.90


def test_the_shared_robustness_script_passes(vignette_file: str) -> None:
    script = shared_file("robust.py")
    out = subprocess.run(
        [sys.executable, str(script), str(shared_file(vignette_file)), sys.executable, "--min-sparse", "0.90"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout[-2000:]


def test_screens_stay_short(scored) -> None:
    steps = [len(r["steps"]) for r in scored["rows"]]
    assert statistics.median(steps) <= 12
