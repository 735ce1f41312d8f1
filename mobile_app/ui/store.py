"""Keeps a check in progress, the cramp diary, the follow-up and the clinic on the device (Flet SharedPreferences,
localStorage on the web), each under its own key."""

from __future__ import annotations

import asyncio
import json
from typing import Protocol

from mobile_app.core.clinic_link import ClinicPreset, clean_clinic_name, clean_phone
from mobile_app.core.diary import dump_diary, dump_set_aside, load_diary, load_set_aside, merge_set_aside
from mobile_app.core.engine import Engine
from mobile_app.core.followup import load_followup

from .records import Records
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


DIARY_KEY = "calf_check.diary"
"""The cramp diary (core.diary's JSON, with its schema_version)."""
SET_ASIDE_KEY = "calf_check.diary.set_aside"
"""Diary entries that could not be read: a JSON list of their raw text, deleted only when the person asks."""
FOLLOWUP_KEY = "calf_check.followup"
"""The last check and the one before it (core.followup's JSON)."""
CLINIC_KEY = "calf_check.clinic"
"""The clinic whose link opened the app: its name and phone."""


class RecordsStore:
    """Loads and saves the diary, what was set aside, the follow-up and the clinic, each under its own key.

    A storage failure never stops the app; nothing read or written is logged.
    """

    def __init__(self, prefs: Prefs) -> None:
        self.prefs = prefs

    async def _get(self, key: str) -> str | None:
        try:
            raw = await self.prefs.get(key)
        except Exception:
            return None
        return raw if isinstance(raw, str) else None

    async def _set(self, key: str, value: str) -> bool:
        try:
            return bool(await self.prefs.set(key, value))
        except Exception:
            return False

    async def _remove(self, key: str) -> None:
        try:
            await self.prefs.remove(key)
        except Exception:
            return

    async def load(self) -> Records:
        """Everything kept between checks. Unreadable diary entries move to the set-aside key first, then the
        readable rest is written back, so they are never read twice nor lost."""
        diary_raw, aside_raw, followup_raw, clinic_raw = await asyncio.gather(
            *(self._get(key) for key in (DIARY_KEY, SET_ASIDE_KEY, FOLLOWUP_KEY, CLINIC_KEY))
        )
        loaded = load_diary(diary_raw)
        aside = load_set_aside(aside_raw)
        records = Records(diary=loaded.diary, set_aside=merge_set_aside(aside, loaded.set_aside))
        changed = bool(loaded.set_aside or loaded.messages)
        if changed and await self._set(SET_ASIDE_KEY, dump_set_aside(records.set_aside)):
            await self._set(DIARY_KEY, dump_diary(records.diary))
        records.followup, readable = load_followup(followup_raw)
        records.followup_unreadable = not readable
        records.clinic = _load_clinic(clinic_raw)
        records.reset_draft()
        return records

    async def save_diary(self, records: Records) -> None:
        """The diary and the set-aside entries (the set-aside key goes once nothing is kept aside)."""
        if records.set_aside:
            await self._set(SET_ASIDE_KEY, dump_set_aside(records.set_aside))
        else:
            await self._remove(SET_ASIDE_KEY)
        await self._set(DIARY_KEY, dump_diary(records.diary))

    async def save_followup(self, records: Records) -> None:
        await self._set(FOLLOWUP_KEY, records.followup.model_dump_json())

    async def save_clinic(self, records: Records) -> None:
        if records.clinic is None:
            await self._remove(CLINIC_KEY)
            return
        c = records.clinic
        await self._set(CLINIC_KEY, json.dumps({"clinic": c.clinic, "phone": c.phone}, ensure_ascii=False))


def _load_clinic(raw: str | None) -> ClinicPreset | None:
    """The stored clinic, checked again as strictly as a link (anything odd is dropped: it is not health data)."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
        clinic = clean_clinic_name(data["clinic"]) if data.get("clinic") else None
        phone = clean_phone(data["phone"]) if data.get("phone") else None
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return ClinicPreset(clinic=clinic, phone=phone) if clinic or phone else None
