"""Write docs/safety/rules.md: every triage rule in words, for clinicians who review the content.

usage: python tools/rules_table.py [--check]

Without options, writes docs/safety/rules.md from the content (mobile_app/content). With --check, writes
nothing and exits 1 when the file differs from what the content gives (tests/safety/test_rules_table.py
checks the same). The file is generated: change the YAML content, then run this again.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mobile_app.core.loader import Content, ContentError, load_content  # noqa: E402
from mobile_app.core.models import (  # noqa: E402
    LEVELS,
    NOT_SURE,
    AllOf,
    AnswerIn,
    AnyOf,
    Condition,
    Not,
    NumberCompare,
    Question,
    Rule,
)

OUT = ROOT / "docs" / "safety" / "rules.md"
QUOTE_MAX = 80
"""Question texts are quoted up to about this many characters."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """Content text as literal Markdown: characters Markdown would read as markup are escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _short(text: str, limit: int = QUOTE_MAX) -> str:
    """The text, cut at a word boundary with "…" when it is longer than limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def _value(q: Question | None, value: object) -> str:
    """One answer value in words: yes / no / not sure, an option's label, or a number."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if q is not None and q.type == "choice":
        label = next((o.label for o in q.options if o.value == value), None)
        if label is not None:
            return label
    if value == NOT_SURE:
        return "not sure"
    return str(value)


def _either(words: list[str]) -> str:
    """ "**a**", "**a** or **b**", "**a**, **b** or **c**"."""
    bold = [f"**{md(w)}**" for w in words]
    return bold[0] if len(bold) == 1 else f"{', '.join(bold[:-1])} or {bold[-1]}"


def _quoted(content: Content, finding: str) -> str:
    q = content.question_by_id.get(finding)
    return f' — "{md(_short(q.text.self_))}"' if q is not None else ""


def leaf(content: Content, node: AnswerIn | NumberCompare) -> str:
    """One comparison in words, with the question as the person reads it."""
    q = content.question_by_id.get(node.finding)
    if isinstance(node, AnswerIn):
        said = f"`{node.finding}` is {_either([_value(q, v) for v in node.in_])}"
    else:
        bounds = []
        if node.at_least is not None:
            bounds.append(f"≥ {node.at_least}")
        if node.below is not None:
            bounds.append(f"< {node.below}")
        unit = f" {md(q.unit)}" if q is not None and q.unit else ""
        said = f"`{node.finding}` {' and '.join(bounds)}{unit}"
    return said + _quoted(content, node.finding)


def condition_lines(content: Content, cond: Condition, depth: int = 0) -> list[str]:
    """A condition as a nested Markdown list: "all of:", "any of:", "not:" and one line per comparison."""
    pad = "  " * depth
    if isinstance(cond, (AnswerIn, NumberCompare)):
        return [f"{pad}- {leaf(content, cond)}"]
    if isinstance(cond, AllOf):
        head, parts = "all of:", cond.all
    elif isinstance(cond, AnyOf):
        head, parts = "any of:", cond.any
    elif isinstance(cond, Not):
        head, parts = "not:", (cond.not_,)
    else:  # pragma: no cover - the schema admits no other node
        raise TypeError(f"unknown condition node {cond!r}")
    lines = [f"{pad}- {head}"]
    for part in parts:
        lines += condition_lines(content, part, depth + 1)
    return lines


def _condition_block(content: Content, label: str, cond: Condition) -> list[str]:
    if isinstance(cond, (AnswerIn, NumberCompare)):
        return [f"**{label}** {leaf(content, cond)}", ""]
    return [f"**{label}**", "", *condition_lines(content, cond), ""]


def _sources(content: Content, keys: tuple[str, ...]) -> list[str]:
    lines = ["**Sources:**", ""]
    for key in keys:
        citation = content.meta.sources.get(key)
        lines.append(f"- {md(citation)} (`{key}`)" if citation else f"- `{key}` (no citation in meta.yaml)")
    return [*lines, ""]


def _topics(topics: tuple[str, ...]) -> str:
    return "**Topics:** " + (", ".join(f"`{t}`" for t in topics) if topics else "none")


def rule_lines(content: Content, rule: Rule) -> list[str]:
    lines = [f"### `{rule.id}`", ""]
    lines += _condition_block(content, "Fires when:", rule.when)
    unless = getattr(rule, "unless", None)
    if unless is not None:
        lines += _condition_block(content, "Not when:", unless)
    if getattr(rule, "go_to_ed", False):
        lines += ["**Action:** go straight to an emergency department (call if you cannot get there safely).", ""]
    lines += [f"**Why we say this:** {md(rule.reason.self_)}", "", _topics(rule.topics), ""]
    return lines + _sources(content, rule.sources)


def _flag(on: bool) -> str:
    return "yes" if on else ""


def question_classes(content: Content) -> list[str]:
    """The table of red flags, soft signs and risk factors."""
    classes = {
        q.id: (q.red_flag, bool(getattr(q, "soft_sign", False)), bool(getattr(q, "risk_factor", False)))
        for q in content.questions.questions
    }
    # Red flags first, then soft signs, then risk factors; questions keep their content order within each.
    rows = sorted(
        (q for q in content.questions.questions if any(classes[q.id])),
        key=lambda q: [not flag for flag in classes[q.id]],
    )
    lines = [
        "## Red flags, soft signs and risk factors",
        "",
        '- **Red flag:** a danger sign; a "yes" alone brings at least an urgent result.',
        "- **Soft sign:** a danger sign that escalates only inside a rule, where the story gives it weight.",
        "- **Risk factor:** makes a compatible picture more likely; never escalates alone.",
        "",
        'A "yes" or "not sure" to any of these never lowers the level.',
        "",
        "| Question | Asks | Red flag | Soft sign | Risk factor |",
        "|---|---|---|---|---|",
    ]
    for q in rows:
        red, soft, risk = classes[q.id]
        lines.append(f"| `{q.id}` | {md(_short(q.text.self_))} | {_flag(red)} | {_flag(soft)} | {_flag(risk)} |")
    if not rows:
        lines.append("| (none) | | | | |")
    return [*lines, ""]


def followup_lines(content: Content) -> list[str]:
    """The follow-up thresholds (followup.yaml): the review reminder and the diary entries that are danger signs."""
    f = content.followup
    keeps = f.keeps_coming
    months, weeks = f.review.within_months, keeps.diary.weeks_at_least
    lines = [
        "## Follow-up: the review reminder and the diary's danger signs",
        "",
        "From `mobile_app/content/followup.yaml` (read by `mobile_app/followup`). The reminder never changes a"
        " check's level; a diary danger sign is given to the rules above as that answer.",
        "",
        f"**Review by a doctor:** within **{months} month{'s' if months != 1 else ''}** of the day cramps were first"
        " checked or logged in the app, when they keep coming.",
        "",
        *_sources(content, f.review.sources),
        "**The cramps keep coming when** any of:",
        "",
        *(f"- {leaf(content, a)}" for a in keeps.answers),
        f"- the diary holds at least **{keeps.diary.cramps_at_least}** cramps, the first and the last at least"
        f" **{weeks} week{'s' if weeks != 1 else ''}** apart",
        "",
        *_sources(content, keeps.sources),
    ]
    if f.due_today.answers:
        lines += [
            "**The review is due today when** the last check says any of:",
            "",
            *(f"- {leaf(content, a)}" for a in f.due_today.answers),
            "",
            *_sources(content, f.due_today.sources),
        ]
    lines += ["**Diary entries that are danger signs:**", ""]
    for sign in f.diary_danger:
        answer = leaf(content, AnswerIn(finding=sign.finding, in_=(True,)))
        lines += [
            f"- A cramp logged as lasting `{sign.duration}` counts as the answer {answer}",
            "",
            *(f"  {line}" if line else line for line in _sources(content, sign.sources)),
        ]
    return lines


def render(content: Content) -> str:
    """The whole of docs/safety/rules.md for this content."""
    meta = content.meta
    review = getattr(meta, "review", None)
    if review is not None and review.by is not None and review.on is not None:
        reviewed = f"checked by a {md(review.by)} on {review.on.isoformat()} (content version {review.content_version})"
    else:
        reviewed = "not yet checked by a clinician (a draft by our team)"
    info = {li.level: li for li in content.advice.levels}
    by_level = {level: [r for r in content.rules.rules if r.level == level] for level in LEVELS}
    lines = [
        "# Triage rules",
        "",
        "<!-- Generated by tools/rules_table.py from mobile_app/content. Do not edit: change the YAML, then"
        " regenerate. -->",
        "",
        "Generated from the clinical content (`mobile_app/content/rules.yaml`, `questions.yaml`, `followup.yaml`,"
        " `meta.yaml`);"
        " do not edit this file by hand. To regenerate it after a content change, run"
        " `.venv/bin/python tools/rules_table.py` (`--check` only tells whether it is up to date).",
        "",
        f"Content version {meta.content_version}; {reviewed}.",
        "",
        "How to read it: the result is the most severe level among all rules that fire; order never matters. A"
        " rule fires only when its condition is certainly true (an unanswered question is unknown), and not when"
        ' its benign alternative ("Not when") certainly holds. "Not sure" counts only where a rule lists it.'
        " Questions are quoted as the person reads them (shortened). When no rule fires, see the fallback.",
        "",
        "| Level | Rules |",
        "|---|---|",
        *(f"| {level} | {len(by_level[level])} |" for level in LEVELS),
        "",
    ]
    for level in LEVELS:
        li = info.get(level)
        title = f" — {md(li.title.self_)}" if li is not None else ""
        lines += [f"## `{level}`{title}", ""]
        if li is not None:
            lines += [md(li.meaning), ""]
        if not by_level[level]:
            lines += ["No rules.", ""]
        for rule in by_level[level]:
            lines += rule_lines(content, rule)
    fb = content.rules.fallback
    lines += [
        "## Fallback: when no rule fires",
        "",
        'The engine fails closed: no known pattern is never "fine".',
        "",
        f"**Result:** `{fb.level}`. **Why we say this:** {md(fb.reason.self_)}",
        "",
        f'**If a danger sign was answered "not sure":** `{fb.level_if_unsure_danger}`.'
        f" **Why we say this:** {md(fb.reason_if_unsure_danger.self_)}",
        "",
        _topics(fb.topics),
        "",
        *_sources(content, fb.sources),
    ]
    lines += question_classes(content)
    lines += followup_lines(content)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/safety/rules.md is out of date")
    args = parser.parse_args(argv)
    try:
        text = render(load_content())
    except ContentError as exc:
        print(f"the content does not load, so there is nothing to render: {exc}")
        return 2
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run `python tools/rules_table.py`")
            return 1
        print(f"{OUT.relative_to(ROOT)} is up to date")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
