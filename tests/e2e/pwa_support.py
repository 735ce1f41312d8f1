"""Browser-test helpers for the static build: a plain static file server, a recorder of everything that tries to
leave the machine, a phone browser that sends all its traffic through that recorder, and the offline cache's state."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright

from tests.e2e.e2e_support import CHROMIUM, CHROMIUM_ARGS, PHONE, free_port, python_command, running_server


@contextlib.contextmanager
def static_server(site: Path, log_path: Path) -> Iterator[str]:
    """Python's own `http.server` on a free loopback port, serving `site` as plain files; yields its URL."""
    port = free_port()
    command = python_command("-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site))
    with running_server(command, port, log_path, timeout_s=30) as url:
        yield url


class _Refuse(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(5)
        head = b""
        with contextlib.suppress(OSError):
            while b"\r\n" not in head and len(head) < 8192:
                chunk = self.request.recv(1024)
                if not chunk:
                    break
                head += chunk
        line = head.split(b"\r\n", 1)[0].decode("latin-1", "replace")
        self.server.attempts.append(line or "(a connection that sent nothing)")  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):
            self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Refuse)
        self.attempts: list[str] = []


@contextlib.contextmanager
def outbound_recorder() -> Iterator[tuple[int, list[str]]]:
    """A proxy on loopback that refuses everything and records each request's first line ("CONNECT host:443 ...",
    "GET http://host/..."). Chromium sends every request for another machine through its proxy, from the page, its
    workers and its service worker alike, and talks to loopback directly: so whatever this records is exactly what
    tried to leave the machine. Yields (port, the list of attempts)."""
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.attempts
    finally:
        server.shutdown()
        server.server_close()


#: The browser's own services that still call out with every switch below in place (measured with a blank page and
#: no app at all, 2026-12-07: Chromium's component downloads). The proxy refuses them, so they never leave either;
#: the tests allow them by name, and nothing else.
BROWSER_HOUSEKEEPING = frozenset({"redirector.gvt1.com"})
#: Switch off the browser's own calls home that the usual flags leave on (Debian's build has Google API keys):
#: sign-in (accounts.google.com) and component updates (update.googleapis.com).
QUIET_BROWSER_ARGS = [
    "--gaia-url=http://127.0.0.1:9",
    "--component-updater=url-source=http://127.0.0.1:9/",
    "--autofill-server-url=http://127.0.0.1:9/",
]


#: Debian's /usr/bin/chromium is a script that gives the browser Google API keys (and with them sign-in and the
#: autofill server, which is asked about every form field the app shows); the program itself has none.
CHROMIUM_PROGRAM = Path("/usr/lib/chromium/chromium")


def launch_phone_via(playwright: Playwright, user_data_dir: Path, proxy_port: int) -> BrowserContext:
    """Debian's Chromium as a phone (as e2e_support.launch_phone), every non-loopback request through the proxy."""
    args = [a for a in CHROMIUM_ARGS if not a.startswith("--proxy-server=")]
    args += [*QUIET_BROWSER_ARGS, f"--proxy-server=http://127.0.0.1:{proxy_port}"]
    if os.environ.get("CALF_CHECK_DEVTOOLS_PORT"):  # to look into a stuck browser from outside (DevTools protocol)
        args.append(f"--remote-debugging-port={os.environ['CALF_CHECK_DEVTOOLS_PORT']}")
    program = CHROMIUM_PROGRAM if CHROMIUM_PROGRAM.exists() else CHROMIUM
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOOGLE_")}
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=str(program),
        headless=True,
        args=args,
        env=env,
        bypass_csp=True,  # the server mode sends a CSP without eval, which Playwright's waits use
        **PHONE,
    )


class SiteVisit:
    """A phone browser on a built site served by a plain static server, with every request that tries to leave the
    machine recorded (`outbound`). `go_offline()` stops the server and cuts the browser's network."""

    def __init__(
        self, context: BrowserContext, page: Page, url: str, outbound: list[str], serving: contextlib.ExitStack
    ):
        self.context, self.page, self.url, self.outbound = context, page, url, outbound
        self._serving = serving

    def go_offline(self) -> None:
        self._serving.close()
        self.context.set_offline(True)


@contextlib.contextmanager
def phone_on_site(playwright: Playwright, site: Path, tmp_path: Path) -> Iterator[SiteVisit]:
    """Open a phone (a fresh profile under tmp_path) whose traffic goes through an outbound recorder, and serve
    `site` on loopback; the page is not opened yet (add init scripts and listeners first)."""
    with outbound_recorder() as (proxy_port, outbound), contextlib.ExitStack() as stack:
        context = stack.enter_context(
            contextlib.closing(launch_phone_via(playwright, tmp_path / "profile", proxy_port))
        )
        page = context.pages[0] if context.pages else context.new_page()
        serving = stack.enter_context(contextlib.ExitStack())  # closed early by go_offline, else at the end
        url = serving.enter_context(static_server(site, tmp_path / "static.log"))
        yield SiteVisit(context, page, url, outbound, serving)


_MISSING_SCRIPT = """async (wanted) => {
  const names = (await caches.keys()).filter((n) => n.startsWith('calf-check-'));
  if (names.length !== 1) return {names, missing: wanted};
  const cache = await caches.open(names[0]);
  const base = document.baseURI;
  const have = new Set((await cache.keys()).map((r) => r.url.slice(base.length)));
  return {names, missing: wanted.filter((p) => !have.has(p))};
}"""


def bounded(page: Page, script: str, arg: Any = None, timeout_s: float = 30) -> Any:
    """page.evaluate() of an async function, failing after `timeout_s` instead of waiting for ever (Playwright
    gives evaluate no timeout; a fetch to a service worker that never answers would hang the test run)."""
    wrapped = f"""async ([arg, ms]) => {{
      const work = ({script})(arg);
      const late = new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${{ms}} ms`)), ms));
      return await Promise.race([work, late]);
    }}"""
    return page.evaluate(wrapped, [arg, int(timeout_s * 1000)])


def offline_cache(page: Page, wanted: list[str]) -> dict[str, Any]:
    """The service worker's caches on this page's origin and which of `wanted` are not in the current one."""
    result: dict[str, Any] = bounded(page, _MISSING_SCRIPT, wanted)
    return result


def wait_until_kept(page: Page, info: dict[str, Any], timeout_s: float = 180) -> list[str]:
    """Wait until the service worker keeps every file of the build this browser needs (all but the Flutter builds it
    does not use; one it uses is kept); returns the cache names."""
    wanted = [p for p in info["files"] if p not in info["on_demand"]]
    deadline = time.monotonic() + timeout_s
    state = offline_cache(page, wanted)
    while state["missing"] and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        state = offline_cache(page, wanted)
    assert not state["missing"], f"not kept for offline use: {state['missing'][:10]} (caches {state['names']})"
    kept = bounded(
        page,
        """async (demand) => {
          const cache = await caches.open((await caches.keys()).find((n) => n.startsWith('calf-check-')));
          const base = document.baseURI;
          const have = new Set((await cache.keys()).map((r) => r.url.slice(base.length)));
          return demand.filter((p) => have.has(p));
        }""",
        info["on_demand"],
    )
    assert any(p.endswith(".wasm") for p in kept), f"no build of Flutter's client kept: {kept}"
    return list(state["names"])


def port_is_closed(url: str) -> bool:
    """True when nothing answers at the URL's port any more."""
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) != 0


def host_of(attempt: str) -> str:
    """The host a recorded request line was for ("CONNECT a.b:443 HTTP/1.1", "GET http://a.b/x HTTP/1.1")."""
    parts = attempt.split()
    target = parts[1] if len(parts) > 1 else ""
    if "://" in target:
        target = target.split("://", 1)[1].split("/", 1)[0]
    return target.rsplit(":", 1)[0] if ":" in target else target


def app_attempts(attempts: list[str]) -> list[str]:
    """The recorded attempts that were not the browser's own housekeeping: what the app tried to send out."""
    return [a for a in attempts if host_of(a) not in BROWSER_HOUSEKEEPING]


class BrowserLog:
    """Everything the phone's browser did during a test, with the seconds since it began: the page's navigations,
    its console and errors, the console of its workers (Python's) and of the service worker, and each request and
    how it ended (the service worker's own requests included). Written to `path` line by line, so it is there
    even when a test run is killed; `tail()` gives the last lines for a failure's message."""

    def __init__(self, context: BrowserContext, path: Path) -> None:
        self.path = path
        self.started = time.monotonic()
        self.lines: list[str] = []
        self._versions: dict[str, tuple[Any, ...]] = {}
        self._file = path.open("a", encoding="utf-8", buffering=1)
        context.on("console", lambda m: self.write(f"console {m.type}: {m.text}"))
        context.on("weberror", lambda e: self.write(f"page error: {e.error}"))
        context.on("serviceworker", self._service_worker)
        context.on("request", lambda r: self.write(f"-> {r.method} {r.url}{self._by(r)}"))
        context.on("requestfinished", lambda r: self.write(f"<- {r.url}"))
        context.on("requestfailed", lambda r: self.write(f"<- {r.url} FAILED {r.failure}"))
        context.on("page", self._page)
        for page in context.pages:
            self._page(page)
        for worker in context.service_workers:
            self._service_worker(worker)

    def watch_service_workers(self, page: Page) -> None:
        """Log each change of the browser's service worker versions (DevTools protocol, from the browser's side)."""
        session = page.context.new_cdp_session(page)
        session.on("ServiceWorker.workerVersionUpdated", self._versions_updated)
        session.send("ServiceWorker.enable")

    def _versions_updated(self, event: dict[str, Any]) -> None:
        for v in event["versions"]:
            state = (v.get("status"), v.get("runningStatus"), len(v.get("controlledClients") or []))
            if self._versions.get(v["versionId"]) != state:
                self._versions[v["versionId"]] = state
                self.write(f"version {v['versionId']}: {state[0]}, {state[1]}, controls {state[2]}")

    @staticmethod
    def _by(request: Any) -> str:
        return " (service worker)" if request.service_worker else ""

    def _page(self, page: Page) -> None:
        page.on("framenavigated", lambda f: self.write(f"navigated {f.url}") if f == page.main_frame else None)
        page.on("load", lambda _: self.write("load"))
        page.on("worker", lambda w: w.on("console", lambda m: self.write(f"worker console {m.type}: {m.text}")))

    def _service_worker(self, worker: Any) -> None:
        self.write(f"service worker {worker.url}")
        worker.on("console", lambda m: self.write(f"service worker console {m.type}: {m.text}"))
        worker.on("close", lambda _: self.write(f"service worker closed {worker.url}"))

    def write(self, line: str) -> None:
        text = f"{time.monotonic() - self.started:8.2f} {line[:300]}"
        self.lines.append(text)
        self._file.write(text + "\n")

    def tail(self, n: int = 25) -> str:
        return "\n".join(self.lines[-n:])

    def close(self) -> None:
        self._file.close()


def browser_pids(profile: Path) -> list[int]:
    """The main process of the browser started with this profile folder (each test has its own), found in /proc."""
    wanted = f"--user-data-dir={profile}".encode()
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            args = (entry / "cmdline").read_bytes().split(b"\0")
            if wanted in args and not any(a.startswith(b"--type=") for a in args):
                pids.append(int(entry.name))
    return pids


class Watchdog:
    """Bounds each step of a browser test. Some Playwright calls have no timeout of their own (evaluate, count) and
    a page that never loads does not answer them: when a step overruns, this stops this test's browser (its main
    process, found by its profile folder), so the waiting call fails at once, and the test fails with the step's
    name and the browser's last lines instead of waiting for ever."""

    def __init__(self, profile: Path, log: BrowserLog) -> None:
        self.profile = profile
        self.log = log
        self.fired: str | None = None

    def _fire(self, name: str, timeout_s: float) -> None:
        self.fired = f"{name}: not done within {timeout_s:.0f} s"
        self.log.write(f"watchdog: {self.fired}; stopping the browser")
        for pid in browser_pids(self.profile):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)

    @contextlib.contextmanager
    def step(self, name: str, timeout_s: float) -> Iterator[None]:
        self.log.write(f"step: {name}")
        timer = threading.Timer(timeout_s, self._fire, (name, timeout_s))
        timer.daemon = True
        timer.start()
        try:
            yield
        except Exception as error:
            if self.fired:
                raise AssertionError(f"{self.fired}. Browser log ({self.log.path}):\n{self.log.tail()}") from error
            self.log.write(f"step failed: {name}: {type(error).__name__}")
            print(f"Browser log ({self.log.path}), last lines:\n{self.log.tail()}")  # shown with the failure
            raise
        finally:
            timer.cancel()
        if self.fired:
            raise AssertionError(f"{self.fired}. Browser log ({self.log.path}):\n{self.log.tail()}")


# The Python worker's memory snapshot (tools/pwa/python-worker.js, decision 36): what Cache Storage holds of it.
SNAPSHOT_STATE = """async () => {
  if (!(await caches.has("calf-check.snapshot"))) return {cache: false};
  const cache = await caches.open("calf-check.snapshot");
  const kept = await cache.match(new URL("calf-check-snapshot.bin", document.baseURI).href);
  const failed = await cache.match(new URL("calf-check-snapshot.failed", document.baseURI).href);
  return {
    cache: true,
    key: kept ? JSON.parse(kept.headers.get("X-Calf-Check-Snapshot")).key : null,
    bytes: kept ? (await kept.arrayBuffer()).byteLength : 0,
    failed: failed ? await failed.text() : null,
  };
}"""


def snapshot_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = bounded(page, SNAPSHOT_STATE, timeout_s=60)
    return state


def wait_for_snapshot(page: Page, key: str, timeout_s: float = 120) -> dict[str, Any]:
    """Wait until the worker has kept this build's snapshot (it does so after the app has started)."""
    deadline = time.monotonic() + timeout_s
    state = snapshot_state(page)
    while state.get("key") != key and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        state = snapshot_state(page)
    assert state.get("key") == key, f"no snapshot of this build kept: {state}"
    return state


def python_starts(lines: list[str]) -> list[dict[str, Any]]:
    """The worker's own account of each start ("Calf Check Python start {...}"): restored from a snapshot or not."""
    prefix = "Calf Check Python start "
    return [json.loads(line[len(prefix) :]) for line in lines if line.startswith(prefix)]
