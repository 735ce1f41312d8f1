"""What belongs to one session besides the check (state.AppState) and the records (records.Records): its
translator, brightness, one-off messages, and what the follow-up screens are in the middle of."""

from __future__ import annotations

from dataclasses import dataclass, field

from mobile_app.core.engine import Assessment
from mobile_app.core.i18n import Translator
from mobile_app.followup.clinic_link import LinkError

from .records import ClinicForm
from .texts import open_translator


@dataclass
class Session:
    tr: Translator
    catalog_missing: bool = False
    """The chosen language has no catalog yet: English is shown, with a note."""
    dark: bool = False
    notice: str | None = None
    """A one-off message for the start screen: "restore_failed" or "cleared"."""
    flash: tuple[str, str] | None = None
    """(route, message): a one-off message after an action, shown on that screen until it is left."""
    diary_result: Assessment | None = None
    """The urgent result of a diary entry, shown at /diary/result."""
    summary_lang: str | None = None
    """The doctor's language for the summary, when it differs from the person's."""
    clinic_form: ClinicForm = field(default_factory=ClinicForm)
    link_error: LinkError | None = None
    """A clinic link that was refused: the start screen says which setting was wrong."""
    link_error_lang: str | None = None
    """The refused link's own language when that setting was valid: the refusal is said in it (issue 14)."""

    @classmethod
    def open(cls, lang: str) -> Session:
        tr, missing = open_translator(lang)
        return cls(tr, missing)

    def set_language(self, lang: str) -> None:
        self.tr, self.catalog_missing = open_translator(lang)

    def flash_on(self, route: str) -> str | None:
        """The one-off message for this screen, if there is one."""
        return self.flash[1] if self.flash is not None and self.flash[0] == route else None
