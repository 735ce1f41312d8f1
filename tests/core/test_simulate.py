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
