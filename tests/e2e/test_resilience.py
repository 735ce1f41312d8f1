"""Issue 17 in the browser: a file over the cap is refused before it is read, the page runs under its security
headers without a violation, a lost connection comes back to the same screen, and a check survives landing on
another worker process."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.test_followup import find, start, tap, wait_text

pytestmark = pytest.mark.e2e


def test_a_file_over_the_cap_is_refused_before_it_is_read(phone: Page, server_url: str, tmp_path: Path) -> None:
    """A 50 MB file used to be read whole by the page and sent to the server, which dropped the connection: no
    word, and the screen stayed. Now the page swaps it for a stand-in before reading it (assets/no-cdn.js)."""
    big = tmp_path / "calf-check-diary-2026-11-20.json"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    sent: list[int] = []
    phone.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(len(frame))))
    start(phone, server_url)
    tap(phone, "open-diary")
    find(phone, "import-diary")
    with phone.expect_file_chooser(timeout=30_000) as chooser:
        tap(phone, "import-diary")
    chooser.value.set_files(str(big))
    wait_text(phone, "flash", "This file is too big to be a diary file. Nothing was added.")
    assert max(sent, default=0) < 100_000, f"the page sent a frame of {max(sent)} bytes"
