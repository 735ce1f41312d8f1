"""Clinic links' verbs: applying a link the app was opened with, forgetting its clinic, and the clinic tools
(one verb per field of the form, the link, the handout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mobile_app.followup import clinic_link, report

from ..texts import open_translator

if TYPE_CHECKING:
    from ..controller import Controller


class ClinicController:
    def __init__(self, app: Controller) -> None:
        self.app = app

    async def apply_link(self, query: str) -> None:
        """Apply a clinic link's settings (language, country, clinic); a bad link is refused whole and told."""
        app = self.app
        try:
            preset = clinic_link.parse_query(query, app.state.content)
        except clinic_link.LinkError as err:
            app.session.link_error = err
            app.session.link_error_lang = _valid_language(query, app)
            return
        if preset.lang:
            app.state.choose_language(preset.lang)
            app.session.set_language(preset.lang)
        if preset.country:
            app.state.choose_country(preset.country)
        if preset.clinic or preset.phone:
            app.records.clinic = clinic_link.ClinicPreset(clinic=preset.clinic, phone=preset.phone)
            await app.records_store.save_clinic(app.records)
        await app.store.save(app.state)

    async def forget(self) -> None:
        self.app.records.forget_clinic()
        await self.app.records_store.save_clinic(self.app.records)
        self.app.render()

    def open_form(self) -> None:
        """The clinic tools are shown: the form starts from the app's address, language and country."""
        form = self.app.session.clinic_form
        if not form.address:
            form.address = self.app.services.address or ""
            form.lang, form.country = self.app.state.lang, self.app.state.country

    def _edited(self) -> None:
        """A field changed: the link made from the form before is gone (a text field shows what was typed)."""
        form = self.app.session.clinic_form
        form.link = None
        form.error = None

    async def set_lang(self, lang: str) -> None:
        self.app.session.clinic_form.lang = lang
        self._edited()
        self.app.render()

    async def set_country(self, code: str) -> None:
        self.app.session.clinic_form.country = code
        self._edited()
        self.app.render()

    async def set_name(self, name: str) -> None:
        self.app.session.clinic_form.clinic = name
        self._edited()

    async def set_phone(self, phone: str) -> None:
        self.app.session.clinic_form.phone = phone
        self._edited()

    async def set_address(self, address: str) -> None:
        self.app.session.clinic_form.address = address
        self._edited()

    async def make_link(self) -> None:
        form = self.app.session.clinic_form
        try:
            base = clinic_link.clean_base_url(form.address)
            clinic, phone = _cleaned(form.clinic, form.phone)
            preset = clinic_link.ClinicPreset(lang=form.lang, country=form.country, clinic=clinic, phone=phone)
            form.link = clinic_link.build_link(base, preset, self.app.state.content)
            form.error = None
        except clinic_link.LinkError as err:
            form.link, form.error = None, err.param
        self.app.render()

    async def download_handout(self, paper: str) -> None:
        app = self.app
        form = app.session.clinic_form
        if form.link is None:
            return
        tr, _ = open_translator(form.lang)
        route, link = app.route, form.link
        clinic, phone = _cleaned(form.clinic, form.phone)
        try:
            pdf = await app.make_pdf(lambda: report.handout_pdf(tr, link=link, clinic=clinic, phone=phone, paper=paper))
        except report.PdfUnavailable:
            app.tell(app.tr.t("The PDF cannot be made on this device."), route)
            return
        name = f"calf-check-handout-{paper.lower()}.pdf"
        await app.save_file(name, pdf, app.tr.t("The handout was saved."), route)


def _cleaned(clinic: str, phone: str) -> tuple[str | None, str | None]:
    """The clinic's name and phone as a link carries them (None when left empty); raises LinkError."""
    return clinic_link.clean_contact(clinic if clinic.strip() else None, phone if phone.strip() else None)


def _valid_language(query: str, app: Controller) -> str | None:
    """The language a refused link asked for, when that one setting is valid on its own (else None: the app's)."""
    from urllib.parse import parse_qs

    asked = parse_qs(query[: clinic_link.MAX_QUERY]).get("lang", [])
    if len(asked) != 1:
        return None
    try:
        return clinic_link.parse_query({"lang": asked}, app.state.content).lang
    except clinic_link.LinkError:
        return None
