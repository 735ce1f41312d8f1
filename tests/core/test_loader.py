"""The content loads, speaks the shared vocabulary, and every kind of content defect stops loading with its code."""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from mobile_app.core.loader import CONTENT_DIR, ContentError, load_content
from mobile_app.core.models import NOT_SURE, TOPICS
from tests.conftest import ROOT, shared_file


def test_content_loads_and_has_a_question_for_every_finding(content) -> None:
    vocab = yaml.safe_load(shared_file("findings.yaml").read_text(encoding="utf-8"))
    ours = content.question_by_id
    theirs = {f["id"]: f for f in vocab["findings"]}
    assert set(ours) == set(theirs), "every finding of the shared vocabulary is asked, and nothing else"
    for fid, f in theirs.items():
        q = ours[fid]
        assert q.type == f["type"], fid
        if f["type"] == "choice":
            assert [o.value for o in q.options] == f["options"], fid
        if f["type"] == "int":
            assert (q.min, q.max) == (f["min"], f["max"]), fid


def test_every_question_has_self_and_caregiver_wording(content) -> None:
    you = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
    for q in content.questions.questions:
        assert q.text.self_.strip() and q.text.caregiver.strip() and q.why.strip(), q.id
        assert not you.search(q.text.caregiver), f"{q.id}: caregiver wording speaks to the patient as 'you'"
        if you.search(q.text.self_):
            assert q.text.self_ != q.text.caregiver, f"{q.id}: caregiver wording is a copy of the self wording"


def test_hard_questions_have_a_how_to_tell_hint(content) -> None:
    hard = [
        "calf_swelling_one_side",
        "foot_cold",
        "foot_pale_blue_or_mottled",
        "leg_warm_or_red",
        "tender_or_hard_vein",
        "saddle_numbness",
        "dark_cola_urine",
        "cannot_tiptoe",
    ]
    for fid in hard:
        assert content.question_by_id[fid].help is not None, fid


def test_content_models_are_frozen(content) -> None:
    with pytest.raises(ValidationError):
        content.rules.rules[0].level = "self_care"  # type: ignore[misc]


def test_every_topic_has_advice_and_every_rule_a_source(content) -> None:
    shown = {a.topic for a in content.advice.advice} | {g.topic for g in content.medicines.guidance if g.topic}
    assert set(TOPICS) <= shown
    for r in content.rules.rules:
        assert r.sources and all(s in content.meta.sources for s in r.sources), r.id


def _imports(package: str) -> dict[str, list[str]]:
    """Every module a package's files import, by file name."""
    out: dict[str, list[str]] = {}
    for path in (ROOT / "mobile_app" / package).glob("*.py"):
        names: list[str] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
        out[path.name] = names
    return out


@pytest.mark.parametrize("package", ["core", "followup"])
def test_core_never_imports_flet(package: str) -> None:
    for name, names in _imports(package).items():
        assert not any(n == "flet" or n.startswith("flet.") for n in names), f"{package}/{name} imports flet"


def test_the_rules_core_never_imports_the_followup_features() -> None:
    """Two parts, one way: follow-up features build on the rules core, never the other way round."""
    for name, names in _imports("core").items():
        assert not any(n.startswith("mobile_app.followup") for n in names), f"core/{name} imports followup"


# ---------------------------------------------------------------- every kind of defect is caught


@pytest.fixture
def broken(tmp_path: Path) -> Callable[[str, Callable[[Any], None]], Path]:
    """Copy the content to a temp dir and apply one edit to one file's parsed YAML."""

    def make(name: str, edit: Callable[[Any], None]) -> Path:
        d = tmp_path / "content"
        shutil.copytree(CONTENT_DIR, d)
        data = yaml.safe_load((d / name).read_text(encoding="utf-8"))
        edit(data)
        (d / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return d

    return make


def rule(data: Any, rule_id: str) -> dict[str, Any]:
    return next(r for r in data["rules"] if r["id"] == rule_id)


CASES: list[tuple[str, str, Callable[[Any], None], str, str]] = [
    ("unknown key", "rules.yaml", lambda d: d["rules"][0].update(colour="red"), "CONTENT_SCHEMA", "rules.0"),
    ("bad level", "rules.yaml", lambda d: d["rules"][1].update(level="later"), "CONTENT_SCHEMA", "rules.1.level"),
    (
        "duplicate rule id",
        "rules.yaml",
        lambda d: d["rules"][2].update(id=d["rules"][0]["id"]),
        "CONTENT_DUPLICATE_ID",
        "rules.2",
    ),
    (
        "unknown finding",
        "rules.yaml",
        lambda d: d["rules"][0].update(when={"finding": "chest_ache", "in": [True]}),
        "CONTENT_UNKNOWN_FINDING",
        "rules.0.when",
    ),
    (
        "value not an answer",
        "rules.yaml",
        lambda d: d["rules"][0].update(when={"finding": "chest_pain", "in": ["maybe"]}),
        "CONTENT_BAD_VALUE",
        "rules.0",
    ),
    (
        "comparison on a yes-no finding",
        "rules.yaml",
        lambda d: d["rules"][0].update(when={"finding": "chest_pain", "at_least": 3}),
        "CONTENT_BAD_VALUE",
        "rules.0",
    ),
    (
        "unknown topic",
        "rules.yaml",
        lambda d: d["rules"][0].update(topics=["call_mum"]),
        "CONTENT_UNKNOWN_TOPIC",
        "rules.0.topics",
    ),
    (
        "unknown source",
        "rules.yaml",
        lambda d: d["rules"][0].update(sources=["a_blog"]),
        "CONTENT_UNKNOWN_SOURCE",
        "rules.0.sources",
    ),
    (
        "'not' in an escalating rule",
        "rules.yaml",
        lambda d: rule(d, "fever").update(when={"not": {"finding": "fever", "in": [False]}}),
        "CONTENT_NOT_MONOTONE",
        "rules.",
    ),
    (
        "unsure counted without yes",
        "rules.yaml",
        lambda d: rule(d, "fever").update(when={"finding": "fever", "in": [NOT_SURE]}),
        "CONTENT_NOT_MONOTONE",
        "rules.",
    ),
    (
        "escalating rule firing on no",
        "rules.yaml",
        lambda d: rule(d, "fever").update(when={"finding": "fever", "in": [False]}),
        "CONTENT_NOT_MONOTONE",
        "rules.",
    ),
    (
        "self care counting unsure",
        "rules.yaml",
        lambda d: rule(d, "night_cramps").update(when={"finding": "cramps_at_night_or_rest", "in": [True, NOT_SURE]}),
        "CONTENT_NOT_MONOTONE",
        "rules.",
    ),
    (
        "benign alternative counting unsure",
        "rules.yaml",
        lambda d: rule(d, "fever").update(unless={"finding": "relieved_by_stretching", "in": [True, NOT_SURE]}),
        "CONTENT_NOT_MONOTONE",
        "rules.",
    ),
    (
        "benign alternative on a danger sign's yes",
        "rules.yaml",
        lambda d: rule(d, "fever").update(unless={"finding": "calf_heavy_tight_ache", "in": [True]}),
        "CONTENT_NOT_MONOTONE",
        "rules.",
    ),
    (
        "a risk factor escalating on its own",
        "questions.yaml",
        lambda d: next(q for q in d["questions"] if q["id"] == "cannot_tiptoe").update(
            red_flag=False, risk_factor=True
        ),
        "CONTENT_RED_FLAG",
        "questions.",
    ),
    (
        "a soft sign no urgent rule counts",
        "questions.yaml",
        lambda d: next(q for q in d["questions"] if q["id"] == "heavy_alcohol").update(soft_sign=True),
        "CONTENT_RED_FLAG",
        "questions.",
    ),
    (
        "fallback sends home",
        "rules.yaml",
        lambda d: d["fallback"].update(level="self_care"),
        "CONTENT_NOT_MONOTONE",
        "fallback.level",
    ),
    (
        "red flag without its rule",
        "questions.yaml",
        lambda d: next(q for q in d["questions"] if q["id"] == "diabetes").update(red_flag=True),
        "CONTENT_RED_FLAG",
        "questions.",
    ),
    (
        "single-sign rule on an unmarked finding",
        "questions.yaml",
        lambda d: next(q for q in d["questions"] if q["id"] == "fever").pop("red_flag"),
        "CONTENT_RED_FLAG",
        "questions.",
    ),
    (
        "choice without not_sure",
        "questions.yaml",
        lambda d: next(q for q in d["questions"] if q["id"] == "pain_side")["options"].pop(),
        "CONTENT_SCHEMA",
        "questions.",
    ),
    (
        "finding never asked",
        "screens.yaml",
        lambda d: d["screens"][0]["findings"].remove("chest_pain"),
        "CONTENT_SCREEN",
        "screens",
    ),
    (
        "finding asked twice",
        "screens.yaml",
        lambda d: d["screens"][1]["findings"].append("chest_pain"),
        "CONTENT_SCREEN",
        "screens.1.findings",
    ),
    (
        "topic without advice",
        "advice.yaml",
        lambda d: d.update(advice=[a for a in d["advice"] if a["topic"] != "dvt_check"]),
        "CONTENT_TOPIC_WITHOUT_ADVICE",
        "advice",
    ),
    ("a level without its text", "advice.yaml", lambda d: d["levels"].pop(), "CONTENT_SCHEMA", "levels"),
    (
        "guidance on an unknown finding",
        "medicines.yaml",
        lambda d: d["guidance"][0].update(when={"finding": "kidney_stone", "in": [True]}),
        "CONTENT_UNKNOWN_FINDING",
        "guidance.0.when",
    ),
    (
        "country without a drug name in Arabic",
        "countries.yaml",
        lambda d: d["countries"][0]["medicines"]["ibuprofen"]["name"].pop("ar"),
        "CONTENT_SCHEMA",
        "countries.0",
    ),
    (
        "country emergency number not digits",
        "countries.yaml",
        lambda d: d["countries"][0].update(emergency_number="9-1-1"),
        "CONTENT_SCHEMA",
        "countries.0.emergency_number",
    ),
    (
        "country citing an unknown source",
        "countries.yaml",
        lambda d: d["countries"][0]["sources"].append("a_travel_blog"),
        "CONTENT_UNKNOWN_SOURCE",
        "countries.0.sources",
    ),
    (
        "country citing free text instead of a source key",
        "countries.yaml",
        lambda d: d["countries"][1].update(sources=["Government of Canada emergency numbers (911)"]),
        "CONTENT_UNKNOWN_SOURCE",
        "countries.1.sources",
    ),
    (
        "country without a source",
        "countries.yaml",
        lambda d: d["countries"][0].update(sources=[]),
        "CONTENT_SCHEMA",
        "countries.0.sources",
    ),
    (
        "other emergency number repeating the one-tap number",
        "countries.yaml",
        lambda d: d["countries"][0].update(other_emergency_numbers=[{"number": "911", "kind": "all_services"}]),
        "CONTENT_SCHEMA",
        "countries.0",
    ),
    (
        "other emergency number without a known kind",
        "countries.yaml",
        lambda d: d["countries"][0].update(other_emergency_numbers=[{"number": "112", "kind": "police"}]),
        "CONTENT_SCHEMA",
        "countries.0.other_emergency_numbers.0.kind",
    ),
    (
        "duplicate country",
        "countries.yaml",
        lambda d: d["countries"].append(d["countries"][0]),
        "CONTENT_DUPLICATE_ID",
        "countries.",
    ),
    (
        "reviewer without a date",
        "meta.yaml",
        lambda d: d["review"].update(by="clinician"),
        "CONTENT_SCHEMA",
        "review",
    ),
    (
        "review of an older content version",
        "meta.yaml",
        lambda d: d["review"].update(by="clinician", on="2027-01-15", content_version="2026.11.0"),
        "CONTENT_SCHEMA",
        "",
    ),
    ("free-text review", "meta.yaml", lambda d: d.update(reviewed="Checked."), "CONTENT_SCHEMA", ""),
    # Follow-up thresholds (followup.yaml, issue 16): numbers in range, findings and answers of questions.yaml.
    (
        "review after negative months",
        "followup.yaml",
        lambda d: d["review"].update(within_months=-6),
        "CONTENT_SCHEMA",
        "review.within_months",
    ),
    (
        "review months as text",
        "followup.yaml",
        lambda d: d["review"].update(within_months="6"),
        "CONTENT_SCHEMA",
        "review.within_months",
    ),
    (
        "review without a source",
        "followup.yaml",
        lambda d: d["review"].update(sources=[]),
        "CONTENT_SCHEMA",
        "review.sources",
    ),
    (
        "review citing an unknown source",
        "followup.yaml",
        lambda d: d["review"].update(sources=["a_blog"]),
        "CONTENT_UNKNOWN_SOURCE",
        "review.sources",
    ),
    (
        "diary needs no cramps to keep coming",
        "followup.yaml",
        lambda d: d["keeps_coming"]["diary"].update(cramps_at_least=0),
        "CONTENT_SCHEMA",
        "keeps_coming.diary.cramps_at_least",
    ),
    (
        "keeps coming on an unknown finding",
        "followup.yaml",
        lambda d: d["keeps_coming"]["answers"][0].update(finding="cramp_duration"),
        "CONTENT_UNKNOWN_FINDING",
        "keeps_coming.answers.0",
    ),
    (
        "keeps coming on an answer the question does not offer",
        "followup.yaml",
        lambda d: d["keeps_coming"]["answers"][1].update({"in": ["daily"]}),
        "CONTENT_BAD_VALUE",
        "keeps_coming.answers.1",
    ),
    (
        "due today on an answer the question does not offer",
        "followup.yaml",
        lambda d: d["due_today"]["answers"][0].update({"in": ["over_a_year"]}),
        "CONTENT_BAD_VALUE",
        "due_today.answers.0",
    ),
    (
        "diary danger on an unknown finding",
        "followup.yaml",
        lambda d: d["diary_danger"][0].update(finding="cramp_over_ten_minutes"),
        "CONTENT_UNKNOWN_FINDING",
        "diary_danger.0.finding",
    ),
    (
        "diary danger on a finding that is no danger sign",
        "followup.yaml",
        lambda d: d["diary_danger"][0].update(finding="cramps_at_night_or_rest"),
        "CONTENT_RED_FLAG",
        "diary_danger.0.finding",
    ),
    (
        "diary danger on a number finding",
        "followup.yaml",
        lambda d: d["diary_danger"][0].update(finding="age_years"),
        "CONTENT_BAD_VALUE",
        "diary_danger.0.finding",
    ),
    (
        "diary danger on a duration the diary does not log",
        "followup.yaml",
        lambda d: d["diary_danger"][0].update(duration="over_15_min"),
        "CONTENT_SCHEMA",
        "diary_danger.0.duration",
    ),
    (
        "diary danger duration listed twice",
        "followup.yaml",
        lambda d: d["diary_danger"].append(dict(d["diary_danger"][0])),
        "CONTENT_DUPLICATE_ID",
        "diary_danger.1",
    ),
    (
        "no diary danger sign at all",
        "followup.yaml",
        lambda d: d.update(diary_danger=[]),
        "CONTENT_SCHEMA",
        "diary_danger",
    ),
]


@pytest.mark.parametrize(("label", "name", "edit", "code", "path"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_content_defect_is_caught(broken, label, name, edit, code, path) -> None:
    d = broken(name, edit)
    with pytest.raises(ContentError) as err:
        load_content(d)
    assert err.value.code == code, f"{label}: {err.value}"
    assert err.value.file == name
    assert err.value.path.startswith(path), f"{label}: path {err.value.path!r}"


def test_missing_file_and_bad_yaml_are_named(tmp_path: Path) -> None:
    d = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, d)
    (d / "advice.yaml").unlink()
    with pytest.raises(ContentError) as err:
        load_content(d)
    assert (err.value.code, err.value.file) == ("CONTENT_MISSING_FILE", "advice.yaml")
    shutil.copy(CONTENT_DIR / "advice.yaml", d / "advice.yaml")
    (d / "rules.yaml").write_text("rules: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(d)
    assert (err.value.code, err.value.file) == ("CONTENT_YAML", "rules.yaml")
    assert err.value.path.startswith("line ")


def test_review_is_data_and_an_unquoted_on_key_is_read_as_the_date(tmp_path: Path, content) -> None:
    assert content.meta.review.by is None and content.meta.review.on is None, "not reviewed: both null"
    assert content.meta.review.content_version == content.meta.content_version
    d = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, d)
    meta = (d / "meta.yaml").read_text(encoding="utf-8")
    line = next(x for x in meta.splitlines() if x.startswith("review:"))
    version = content.meta.content_version
    # YAML 1.1 reads a bare `on` key as true; a clinician writing it unquoted still gets the date.
    meta = meta.replace(line, f'review: {{by: clinician, on: 2027-01-15, content_version: "{version}"}}')
    (d / "meta.yaml").write_text(meta, encoding="utf-8")
    review = load_content(d).meta.review
    assert (review.by, review.on, review.done) == ("clinician", dt.date(2027, 1, 15), True)


def test_every_question_matters_to_some_rule_or_advice(content) -> None:
    from mobile_app.core.loader import findings_in

    used: set[str] = set()
    for r in content.rules.rules:
        used |= findings_in(r.when)
    for g in content.medicines.guidance:
        used |= findings_in(g.when) if g.when is not None else set()
    for a in content.advice.advice:
        used |= findings_in(a.when) if a.when is not None else set()
    unused = set(content.question_by_id) - used
    assert not unused, f"never asked (no rule, guidance or advice depends on them): {sorted(unused)}"
