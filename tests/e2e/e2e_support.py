"""Browser-test helpers: start the server, drive Debian's Chromium as a phone, open the app, measure, capture."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, CDPSession, Page, Playwright, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT_DIR = REPO / "test-artifacts" / "screenshots"

# Flags measured to work headless with Debian's Chromium (see shared FLET.md). The proxy points at a
# closed port: a second guard, so that anything the request recorder misses still cannot leave.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-unsafe-swiftshader",
    "--proxy-server=http://127.0.0.1:9",
]
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    ),
    "locale": "en-US",
}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


# --- server -------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout_s: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll until 127.0.0.1:port accepts connections; fail early if `process` exits."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listened on port {port} within {timeout_s:.0f} s")


@contextlib.contextmanager
def running_server(command: list[str], port: int, log_path: Path, timeout_s: float = 60) -> Iterator[str]:
    """Run a server command (its output goes to `log_path`), yield its URL, then stop it with SIGINT.

    The command learns its address from the HOST and PORT environment variables.
    """
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                wait_for_port(port, timeout_s, process)
            except (RuntimeError, TimeoutError) as error:
                raise RuntimeError(f"{error}; server log:\n{log_path.read_text(errors='replace')}") from None
            yield f"http://127.0.0.1:{port}/"
        finally:
            stop_process(process)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Stop a server: SIGINT (uvicorn's graceful stop), then terminate, then kill; always reap it."""
    if process.poll() is not None:
        return
    steps: list[tuple[Callable[[], None], float]] = [
        (lambda: process.send_signal(signal.SIGINT), 10.0),
        (process.terminate, 5.0),
    ]
    for stop, grace_s in steps:
        stop()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)
            return
    process.kill()
    process.wait()


# --- browser ------------------------------------------------------------------------------------


def is_local(url: str) -> bool:
    """True for loopback addresses and for in-page data: and blob: URLs."""
    if url.startswith(("data:", "blob:")):
        return True
    return (urlsplit(url).hostname or "") in LOCAL_HOSTS


@dataclass
class RequestRecorder:
    """Records, and aborts, every request a browser context makes to a non-loopback host."""

    external: list[str] = field(default_factory=list)

    def install(self, context: BrowserContext) -> None:
        context.route("**/*", self._handle)

    def _handle(self, route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.external.append(url)
            route.abort("blockedbyclient")


def launch_phone(playwright: Playwright, user_data_dir: Path, *, bypass_csp: bool = True) -> BrowserContext:
    """Debian's Chromium, headless, with a fresh profile, emulating a 412x915 touch phone.

    The server's Content-Security-Policy allows no `eval`, which Playwright's string waits (`wait_for_function`)
    use inside the page; so the walks bypass it, and test_resilience.py opens the app under it."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        bypass_csp=bypass_csp,
        **PHONE,
    )


_FIRST_FRAME_SCRIPT = (
    "window.addEventListener('flutter-first-frame',"
    " () => { window.__flutterFirstFrameMs ??= performance.now(); }, { once: true });"
)
# True once Flutter's accessibility tree holds a node with readable text (a label or text content).
_HAS_CONTENT_SCRIPT = """() => {
  const host = document.querySelector('flt-semantics-host');
  if (!host) return false;
  for (const node of host.querySelectorAll('*')) {
    const label = node.getAttribute('aria-label') || '';
    const text = node.childElementCount === 0 ? (node.textContent || '') : '';
    if ((label + text).trim()) return true;
  }
  return false;
}"""


def open_app(page: Page, url: str, *, timeout_s: float = 60) -> None:
    """Load the app, wait for Flutter's first frame, enable semantics, and wait for readable content.

    Flutter paints its first frame before the Python session has sent the UI, so this then clicks the
    hidden `flt-semantics-placeholder` (which makes Flutter build its DOM accessibility tree) until
    some text is readable in `flt-semantics-host`. Query the app with `page.locator(
    "flt-semantics-host").get_by_role(...)` / `get_by_text(...)`. Every load is a new session.
    """
    page.add_init_script(_FIRST_FRAME_SCRIPT)
    timeout_ms = timeout_s * 1000
    page.goto(url, timeout=timeout_ms)
    page.wait_for_function("window.__flutterFirstFrameMs !== undefined", timeout=timeout_ms)
    enable_semantics(page, timeout_s=timeout_s)


def enable_semantics(page: Page, *, timeout_s: float = 30) -> None:
    """Click the semantics placeholder (again, while it stays) until the accessibility tree has text."""
    placeholder = page.locator("flt-semantics-placeholder")
    deadline = time.monotonic() + timeout_s
    # The first paint (mobile_app/first_paint.py) covers the page, placeholder included, until the app has drawn its
    # first screen: a tap there reaches the layer, not the placeholder. Tapping while the layer went away is when a
    # page once stopped answering (a test's untimed `count()` waited 150 s): first wait, as a person would, until the
    # app is on the screen (a page without the layer, or whose layer stays, goes on after the wait).
    with contextlib.suppress(PlaywrightTimeoutError):
        page.locator("#first-paint").wait_for(state="hidden", timeout=min(15.0, timeout_s) * 1000)
    while time.monotonic() < deadline:
        if page.evaluate(_HAS_CONTENT_SCRIPT):
            return
        if placeholder.count():
            with contextlib.suppress(Exception):  # it can vanish between count() and click()
                placeholder.click(force=True, timeout=2000)
            # The placeholder covers the whole page and only a tap near its centre switches the tree on. A second
            # tap sent while the first one was taking effect reached the app under it (a fresh start opened the
            # language or diary screen): give each tap time to work before another.
            settle = time.monotonic() + 2
            while time.monotonic() < settle and placeholder.count() and not page.evaluate(_HAS_CONTENT_SCRIPT):
                page.wait_for_timeout(100)
        page.wait_for_timeout(100)
    raise TimeoutError(f"no readable content in the accessibility tree within {timeout_s:.0f} s")


_EDITING_VALUE_SCRIPT = """() => {
  const e = document.activeElement;
  return e && (e.tagName === 'INPUT' || e.tagName === 'TEXTAREA') ? e.value : null;
}"""


def type_into(page: Page, selector: str, text: str, *, attempts: int = 4) -> None:
    """Tap a text field and type `text` into it, as a person would: wait until the field has taken the focus
    (Flutter's editing element is then the page's active element), type, and check what the field holds. A
    key pressed before the focus arrived is lost (seen once: "555 123 4567" arrived as "55 123 4567"); then
    the field is cleared and typed again. A tap that gives no focus within 5 s (seen once in CI, on the first
    field of the first walk after the browser started) is repeated."""
    for _ in range(attempts):
        page.locator(selector).last.click()
        try:
            page.wait_for_function(f"({_EDITING_VALUE_SCRIPT})() !== null", timeout=5_000, polling=50)
        except PlaywrightTimeoutError:  # the tap landed while the screen was still being rebuilt: tap again
            continue
        if page.evaluate(_EDITING_VALUE_SCRIPT):
            page.keyboard.press("ControlOrMeta+A")
            page.keyboard.press("Delete")
        page.keyboard.type(text)
        if page.evaluate(_EDITING_VALUE_SCRIPT) == text:
            return
    raise AssertionError(f"{selector}: typed {text!r}, the field holds {page.evaluate(_EDITING_VALUE_SCRIPT)!r}")


def first_frame_ms(page: Page) -> float | None:
    """Milliseconds from navigation start to Flutter's first frame, once open_app() has run."""
    value = page.evaluate("window.__flutterFirstFrameMs")
    return float(value) if value is not None else None


# --- measurement --------------------------------------------------------------------------------


@dataclass
class WireResponse:
    url: str
    status: int
    content_encoding: str
    encoded_bytes: int


class WireMeter:
    """Counts bytes received on the wire for a page's HTTP requests, from Chrome DevTools events.

    `Network.loadingFinished.encodedDataLength` is what Chromium's network stack actually received for
    a request: response headers plus the body *as transferred* (gzip-compressed when compressed,
    chunk framing included), before decoding. Summed over requests, that is the cold load's download.
    WebSocket frames (the app's UI updates) are not HTTP responses and are not counted.
    """

    def __init__(self, page: Page) -> None:
        self._responses: dict[str, dict[str, Any]] = {}
        self.finished: dict[str, WireResponse] = {}
        self.last_event = time.monotonic()
        self._cdp: CDPSession = page.context.new_cdp_session(page)
        self._cdp.on("Network.responseReceived", self._on_response)
        self._cdp.on("Network.loadingFinished", self._on_finished)
        self._cdp.send("Network.enable")

    def _on_response(self, event: dict[str, Any]) -> None:
        self._responses[event["requestId"]] = event["response"]
        self.last_event = time.monotonic()

    def _on_finished(self, event: dict[str, Any]) -> None:
        response = self._responses.get(event["requestId"], {})
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        self.finished[event["requestId"]] = WireResponse(
            url=response.get("url", "?"),
            status=int(response.get("status", 0)),
            content_encoding=headers.get("content-encoding", ""),
            encoded_bytes=int(event["encodedDataLength"]),
        )
        self.last_event = time.monotonic()

    @property
    def total_bytes(self) -> int:
        return sum(r.encoded_bytes for r in self.finished.values())

    def wait_until_quiet(self, page: Page, quiet_s: float = 1.5, timeout_s: float = 20) -> None:
        """Wait until no response arrived for `quiet_s` (fonts load after the first frame)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and time.monotonic() - self.last_event < quiet_s:
            page.wait_for_timeout(200)

    def report(self) -> str:
        """One line per response, largest first, then the total."""
        rows = sorted(self.finished.values(), key=lambda r: -r.encoded_bytes)
        lines = [f"{r.encoded_bytes:>10,}  {r.content_encoding or '-':5}  {r.status}  {r.url}" for r in rows]
        lines.append(f"{self.total_bytes:>10,}  total over {len(rows)} responses")
        return "\n".join(lines)


# --- screenshots --------------------------------------------------------------------------------


def _png_rows(png: bytes) -> list[bytes]:
    """The filtered scanlines of a non-interlaced 8-bit PNG (enough to tell a blank image)."""
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    data, offset = bytearray(), 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset : offset + 8])
        if kind == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(bytes(data))
    stride = 1 + width * channels * depth // 8
    return [raw[i * stride : (i + 1) * stride] for i in range(height)]


def is_blank(png: bytes) -> bool:
    """True when an image is one flat colour: identical pixel rows filter to identical scanlines."""
    return len(set(_png_rows(png)[1:])) <= 1


def screenshot(
    page: Page, name: str, *, attempts: int = 40, interval_ms: int = 250, directory: Path | None = None
) -> Path:
    """Save test-artifacts/screenshots/<name>.png (or <directory>/<name>.png) once two captures in a row are
    identical and not blank.

    Right after an update Flutter can show a blank frame or a "Working..." overlay; waiting for a
    stable, non-blank picture gives a screenshot a person can review.
    """
    folder = directory or SCREENSHOT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    previous = b""
    for _ in range(attempts):
        current = page.screenshot()
        if current == previous and not is_blank(current):
            path.write_bytes(current)
            return path
        previous = current
        page.wait_for_timeout(interval_ms)
    path.write_bytes(previous)
    raise AssertionError(f"screen did not settle on a non-blank picture; last capture in {path}")


def python_command(*args: str) -> list[str]:
    """A command line running this interpreter (the project's virtualenv under pytest)."""
    return [sys.executable, *args]


def app_command() -> list[str]:
    """The app's server (`python -m mobile_app`), or the script named by APP_SCRIPT (benchmarks try a patched
    app that way against the same baseline)."""
    script = os.environ.get("APP_SCRIPT")
    return python_command(script) if script else python_command("-m", "mobile_app")
