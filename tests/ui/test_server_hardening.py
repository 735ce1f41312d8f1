"""The server's answers to hostile or careless clients (issue 17, "Low"): security headers on every response, a
Content-Security-Policy that names the page's own inline scripts, redirects that never repeat the claimed Host,
request heads that are bounded in size and in time. The server runs as `serve()` runs it (server_options())."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from mobile_app import server
from mobile_app.server import create_app, server_options
from tests.e2e.e2e_support import free_port, wait_for_port


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    port = free_port()
    saved = server.HEAD_TIMEOUT_S
    server.HEAD_TIMEOUT_S = 1.0  # read when each connection opens: a short wait keeps the test short
    app = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, **server_options()))
    thread = threading.Thread(target=app.run, daemon=True)
    thread.start()
    wait_for_port(port, 30)
    yield port
    app.should_exit = True
    thread.join(10)
    server.HEAD_TIMEOUT_S = saved


def exchange(port: int, request: bytes, *, wait_s: float = 10) -> bytes:
    """Send raw bytes and read until the server closes or answers one whole response head and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as s:
        if request:
            s.sendall(request)
        got = b""
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            got += chunk
            head, _, body = got.partition(b"\r\n\r\n")
            length = re.search(rb"(?i)content-length: *(\d+)", head)
            if _ and length and len(body) >= int(length.group(1)):
                break
        return got


def head_of(response: bytes) -> dict[str, str]:
    lines = response.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}


def get(port: int, path: str, host: str = "127.0.0.1") -> bytes:
    return exchange(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())


def test_every_response_carries_the_security_headers(port: int) -> None:
    for path in ("/", "/check/1", "/no-cdn.js", "/manifest.json", "/missing-file.js"):
        headers = head_of(get(port, path))
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("referrer-policy") == "no-referrer", path
        assert headers.get("x-frame-options") == "DENY", path
        assert "cache-control" in headers, path


def test_the_page_policy_allows_exactly_its_own_inline_scripts(port: int) -> None:
    response = get(port, "/")
    headers = head_of(response)
    policy = headers["content-security-policy"]
    assert "'unsafe-eval'" not in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    body = response.partition(b"\r\n\r\n")[2]
    inline = re.findall(rb"<script>(.*?)</script>", body, re.DOTALL)
    assert inline, "the page has inline scripts (Flutter's loader): each must be named by its hash"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert policy.count("'sha256-") == len(inline)


def test_a_redirect_never_names_the_host_the_request_claimed(port: int) -> None:
    response = get(port, "/assets", host="attacker.example")
    assert response.startswith((b"HTTP/1.1 30", b"HTTP/1.1 404")), response[:80]
    assert b"attacker.example" not in response


def test_a_head_over_16_kb_is_refused(port: int) -> None:
    big = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Filler: " + b"a" * 200_000 + b"\r\n\r\n"
    response = exchange(port, big)
    assert response == b"" or response.startswith((b"HTTP/1.1 431", b"HTTP/1.1 400")), response[:80]
    assert b"flutter" not in response.lower()


def test_a_client_that_never_finishes_its_head_is_let_go(port: int) -> None:
    start = time.monotonic()
    response = exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", wait_s=15)
    waited = time.monotonic() - start
    assert response.startswith(b"HTTP/1.1 408"), response[:80]
    assert waited < 10, f"the connection was held {waited:.1f} s"
