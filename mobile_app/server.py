"""Serve Calf Check over HTTP: Flet's web client from local files only, gzip-compressed, no CDN."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio.to_thread
import flet.fastapi as flet_fastapi
import uvicorn
from flet.app import AppCallable
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "APP_NAME",
    "ASSETS_DIR",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
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

# Added to <head> of every HTML page the client gets. `no-cdn.js` points the Flutter client's one
# remaining CDN download (the Rive animation runtime) at the local stand-in in assets/rive/.
_HEAD_SNIPPET = f'<meta name="theme-color" content="{THEME_COLOR}">\n  <script src="no-cdn.js"></script>\n'
# Font families of flutter_math_fork (LaTeX in Markdown), which the app does not use. Flutter's web
# engine downloads every family in FontManifest.json at start, so leaving them in costs 15 requests.
_UNUSED_FONT_FAMILY_PREFIXES = ("packages/flutter_math_fork/",)

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

    - HTML pages get a theme colour and the script that keeps the client off CDNs (`no-cdn.js`).
    - `assets/FontManifest.json` loses font families the app never uses (they are fetched eagerly).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or "range" in Headers(scope=scope):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
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
            await _send_body(send, start, _patch_index_html(body), headers)
        elif is_font_manifest:
            await _send_body(send, start, _patch_font_manifest(body), headers)
        else:
            await _send_body(send, start, body)


def _patch_index_html(body: bytes) -> bytes:
    """Insert the head snippet right before </head> (once)."""
    html = body.decode("utf-8")
    if "no-cdn.js" in html or "</head>" not in html:
        return body
    return html.replace("</head>", _HEAD_SNIPPET + "</head>", 1).encode("utf-8")


def _patch_font_manifest(body: bytes) -> bytes:
    """Drop the font families that the app does not use from Flutter's font manifest."""
    families: list[dict[str, Any]] = json.loads(body)
    kept = [f for f in families if not str(f.get("family", "")).startswith(_UNUSED_FONT_FAMILY_PREFIXES)]
    return json.dumps(kept, separators=(",", ":")).encode("utf-8")


class CachedGzipMiddleware:
    """Gzip responses for clients that accept it, compressing each static file only once.

    Starlette's GZipMiddleware recompresses the 8 MB client on every load (about a second of CPU);
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
        request_headers = Headers(scope=scope)
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
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


def create_app(main: AppCallable | None = None) -> ASGIApp:
    """Build the ASGI app serving `main` (default: the Calf Check UI) with no CDN and gzip.

    Run it with any ASGI server, e.g. `uvicorn.run(create_app(), ...)`, or use `serve()`.
    """
    if main is None:
        from mobile_app.ui.app import main as app_main

        main = app_main
    flet_app = flet_fastapi.app(
        main,
        no_cdn=True,
        assets_dir=str(ASSETS_DIR),
        app_name=APP_NAME,
        app_short_name=APP_NAME,
        app_description=APP_DESCRIPTION,
    )
    return CachedGzipMiddleware(ClientPatchMiddleware(flet_app))


def app_url(host: str, port: int) -> str:
    """The address a browser on this machine uses to open the app."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


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
) -> None:
    """Serve the app until interrupted; `on_ready(url)` is called once the port is listening."""
    config = uvicorn.Config(
        create_app(main),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )
    _Server(config, on_ready).run()
