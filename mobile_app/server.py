"""Serve Calf Check over HTTP: Flet's web client from local files only, gzip-compressed, no CDN."""

from __future__ import annotations

import asyncio
import base64
import ctypes
import ctypes.util
import gc
import gzip
import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio.to_thread
import flet.fastapi as flet_fastapi
import uvicorn
from flet.app import AppCallable
from flet.messaging.protocol import Message as ProtocolMessage
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "APP_NAME",
    "ASSETS_DIR",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "SESSION_TIMEOUT_S",
    "THEME_COLOR",
    "app_url",
    "create_app",
    "serve",
]

APP_NAME = "Calf Check"
APP_DESCRIPTION = "Calf pain and leg cramp self-check"
THEME_COLOR = "#0F6E7A"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550

#: The app's own web assets (fonts, icons, manifest, local runtime stand-ins); also `flet build`'s assets.
ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"

SESSION_TIMEOUT_S = 30
"""How long a session stays after its connection closed (Flet keeps it 3,600 s by default). Everything a person
entered is on their device, so a session gone is a session rebuilt from the device when they come back; kept only
long enough for a connection that drops for a moment to come back to the very same session (issue 17)."""
MAX_HEAD_BYTES = 16 * 1024
"""A request's line and headers: larger ones are refused with 431 (browsers send a few kilobytes)."""
HEAD_TIMEOUT_S = 10.0
"""A client has this long to send a request's line and headers, from connecting or from its last response."""
WS_MAX_BYTES = 8 * 1024 * 1024
"""The largest message a client may send (a diary file is at most 5 MB: followup.diary.MAX_FILE_BYTES)."""

# Added to <head> of every HTML page the client gets. `no-cdn.js` points the Flutter client's one
# remaining CDN download (the Rive animation runtime) at the local stand-in in assets/rive/.
_HEAD_SNIPPET = f'<meta name="theme-color" content="{THEME_COLOR}">\n  <script src="no-cdn.js"></script>\n'
# Font families of flutter_math_fork (LaTeX in Markdown) and the Cupertino icons, which the app does not use (it has
# no Cupertino or adaptive control: tests/ui/test_server_hardening.py). Flutter's web engine downloads every family
# in FontManifest.json before its first frame, so leaving them in costs 15 requests and 102 KB (decision 39).
_UNUSED_FONT_FAMILY_PREFIXES = ("packages/flutter_math_fork/", "packages/cupertino_icons/")
# The Material icons: the app's subset (tools/subset_fonts.py: the icons it names and those Flutter's widgets draw,
# 27 KB instead of 1.26 MB) in place of flet-web's whole font. Manifest assets are relative to the client's
# `assets/` folder; the app's own assets are served from the root.
_MATERIAL_ICONS_FAMILY = "MaterialIcons"
MATERIAL_ICONS_ASSET = "../fonts/MaterialIcons-Regular.otf"
# Flutter's engine asks for a Noto fallback font (Google Fonts' paths, under `assets/fonts/`) for text drawn before
# the app's own fonts have come; there is none here. Answered with an empty 404 rather than Flet's HTML page.
_FALLBACK_FONT_PATH = re.compile(r"/assets/fonts/[a-z0-9]+/v[0-9]+/[^/]+$")

_COMPRESSIBLE_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/wasm",
    "application/octet-stream",
    "font/ttf",
    "font/otf",
    "font/sfnt",
    "application/font-sfnt",
    "application/x-font-ttf",
    "application/x-font-otf",
    "application/vnd.ms-opentype",
    "image/svg+xml",
)


def _is_compressible(content_type: str) -> bool:
    """Tell whether a response of this media type shrinks under gzip (fonts, code, text; not PNG or WOFF2)."""
    return content_type.split(";")[0].strip().lower().startswith(_COMPRESSIBLE_TYPES)


async def _read_body(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[Message, bytes]:
    """Run `app` for one HTTP request and collect its response start message and whole body."""
    start: Message = {}
    chunks: list[bytes] = []

    async def collect(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, collect)
    return start, b"".join(chunks)


async def _send_body(send: Send, start: Message, body: bytes, headers: MutableHeaders | None = None) -> None:
    """Send a complete response; with `headers`, they replace the original ones, sized for `body`."""
    if headers is not None:
        headers["content-length"] = str(len(body))
        start = {**start, "headers": headers.raw}
    await send(start)
    await send({"type": "http.response.body", "body": body})


class ClientPatchMiddleware:
    """Adjust two documents of Flet's web client as they are served.

    - HTML pages get a theme colour and the script that keeps the client off CDNs (`no-cdn.js`); with
      `first_paint`, also the app's first paint (mobile_app/first_paint.py: the emergency call before any engine).
    - `assets/FontManifest.json` loses font families the app never uses (they are fetched eagerly).
    """

    def __init__(self, app: ASGIApp, *, first_paint: bool = False) -> None:
        self.app = app
        self.first_paint = first_paint

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or "range" in Headers(scope=scope):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if _FALLBACK_FONT_PATH.search(path):
            await _send_body(send, {"type": "http.response.start", "status": 404, "headers": []}, b"", MutableHeaders())
            return
        is_font_manifest = path.endswith("/assets/FontManifest.json")
        is_page = not is_font_manifest and (path.endswith((".html", "/")) or "." not in path.rsplit("/", 1)[-1])
        if not (is_page or is_font_manifest):
            await self.app(scope, receive, send)
            return

        start, body = await _read_body(self.app, scope, receive)
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        if start.get("status") != 200 or "content-encoding" in headers:
            await _send_body(send, start, body)
        elif is_page and headers.get("content-type", "").startswith("text/html"):
            page = _patch_index_html(body, first_paint=self.first_paint)
            headers["content-security-policy"] = content_security_policy(page)
            await _send_body(send, start, page, headers)
        elif is_font_manifest:
            await _send_body(send, start, _patch_font_manifest(body), headers)
        else:
            await _send_body(send, start, body)


_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)

#: The Content-Security-Policy the page and Flutter's web client run under (measured in Chromium with Flet 1.0.5:
#: no violation through a whole check, the diary, a file picked and the summary; tests/e2e/test_resilience.py).
#: Scripts: only the app's own files and the page's inline scripts by their hash; WebAssembly (the CanvasKit and
#: Skwasm renderers) needs 'wasm-unsafe-eval', never 'unsafe-eval'. Styles inline: Flutter positions its elements
#: with style attributes. Fonts and images also as data: and blob: URLs (Flutter makes them from fetched bytes).
#: connect-src 'self' also covers the WebSocket to the same host and port.
CSP_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; "
    "child-src 'self' blob:; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def content_security_policy(html: bytes) -> str:
    """The policy for one page: its own inline scripts are allowed by their SHA-256, no other inline script."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'" for body in _INLINE_SCRIPT.findall(html)
    )
    return CSP_POLICY.format(hashes=hashes)


def _patch_index_html(body: bytes, *, first_paint: bool = False) -> bytes:
    """Insert the head snippet right before </head> (once); with `first_paint`, the app's first paint in <body>."""
    html = body.decode("utf-8")
    if "no-cdn.js" in html or "</head>" not in html:
        return body
    html = html.replace("</head>", _HEAD_SNIPPET + "</head>", 1)
    if first_paint:
        from mobile_app.first_paint import add_to_page

        html = add_to_page(html)
    return html.encode("utf-8")


def _patch_font_manifest(body: bytes) -> bytes:
    """Drop the font families that the app does not use from Flutter's font manifest; the Material icons come from
    the app's subset."""
    families: list[dict[str, Any]] = json.loads(body)
    kept = [f for f in families if not str(f.get("family", "")).startswith(_UNUSED_FONT_FAMILY_PREFIXES)]
    for family in kept:
        if family.get("family") == _MATERIAL_ICONS_FAMILY:
            family["fonts"] = [{"asset": MATERIAL_ICONS_ASSET}]
    return json.dumps(kept, separators=(",", ":")).encode("utf-8")


class CachedGzipMiddleware:
    """Gzip responses for clients that accept it, compressing each static file only once.

    Starlette's GZipMiddleware recompresses the 8 MB client on every load (its cost: decision 31);
    here a file response (identified by its path and ETag) is compressed once and kept in memory.
    The ETag becomes weak, as for any content-coding, which Starlette still honours for 304s.
    """

    def __init__(
        self,
        app: ASGIApp,
        minimum_size: int = 1024,
        compresslevel: int = 6,
        max_body_size: int = 32 * 1024 * 1024,
        cache_limit_bytes: int = 64 * 1024 * 1024,
    ) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.compresslevel = compresslevel
        self.max_body_size = max_body_size
        self.cache_limit_bytes = cache_limit_bytes
        self._cache: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._cache_bytes = 0
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            # Not a request (a WebSocket, or the lifespan messages): passed on untouched. Reading headers from the
            # lifespan scope raised here, which uvicorn took as "no lifespan support", so Flet's session manager
            # never started and closed sessions were never dropped (issue 17).
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        if (
            scope["method"] != "GET"
            or "gzip" not in request_headers.get("accept-encoding", "").lower()
            or "range" in request_headers
        ):
            await self.app(scope, receive, send)
            return

        start, body = await _read_body(self.app, scope, receive)
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        if (
            start.get("status") != 200
            or "content-encoding" in headers
            or not _is_compressible(headers.get("content-type", ""))
            or not self.minimum_size <= len(body) <= self.max_body_size
        ):
            await _send_body(send, start, body)
            return

        etag = headers.get("etag")
        if etag is None:
            compressed = await anyio.to_thread.run_sync(self._compress, body)
        else:
            compressed = await self._compressed_cached((scope["path"], etag), body)
            headers["etag"] = etag if etag.startswith("W/") else f"W/{etag}"
        headers["content-encoding"] = "gzip"
        headers.add_vary_header("Accept-Encoding")
        await _send_body(send, start, compressed, headers)

    def _compress(self, body: bytes) -> bytes:
        return gzip.compress(body, compresslevel=self.compresslevel, mtime=0)

    async def _compressed_cached(self, key: tuple[str, str], body: bytes) -> bytes:
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
            compressed = await anyio.to_thread.run_sync(self._compress, body)
            self._cache[key] = compressed
            self._cache_bytes += len(compressed)
            while self._cache_bytes > self.cache_limit_bytes and len(self._cache) > 1:
                _, evicted = self._cache.popitem(last=False)
                self._cache_bytes -= len(evicted)
            return compressed


class SecurityHeadersMiddleware:
    """Headers every response carries, whatever serves it (issue 17).

    - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (a clinic link's name and phone never
      travel further in a Referer), `X-Frame-Options: DENY`; the page's Content-Security-Policy is added where
      the page is patched (ClientPatchMiddleware), with the hashes of its inline scripts.
    - `Cache-Control: no-cache` (each use revalidates with the ETag, a 304 with no body when nothing changed).
      The page must never be stale; and Flet 1.0.5's client files carry no content hash in their names, so a
      long-lived copy of main.dart.js could outlive a server upgrade and talk an older protocol to it.
    - A redirect never names the host the request claimed (Starlette builds `Location` from the Host header,
      e.g. `/assets` -> `http://<Host>/assets/`): an absolute `Location` keeps only its path and query.
    """

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=list(message.get("headers", [])))
                for name, value in self.HEADERS:
                    headers[name.decode()] = value.decode()
                if "cache-control" not in headers:
                    headers["cache-control"] = "no-cache"
                location = headers.get("location")
                if location:
                    headers["location"] = _relative(location)
                message = {**message, "headers": headers.raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _relative(location: str) -> str:
    """A Location without scheme and host: the path and query of the same site."""
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc:
        return location if not location.startswith("//") else "/"
    path = "/" + parts.path.lstrip("/")
    return path + (f"?{parts.query}" if parts.query else "")


class QuietDisconnectMiddleware:
    """A phone that goes away while the server is sending to it is not an error of the app.

    Flet 1.0.5's WebSocket handler lets the send loop's failure escape (flet_web/fastapi/flet_app.py, __send_loop):
    uvicorn then logs "Exception in ASGI application" with a traceback for every such disconnect, and the handler
    never reaches the line that marks the session disconnected, so the session was never dropped (issue 17).
    Here a send to a closed connection is simply not sent: the receiving side sees the disconnect, ends the send
    loop, and Flet marks the session disconnected as it does for any other close."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return

        async def send_or_drop(message: Message) -> None:
            try:
                await send(message)
            except OSError:  # uvicorn's ClientDisconnected: the connection is gone
                if message["type"] not in ("websocket.send", "websocket.close"):
                    raise

        await self.app(scope, receive, send_or_drop)


class MemoryReturnMiddleware:
    """Gives the memory of closed sessions back to the system once Flet has dropped them (issue 17).

    Flet drops a session SESSION_TIMEOUT_S after its connection closed (checked every 10 s), but the memory it
    held stayed with the process: CPython keeps freed objects' pages in its own arenas and glibc keeps freed
    heap inside the process, so a server that had held 100 sessions stayed 70 % above its idle size a minute
    after they closed. Once no connection has closed for long enough that every closed session is gone, a full
    collection runs and glibc's `malloc_trim(0)` returns free pages (benchmarks/bench_capacity.py prints the
    effect). Nothing is collected while connections keep closing, so a busy server does not pay for it at every
    close; it runs in a thread so that the event loop keeps serving meanwhile."""

    SETTLE_S = SESSION_TIMEOUT_S + 15.0
    """From the last close to the trim: Flet's timeout, its 10 s eviction round, and a margin."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._timer: asyncio.TimerHandle | None = None
        self._trimming: asyncio.Task[None] | None = None  # held: the loop keeps only a weak reference to a task

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "websocket":
                self._closed()

    def _closed(self) -> None:
        loop = asyncio.get_running_loop()
        if self._timer is not None:
            self._timer.cancel()
        self._timer = loop.call_later(self.SETTLE_S, self._trim)

    def _trim(self) -> None:
        self._timer = None
        self._trimming = asyncio.get_running_loop().create_task(anyio.to_thread.run_sync(return_free_memory))


def _libc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to trim
        return None
    if trim is not None:
        trim.argtypes = [ctypes.c_size_t]
        trim.restype = ctypes.c_int
    return trim


_MALLOC_TRIM = _libc_trim()


def return_free_memory() -> None:
    """A full garbage collection, then free heap pages back to the system where the C library can (glibc)."""
    gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _short_message_repr(message: ProtocolMessage) -> str:
    action = getattr(message.action, "name", message.action)
    return f"Message({action}, {type(message.body).__name__})"


def quiet_message_repr() -> None:
    """Flet's messages name their action and body type when logged, instead of their whole screen.

    Flet 1.0.5 writes `transport_log.debug(f"send_message: {message}")` for every message it sends
    (flet_web/fastapi/flet_app.py, FletApp.send_message): the f-string is built whether or not debug logging is on,
    and the dataclass repr of a message walks every control of the screen it carries. Sampled under load
    (py-spy, 100 sessions tapping), that repr was 14 % of the server's CPU. Only the repr changes: what is sent is
    not touched, and a log line no longer holds the words of a person's screen either."""
    ProtocolMessage.__repr__ = _short_message_repr  # type: ignore[method-assign]


def create_app(main: AppCallable | None = None) -> ASGIApp:
    """Build the ASGI app serving `main` (default: the Calf Check UI) with no CDN and gzip.

    Run it with any ASGI server, e.g. `uvicorn.run(create_app(), ...)`, or use `serve()`.
    """
    own_app = main is None
    quiet_message_repr()
    if main is None:
        from mobile_app.first_paint import prepare
        from mobile_app.ui.app import main as app_main

        main = app_main
        prepare()  # the first paint's strings and numbers, made now rather than on the first page served
    flet_app = flet_fastapi.app(
        main,
        no_cdn=True,
        assets_dir=str(ASSETS_DIR),
        app_name=APP_NAME,
        app_short_name=APP_NAME,
        app_description=APP_DESCRIPTION,
        session_timeout_seconds=SESSION_TIMEOUT_S,
    )
    return SecurityHeadersMiddleware(
        MemoryReturnMiddleware(
            QuietDisconnectMiddleware(CachedGzipMiddleware(ClientPatchMiddleware(flet_app, first_paint=own_app)))
        )
    )


def app_url(host: str, port: int) -> str:
    """The address a browser on this machine uses to open the app."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - uvicorn[standard] brings httptools
    HttpToolsProtocol = None


if HttpToolsProtocol is not None:
    # At module level, so that worker processes (serve(workers=n), started by spawning) can import it by name.
    class GuardedHttpToolsProtocol(HttpToolsProtocol):
        _head_timer: asyncio.TimerHandle | None = None
        _head_bytes = 0

        def _expect_head(self) -> None:
            self._stop_head_timer()
            self._head_bytes = 0
            self._head_timer = self.loop.call_later(HEAD_TIMEOUT_S, self._refuse, 408, b"Request Timeout")

        def _stop_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _refuse(self, status: int, reason: bytes) -> None:
            self._stop_head_timer()
            if not self.transport.is_closing():
                self.transport.write(
                    b"HTTP/1.1 %d %s\r\ncontent-length: 0\r\nconnection: close\r\n\r\n" % (status, reason)
                )
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._expect_head()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_head_timer()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            reading_head = self._head_timer is not None
            if reading_head:
                self._head_bytes += len(data)
            super().data_received(data)
            if reading_head and self._head_timer is not None and self._head_bytes > MAX_HEAD_BYTES:
                self._refuse(431, b"Request Header Fields Too Large")

        def on_headers_complete(self) -> None:
            self._stop_head_timer()
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and not self.pipeline:
                self._expect_head()


def _guarded_http() -> type[asyncio.Protocol] | str:
    """uvicorn's HTTP protocol with a limit on a request's head: its size and the time it takes to arrive.

    uvicorn (httptools) accepted 200 kB of headers and waited forever for a client that never finished them (one
    such client per connection slot can hold a server); nginx's defaults are 8 kB and 60 s. Without httptools,
    h11 with its own size limit (and no time limit)."""
    if HttpToolsProtocol is None:  # pragma: no cover
        return "h11"
    return GuardedHttpToolsProtocol


def server_options() -> dict[str, Any]:
    """How the app is served: bounded request heads and WebSocket messages, and no access log (paths and clinic
    links are the person's business)."""
    return {
        "http": _guarded_http(),
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "ws_max_size": WS_MAX_BYTES,
        "log_level": "warning",
        "access_log": False,
    }


class _Server(uvicorn.Server):
    """A uvicorn server that reports its address once it is listening."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[str], None] | None) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and self._on_ready is not None:
            self._on_ready(app_url(self.config.host, self.config.port))


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    main: AppCallable | None = None,
    on_ready: Callable[[str], None] | None = None,
    workers: int = 1,
) -> None:
    """Serve the app until interrupted; `on_ready(url)` is called once the port is listening.

    With `workers` > 1, that many processes share the port (uvicorn's own process manager): any of them can serve
    any connection, since everything a person entered is on their device (README, "Running it for many people")."""
    if workers > 1:
        if main is not None:
            raise ValueError("several workers serve the app itself (create_app), not another main")
        if on_ready is not None:
            on_ready(app_url(host, port))
        factory = "mobile_app.server:create_app"
        uvicorn.run(factory, factory=True, host=host, port=port, workers=workers, **server_options())
        return
    _Server(uvicorn.Config(create_app(main), host=host, port=port, **server_options()), on_ready).run()
