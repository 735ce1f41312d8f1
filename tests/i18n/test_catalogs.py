"""Every catalog is complete, not fuzzy, keeps every placeholder, has the right plural forms, and matches the code.

A failure here is fixed with: python tools/i18n.py all   (then translate what it lists)
"""

from __future__ import annotations

import sys

import pytest
from babel.messages.pofile import read_po

from mobile_app.core.i18n import Translator, catalog_path
from mobile_app.core.models import LANGUAGES
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from i18n import POT, fresh_messages, problems

FIX = "run `python tools/i18n.py all` and translate what it lists"
TARGETS = [lang for lang in LANGUAGES if lang != "en"]
SAMPLES = [0, 1, 2, 3, 5, 11, 21, 100, 101, 1_000_000]


def test_the_template_matches_the_code_and_content() -> None:
    with POT.open("rb") as fh:
        committed = {(m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(fh) if m.id}
    fresh = set(fresh_messages())
    assert fresh == committed, f"locales/messages.pot is out of date ({FIX}): " + repr(
        {"new": sorted(fresh - committed)[:10], "gone": sorted(committed - fresh)[:10]}
    )


@pytest.mark.parametrize("lang", TARGETS)
def test_catalog_is_complete_not_fuzzy_and_keeps_placeholders(lang: str) -> None:
    found = problems(lang)
    assert not found, f"{len(found)} problem(s) in {lang} ({FIX}):\n" + "\n".join(found[:30])


@pytest.mark.parametrize("lang", TARGETS)
def test_plural_forms_work_for_sample_numbers(lang: str) -> None:
    with catalog_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    plurals = [m for m in cat if m.id and not isinstance(m.id, str)]
    tr = Translator(lang)
    for m in plurals:
        singular, plural = m.id[0], m.id[1]
        seen = set()
        for n in SAMPLES:
            text = tr.ngettext(singular, plural, n)
            assert text and text in m.string, (lang, n, singular)
            seen.add(text)
        assert not tr.missing, (lang, sorted(tr.missing))
        assert len(seen) <= cat.num_plurals


@pytest.mark.parametrize("lang", TARGETS)
def test_every_content_text_translates_without_falling_back_to_english(lang: str, content) -> None:
    from mobile_app.core.i18n import placeholders

    tr = Translator(lang)
    values = placeholders(content, "US", tr)
    for q in content.questions.questions:
        for who in ("self", "caregiver"):
            tr.wording(q.text, who, values)
    for r in content.rules.rules:
        tr.wording(r.reason, "caregiver", values)
    for a in content.advice.advice:
        tr.wording(a.text, "self", values)
    for g in content.medicines.guidance:
        tr.wording(g.text, "self", values)
    assert not tr.missing, f"{lang}: shown in English: {sorted(tr.missing)[:5]}"


def test_every_drafted_language_has_a_dated_back_translation_record(content) -> None:
    """Issues 15 and 20: each machine-drafted catalog has its red flags, result headings and medicine notes
    back-translated and checked, on record with the date; that is never presented as a clinician's review."""
    for lang in content.meta.languages:
        if lang.review != "drafted":
            continue
        assert lang.checked is not None, f"{lang.code}: no back-translation check on record"
        record = ROOT / lang.checked.record
        assert record.exists(), f"{lang.code}: {lang.checked.record} is missing"
        text = record.read_text(encoding="utf-8")
        assert lang.checked.date.isoformat() in text and "not a clinician review" in text, record


@pytest.mark.parametrize("lang", [*TARGETS, "en"])
def test_the_emergency_heading_says_call_with_the_number_in_every_language(lang: str, content) -> None:
    """Issue 20: "Call for help now" became "ask for help" in some languages (a neighbour could be meant); the
    heading is "Call {number} now", and the number is in it in every language."""
    from mobile_app.core.i18n import placeholders

    tr = Translator(lang)
    title = next(li.title for li in content.advice.levels if li.level == "emergency")
    for who in ("self", "caregiver"):
        text = tr.wording(title, who, placeholders(content, "FR", tr))
        assert "15" in text, (lang, text)


DRUG_NAMES = r"\{(?:acetaminophen|ibuprofen|naproxen|aspirin|quinine)\}"


@pytest.mark.parametrize("lang", ["es", "fr", "pt_BR"])
def test_a_medicine_that_begins_a_sentence_has_its_article(lang: str) -> None:
    """Issue 14: "Paracetamol puede aliviar" reads wrong; Spanish, French and Portuguese name a medicine that is
    the subject with its article ("El paracetamol puede", "Le médicament paracétamol", "O paracetamol")."""
    import re

    subject = re.compile(rf"(?:^|[.!?:]\s+|,\s+){DRUG_NAMES}\s+(?:puede|pueden|peut|pode|es|est|é)\b")
    with open(catalog_path(lang), "rb") as f:
        catalog = read_po(f)
    bare = [
        text
        for m in catalog
        if m.id and m.string
        for text in (m.string if isinstance(m.string, tuple) else (m.string,))
        if subject.search(text)
    ]
    assert not bare, bare
