"""Spanish text is easy to read: Fernández-Huerta of at least 70 for every screen (Spanish syllable counting)."""

from __future__ import annotations

import pytest
import textstat

from mobile_app.core.i18n import Translator, placeholders
from mobile_app.core.loader import Content


def screens(content: Content, tr: Translator, who: str) -> dict[str, str]:
    """The Spanish text of each question screen, each result level and each advice card."""
    values = placeholders(content, "MX", tr)
    out: dict[str, str] = {}
    for s in content.screens.screens:
        parts = [tr.wording(s.title, who, values)]
        for fid in s.findings:
            q = content.question_by_id[fid]
            parts.append(tr.wording(q.text, who, values))
            if q.help is not None:
                parts.append(tr.wording(q.help, who, values))
        out[f"questions:{s.id}"] = " ".join(parts)
    for li in content.advice.levels:
        out[f"level:{li.level}"] = " ".join([tr.wording(li.title, who, values), tr.wording(li.action, who, values)])
    for a in content.advice.advice:
        parts = [tr.wording(a.title, who, values), tr.wording(a.text, who, values)]
        parts += [tr.wording(st.text, who, values) for st in a.steps]
        out[f"advice:{a.id}"] = " ".join(parts)
    out["medicines"] = " ".join(tr.wording(g.text, who, values) for g in content.medicines.guidance)
    return out


@pytest.mark.parametrize("who", ["self", "caregiver"])
def test_every_spanish_screen_reads_easily(content: Content, who: str) -> None:
    textstat.set_lang("es")
    try:
        tr = Translator("es")
        scores = {name: textstat.fernandez_huerta(text) for name, text in screens(content, tr, who).items()}
    finally:
        textstat.set_lang("en_US")
    assert not tr.missing, "untranslated Spanish text (run python tools/i18n.py all)"
    hard = {k: round(v, 1) for k, v in scores.items() if v < 70}
    assert not hard, f"Spanish screens below Fernández-Huerta 70: {hard}"
