"""Keeps a check in progress on the device (Flet SharedPreferences, localStorage on the web) under one key."""

from __future__ import annotations

from typing import Protocol

from mobile_app.core.engine import Engine

from .state import AppState, StoredStateError

KEY = "calf_check.session"


class Prefs(Protocol):
    """The part of ft.SharedPreferences the app uses (tests pass an in-memory fake)."""

    async def get(self, key: str) -> object: ...

    async def set(self, key: str, value: str) -> bool: ...

    async def remove(self, key: str) -> bool: ...


class Store:
    """Loads, saves and clears the session. Nothing is logged: answers are health data."""

    def __init__(self, prefs: Prefs, key: str = KEY) -> None:
        self.prefs = prefs
        self.key = key

    async def load(self, engine: Engine) -> tuple[AppState | None, bool]:
        """(the stored session or None, whether stored data was unusable and has been cleared)."""
        try:
            raw = await self.prefs.get(self.key)
        except Exception:  # a storage failure must never stop the check
            return None, False
        if raw is None:
            return None, False
        try:
            return AppState.from_json(engine, raw), False
        except StoredStateError:
            await self.clear()
            return None, True

    async def save(self, state: AppState) -> None:
        try:
            await self.prefs.set(self.key, state.to_json())
        except Exception:  # keep going without saving rather than break the check
            return

    async def clear(self) -> None:
        try:
            await self.prefs.remove(self.key)
        except Exception:
            return
