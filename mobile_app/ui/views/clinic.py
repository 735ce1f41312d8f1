"""Tools for clinics: a link (and its QR code) that opens the app in the patients' language and country with the
clinic's name and phone, and a printable handout (A4 or Letter)."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable

import flet as ft
import segno

from mobile_app.followup.report import paper_for

from .. import routes
from ..components.layout import card, copy_button, heading, nav_button, paragraph, screen
from ..context import Ctx
from ..fonts import LANGUAGE_NAME_FALLBACK
from ..texts import countries_sorted, language_label, language_names
from .diary import flash


def qr_png(link: str) -> bytes:
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=8, border=2)
    return buf.getvalue()


def _error_text(ctx: Ctx, param: str) -> str:
    tr = ctx.tr
    return {
        "clinic": tr.t("Check the clinic name. Use letters, numbers and simple marks, 60 at most."),
        "phone": tr.t("Check the phone number: 3 to 15 digits, with a + in front if needed."),
        "address": tr.t("Check the app address: it starts with http:// or https://."),
    }.get(param, tr.t("Check the language and the country."))


def _form(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr
    form = ctx.session.clinic_form

    async def set_lang(e: ft.Event[ft.Dropdown]) -> None:
        await ctx.app.clinic.set_lang(e.control.value or "")

    async def set_country(e: ft.Event[ft.Dropdown]) -> None:
        await ctx.app.clinic.set_country(e.control.value or "")

    async def set_name(e: ft.Event[ft.TextField]) -> None:
        await ctx.app.clinic.set_name(e.control.value or "")

    async def set_phone(e: ft.Event[ft.TextField]) -> None:
        await ctx.app.clinic.set_phone(e.control.value or "")

    async def set_address(e: ft.Event[ft.TextField]) -> None:
        await ctx.app.clinic.set_address(e.control.value or "")

    names = dict(language_names())
    chosen_lang = language_label(form.lang, names[form.lang], ctx.state.lang) if form.lang in names else None
    lang = ft.Dropdown(
        label=tr.t("Language of your patients"),
        value=form.lang,
        options=[
            ft.DropdownOption(
                key=code,
                text=language_label(code, name, ctx.state.lang),
                content=ft.Text(
                    language_label(code, name, ctx.state.lang), font_family_fallback=LANGUAGE_NAME_FALLBACK
                ),
            )
            for code, name in language_names()
        ],
        on_select=set_lang,
        expanded_insets=ft.Padding.all(0),
    )
    country = ft.Dropdown(
        label=tr.t("Country"),
        value=form.country,
        options=[
            ft.DropdownOption(key=code, text=name) for code, name in countries_sorted(ctx.content, ctx.state.lang)
        ],
        on_select=set_country,
        enable_filter=True,
        editable=True,
        expanded_insets=ft.Padding.all(0),
        # The arrow that opens the list is a button of its own: named, or screen readers say only "button".
        trailing_icon=ft.Icon(ft.Icons.ARROW_DROP_DOWN, semantics_label=tr.t("Change country")),
        selected_trailing_icon=ft.Icon(ft.Icons.ARROW_DROP_UP, semantics_label=tr.t("Change country")),
    )
    error = form.error
    clinic = ft.TextField(
        label=tr.t("Clinic name (optional)"),
        value=form.clinic,
        max_length=60,
        on_change=set_name,
        error=_error_text(ctx, "clinic") if error == "clinic" else None,
    )
    phone = ft.TextField(
        label=tr.t("Clinic phone (optional)"),
        value=form.phone,
        keyboard_type=ft.KeyboardType.PHONE,
        max_length=20,
        on_change=set_phone,
        error=_error_text(ctx, "phone") if error == "phone" else None,
    )
    address = ft.TextField(
        label=tr.t("App address"),
        value=form.address,
        keyboard_type=ft.KeyboardType.URL,
        rtl=False,
        on_change=set_address,
        error=_error_text(ctx, "address") if error == "address" else None,
    )

    async def make(_: ft.Event[ft.FilledButton]) -> None:
        await ctx.app.clinic.make_link()

    out: list[ft.Control] = [
        # The list's button says nothing by itself: its label and the language chosen, as they are shown.
        ft.Semantics(
            identifier="clinic-lang",
            label=tr.t("Language of your patients"),
            value=chosen_lang,
            content=lang,
        ),
        ft.Semantics(identifier="clinic-country", content=country),
        ft.Semantics(identifier="clinic-name", content=clinic),
        ft.Semantics(identifier="clinic-phone", content=phone),
        ft.Semantics(identifier="clinic-address", content=address),
        nav_button(tr.t("Make the link"), ft.Icons.LINK, "make-link", make, filled=True),
    ]
    if error in ("lang", "country", ""):
        out.append(
            ft.Semantics(
                identifier="clinic-error",
                content=ft.Text(_error_text(ctx, error or ""), color=ctx.colors.error),
                live_region=True,
            )
        )
    return out


def _link(ctx: Ctx) -> list[ft.Control]:
    tr = ctx.tr
    form = ctx.session.clinic_form
    if form.link is None:
        return []
    link = form.link

    def download(paper: str) -> Callable[[ft.Event[ft.OutlinedButton]], Awaitable[None]]:
        async def handler(_: ft.Event[ft.OutlinedButton]) -> None:
            await ctx.app.clinic.download_handout(paper)

        return handler

    first = paper_for(form.country)
    papers = [first, "Letter" if first == "A4" else "A4"]
    labels = {"A4": tr.t("Handout to print (A4)"), "Letter": tr.t("Handout to print (Letter)")}
    return [
        card(
            ctx,
            [
                heading(tr.t("Your link"), size="small"),
                ft.Semantics(
                    identifier="clinic-link",
                    label=link,
                    # A web address reads left to right in every language.
                    content=ft.Container(content=ft.Text(link, selectable=True), rtl=False),
                    container=True,
                ),
                ft.Row(
                    controls=[
                        ft.Image(
                            src=qr_png(link),
                            width=220,
                            height=220,
                            fit=ft.BoxFit.CONTAIN,
                            semantics_label=tr.t("QR code of the link"),
                        )
                    ],
                    alignment=ft.MainAxisAlignment.CENTER,
                ),
                copy_button(ctx, link, tr.t("Copy the link"), identifier="copy-link"),
                *[
                    nav_button(labels[p], ft.Icons.PRINT, f"handout-{p.lower()}", download(p), filled=i == 0)
                    for i, p in enumerate(papers)
                ],
            ],
        )
    ]


def build(ctx: Ctx) -> ft.View:
    tr = ctx.tr
    body: list[ft.Control] = [
        *flash(ctx),
        heading(tr.t("Tools for clinics")),
        paragraph(
            tr.t(
                "Make a link that opens the app in your patients' language and country, with your clinic's name "
                "and a button to call you. Print the handout with its QR code for your waiting room."
            ),
            ctx,
        ),
        paragraph(tr.t("The link holds only these settings. Nothing about a patient is ever in it."), ctx, muted=True),
        *_form(ctx),
        *_link(ctx),
    ]
    return screen(ctx, routes.CLINIC, tr.t("Tools for clinics"), body)
