"""The cramp diary's verbs: whose diary, the entry being logged (one verb per part), deleting, files."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mobile_app.followup import diary
from mobile_app.followup.labels import session_label

from .. import routes
from ..context import Show
from ..texts import time_text
from ..work import off_loop

if TYPE_CHECKING:
    from ..controller import Controller

MAX_IMPORT_BYTES = diary.MAX_FILE_BYTES
"""A diary file is far smaller (about 200 bytes an entry); anything bigger is not read."""
TOO_BIG_MARKER = b'{"calf_check_file_too_big":'
"""What the web page sends instead of a chosen file bigger than MAX_IMPORT_BYTES (assets/no-cdn.js): the browser
never reads such a file, nor sends it (issue 17: a 50 MB file used to be read whole and then fail silently)."""


class DiaryController:
    def __init__(self, app: Controller) -> None:
        self.app = app

    async def _save(self) -> None:
        await self.app.records_store.save_diary(self.app.records)

    async def choose_person(self, person_id: str) -> None:
        self.app.records.choose_person(person_id)
        self.app.render()

    async def add_person(self, name: str, refused: Show | None = None) -> None:
        """Add someone the user cares for; when the name cannot be used, `refused` says so in the dialog."""
        try:
            self.app.records.add_person(name)
        except ValueError:
            self.app.show_part(refused)
            return
        await self._save()
        self.app.close_dialog()
        self.app.render()

    async def show_more_entries(self) -> None:
        self.app.records.show_more_entries()
        self.app.render()

    async def set_when(self, when: dt.datetime | None) -> None:
        try:
            self.app.records.set_when(when, self.app.clock())
        except ValueError:
            self.app.tell(self.app.tr.t("That time has not come yet. Choose a time that has passed."))
        else:
            self.app.render()

    # One verb per part of the entry being logged: the form restyles its group (`show`), nothing else changes.

    async def set_leg(self, leg: str, show: Show | None = None) -> None:
        self.app.records.set_leg(leg)
        self.app.show_part(show)

    async def set_pain(self, pain: int, show: Show | None = None) -> None:
        self.app.records.set_pain(pain)
        self.app.show_part(show)

    async def set_duration(self, duration: str, show: Show | None = None) -> None:
        self.app.records.set_duration(duration)
        self.app.show_part(show)

    async def toggle_helped(self, what: str, show: Show | None = None) -> None:
        self.app.records.toggle_helped(what)
        self.app.show_part(show)

    async def set_note(self, note: str) -> None:
        """The text field shows what was typed by itself."""
        self.app.records.set_note(note)

    async def save_episode(self, unready: Show | None = None) -> None:
        """Log the entry. A danger sign in it (a cramp over 10 minutes) goes straight to the urgent result. Tapped
        before the leg, the pain and the duration are chosen, `unready` restyles the form's hint and a screen reader
        is told."""
        app = self.app
        if not app.records.can_save():
            await app.not_yet(unready, app.tr.t("Choose the leg, how bad it was and how long it lasted."))
            return
        episode = app.records.save_draft(app.clock())
        await self._save()
        danger = diary.danger_answers(episode, app.state.engine.content.followup)
        result = app.state.engine.danger_result(danger) if danger else None
        if result is not None:
            app.session.diary_result = result
            await app.navigate(routes.DIARY_RESULT)
            return
        app.tell(app.tr.t("Saved in the diary."))

    # Exercise sessions (issue 21): one tap logs one now; the message says what and when, with Undo beside it.

    async def log_session(self, kind: str) -> None:
        app = self.app
        tr = app.tr
        try:
            session = app.records.log_session(kind, app.clock())
        except ValueError:
            app.tell(tr.t("The diary cannot hold more exercise sessions. Delete older ones to log new ones."))
            return
        await self._save()
        text = tr.t(
            "Logged: {what} at {time}.",
            {"what": session_label(tr, session.kind), "time": time_text(tr, session.when.time())},
        )
        app.records.undo = (session.id, text)
        app.tell(text)

    async def undo_session(self, session_id: str) -> None:
        """Undo a session just logged (no question asked: it is the tap just made, taken back)."""
        app = self.app
        if app.records.delete_session(session_id):
            await self._save()
        app.records.undo = None
        app.tell(app.tr.t("Taken off the diary."))

    async def show_more_sessions(self) -> None:
        self.app.records.show_more_sessions()
        self.app.render()

    async def delete_session(self, session_id: str) -> None:
        self.app.records.delete_session(session_id)
        await self._deleted(self.app.tr.t("The exercise session was deleted."))

    async def delete_episode(self, episode_id: str) -> None:
        self.app.records.delete_episode(episode_id)
        await self._deleted(self.app.tr.t("The entry was deleted."))

    async def delete_everything(self) -> None:
        self.app.records.delete_everything()
        await self._deleted(self.app.tr.t("Every entry was deleted."))

    async def discard_set_aside(self) -> None:
        self.app.records.discard_set_aside()
        await self._deleted(self.app.tr.t("The entries that could not be read were deleted."))

    async def _deleted(self, done: str) -> None:
        """After a confirmed delete: save, close the dialog and say so."""
        await self._save()
        self.app.close_dialog()
        self.app.tell(done)

    async def export_diary(self) -> None:
        app = self.app
        now = app.clock()
        text = diary.export_json(app.records.diary, exported=now, app_version=app.state.content.meta.content_version)
        name = f"calf-check-diary-{now.date().isoformat()}.json"
        await app.save_file(name, text.encode("utf-8"), app.tr.t("The diary file was saved."), app.route)

    async def import_pick(self) -> None:
        """Open the file picker from Python (where the tap could not open it by itself)."""
        try:
            data = await self.app.services.pick_file()
        except Exception:
            data = None
        await self.import_bytes(data)

    async def import_bytes(self, data: bytes | None) -> None:
        """Add the entries of a diary file the person chose (nothing happens when they cancelled). The file is read
        off the event loop (a full-size file takes a few tenths of a second)."""
        if data is None:
            return
        app = self.app
        tr = app.tr
        if len(data) > MAX_IMPORT_BYTES or data.startswith(TOO_BIG_MARKER):
            app.tell(tr.t("This file is too big to be a diary file. Nothing was added."), routes.DIARY)
            return
        into = app.records.diary
        result = await off_loop(lambda: diary.import_json(data.decode("utf-8", errors="replace"), into))
        report = app.records.apply_import(result, into)
        await self._save()
        if report.too_big:
            text = tr.t("This file is too big to be a diary file. Nothing was added.")
        elif report.too_many:
            text = tr.t(
                "With this file the diary would hold more than {n} entries. Nothing was added.",
                {"n": tr.number(diary.MAX_EPISODES)},
            )
        elif report.unreadable:
            text = tr.t("This file is not a diary file this app can read. It was kept aside, nothing was added.")
        else:
            parts = [
                tr.ngettext("{n} entry added.", "{n} entries added.", report.added).format(n=tr.number(report.added)),
                tr.ngettext(
                    "{n} was already in the diary.", "{n} were already in the diary.", report.duplicates
                ).format(n=tr.number(report.duplicates)),
            ]
            if report.set_aside:
                parts.append(
                    tr.ngettext(
                        "{n} could not be read and was kept aside.",
                        "{n} could not be read and were kept aside.",
                        report.set_aside,
                    ).format(n=tr.number(report.set_aside))
                )
            text = " ".join(parts)
        app.tell(text, routes.DIARY)
