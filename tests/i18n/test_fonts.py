"""Every script the app offers renders real glyphs: each catalog's characters are in the font bundled for it.

A failure after a catalog change is fixed with: python tools/subset_fonts.py   (then commit assets/fonts)
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from flet_web import get_package_web_dir
from fontTools.ttLib import TTFont

from mobile_app.core.i18n import catalog_path, display_name
from mobile_app.core.models import LANGUAGES
from mobile_app.ui.fonts import FONTS, LANGUAGE_NAME_FALLBACK, font_family_for, fonts_for
from tests.conftest import ROOT

# Latin letters, digits and punctuation inside non-Latin text are drawn with the Latin font.
LATIN = TTFont(ROOT / "assets" / FONTS["NotoSans"]).getBestCmap()
_WHOLE_ICONS = f"{get_package_web_dir()}/assets/fonts/MaterialIcons-Regular.otf"


def shown_text(lang: str) -> str:
    with catalog_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    parts = []
    for m in cat:
        if m.id:
            parts += [m.string] if isinstance(m.string, str) else list(m.string)
    loc = Locale.parse(lang)
    parts += list(loc.territories.values())
    return "".join(parts)


@pytest.mark.parametrize("lang", [x for x in LANGUAGES if x != "en"])
def test_every_character_of_a_language_has_a_glyph(lang: str) -> None:
    font = TTFont(ROOT / "assets" / FONTS[font_family_for(lang)]).getBestCmap()
    missing = sorted({c for c in shown_text(lang) if not c.isspace() and ord(c) not in font and ord(c) not in LATIN})
    assert not missing, f"{lang}: no glyph for {''.join(missing)[:80]!r} (run python tools/subset_fonts.py)"


def test_fonts_ship_their_license() -> None:
    text = (ROOT / "assets" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in text.upper()


def test_local_medicine_names_have_glyphs(content) -> None:
    for lang in ("ar", "hi", "zh_Hans"):
        font = TTFont(ROOT / "assets" / FONTS[font_family_for(lang)]).getBestCmap()
        for country in content.countries.countries:
            for med in (
                country.medicines.acetaminophen,
                country.medicines.ibuprofen,
                country.medicines.naproxen,
                country.medicines.diclofenac_gel,
            ):
                missing = {c for c in med.name[lang] if not c.isspace() and ord(c) not in font and ord(c) not in LATIN}
                assert not missing, f"{country.code} {lang}: no glyph for {''.join(sorted(missing))}"


def _not_drawn(text: str, cmaps: list[dict[int, str]]) -> list[str]:
    """Characters of `text` that no font in `cmaps` has (spaces and the invisible bidi isolates aside)."""
    shown = {c for c in text if not c.isspace() and unicodedata.category(c) != "Cf"}
    return sorted(c for c in shown if not any(ord(c) in cmap for cmap in cmaps))


def _fonts_seen_in(lang: str) -> list[dict[int, str]]:
    """The fonts a language-name text can be drawn with while the app is in `lang`: those registered for it, as
    the language-name texts name them (the language's family, then LANGUAGE_NAME_FALLBACK)."""
    registered = fonts_for(lang)
    families = [font_family_for(lang), *LANGUAGE_NAME_FALLBACK]
    assert all(f in registered for f in families), f"{lang}: a family is named but not registered"
    return [TTFont(ROOT / "assets" / registered[f]).getBestCmap() for f in families]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_way_to_the_language_list_is_readable_in_every_script(lang: str) -> None:
    """The start screen's language button says "Language" in every app language, whatever the current language:
    each character is in a font registered for that language and named by the button."""
    from mobile_app.ui.texts import languages_label

    label = languages_label()
    assert "Idioma" in label and "اللغة" in label and "语言" in label and "भाषा" in label, label
    missing = _not_drawn(label, _fonts_seen_in(lang))
    assert not missing, f"{lang}: no glyph for {''.join(missing)!r} (run python tools/subset_fonts.py)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_shows_its_own_name_in_any_language(lang: str) -> None:
    """The language list shows each language in its own name, whatever language the app is in: "العربية" must
    be readable while the app is in English, "हिन्दी" while it is in Chinese."""
    cmaps = _fonts_seen_in(lang)
    for code in LANGUAGES:
        missing = _not_drawn(display_name(code), cmaps)
        assert not missing, f"{display_name(code)} in the {lang} app: no glyph for {''.join(missing)!r}"


def test_every_icon_the_app_names_is_in_the_served_icon_font() -> None:
    """The served client's Material icons are a subset (decision 39): an icon named in the app's code but left out
    would be drawn blank. tests/e2e/test_icon_font.py checks how they look in a browser."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from subset_fonts import FRAMEWORK_ICONS, ICON_STYLES, MATERIAL_ICONS_FILE, app_icon_names, icon_glyph

    glyphs = set(TTFont(ROOT / "assets" / "fonts" / MATERIAL_ICONS_FILE).getBestCmap().values())
    names = app_icon_names()
    assert {"PHONE", "ARROW_BACK", "TRANSLATE"} <= names, names
    whole = set(TTFont(_WHOLE_ICONS).getBestCmap().values())
    missing = {name for name in names if icon_glyph(name, whole) not in glyphs}
    assert not missing, f"not in the icon font: {sorted(missing)} (run python tools/subset_fonts.py)"
    assert {f"{icon}_{style}" for icon in ("arrow_back", "close", "arrow_drop_down") for style in ICON_STYLES} <= glyphs
    assert len(FRAMEWORK_ICONS) > 40
    assert (ROOT / "assets" / "fonts" / "MaterialIcons-LICENSE.txt").read_text(encoding="utf-8").count("Apache") >= 2


def test_the_app_draws_no_cupertino_icon() -> None:
    """The served font manifest leaves out the Cupertino icon font (decision 39): no Cupertino icon, no Cupertino
    or adaptive control (which would draw them on an iPhone) in the app's code."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "mobile_app").rglob("*.py"))
    assert not re.search(r"CupertinoIcons|\bCupertino[A-Z]\w*\(|adaptive\s*=\s*True|\.adaptive\s*=", code)
