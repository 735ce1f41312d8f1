"""Country profiles: enough countries on every continent, and numbers a frightened person can dial."""

from __future__ import annotations

from mobile_app.core.i18n import Translator, placeholders

CONTINENTS = {
    "north_america": {"US", "CA", "MX"},
    "south_america": {"BR", "AR", "CO"},
    "europe": {"GB", "IE", "ES", "FR", "DE", "IT", "PT"},
    "africa": {"EG", "MA", "NG", "KE", "ZA"},
    "asia": {"IN", "CN", "VN", "PH", "JP", "SA", "AE"},
    "oceania": {"AU", "NZ"},
}


def test_at_least_20_countries_on_every_continent(content) -> None:
    codes = set(content.country_by_code)
    assert len(codes) >= 20
    for continent, members in CONTINENTS.items():
        assert codes & members, continent


def test_well_known_emergency_numbers(content) -> None:
    known = {"US": "911", "CA": "911", "GB": "999", "ES": "112", "DE": "112", "AU": "000", "NZ": "111",
             "IN": "108", "JP": "119", "CN": "120", "BR": "192", "FR": "15"}
    for code, number in known.items():
        assert content.country_by_code[code].emergency_number == number, code


def test_every_country_names_every_medicine_in_every_language(content) -> None:
    for country in content.countries.countries:
        for lang in ("en", "ar", "zh_Hans", "hi"):
            values = placeholders(content, country.code, Translator(lang))
            assert all(values.values()), (country.code, lang)
