"""Shared test fixtures: the project's content and engine, and the shared clinical material beside the checkout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mobile_app.core.engine import Engine
from mobile_app.core.loader import Content, default_content

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "clinical"


def shared_file(name: str) -> Path:
    """A file of ../shared/clinical, or a skip that says why."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared clinical material is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def content() -> Content:
    return default_content()


@pytest.fixture(scope="session")
def engine(content: Content) -> Engine:
    return Engine(content)


@pytest.fixture(scope="session")
def vignettes() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(shared_file("vignettes.json").read_text(encoding="utf-8"))
    return data


VIGNETTE_FILES = ("vignettes.json", "vignettes_more.json")
"""The 54 vignettes the engine was first built against, and 108 written independently of them."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run last: Playwright's sync API keeps an event loop running in the main thread for the
    rest of the session, and the unit tests drive async code with asyncio.run()."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
