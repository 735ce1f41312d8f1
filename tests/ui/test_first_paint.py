"""The page's first paint (issue 18): made from the app's own content and catalogs, right for every language and
country, right to left in Arabic, readable, holding no health data; its script picks the language and the country
as the app does. Browser tests: tests/e2e/test_first_paint.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator

import pytest
import uvicorn

from mobile_app import first_paint
from mobile_app.core.i18n import SOURCE_LANGUAGE, Translator
from mobile_app.core.models import LANGUAGES
from mobile_app.server import ASSETS_DIR, content_security_policy, create_app
from mobile_app.ui.app import engine, guess_settings
from mobile_app.ui.state import AppState
from mobile_app.ui.texts import country_name
from tests.conftest import ROOT
from tests.e2e.e2e_support import free_port, wait_for_port
from tests.ui.test_theme import contrast

CONTENT = engine().content
COUNTRIES = [c.code for c in CONTENT.countries.countries]


def _served(main: object | None = None) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(main), host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for_port(port, 60)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    yield from _served()


def fetch(url: str) -> tuple[dict[str, str], str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return dict(response.headers.items()), response.read().decode("utf-8")


def page_table(page: str) -> dict[str, object]:
    found = re.search(r"var D = (\{.*?\}), root = ", page)
    assert found, "the page carries no first-paint table"
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_every_country_number_comes_from_the_content_the_engine_uses() -> None:
    numbers = first_paint.table()["numbers"]
    assert numbers == {c.code: c.emergency_number for c in CONTENT.countries.countries}
    assert numbers["ES"] == "112" and numbers["US"] == "911" and numbers["IN"] == "108"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_the_app_strings_from_its_catalog(lang: str) -> None:
    entry = first_paint.table()["langs"][lang]
    tr = Translator(lang)
    assert entry["t"] == first_paint.texts(tr)
    assert not tr.missing, f"{lang}: not translated: {sorted(tr.missing)}"
    assert entry["countries"] == {code: country_name(code, lang) for code in COUNTRIES}
    assert entry["dir"] == ("rtl" if lang == "ar" else "ltr")


def test_the_first_strings_are_the_start_screens_own() -> None:
    """The intro and the call are the words the start screen then draws (views/start.py, components/call.py)."""
    tr = Translator("es")
    words = first_paint.texts(tr)
    assert words["call"].format(number="112") == tr.t("Emergency? Call {number}", {"number": "112"})
    assert words["intro"] == tr.t(
        "A self-check for calf pain and leg cramps. It helps you decide what to do now, for you or "
        "someone you care for. It does not diagnose and does not replace a doctor."
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("country", ["ES", "US", "IN", "EG", "CN"])
def test_the_layer_holds_the_number_and_strings_of_the_language_and_country(lang: str, country: str) -> None:
    tr = Translator(lang)
    number = CONTENT.country_by_code[country].emergency_number
    layer = first_paint.layer_html(lang, country, guessed=True)
    words = first_paint.texts(tr)
    assert f'href="tel:{number}"' in layer
    assert words["call"].replace("{number}", number) in layer.replace("&#x27;", "'")
    assert words["guessed"].replace("{country}", country_name(country, lang)).replace("'", "&#x27;") in layer
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in layer
    assert f'lang="{lang.replace("_", "-")}"' in layer
    assert "Calf Check" in layer
    chosen = first_paint.layer_html(lang, country, guessed=False)
    assert '<p id="fp-guess" hidden>' in chosen


def test_arabic_is_laid_out_right_to_left() -> None:
    layer = first_paint.layer_html("ar", "SA", guessed=False)
    assert 'dir="rtl"' in layer and 'lang="ar"' in layer
    assert "اتصل" in layer and 'href="tel:997"' in layer


def test_the_colours_are_the_apps_and_meet_4_5_to_1_light_and_dark() -> None:
    style = first_paint.layer_html("en", "US", guessed=True)
    for name, fg, bg in first_paint.color_pairs():
        assert contrast(fg, bg) >= 4.5, (name, fg, bg)
        assert fg in style and bg in style, name


def test_links_are_at_least_48_px_tall() -> None:
    style = first_paint.layer_html("en", "US", guessed=True)
    call = re.search(r"#fp-call\{[^}]*min-height:(\d+)px", style)
    assert call is not None and int(call.group(1)) >= 48
    assert "#fp-change{display:inline-flex;align-items:center;min-height:48px" in style


def test_the_served_page_shows_the_layer_first_under_its_policy(app_url: str) -> None:
    headers, page = fetch(app_url)
    body = page.split("<body>", 1)[1]
    assert body.lstrip().startswith('<div id="first-paint"'), body[:200]
    assert body.index('id="fp-call"') < body.index("flutter_bootstrap.js")
    assert 'id="loading"' not in page  # the layer replaces Flet's loading image
    assert page_table(page) == json.loads(json.dumps(first_paint.table()))
    policy = headers["content-security-policy"]
    for script in re.findall(r"<script>(.*?)</script>", page, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert content_security_policy(page.encode("utf-8")) == policy


def test_nothing_before_the_layer_waits_for_the_network(app_url: str) -> None:
    """A script in <head> holds back the layer until it has arrived: every one there is inline or deferred, and
    no-cdn.js still runs inline before any of Flutter's scripts."""
    _, page = fetch(app_url)
    head = page.split("<body>", 1)[0]
    scripts = re.findall(r"<script[^>]*\bsrc=[^>]*>", head)
    blocking = [tag for tag in scripts if not re.search(r"\b(defer|async)\b", tag)]
    assert blocking == []
    no_cdn = (ASSETS_DIR / "no-cdn.js").read_text(encoding="utf-8")
    assert f"<script>{no_cdn}</script>" in head and 'src="no-cdn.js"' not in page
    assert '<script src="python.js" defer></script>' in head
    # Laid out at the phone's width (without a viewport, 980 px wide and zoomed out: a 48 px link drawn 20 px tall).
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in head


def test_each_server_start_gives_the_page_a_new_etag(app_url: str) -> None:
    """A phone revalidates the page with its ETag (Cache-Control: no-cache). Flet writes the page it serves when the
    server starts, so a restart (which a content change needs) gives a new ETag and never a 304 for a page that
    still holds the old numbers."""
    first, _ = fetch(app_url)
    for url in _served():
        again, _ = fetch(url)
        assert again["etag"] != first["etag"]


def test_deep_links_get_the_layer_too(app_url: str) -> None:
    _, page = fetch(app_url + "diary")
    assert 'id="fp-call"' in page


def test_a_bare_flet_page_served_the_same_way_has_no_layer() -> None:
    def bare(page: object) -> None:
        return None

    for url in _served(bare):
        _, page = fetch(url)
        assert 'id="first-paint"' not in page and 'id="loading"' in page


def test_the_page_holds_no_health_data_and_reads_only_the_language_and_country() -> None:
    """The server never sees the device's storage; the script reads the stored session's schema, language and
    country, nothing else (no answers), and nothing in the table comes from a person."""
    script = first_paint._SCRIPT
    assert set(re.findall(r"\bs\.(\w+)", script)) == {"schema", "lang", "country"}
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "sendBeacon" not in script
    assert "setItem" not in script and "localStorage" not in script.replace("localStorage.getItem", "")
    # The one thing it removes: Flet's own session id in sessionStorage, before it restarts the page on a server
    # that no longer knows the session (the device's records are never touched).
    assert re.findall(r"(\w+)\.removeItem", script) == ["sessionStorage"] and '"_flet_session_id"' in script
    data = first_paint.table()
    assert set(data) == {"key", "schema", "langs", "numbers", "aliases", "fallback", "ws", "marker", "settle", "wait"}
    assert data["key"] == "flutter.calf_check.session"
    text = json.dumps(data)
    assert not any(f.id in text for q in CONTENT.questions.questions for f in getattr(q, "findings", ()) or ())


def test_the_sign_that_the_app_has_drawn_is_in_every_screen_of_the_app() -> None:
    """The layer goes when a message from the server holds the app's call button (every screen's app bar, the start
    screen, the safety net): renaming those identifiers would leave it up to the fallback wait after each start."""
    root = ROOT / "mobile_app" / "ui"
    call = (root / "components" / "call.py").read_text(encoding="utf-8")
    assert f'identifier="{first_paint.APP_DRAWN_MARKER}"' in call
    assert f'identifier: str = "{first_paint.APP_DRAWN_MARKER}-now"' in call
    assert f'identifier="{first_paint.APP_DRAWN_MARKER}-now"' in (root / "fallback.py").read_text(encoding="utf-8")
    assert first_paint.table()["marker"] == first_paint.APP_DRAWN_MARKER
    assert 0 < first_paint.SETTLE_MS < 1000 < first_paint.WAIT_MS <= 10_000


def test_the_script_cannot_be_ended_by_the_data_it_carries() -> None:
    assert first_paint._json_for_script({"x": "</script><b>&"}) == '{"x":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'


# --- the script's choice, run in Node with a stand-in page (skipped without node) ------------------------------

NODE = shutil.which("node")

_HARNESS = """
const cases = JSON.parse(process.argv[1]);
const script = require("fs").readFileSync(0, "utf8");
const out = [];
for (const c of cases) {
  const els = {};
  const el = (id) => (els[id] ??= { id, textContent: "", href: "", hidden: false, lang: "", dir: "" });
  const store = c.stored === null ? {} : { "flutter.calf_check.session": c.stored };
  const g = {
    document: { getElementById: el },
    navigator: { languages: c.tags, language: c.tags[0] || "" },
    localStorage: { getItem: (k) => (k in store ? store[k] : null) },
    location: { search: c.search, href: "http://127.0.0.1/" + c.search },
    URLSearchParams, URL, setTimeout, clearTimeout,
    addEventListener: () => {},
  };
  g.window = g;
  new Function(...Object.keys(g), script)(...Object.values(g));
  out.push({ ...g.window.firstPaint, href: el("fp-call").href, dir: el("first-paint").dir,
             call: el("fp-call").textContent, guessHidden: el("fp-guess").hidden });
}
console.log(JSON.stringify(out));
"""


def run_script(cases: list[dict[str, object]]) -> list[dict[str, object]]:
    assert NODE is not None
    script = first_paint._block().split("<script>", 1)[1].split("</script>", 1)[0]
    done = subprocess.run(
        [NODE, "-e", _HARNESS, json.dumps(cases)], input=script, capture_output=True, text=True, timeout=60, check=True
    )
    result: list[dict[str, object]] = json.loads(done.stdout)
    return result


TAG_LISTS = [
    [],
    [""],
    ["en-US"],
    ["en-GB", "en"],
    ["es-ES", "es"],
    ["es"],
    ["es-419"],
    ["es-MX"],
    ["fr-CA", "fr"],
    ["fr-FR"],
    ["pt-BR"],
    ["pt-PT"],
    ["pt"],
    ["ar"],
    ["ar-EG"],
    ["ar-SA", "en"],
    ["zh-CN"],
    ["zh-Hans-CN"],
    ["zh-TW"],
    ["zh"],
    ["hi-IN"],
    ["vi-VN"],
    ["de-DE", "en"],
    ["ja-JP"],
    ["nl-NL", "fr-BE", "en-NZ"],
    ["sw-KE"],
    ["en_IE"],
    ["fil-PH", "en-PH"],
    ["xx-ZZ", "de-AT", "it-IT"],
]


@pytest.mark.skipif(NODE is None, reason="node is not installed: the script's choices are checked in Chromium only")
def test_a_first_visit_guesses_as_the_app_does() -> None:
    """For a first visit the page shows the language and the country the app's guess_settings then picks."""
    results = run_script([{"tags": tags, "stored": None, "search": ""} for tags in TAG_LISTS])
    for tags, got in zip(TAG_LISTS, results, strict=True):
        lang, country = guess_settings(tags, CONTENT)
        assert (got["lang"], got["country"], got["guessed"]) == (lang, country, True), tags
        number = CONTENT.country_by_code[country].emergency_number
        assert got["href"] == f"tel:{number}" and number in str(got["call"]), tags
        assert got["dir"] == ("rtl" if lang == "ar" else "ltr") and got["guessHidden"] is False


def _stored(lang: str, country: str) -> str:
    state = AppState(engine())
    state.lang, state.country = lang, country
    return json.dumps(state.to_json())  # shared_preferences keeps a string JSON-encoded


@pytest.mark.skipif(NODE is None, reason="node is not installed: the script's choices are checked in Chromium only")
def test_a_returning_person_gets_what_they_chose_and_a_clinic_link_comes_first() -> None:
    cases = [
        {"tags": ["en-US"], "stored": _stored("es", "ES"), "search": ""},
        {"tags": ["ar"], "stored": _stored("ar", "MA"), "search": ""},
        {"tags": ["en-US"], "stored": _stored("zh_Hans", "CN"), "search": ""},
        {"tags": ["en-US"], "stored": _stored("es", "ES"), "search": "?lang=es&country=MX&clinic=Sol"},
        {"tags": ["en-US"], "stored": None, "search": "?lang=fr&country=FR"},
        # Anything odd stored is not used: the guess is shown, as the app then guesses too.
        {
            "tags": ["de-DE"],
            "stored": '"{\\"schema\\": 999, \\"lang\\": \\"es\\", \\"country\\": \\"ES\\"}"',
            "search": "",
        },
        {"tags": ["de-DE"], "stored": "not json {", "search": ""},
        {
            "tags": ["de-DE"],
            "stored": json.dumps(json.dumps({"schema": 1, "lang": "constructor", "country": "ES"})),
            "search": "",
        },
        {
            "tags": ["de-DE"],
            "stored": json.dumps(json.dumps({"schema": 1, "lang": "es", "country": "__proto__"})),
            "search": "?lang=toString&country=hasOwnProperty",
        },
    ]
    got = run_script(cases)
    picked = [(g["lang"], g["country"], g["guessed"], g["href"]) for g in got]
    assert picked == [
        ("es", "ES", False, "tel:112"),
        ("ar", "MA", False, "tel:141"),
        ("zh_Hans", "CN", False, "tel:120"),
        ("es", "MX", False, "tel:911"),
        ("fr", "FR", False, "tel:15"),
        ("en", "DE", True, "tel:112"),
        ("en", "DE", True, "tel:112"),
        ("en", "DE", True, "tel:112"),
        ("en", "DE", True, "tel:112"),
    ]
    assert got[1]["dir"] == "rtl" and got[0]["guessHidden"] is True


def test_the_source_language_is_the_fallback() -> None:
    assert first_paint.table()["fallback"] == [SOURCE_LANGUAGE, "US"]


def test_unreadable_content_leaves_the_page_as_flet_sends_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server still starts and sends Flet's page; each session then shows the app's safety net with the call."""

    def broken() -> str:
        raise ValueError("CONTENT_UNKNOWN_SOURCE")

    page = '<html><head></head><body>\n  <div id="loading">x</div>\n</body></html>'
    first_paint.prepare.cache_clear()
    monkeypatch.setattr(first_paint, "_block", broken)
    try:
        assert first_paint.prepare() is False
        assert first_paint.add_to_page(page) == page
    finally:
        monkeypatch.undo()
        first_paint.prepare.cache_clear()
    assert first_paint.prepare() is True
    assert 'id="fp-call"' in first_paint.add_to_page(page) and 'id="loading"' not in first_paint.add_to_page(page)
