"""Plain language, measured: Flesch-Kincaid grade of every English patient-facing string (offline textstat 0.7.8)."""

from __future__ import annotations

import re
import statistics
import sys

import pytest
import textstat
import yaml

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from i18n import fresh_messages

PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.fixture(scope="module")
def grades() -> dict[str, float]:
    textstat.set_lang("en_US")
    out = {}
    for msgid in fresh_messages():
        # A placeholder is a medicine name or a number: count it as one short word.
        text = PLACEHOLDER.sub("it", msgid)
        if len(text.split()) >= 6:
            out[msgid] = textstat.flesch_kincaid_grade(text)
    return out


def test_english_is_plain(grades: dict[str, float]) -> None:
    values = list(grades.values())
    assert len(values) > 300
    assert statistics.median(values) <= 5, statistics.median(values)
    assert sum(g <= 7 for g in values) / len(values) >= 0.9


def test_nothing_above_grade_8_without_a_recorded_reason(grades: dict[str, float]) -> None:
    reasons = yaml.safe_load((ROOT / "docs" / "readability_exceptions.yaml").read_text(encoding="utf-8")) or {}
    too_hard = {m: round(g, 1) for m, g in grades.items() if g > 8 and not reasons.get(m)}
    assert not too_hard, "rewrite these in plainer words (or record why a term must stay): " + repr(too_hard)


NEGATIVE_QUESTION = re.compile(
    r"(\bunable\b|\bnot helping\b|^(are|is|do|does|did|has|have|can|could|was|were)n't\b|"
    r"^(are|is|do|does|did|has|have|can|could|was|were) (you|they|it|he|she|their \w+|your \w+) not\b)",
    re.IGNORECASE,
)


def test_no_yes_no_question_is_asked_as_a_negative(content) -> None:
    """Issue 20: in Portuguese, Vietnamese and Hindi a "No" to a negative question can mean "no, I can't", which
    hides a same-day sign. Every yes-no question is asked so that "Yes" plainly means the sign is there."""
    bad = []
    for q in content.questions.questions:
        if q.type != "bool":
            continue
        for text in (q.text.self_, q.text.caregiver):
            for sentence in re.split(r"(?<=[?.])\s+", text):
                if sentence.endswith("?") and NEGATIVE_QUESTION.search(sentence):
                    bad.append((q.id, sentence))
    assert not bad, bad
