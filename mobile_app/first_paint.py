"""The page's first paint (issue 18): the app's name, what it is and a link that calls the emergency number, drawn
by the browser from the HTML before any engine starts, and drawn again when the connection to the server is lost.

Everything in it is generated at server start from what the app itself shows: the country profiles of the content
the engine uses (`emergency_number`), the babel catalogs (the app's own strings), CLDR's country names (as the
country list), the device-storage key of the session (for the language and country chosen before) and the app's
colours. A few lines of inline script pick the language and the country in the same order as the app: a clinic
link's `lang`/`country`, else the ones stored on the device, else a guess from the browser's languages made the
same way as `ui.app.guess_settings` (a guessed country says so, with a link to the country list). Flutter's first
frame hides it. Nothing is read from the device but the stored language and country; nothing is sent anywhere.
The browser build (tools/build_pwa.py) carries the same layer and script, made at build time (add_to_offline_page).
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from typing import Any, Protocol

from mobile_app.core.i18n import LANGUAGE_ALIASES, SOURCE_LANGUAGE, load_catalog
from mobile_app.core.models import LANGUAGES
from mobile_app.ui import routes
from mobile_app.ui.app import APP_TITLE, FALLBACK_COUNTRY, engine
from mobile_app.ui.state import SCHEMA_VERSION
from mobile_app.ui.store import KEY
from mobile_app.ui.texts import country_name, open_translator
from mobile_app.ui.theme import DARK, LIGHT, Palette

__all__ = [
    "STORAGE_PREFIX",
    "add_to_offline_page",
    "add_to_page",
    "color_pairs",
    "layer_html",
    "offline_script",
    "offline_table",
    "prepare",
    "table",
    "texts",
]

STORAGE_PREFIX = "flutter."
"""Flutter's shared_preferences keeps each key in the browser's localStorage under this prefix, its value
JSON-encoded (ft.SharedPreferences on the web; tests/e2e/test_followup.py seeds the diary the same way)."""

LAYER_ID = "first-paint"

APP_DRAWN_MARKER = "call-emergency"
"""Begins the accessibility identifier of the app's call buttons ("call-emergency" in the app bar of every screen,
"call-emergency-now" on the start screen and the safety net's: ui/components/call.py, ui/fallback.py): a message
from the server holding it carries a screen of the app, which then replaces the layer."""
SETTLE_MS = 150
"""How long Flutter gets to draw that screen before the layer goes (a frame is 16 ms; a slow phone takes longer)."""
WAIT_MS = 5000
"""With no sign of the app this long after Flutter's first frame, the layer shrinks to the call at the bottom."""


class _Texts(Protocol):
    def t(self, msgid: str, values: dict[str, str] | None = None) -> str: ...


def texts(tr: _Texts) -> dict[str, str]:
    """The layer's strings in one language, placeholders left for the page to fill. The first two are the start
    screen's own (views/start.py), so a person reads the same words before and after the app draws."""
    return {
        "intro": tr.t(
            "A self-check for calf pain and leg cramps. It helps you decide what to do now, for you or "
            "someone you care for. It does not diagnose and does not replace a doctor."
        ),
        "call": tr.t("Emergency? Call {number}"),
        "guessed": tr.t("Country guessed from your language settings: {country}"),
        "change": tr.t("Change country"),
        "lost": tr.t("Connection lost. Trying again."),
    }


@cache
def table() -> dict[str, Any]:
    """What the page's script chooses from: per language its strings, direction and country names; per country its
    emergency number; and how to read the device and guess. Built once per process (server start)."""
    content = engine().content
    codes = [c.code for c in content.countries.countries]
    # The catalogs are read one at a time and let go when no session has opened them yet (at server start): all
    # eight kept would hold many megabytes in every worker for five strings each (decision 27 has the figure).
    unshared = load_catalog.cache_info().currsize == 0
    langs: dict[str, Any] = {}
    for lang in LANGUAGES:
        tr, _missing = open_translator(lang)
        langs[lang] = {
            "tag": lang.replace("_", "-"),
            "dir": "rtl" if tr.rtl else "ltr",
            "t": texts(tr),
            "countries": {code: country_name(code, lang) for code in codes},
        }
        if unshared:
            load_catalog.cache_clear()
    return {
        "key": STORAGE_PREFIX + KEY,
        "schema": SCHEMA_VERSION,
        "langs": langs,
        "numbers": {c.code: c.emergency_number for c in content.countries.countries},
        "aliases": {tag: lang for tag, lang in LANGUAGE_ALIASES.items() if lang in LANGUAGES},
        "fallback": [SOURCE_LANGUAGE, FALLBACK_COUNTRY],
        "ws": "/ws",
        "marker": APP_DRAWN_MARKER,
        "settle": SETTLE_MS,
        "wait": WAIT_MS,
    }


def color_pairs() -> list[tuple[str, str, str]]:
    """(name, text colour, background colour) of every text the layer draws, light and dark (all 4.5:1 or more)."""
    out = []
    for mode, p in (("light", LIGHT), ("dark", DARK)):
        e = p.levels["emergency"]
        out += [
            (f"{mode} text", p.on_surface, p.surface),
            (f"{mode} name and link", p.primary, p.surface),
            (f"{mode} connection lost", p.error, p.surface),
            (f"{mode} call link", e.on_accent, e.accent),
        ]
    return out


def _colors(p: Palette) -> str:
    e = p.levels["emergency"]
    return (
        f"#{LAYER_ID}{{background:{p.surface};color:{p.on_surface}}}"
        f"#{LAYER_ID} h1,#fp-change{{color:{p.primary}}}"
        f"#fp-lost{{color:{p.error}}}"
        f"#fp-call{{background:{e.accent};color:{e.on_accent}}}"
    )


def _style() -> str:
    # Above everything until Flutter draws; 48 px tall links (the app's tap targets); the system's fonts (nothing
    # is downloaded for this layer), large enough to read at once.
    return (
        f"<style>#{LAYER_ID}{{position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;"
        "padding:24px 16px;font:18px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif}"
        f"#{LAYER_ID}[hidden],#fp-guess[hidden]{{display:none}}"
        f"#{LAYER_ID} main{{max-width:36rem;margin:0 auto}}"
        f"#{LAYER_ID} h1{{font-size:28px;line-height:1.25;margin:0 0 12px}}"
        "#fp-intro{margin:0 0 20px}"
        "#fp-lost{font-weight:700;margin:0 0 16px}#fp-lost:empty{display:none}"
        "#fp-call{display:flex;align-items:center;justify-content:center;box-sizing:border-box;min-height:56px;"
        "padding:14px 20px;border-radius:12px;font-size:20px;font-weight:700;text-align:center;"
        "text-decoration:none}"
        "#fp-guess{margin:20px 0 0}"
        "#fp-change{display:inline-flex;align-items:center;min-height:48px;padding:0 4px;font-weight:600}"
        f"#{LAYER_ID}.fp-banner{{inset:auto 0 0 0;padding:8px 16px;overflow:visible;background:transparent}}"
        f"#{LAYER_ID}.fp-banner h1,#{LAYER_ID}.fp-banner #fp-intro,#{LAYER_ID}.fp-banner #fp-guess{{display:none}}"
        f"#{LAYER_ID}.fp-banner #fp-call{{margin:0}}"
        + _colors(LIGHT)
        + "@media (prefers-color-scheme:dark){"
        + _colors(DARK)
        + "}</style>"
    )


def layer_html(lang: str, country: str, *, guessed: bool, base: str = "/") -> str:
    """The layer as the page sends it, for one language and country (the page sends the fallback, English and the
    fallback country as a guess; its script then fills in the person's own before the browser first paints). `base`
    is the site's path (the browser build can be served under one): "Change country" opens the app's country list."""
    data = table()
    entry = data["langs"][lang]
    words = entry["t"]
    number = data["numbers"][country]
    esc = html.escape
    guess = esc(words["guessed"].replace("{country}", entry["countries"].get(country, country)))
    return (
        f'<div id="{LAYER_ID}" lang="{entry["tag"]}" dir="{entry["dir"]}">{_style()}<main>'
        f"<h1>{esc(APP_TITLE)}</h1>"
        '<p id="fp-lost" role="alert"></p>'
        f'<p id="fp-intro">{esc(words["intro"])}</p>'
        f'<a id="fp-call" href="tel:{esc(number)}">{esc(words["call"].replace("{number}", number))}</a>'
        f'<p id="fp-guess"{"" if guessed else " hidden"}><span id="fp-guess-text">{guess}</span> '
        f'<a id="fp-change" href="{esc(base.rstrip("/") + routes.COUNTRY)}">{esc(words["change"])}</a></p>'
        "</main></div>"
    )


# The page's script: chooses the language and the country as the app does (ui.app: a clinic link, else the stored
# session, else guess_settings and core.i18n.negotiate), fills the layer, hides it once the app's first screen has
# come after Flutter's first frame, and
# shows it again, saying so, when the WebSocket to the server has been closed for a moment and none is open; when
# the server answers again with another session, it reloads the page (a new start at the same route, from what the
# device holds).
_SCRIPT = """(function () {
  var D = __DATA__, root = document.getElementById("first-paint");
  if (!root) return;
  var has = function (o, k) { return typeof k === "string" && Object.prototype.hasOwnProperty.call(o, k); };
  var avail = Object.keys(D.langs);
  var find = function (x) {
    x = x.toLowerCase();
    for (var i = 0; i < avail.length; i++) if (avail[i].toLowerCase() === x) return avail[i];
    return null;
  };
  var negotiate = function (tags) {
    for (var i = 0; i < tags.length; i++) {
      if (!tags[i]) continue;
      var p = String(tags[i]).replace(/-/g, "_"), parts = p.split("_"), hit = find(p);
      if (!hit && parts.length > 1) hit = find(parts[0]);
      if (!hit && has(D.aliases, p)) hit = D.aliases[p];
      if (!hit && has(D.langs, parts[0])) hit = parts[0];
      if (!hit && has(D.aliases, parts[0])) hit = D.aliases[parts[0]];
      if (hit) return hit;
    }
    return D.fallback[0];
  };
  var guessCountry = function (tags) {
    for (var i = 0; i < tags.length; i++) {
      var parts = String(tags[i] || "").replace(/_/g, "-").split("-");
      for (var j = 1; j < parts.length; j++) {
        if (/^[A-Za-z]{2}$/.test(parts[j])) {
          if (has(D.numbers, parts[j].toUpperCase())) return parts[j].toUpperCase();
          break;
        }
      }
    }
    return D.fallback[1];
  };
  var lang = null, country = null, guessed = false;
  try {
    var q = new URLSearchParams(location.search);
    if (has(D.langs, q.get("lang"))) lang = q.get("lang");
    if (has(D.numbers, q.get("country"))) country = q.get("country");
  } catch (e) {}
  try {
    var s = JSON.parse(localStorage.getItem(D.key) || "null");
    if (typeof s === "string") s = JSON.parse(s);
    if (s && s.schema === D.schema && has(D.langs, s.lang) && has(D.numbers, s.country)) {
      lang = lang || s.lang;
      country = country || s.country;
    }
  } catch (e) {}
  var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  if (!lang) lang = negotiate(tags);
  if (!country) { country = guessCountry(tags); guessed = true; }
  var L = D.langs[lang], number = D.numbers[country], el = function (id) { return document.getElementById(id); };
  root.lang = L.tag;
  root.dir = L.dir;
  el("fp-intro").textContent = L.t.intro;
  el("fp-call").href = "tel:" + number;
  el("fp-call").textContent = L.t.call.replace("{number}", number);
  el("fp-guess-text").textContent = L.t.guessed.replace("{country}", L.countries[country] || country);
  el("fp-change").textContent = L.t.change;
  var drawn = false, app = false, banner = false, lost = false, open = 0, timer = 0;
  var show = function () {
    root.hidden = drawn && app && !lost;
    root.className = banner && !lost ? "fp-banner" : "";
    el("fp-lost").textContent = lost ? L.t.lost : "";
    el("fp-guess").hidden = !guessed || lost;
  };
  show();
  var state = (window.firstPaint = { lang: lang, country: country, guessed: guessed, hiddenBy: null });
  // Flutter's first frame is not the app yet: the session's first screen comes about a second later. The layer
  // goes once a message holding the app's call button has arrived and had time to be drawn. Should that not have
  // come D.wait ms after the first frame (a slow server, a session that never draws), the layer shrinks to the
  // call alone at the bottom of the screen, so that it neither hides the app nor leaves a screen with no call.
  var appDrawn = function (why) {
    if (state.hiddenBy) return;
    state.hiddenBy = why;
    var drawnNow = function () { requestAnimationFrame(function () { app = true; show(); }); };
    setTimeout(drawnNow, D.settle);
  };
  addEventListener("flutter-first-frame", function () {
    drawn = true;
    show();
    setTimeout(function () { if (!state.hiddenBy) { banner = state.banner = true; show(); } }, D.wait);
  });
  var WS = window.WebSocket;
  if (!WS) return;
  var watch = function (ws, url) {
    try { if (!new URL(url, location.href).pathname.endsWith(D.ws)) return; } catch (e) { return; }
    var opened = false;
    ws.addEventListener("message", function (e) {
      if (state.hiddenBy) return;
      var scan = function (data) {
        var text = typeof data === "string" ? data : new TextDecoder().decode(data);
        if (text.indexOf(D.marker) >= 0) appDrawn("app");
      };
      if (typeof e.data === "string" || e.data instanceof ArrayBuffer) scan(e.data);
      else if (e.data && typeof e.data.arrayBuffer === "function") e.data.arrayBuffer().then(scan);
    });
    // The server's first message on a connection answers the client's registration and names the session
    // (msgpack: "session_id" and a string of up to 31 bytes). A connection that comes back to another session (the
    // server restarted, or another worker took it: it has never seen this page) leaves Flet's client with an
    // empty page, or its device storage unread. Start the app again instead: everything the person entered is on
    // the device, and the app reopens at the same screen of the check.
    var first = true;
    var restart = function () {
      // Flet's client keeps its session id in sessionStorage and would hand it to the server again after a
      // reload: the session the server has just made for this page, whose start would wait for a device that is
      // gone. Forget it, once the client has stored it (it does so on this same message), so that the reloaded
      // page gets a session of its own.
      setTimeout(function () {
        try {
          for (var i = sessionStorage.length - 1; i >= 0; i--) {
            var key = sessionStorage.key(i);
            if (key && key.indexOf("_flet_session_id") >= 0) sessionStorage.removeItem(key);
          }
        } catch (e) { /* storage blocked: reload anyway */ }
        location.reload();
      }, 50);
    };
    var register = function (data) {
      var bytes = new Uint8Array(data, 0, Math.min(data.byteLength, 96)), text = "";
      for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
      var k = text.indexOf("session_id"), n = k < 0 ? 0 : text.charCodeAt(k + 10) - 0xa0;
      if (n < 1 || n > 31) return;
      var sid = text.substr(k + 11, n);
      if (state.session && state.session !== sid) { restart(); return; }
      state.session = sid;
    };
    ws.addEventListener("message", function (e) {
      if (!first) return;
      first = false;
      if (e.data instanceof ArrayBuffer) register(e.data);
      else if (e.data && typeof e.data.arrayBuffer === "function") e.data.arrayBuffer().then(register);
    });
    ws.addEventListener("open", function () { opened = true; open++; lost = false; show(); });
    ws.addEventListener("close", function () {
      if (opened) { opened = false; open--; }
      clearTimeout(timer);
      timer = setTimeout(function () { if (!open) { lost = true; show(); } }, 1500);
    });
  };
  window.WebSocket = class extends WS {
    constructor(url, protocols) {
      if (protocols === undefined) super(url); else super(url, protocols);
      watch(this, url);
    }
  };
})();"""


def _json_for_script(data: object) -> str:
    """JSON that cannot end the script element it sits in (no "<", ">" or "&" as such)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _block() -> str:
    lang, country = table()["fallback"]
    script = _SCRIPT.replace("__DATA__", _json_for_script(table()))
    return layer_html(lang, country, guessed=True) + "\n  <script>" + script + "</script>\n  "


@cache
def prepare() -> bool:
    """Build the layer once (at server start); False when the content or the catalogs cannot be read. Then pages go
    out as Flet sends them and the server still starts: every session shows the app's safety net, which has the
    emergency call (ui.fallback), as before this layer existed."""
    try:
        _block()
    except Exception:
        return False
    return True


_LOADING = re.compile(r'<div id="loading"[^>]*>.*?</div>\s*', re.DOTALL)
_BODY = re.compile(r"<body[^>]*>\s*")
_NO_CDN = '<script src="no-cdn.js"></script>'
_PYTHON_JS = '<script src="python.js"></script>'


@cache
def _no_cdn_inline() -> str:
    """assets/no-cdn.js as an inline script (its hash joins the page's policy like any other inline script)."""
    from mobile_app.server import ASSETS_DIR

    text = (ASSETS_DIR / "no-cdn.js").read_text(encoding="utf-8")
    return _NO_CDN if "</script" in text.lower() else f"<script>{text}</script>"


_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">\n'


def _phone_sized(head: str) -> str:
    """A page without a viewport is laid out 980 px wide and shown zoomed out on a phone: the layer's 48 px call would
    be drawn about 20 px tall. Flutter sets its own viewport when it starts (and replaces this one)."""
    if 'name="viewport"' in head or "</head>" not in head:
        return head
    return head.replace("</head>", _VIEWPORT + "</head>", 1)


def _unblocked(head: str) -> str:
    """Nothing before the layer waits for the network: a script in <head> holds back everything after it until it
    has arrived (benchmarks/bench_first_paint.py: about a third of the time to the call on loopback, and one round
    trip each on a phone network). no-cdn.js goes inline, where it was, so it still runs before any of Flutter's
    scripts; python.js (Flet's bridge to Python in the browser, which a served app never calls) is deferred."""
    return head.replace(_NO_CDN, _no_cdn_inline(), 1).replace(_PYTHON_JS, '<script src="python.js" defer></script>', 1)


def add_to_page(page: str) -> str:
    """The page with the layer and its script first in <body>, in place of Flet's loading image (the layer is what
    shows while the client loads), and no script in <head> that it would wait for. Unchanged when it has no
    <body> or already has the layer."""
    body = _BODY.search(page)
    if body is None or f'id="{LAYER_ID}"' in page or not prepare():
        return page
    rest = _LOADING.sub("", page[body.end() :], count=1)
    return _phone_sized(_unblocked(page[: body.end()])) + _block() + rest


# --- the browser build (tools/build_pwa.py, issue 19) ---------------------------------------------------------------
# The same layer, strings and numbers, and the same script up to the way it learns that the app has drawn. There is
# no server there: Python runs in a Worker of the page (flet-web's python-worker.js; the build's start,
# tools/pwa/boot.js, makes it), and its messages to Flutter are that worker's `message` events. boot.js hands each of
# them to `window.firstPaint.message` before Flutter reads it, and the first holding the app's call button lets the
# layer go, as the server's message does when served. Nothing here wraps the WebSocket: with no server there is no
# connection to lose, and the build's page does not carry the "connection lost" words at all.
_SERVED_TRANSPORT = "  var WS = window.WebSocket;\n"
_OFFLINE_TRANSPORT = """  // The browser build: Python's messages to Flutter come from its Worker; boot.js shows
  // each one here first: a string when Python has started ("initialized") or could not, then Uint8Arrays holding
  // messages as Flet packs them.
  // Python starts seconds after Flutter's first frame, so the wait for the app's sign (D.wait after the first frame
  // when served) counts from when both are there; D.wait itself, after the first frame, only caps how long the whole
  // layer can stay should Python's word never come.
  var armed = false;
  var arm = function () {
    if (armed || !drawn || !state.python) return;
    armed = true;
    setTimeout(function () { if (!state.hiddenBy) { banner = state.banner = true; show(); } }, D.afterPython);
  };
  addEventListener("flutter-first-frame", arm);
  state.message = function (data) {
    if (state.hiddenBy) return;
    if (typeof data === "string") {
      state.python = state.python || data;
      arm();
      return;
    }
    try {
      var text = typeof data === "string" ? data : new TextDecoder().decode(data);
      if (text.indexOf(D.marker) >= 0) appDrawn("app");
    } catch (e) { /* not a message of the app's: keep waiting (and shrink to the call after D.wait) */ }
  };
})();"""
OFFLINE_WAIT_MS = 30000
"""In the browser build, with no word from Python this long after Flutter's first frame (Python stuck, or its
messages not reaching the layer), the layer shrinks to the call at the bottom. Python said it had started 6 to 8 s
after that frame here (loopback, a busy two-core machine): a slow phone may take several times that."""
OFFLINE_DROPPED = ("lost",)
"""The layer's strings the browser build leaves out: there is no server whose loss it could report."""


def offline_table() -> dict[str, Any]:
    """`table()` for the browser build: the same numbers, languages and countries, without the WebSocket's path and
    the "connection lost" words; the wait for the app's sign counts from Python's start (`afterPython`)."""
    data = {k: v for k, v in table().items() if k != "ws"}
    data["wait"], data["afterPython"] = OFFLINE_WAIT_MS, WAIT_MS
    data["langs"] = {
        lang: {**entry, "t": {k: v for k, v in entry["t"].items() if k not in OFFLINE_DROPPED}}
        for lang, entry in data["langs"].items()
    }
    return data


def offline_script() -> str:
    """The page's script for the browser build: the served one's choice of language and country, filling and hiding,
    with the Worker's messages in place of the WebSocket's."""
    common = _SCRIPT[: _SCRIPT.index(_SERVED_TRANSPORT)]
    return (common + _OFFLINE_TRANSPORT).replace("__DATA__", _json_for_script(offline_table()))


def add_to_offline_page(page: str, *, base: str = "/") -> str:
    """The browser build's page with the layer and its script first in <body>, in place of Flet's loading image, and
    nothing in <head> that it waits for but the build's own start (boot.js: it must run before Flutter and Python).
    Raises ValueError when the page has no <body> or already has a layer: a build must not ship without it."""
    body = _BODY.search(page)
    if body is None or f'id="{LAYER_ID}"' in page:
        raise ValueError("the page has no <body>, or already has the first paint")
    lang, country = table()["fallback"]
    block = layer_html(lang, country, guessed=True, base=base) + "\n  <script>" + offline_script() + "</script>\n  "
    rest = _LOADING.sub("", page[body.end() :], count=1)
    return _phone_sized(_unblocked(page[: body.end()])) + block + rest
