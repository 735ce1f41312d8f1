"""What the app asks of the device beyond the screen: dialogs, the clipboard, saving and opening files, sharing.

Measured in Flet 1.0.5 (web client in Chromium, phone emulation):
- `FilePicker.save_file(file_name=..., src_bytes=...)` downloads the file on the web (it returns None there);
  on phones it opens the system's save dialog.
- `FilePicker.pick_files(with_data=True)` returns the chosen file's bytes on the web and on phones; the
  `ft.PickFiles` action opens the picker inside the tap itself, which iOS Safari requires.
- `ft.Clipboard().set(text)` works on the web; the `ft.CopyToClipboard` action copies inside the tap (Safari).
- `ft.Share().share_text` fails in a desktop or headless browser ("canShare is not a function"), so the app
  offers Share only when it runs as a phone app (`page.web` is False).
Nothing here sends anything anywhere: every file goes where the person chooses.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import flet as ft

from mobile_app.followup.clinic_link import app_address


class Services(Protocol):
    """The controller's access to the device (tests pass a recording fake)."""

    can_share: bool
    address: str | None
    """The web address the app was opened at (for clinic links), None in a phone app."""

    def show_dialog(self, dialog: ft.DialogControl) -> None: ...

    def close_dialog(self) -> None: ...

    def copy_action(self, text: str) -> Any:
        """A client action that copies `text` inside the tap, or None where actions are not available."""

    def pick_action(self) -> Any:
        """A client action that opens the file picker inside the tap (results go to on_picked), or None."""

    async def copy(self, text: str) -> None: ...

    async def pick_file(self) -> bytes | None: ...

    async def save_file(self, name: str, data: bytes) -> None: ...

    async def share(self, text: str) -> None: ...

    async def announce(self, text: str, *, rtl: bool = False) -> None:
        """Have the screen reader, if one is on, say this at once."""
        ...

    def let_go(self) -> None:
        """The session is gone: drop what leads back to the app (a picked file's handler)."""


class NoServices:
    """A page without a device (views built in tests): dialogs and files do nothing."""

    can_share = False
    address: str | None = None

    def show_dialog(self, dialog: ft.DialogControl) -> None:
        return None

    def close_dialog(self) -> None:
        return None

    def copy_action(self, text: str) -> Any:
        return None

    def pick_action(self) -> Any:
        return None

    async def copy(self, text: str) -> None:
        return None

    async def pick_file(self) -> bytes | None:
        return None

    async def save_file(self, name: str, data: bytes) -> None:
        return None

    async def share(self, text: str) -> None:
        return None

    async def announce(self, text: str, *, rtl: bool = False) -> None:
        return None

    def let_go(self) -> None:
        return None


class PageServices:
    """The real device, through a Flet page. Create it inside the session (services register with the page)."""

    def __init__(self, page: ft.Page, on_picked: Callable[[bytes | None], Awaitable[None]]) -> None:
        self.page = page
        self._on_picked = on_picked
        self.can_share = not page.web
        try:
            self.address = app_address(page.url)
        except Exception:  # no connection details (a test page)
            self.address = None
        self._picker = ft.FilePicker(on_result=self._picked)
        self._clipboard = ft.Clipboard()
        self._share = ft.Share() if self.can_share else None
        self._semantics = ft.SemanticsService()

    async def _picked(self, e: ft.FilePickerResultEvent) -> None:
        files = e.files or []
        await self._on_picked(files[0].bytes if files else None)

    def let_go(self) -> None:
        self._on_picked = _nothing_picked

    def show_dialog(self, dialog: ft.DialogControl) -> None:
        self.page.show_dialog(dialog)

    def close_dialog(self) -> None:
        self.page.pop_dialog()

    def copy_action(self, text: str) -> Any:
        return ft.CopyToClipboard(text)

    def pick_action(self) -> Any:
        return ft.PickFiles(self._picker, with_data=True)

    async def copy(self, text: str) -> None:
        await self._clipboard.set(text)

    async def pick_file(self) -> bytes | None:
        files = await self._picker.pick_files(with_data=True)
        return files[0].bytes if files else None

    async def save_file(self, name: str, data: bytes) -> None:
        await self._picker.save_file(file_name=name, src_bytes=data)

    async def share(self, text: str) -> None:
        if self._share is not None:
            await self._share.share_text(text)

    async def announce(self, text: str, *, rtl: bool = False) -> None:
        with contextlib.suppress(Exception):  # a platform without announcements: the screen still shows it
            await self._semantics.announce_message(text, rtl=rtl, assertiveness=ft.Assertiveness.ASSERTIVE)


async def _nothing_picked(data: bytes | None) -> None:
    """What a picked file does once the session is gone: nothing."""
    return None
