"""Catalog maintenance in one command: extract, update, compile and check every language.

usage: python tools/i18n.py [all|extract|update|compile|check]   (default: all)

- extract: collect every patient-facing string (UI Python and YAML content) into locales/messages.pot
- update:  merge the template into locales/<lang>/LC_MESSAGES/messages.po for every app language
- compile: write messages.mo next to each catalog (the app reads the .po; .mo is for other tools)
- check:   every catalog is complete, has no fuzzy entry, keeps every {placeholder} and fills every
           plural form; prints what is wrong and exits 1
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mobile_app.core.models import LANGUAGES  # noqa: E402

LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"
TARGETS = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(target: Path = POT) -> None:
    target.parent.mkdir(exist_ok=True)
    babel("extract", "-F", str(ROOT / "pyproject.toml"), "-o", str(target), "--no-location",
          "--sort-output", "--project", "Calf Check", "--copyright-holder", "Calf Check", "--add-comments",
          "Translators:", str(ROOT))


def fresh_messages() -> dict[str, list[str]]:
    """Every patient-facing English string of the code and content as they are now: msgid -> where shown."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "fresh.pot"
        extract(pot)
        with pot.open("rb") as fh:
            cat = read_po(fh)
    return {(m.id if isinstance(m.id, str) else m.id[0]): list(m.auto_comments) for m in cat if m.id}


def update() -> None:
    for lang in TARGETS:
        po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
        if po.exists():
            babel("update", "-i", str(POT), "-o", str(po), "-l", lang, "--no-fuzzy-matching", "--ignore-obsolete")
        else:
            babel("init", "-i", str(POT), "-o", str(po), "-l", lang)


def compile_all() -> None:
    for lang in TARGETS:
        po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
        babel("compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "-l", lang)


def problems(lang: str) -> list[str]:
    """Everything wrong with one catalog, as lines a translator can act on."""
    po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return [f"{lang}: {po.relative_to(ROOT)} is missing"]
    with po.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    with POT.open("rb") as fh:
        template = read_po(fh)
    out = []
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}
    for m in template:
        key = m.id if isinstance(m.id, str) else (m.id[0] if m.id else "")
        if key and key not in ids:
            out.append(f"{lang}: not in the catalog (run update): {key[:70]!r}")
    for m in cat:
        if not m.id:
            continue
        sid = m.id if isinstance(m.id, str) else m.id[0]
        if m.fuzzy:
            out.append(f"{lang}: fuzzy: {sid[:70]!r}")
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        if not all(s.strip() for s in strings):
            out.append(f"{lang}: untranslated: {sid[:70]!r}")
            continue
        if not isinstance(m.string, str) and len(strings) != cat.num_plurals:
            out.append(f"{lang}: {len(strings)} plural forms, {cat.num_plurals} needed: {sid[:70]!r}")
        want = set(PLACEHOLDER.findall(sid if isinstance(m.id, str) else " ".join(m.id)))
        for s in strings:
            got = set(PLACEHOLDER.findall(s))
            if got != want:
                out.append(f"{lang}: placeholders {sorted(got)} should be {sorted(want)}: {sid[:70]!r}")
    return out


def check() -> int:
    found = [p for lang in TARGETS for p in problems(lang)]
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} problem(s). Fix the catalogs, then run: python tools/i18n.py all")
        return 1
    print(f"catalogs complete: {', '.join(TARGETS)}")
    return 0


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "all"
    if cmd in ("extract", "all"):
        extract()
    if cmd in ("update", "all"):
        update()
    if cmd in ("compile", "all"):
        compile_all()
    if cmd in ("check", "all"):
        return check()
    if cmd not in ("extract", "update", "compile", "all"):
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
