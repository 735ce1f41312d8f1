"""Build assets/fonts/ from Debian's OFL Noto fonts: Latin, Arabic, Devanagari, and a subset of Simplified Chinese.

Needs `fonttools` (a development tool, not a runtime dependency) and Debian's `fonts-noto-core` and
`fonts-noto-cjk` packages. Run from the repository root:

    .venv/bin/python tools/subset_fonts.py [--po locales/zh_Hans/LC_MESSAGES/messages.po]
        [--text-file FILE ...] [--text "extra characters"] [--common-hanzi]

It also writes the Material icon font the served client uses (MaterialIcons-Regular.otf, from flet-web's own): only
the icons the app's code names (`ft.Icons.X`) and those Flutter's own widgets draw (FRAMEWORK_ICONS), 1.26 MB ->
about 20 KB. Run it again after the app names a new icon (tests/i18n/test_fonts.py fails until then).

The Chinese font keeps: printable ASCII, Latin-1, general and CJK punctuation, full-width forms, every
character of the Chinese catalog, of babel's Chinese names of countries, languages, months and days, and
of any file or text given (with --common-hanzi also the 3755 most common hanzi of GB 2312; that costs
about 1.2 MB more per cold load, which is why it is off).
Run it again whenever the Chinese catalog changes, and commit the result.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from fontTools import merge, subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import flet_web

from mobile_app.ui.texts import word_for_language

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "assets" / "fonts"
DEFAULT_PO = REPO / "locales" / "zh_Hans" / "LC_MESSAGES" / "messages.po"

NOTO_CORE = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_SC_FAMILY = "Noto Sans CJK SC"
LICENSE_SOURCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")

# Latin for the languages the app targets, Vietnamese included, plus common symbols.
LATIN_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x02B0, 0x02FF),  # spacing modifier letters
    (0x0300, 0x036F),  # combining diacritical marks
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols (℃, №, ™)
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus sign
    (0x2260, 0x2265),  # ≠ ≤ ≥
    (0x25A0, 0x25FF),  # geometric shapes (bullets)
    (0xFEFF, 0xFEFF),
    (0xFFFD, 0xFFFD),
]
CJK_EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x2103, 0x2103),  # ℃
    (0xFFFD, 0xFFFD),
]

# Output file names (paths relative to assets/, as Flet's page.fonts wants them).
LATIN_FILE = "NotoSans-Regular.ttf"
ARABIC_FILE = "NotoSansArabic-Regular.ttf"
DEVANAGARI_FILE = "NotoSansDevanagari-Regular.ttf"
CJK_FILE = "NotoSansSC-Regular.otf"
# The Latin font also carries the glyphs of each non-Latin language's own name and word for "Language"
# ("العربية", "हिन्दी", "中文 (简体)", "اللغة", ...), merged in from that script's font: a language picker shows
# every language in its own script while only the current language's full font loads. They were three tiny
# fonts of their own before; each registered font costs the phone a relayout of the whole screen as it
# arrives (docs/safety/decisions.md, 13).
NAME_SOURCES = ("ar", "hi", "zh_Hans")


# The Material icon font of flet-web's client holds every icon in four styles (8,623 glyphs, 476 KB gzipped), and
# Flutter's engine downloads it before its first frame. The served client gets a subset instead (server.py's
# FontManifest patch): the icons named in the app's code, and, in every style, those Flutter's own widgets draw
# (back and close buttons, dropdown and expansion arrows, the date and time pickers, text fields, menus, chips,
# snack bars, steppers, tables), so that none of them is ever drawn blank.
MATERIAL_ICONS_SOURCE = Path(flet_web.get_package_web_dir()) / "assets" / "fonts" / "MaterialIcons-Regular.otf"
MATERIAL_ICONS_FILE = "MaterialIcons-Regular.otf"
MATERIAL_ICONS_LICENSE = "MaterialIcons-LICENSE.txt"
APACHE_LICENSE = Path("/usr/share/common-licenses/Apache-2.0")
ICON_STYLES = ("baseline", "outlined", "rounded", "sharp")
FRAMEWORK_ICONS = (
    "access_time", "add", "arrow_back", "arrow_back_ios", "arrow_back_ios_new", "arrow_downward", "arrow_drop_down",
    "arrow_drop_up", "arrow_forward", "arrow_forward_ios", "arrow_upward", "calendar_today", "cancel", "check",
    "check_box", "check_box_outline_blank", "chevron_left", "chevron_right", "clear", "close", "content_copy",
    "content_cut", "content_paste", "done", "drag_handle", "edit", "error", "error_outline", "expand_less",
    "expand_more", "indeterminate_check_box", "info", "info_outline", "keyboard", "keyboard_arrow_down",
    "keyboard_arrow_left", "keyboard_arrow_right", "keyboard_arrow_up", "menu", "more_horiz", "more_vert",
    "radio_button_checked", "radio_button_unchecked", "refresh", "remove", "search", "select_all", "share",
    "ios_share", "visibility", "visibility_off", "warning",
)  # fmt: skip
# Flet names that are another name of an icon (Flutter's Icons keeps both; the font has the glyph once).
ICON_ALIASES = {"copy": "content_copy", "cut": "content_cut", "paste": "content_paste"}
_ICON_USE = re.compile(r"\bIcons\.([A-Z][A-Z0-9_]*)\b")


def app_icon_names(root: Path = REPO / "mobile_app") -> set[str]:
    """The Material icons the app's code names (`ft.Icons.NAME`), as Flet spells them."""
    return {name for path in root.rglob("*.py") for name in _ICON_USE.findall(path.read_text(encoding="utf-8"))}


def icon_glyph(name: str, glyphs: set[str]) -> str:
    """The font's glyph for a Flet / Flutter icon name ("ARROW_BACK" -> "arrow_back_baseline", "EDIT_OUTLINED" ->
    "edit_outlined"): Flutter's icon names and the font's glyph names come from the same list, the style last."""
    lower = name.lower()
    lower = ICON_ALIASES.get(lower, lower)
    if lower.rsplit("_", 1)[-1] in ICON_STYLES[1:] and lower in glyphs:
        return lower
    if f"{lower}_baseline" in glyphs:
        return f"{lower}_baseline"
    raise KeyError(f"no glyph for the icon {name} in {MATERIAL_ICONS_SOURCE.name}: add it to ICON_ALIASES")


def icon_glyphs(font: TTFont, names: set[str]) -> set[str]:
    """The glyphs of the app's icons (`names`, Flet's spelling) and of Flutter's own in every style."""
    glyphs = set(font.getBestCmap().values())
    wanted = {icon_glyph(name, glyphs) for name in names}
    wanted |= {f"{icon}_{style}" for icon in FRAMEWORK_ICONS for style in ICON_STYLES} & glyphs
    return wanted


def write_icon_font(out: Path = OUT_DIR / MATERIAL_ICONS_FILE) -> int:
    """Subset flet-web's Material icon font to the icons the app and Flutter's widgets use; return the count."""
    font = TTFont(str(MATERIAL_ICONS_SOURCE), recalcTimestamp=False)
    wanted = icon_glyphs(font, app_icon_names())
    unicodes = {cp for cp, glyph in font.getBestCmap().items() if glyph in wanted}
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright notice
    options.name_languages = ["*"]
    options.notdef_outline = False  # an icon left out is drawn blank, never as a box
    options.hinting = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(str(out))
    notice = font["name"].getDebugName(0) or ""
    (out.parent / MATERIAL_ICONS_LICENSE).write_text(
        f"{MATERIAL_ICONS_FILE}: Material Icons. {notice}\n"
        "A subset (a modified version: only the icons Calf Check and Flutter's widgets draw) made by\n"
        "tools/subset_fonts.py from the font in flet-web's web client. Licensed under the Apache License 2.0:\n\n"
        + APACHE_LICENSE.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return len(unicodes)


def codepoints(ranges: list[tuple[int, int]]) -> set[int]:
    """All code points in inclusive ranges."""
    return {cp for low, high in ranges for cp in range(low, high + 1)}


def gb2312_level1_hanzi() -> str:
    """The 3755 level-1 hanzi of GB 2312 (rows 16-55): China's standard set of most common characters."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # row 55 ends early
    return "".join(chars)


def po_text(path: Path) -> str:
    """The text of every message in a gettext catalog (ids and translations, plurals included)."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    parts: list[str] = []
    for message in catalog:
        for value in (message.id, message.string):
            if isinstance(value, str):
                parts.append(value)
            elif value:
                parts.extend(v for v in value if v)
    return "".join(parts)


def babel_text(lang: str = "zh_Hans") -> str:
    """Text the app takes from babel rather than the catalog: country and language names, dates, units."""
    loc = Locale.parse(lang)
    parts = list(loc.territories.values()) + list(loc.languages.values())
    parts += list(loc.months["format"]["wide"].values()) + list(loc.days["format"]["wide"].values())
    parts += ["年月日", "克毫"]
    # Local medicine names from the country profiles fill {acetaminophen} and the like in Chinese text.
    import yaml

    countries = yaml.safe_load((REPO / "mobile_app" / "content" / "countries.yaml").read_text(encoding="utf-8"))
    for c in countries["countries"]:
        for med in c["medicines"].values():
            parts.append(med["name"].get(lang, ""))
            parts += med.get("brands", [])
    return "".join(parts)


def subset_font(font: TTFont, unicodes: set[int], out: Path) -> set[int]:
    """Write the glyphs for `unicodes` (with their shaping rules) to `out`; return code points not in the font."""
    cmap = font.getBestCmap()
    missing = {cp for cp in unicodes if cp not in cmap and cp > 0x20}
    options = subset.Options()
    options.layout_features = ["*"]  # keep all shaping features (vertical forms, ligatures, locl)
    options.name_IDs = ["*"]  # keep copyright and license notices (OFL requires them)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["DSIG"]
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes & set(cmap))
    subsetter.subset(font)
    font.save(str(out))  # with recalcTimestamp=False at load: same input, same bytes
    return missing


def language_name(code: str) -> str:
    """A language's name in that language, as babel (CLDR) gives it, in both initial cases, and its word for
    "Language" (the start screen's way to the language list says it in every language)."""
    name = Locale.parse(code).get_display_name(code) or code
    return name + name[:1].upper() + name[:1].lower() + word_for_language(code)


def language_name_font(code: str, out: Path) -> str:
    """Subset a non-Latin script's font to its language's own name and word for "Language", as TrueType
    outlines (the Chinese font's are cubic: converted to quadratic so it can merge with the others); write it to
    `out` and return its copyright notice."""
    font = (
        cjk_sc_font()
        if code == "zh_Hans"
        else TTFont(str(NOTO_CORE / (ARABIC_FILE if code == "ar" else DEVANAGARI_FILE)), recalcTimestamp=False)
    )
    notice = font["name"].getDebugName(0) or ""
    text = language_name(code)
    missing = subset_font(font, {ord(c) for c in text}, out)
    if missing:
        print(f"warning: no glyph in the {code} font for {''.join(map(chr, sorted(missing)))}", file=sys.stderr)
    if "CFF " in font:
        font = TTFont(str(out), recalcTimestamp=False)
        to_truetype(font)
        font.save(str(out))
    return notice


def to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """Replace a font's cubic CFF outlines with quadratic TrueType ones (and drop the tables of vertical text)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    for tag in ("CFF ", "VORG", "BASE", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
        "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
        "maxComponentElements", "maxComponentDepth",
    ):  # fmt: skip
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\0\1\0\0"


def write_latin_font(notices: dict[str, str]) -> None:
    """The Latin subset of Noto Sans with the non-Latin language names merged in (one file, one registration)."""
    latin = TTFont(str(NOTO_CORE / "NotoSans-Regular.ttf"), recalcTimestamp=False)
    notices[LATIN_FILE] = latin["name"].getDebugName(0) or ""
    with tempfile.TemporaryDirectory(prefix="fonts-") as tmp:
        parts = [Path(tmp) / "latin.ttf"]
        subset_font(latin, codepoints(LATIN_RANGES), parts[0])
        for code in NAME_SOURCES:
            parts.append(Path(tmp) / f"{code}.ttf")
            notices[f"{LATIN_FILE} (the {code} language name)"] = language_name_font(code, parts[-1])
        merged = merge.Merger().merge([str(p) for p in parts])  # the first font's glyph wins a shared code point
        merged.recalcTimestamp = False  # same input, same bytes: keep Noto Sans's own date, not the merge's
        merged["head"].created, merged["head"].modified = latin["head"].created, latin["head"].modified
        merged.save(str(OUT_DIR / LATIN_FILE))


def cjk_sc_font() -> TTFont:
    """The Simplified Chinese face of Debian's Noto Sans CJK collection."""
    collection = TTCollection(str(NOTO_CJK_TTC), recalcTimestamp=False, lazy=True)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == CJK_SC_FAMILY:
            return font
    raise SystemExit(f"{CJK_SC_FAMILY} not found in {NOTO_CJK_TTC}")


def ofl_text() -> str:
    """The SIL Open Font License 1.1 text, as Debian ships it for the Noto fonts."""
    lines = LICENSE_SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(  # the stand-alone license paragraph, not a "Files:" stanza's License field
        i for i, line in enumerate(lines[:-1]) if line.startswith("License: SIL-1.1") and lines[i + 1].startswith(" ")
    )
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def write_license(notices: dict[str, str]) -> None:
    """Write OFL.txt: each bundled font's copyright notice, then the license."""
    header = ["Fonts in this folder (Noto, from Debian's fonts-noto-core and fonts-noto-cjk packages):", ""]
    for file_name, notice in sorted(notices.items()):
        header.append(f"{file_name}: {notice}")
    header += [
        "",
        f"{LATIN_FILE} and {CJK_FILE} are subsets (Modified Versions) made by tools/subset_fonts.py;",
        f"{LATIN_FILE} also holds, merged in, the glyphs of the Arabic, Hindi and Chinese language names.",
        "No Reserved Font Name is used by them.",
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "",
    ]
    (OUT_DIR / "OFL.txt").write_text("\n".join(header) + ofl_text(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build every font in assets/fonts/ and OFL.txt; report sizes and characters the fonts lack."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--po", type=Path, default=DEFAULT_PO, help="Chinese gettext catalog")
    parser.add_argument("--text-file", type=Path, action="append", default=[], help="more text to cover")
    parser.add_argument("--text", default="", help="more characters to cover")
    parser.add_argument("--common-hanzi", action="store_true",
                        help="also keep the 3755 level-1 hanzi of GB 2312 (about 1.2 MB more on the wire)")
    args = parser.parse_args(argv)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    notices: dict[str, str] = {}

    write_latin_font(notices)
    for file_name in (ARABIC_FILE, DEVANAGARI_FILE):  # small already: shipped whole
        shutil.copyfile(NOTO_CORE / file_name, OUT_DIR / file_name)
        notices[file_name] = TTFont(str(NOTO_CORE / file_name))["name"].getDebugName(0) or ""

    text = args.text
    if args.po.exists():
        text += po_text(args.po)
    else:
        print(f"note: {args.po} not found; covering common hanzi and extra text only", file=sys.stderr)
    for path in args.text_file:
        text += path.read_text(encoding="utf-8")
    text += babel_text()
    if args.common_hanzi:
        text += gb2312_level1_hanzi()
    asked = {ord(c) for c in text if not c.isspace()}
    wanted = codepoints(CJK_EXTRA_RANGES) | asked

    icons = write_icon_font()
    print(f"{MATERIAL_ICONS_FILE}: {icons} icons")

    cjk = cjk_sc_font()
    notices[CJK_FILE] = cjk["name"].getDebugName(0) or ""
    missing = subset_font(cjk, wanted, OUT_DIR / CJK_FILE) & asked
    write_license(notices)

    for path in sorted(OUT_DIR.iterdir()):
        print(f"{path.relative_to(REPO)}: {path.stat().st_size:,} bytes")
    print(f"{CJK_FILE}: {len(wanted):,} code points asked for")
    if missing:
        shown = "".join(chr(cp) for cp in sorted(missing))[:200]
        print(f"warning: not in {CJK_SC_FAMILY}: {shown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
