"""Clinic links: presets are validated; hostile or malformed values are refused, never shown or dialled."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobile_app.followup.clinic_link import (
    ClinicPreset,
    LinkError,
    app_address,
    build_link,
    clean_base_url,
    parse_link,
    parse_query,
)


def test_a_good_link_round_trips(content) -> None:
    preset = ClinicPreset(lang="es", country="MX", clinic="Clínica Santa Fe", phone="+52 55 1234 5678")
    link = build_link("http://127.0.0.1:8550", ClinicPreset(lang="es", country="MX", clinic="Clínica Santa Fe",
                                                            phone="+525512345678"), content)
    got = parse_link(link, content)
    assert got == ClinicPreset(lang="es", country="MX", clinic="Clínica Santa Fe", phone="+525512345678")
    assert parse_query(urlencode(preset.__dict__), content).phone == "+525512345678"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("clinic=<script>alert(1)</script>", "LINK_BAD_CLINIC"),
        ("clinic=" + "A" * 61, "LINK_BAD_CLINIC"),
        ("clinic=Dr%20Who%0A%0DInjected", "LINK_BAD_CLINIC"),
        ("clinic=**bold**", "LINK_BAD_CLINIC"),
        ("clinic=" + "%CC%81" * 60, "LINK_BAD_CLINIC"),  # 60 combining accents on nothing (issue 17)
        ("clinic=Clinic" + "%CC%81" * 5, "LINK_BAD_CLINIC"),  # stacked on one letter
        ("clinic=%CC%81Clinic", "LINK_BAD_CLINIC"),  # a mark before any letter
        ("clinic=2024", "LINK_BAD_CLINIC"),  # no letter
        ("phone=911;drop", "LINK_BAD_PHONE"),
        ("phone=javascript:alert(1)", "LINK_BAD_PHONE"),
        ("phone=12", "LINK_BAD_PHONE"),
        ("phone=%2B1%2B2", "LINK_BAD_PHONE"),
        ("lang=klingon", "LINK_BAD_LANGUAGE"),
        ("country=XX", "LINK_BAD_COUNTRY"),
        ("lang=es&lang=fr", "LINK_REPEATED_PARAM"),
        ("theme=dark", "LINK_UNKNOWN_PARAM"),
        ("lang", "LINK_MALFORMED"),
        ("clinic=" + "x" * 700, "LINK_TOO_LONG"),
    ],
)
def test_hostile_or_malformed_values_are_refused(content, query: str, code: str) -> None:
    with pytest.raises(LinkError) as err:
        parse_query(query, content)
    assert err.value.code == code


def test_a_phone_is_only_ever_digits(content) -> None:
    assert parse_query("phone=(020) 7946-0958", content).phone == "02079460958"


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["lang", "country", "clinic", "phone", "other"]), st.text(max_size=80),
                       max_size=5))
def test_parsing_any_query_either_refuses_or_gives_clean_values(content, params: dict) -> None:
    try:
        preset = parse_query(urlencode(params), content)
    except LinkError as exc:
        assert exc.code.startswith("LINK_")
        return
    if preset.phone is not None:
        assert preset.phone.lstrip("+").isdigit() and 3 <= len(preset.phone.lstrip("+")) <= 15
    if preset.clinic is not None:
        assert not set(preset.clinic) & set("<>{}[]\"`\\*_#|\n\r\t:;=")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parsing_any_string_never_crashes(content, raw: str) -> None:
    try:
        preset = parse_query(raw, content)
    except LinkError as exc:
        assert exc.code.startswith("LINK_")
    else:
        assert isinstance(preset, ClinicPreset)


@pytest.mark.parametrize(
    ("page_url", "address"),
    [
        ("ws://127.0.0.1:8550", "http://127.0.0.1:8550"),
        ("wss://calf.example.org/app", "https://calf.example.org/app"),
        ("https://calf.example.org/check/index.html?x=1#/diary", "https://calf.example.org/check"),
        ("http://localhost:8550/", "http://localhost:8550"),
        ("tcp://127.0.0.1:50000", None),
        ("dartbridge://1234", None),
        ("", None),
        (None, None),
    ],
)
def test_the_app_address_comes_from_where_the_app_was_reached(page_url, address) -> None:
    assert app_address(page_url) == address


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "ftp://x.org", "http://", "https://x.org/?a=1", "http://u@x.org", "http://a b.org",
            "https://x.org/#top", "https://x.org/\u202e"],
)
def test_a_typed_app_address_must_be_a_plain_web_address(bad: str) -> None:
    with pytest.raises(LinkError) as err:
        clean_base_url(bad)
    assert err.value.param == "address"


def test_a_typed_app_address_is_kept_as_typed() -> None:
    assert clean_base_url(" https://calf.example.org/app/ ") == "https://calf.example.org/app"


@pytest.mark.parametrize(
    "name",
    ["Clínica São José", "Cle\u0301ment Clinic", "अस्पताल क्षेत्र", "مُسْتَشْفَى الشِّفَاء", "Bệnh viện Chợ Rẫy", "北京协和医院"],
)
def test_real_clinic_names_with_accents_and_vowel_signs_are_kept(name: str) -> None:
    import unicodedata

    from mobile_app.followup.clinic_link import clean_clinic_name

    assert clean_clinic_name(name) == unicodedata.normalize("NFC", name)
