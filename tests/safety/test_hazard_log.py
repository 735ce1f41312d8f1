"""Every test the hazard log names exists, so no guard disappears silently."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT


def test_hazard_log_names_only_tests_that_exist() -> None:
    log = (ROOT / "docs" / "safety" / "hazard_log.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", log)
    assert len(named) >= 15
    for path, test in named:
        file = ROOT / path
        assert file.exists(), path
        tree = ast.parse(file.read_text(encoding="utf-8"))
        tests = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert test in tests, f"{path}::{test} is named in the hazard log but does not exist"


def test_every_hazard_row_names_a_guard() -> None:
    log = (ROOT / "docs" / "safety" / "hazard_log.md").read_text(encoding="utf-8")
    rows = [line for line in log.splitlines() if re.match(r"\| H\d+ ", line)]
    assert rows
    for row in rows:
        assert "::test_" in row.split("|")[-2], row
