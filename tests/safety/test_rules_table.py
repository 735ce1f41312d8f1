"""docs/safety/rules.md, the rules table clinicians review, is the content as it is now, and complete.

A failure of the first test is fixed with: python tools/rules_table.py   (then commit docs/safety/rules.md)
"""

from __future__ import annotations

import re
import sys

from mobile_app.core.loader import Content, findings_in
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from rules_table import OUT, md, render


def _sections(text: str) -> dict[str, str]:
    """The rendered text of each rule, by rule id (from its heading to the next heading)."""
    parts = re.split(r"^(?=#{2,3} )", text, flags=re.MULTILINE)
    out: dict[str, str] = {}
    for part in parts:
        m = re.match(r"### `([a-z0-9_]+)`\n", part)
        if m:
            assert m.group(1) not in out, f"rule {m.group(1)} is rendered twice"
            out[m.group(1)] = part
    return out


def test_rules_table_is_up_to_date(content: Content) -> None:
    committed = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    assert committed == render(content), (
        "docs/safety/rules.md does not match the content: run `python tools/rules_table.py` and commit the result"
    )


def test_every_rule_is_rendered_with_its_level_condition_reason_and_full_sources(content: Content) -> None:
    text = render(content)
    sections = _sections(text)
    assert set(sections) == {r.id for r in content.rules.rules}
    for rule in content.rules.rules:
        section = sections[rule.id]
        # Under its own level's heading: the last level heading before the rule.
        level_heading = re.findall(r"^## `(\w+)`", text[: text.index(section)], flags=re.MULTILINE)
        assert level_heading and level_heading[-1] == rule.level, rule.id
        assert "**Fires when:**" in section, rule.id
        assert ("**Not when:**" in section) == (getattr(rule, "unless", None) is not None), rule.id
        assert md(rule.reason.self_) in section, rule.id
        for key in rule.sources:
            assert f"{md(content.meta.sources[key])} (`{key}`)" in section, f"{rule.id}: source {key}"
        for finding in findings_in(rule.when):
            assert f"`{finding}`" in section, f"{rule.id}: {finding}"


def test_fallback_and_question_classes_are_rendered(content: Content) -> None:
    text = render(content)
    fallback = text[text.index("## Fallback") :]
    for key in content.rules.fallback.sources:
        assert md(content.meta.sources[key]) in fallback, key
    table = text[text.index("## Red flags, soft signs and risk factors") :]
    for q in content.questions.questions:
        flagged = q.red_flag or getattr(q, "soft_sign", False) or getattr(q, "risk_factor", False)
        assert (f"| `{q.id}` |" in table) == flagged, q.id


def test_the_followup_thresholds_are_rendered_with_their_sources(content: Content) -> None:
    """followup.yaml (issue 16): the review's months, which answers and diaries mean the cramps keep coming, when the
    review is due at once and the diary's danger signs, each with its full citations, for the clinician's review."""
    f = content.followup
    text = render(content)
    part = text[text.index("## Follow-up: the review reminder and the diary's danger signs") :]
    assert f"within **{f.review.within_months} months**" in part
    assert f"at least **{f.keeps_coming.diary.cramps_at_least}** cramps" in part
    assert f"**{f.keeps_coming.diary.weeks_at_least} weeks** apart" in part
    for node in (*f.keeps_coming.answers, *f.due_today.answers):
        question = content.question_by_id[node.finding]
        labels = {o.value: o.label for o in question.options}
        assert all(f"**{md(labels[v])}**" in part for v in node.in_ if isinstance(v, str)), node.finding
    for sign in f.diary_danger:
        assert f"lasting `{sign.duration}` counts as the answer `{sign.finding}` is **yes**" in part
    for key in {*f.review.sources, *f.keeps_coming.sources, *f.due_today.sources,
                *(k for s in f.diary_danger for k in s.sources)}:
        assert f"{md(content.meta.sources[key])} (`{key}`)" in part, key
