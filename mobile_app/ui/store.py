"""Keeps a check in progress, the cramp diary, the follow-up and the clinic on the device (Flet SharedPreferences,
localStorage on the web), each under its own key."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Protocol

from mobile_app.core.engine import Engine
from mobile_app.followup.clinic_link import ClinicPreset, clean_contact
from mobile_app.followup.diary import dump_diary, dump_set_aside, load_diary, load_set_aside, merge_set_aside
from mobile_app.followup.followup import load_followup

from .records import Records
from .state import AppState
from .work import off_loop

KEY = "calf_check.session"


class Prefs(Protocol):
    """The part of ft.SharedPreferences the app uses (tests pass an in-memory fake)."""

    async def get(self, key: str) -> object: ...

    async def set(self, key: str, value: str) -> bool: ...

    async def remove(self, key: str) -> bool: ...


def as_text(raw: object) -> str | None:
    """A stored value as text. SharedPreferences can hold numbers, booleans and lists of text too: a value of the
    wrong type is still kept (as text, to be set aside), never read as missing and later overwritten."""
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, (list, tuple)):
        try:
            return json.dumps(list(raw), ensure_ascii=False, default=str)
        except Exception:
            return str(type(raw).__name__)
    return str(raw)


class Store:
    """Loads, saves and clears the session. Nothing is logged: answers are health data."""

    def __init__(self, prefs: Prefs, key: str = KEY) -> None:
        self.prefs = prefs
        self.key = key
        self.unreadable: str | None = None
        """The stored text of a session that could not be restored, until open_storage keeps it aside."""

    async def load(self, engine: Engine) -> tuple[AppState | None, bool]:
        """(the stored session or None, whether stored data was unusable). Never raises, whatever is stored:
        unusable text is left where it is and kept in `unreadable` (open_storage sets it aside, then clears it)."""
        self.unreadable = None
        try:
            raw = as_text(await self.prefs.get(self.key))
        except Exception:  # a storage failure must never stop the check
            return None, False
        if raw is None:
            return None, False
        try:
            return AppState.from_json(engine, raw), False
        except Exception:  # StoredStateError, or anything a damaged value can raise: the check is not restored
            self.unreadable = raw
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
"""The cramp diary (followup.diary's JSON, with its schema_version)."""
SET_ASIDE_KEY = "calf_check.diary.set_aside"
"""Diary entries that could not be read: a JSON list of their raw text, deleted only when the person asks."""
FOLLOWUP_KEY = "calf_check.followup"
"""The last check and the one before it (followup.followup's JSON)."""
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
            return as_text(await self.prefs.get(key))
        except Exception:
            return None

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
        """Everything kept between checks. Never raises, whatever is stored. Unreadable diary entries, and a
        follow-up that cannot be read, move to the set-aside key first; then the readable diary is written back
        and the unreadable follow-up removed, so nothing is read twice nor lost. `Records.kept_aside` tells the
        start screen to say so.

        The diary is parsed off the event loop (a big one takes a tenth of a second; other people's screens on
        the same server do not wait for it)."""
        diary_raw, aside_raw, followup_raw, clinic_raw = await asyncio.gather(
            *(self._get(key) for key in (DIARY_KEY, SET_ASIDE_KEY, FOLLOWUP_KEY, CLINIC_KEY))
        )
        loaded = await off_loop(lambda: load_diary(diary_raw))
        aside = load_set_aside(aside_raw)
        followup, readable = load_followup(followup_raw)
        new_aside = [*loaded.set_aside, *([] if readable or not followup_raw else [followup_raw])]
        records = Records(diary=loaded.diary, set_aside=merge_set_aside(aside, new_aside))
        records.kept_aside = len(records.set_aside) - len(aside)
        if (new_aside or loaded.messages) and await self._set(SET_ASIDE_KEY, dump_set_aside(records.set_aside)):
            await self._set(DIARY_KEY, dump_diary(records.diary))
            if not readable:
                await self._remove(FOLLOWUP_KEY)
        records.followup = followup
        records.followup_unreadable = not readable
        records.clinic = _load_clinic(clinic_raw)
        records.reset_draft()
        return records

    async def keep_aside(self, records: Records, text: str) -> bool:
        """Set a stored text that could not be read aside with the others; False when storage refused it."""
        records.keep_aside([text])
        records.kept_aside += 1
        return await self._set(SET_ASIDE_KEY, dump_set_aside(records.set_aside))

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
        clinic, phone = clean_contact(data.get("clinic") or None, data.get("phone") or None)
    except Exception:  # anything at all (nested 100,000 deep: RecursionError): dropped, as a refused link is
        return None
    return ClinicPreset(clinic=clinic, phone=phone) if clinic or phone else None


@dataclass
class Opened:
    """What the device holds, read at the start of a session."""

    state: AppState | None
    """The check in progress, or None."""
    restore_failed: bool
    records: Records


async def open_storage(store: Store, records_store: RecordsStore, engine: Engine) -> Opened:
    """Read the session and the records together (one wait for the device instead of several). A session that
    cannot be restored is set aside with the diary's unreadable entries, and only then removed from its key, so
    its text is never lost (issue 17: a damaged value used to stop the app at every start)."""
    records, (state, failed) = await asyncio.gather(records_store.load(), store.load(engine))
    if store.unreadable is not None:
        if await records_store.keep_aside(records, store.unreadable):
            await store.clear()
        store.unreadable = None
    return Opened(state, failed, records)
