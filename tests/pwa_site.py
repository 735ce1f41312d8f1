"""The browser build (tools/build_pwa.py), built once per test process for the tests that need it."""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_pwa


def build_site(out: Path, *, label: str = "", base_url: str = "/") -> dict[str, Any]:
    """Build the site into `out`; a skip that says why when the WebAssembly wheels cannot be had (no network and
    no cached copy: the CI has PyPI, so it builds)."""
    try:
        return build_pwa.build(out, label=label, base_url=base_url)
    except build_pwa.WheelsUnavailable as error:
        pytest.skip(f"the browser build needs its wheels from PyPI or the cache {build_pwa.DEFAULT_WHEELS}: {error}")


@functools.cache
def _built() -> Path:
    work = Path(tempfile.mkdtemp(prefix="calf-check-pwa-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    return work


def built_site() -> Path:
    """One build of the site for the whole test run (read it, never change it; copy it to change it)."""
    site = _built() / "site"
    if not (site / "build.json").is_file():
        build_site(site)
    return site


def build_info(site: Path) -> dict[str, Any]:
    info: dict[str, Any] = json.loads((site / "build.json").read_text(encoding="utf-8"))
    return info
