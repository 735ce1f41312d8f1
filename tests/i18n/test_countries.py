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
             "IN": "108", "JP": "119", "CN": "120", "BR": "192", "FR": "15", "ZA": "10177", "MA": "141", "CO": "123"}
    for code, number in known.items():
        assert content.country_by_code[code].emergency_number == number, code


def test_every_country_names_every_medicine_in_every_language(content) -> None:
    for country in content.countries.countries:
        for lang in ("en", "ar", "zh_Hans", "hi"):
            values = placeholders(content, country.code, Translator(lang))
            assert all(values.values()), (country.code, lang)


# Clinical review corrections (issue 15): one test per fact, each of which would have caught the error.


def _others(content, code: str) -> dict[str, str]:
    return {o.number: o.kind for o in content.country_by_code[code].other_emergency_numbers}


def test_india_one_tap_is_the_108_ambulance_and_112_is_shown_too(content) -> None:
    india = content.country_by_code["IN"]
    assert india.emergency_number == "108"  # the ambulance control room itself (in_emergency)
    assert _others(content, "IN") == {"112": "all_services"}  # ERSS, police, fire and ambulance


def test_south_africa_one_tap_is_10177_and_112_from_mobiles_is_shown_too(content) -> None:
    assert content.country_by_code["ZA"].emergency_number == "10177"
    assert _others(content, "ZA") == {"112": "from_mobiles"}


def test_morocco_one_tap_is_the_141_samu_and_15_is_civil_protection(content) -> None:
    assert content.country_by_code["MA"].emergency_number == "141"
    assert _others(content, "MA") == {"15": "civil_protection"}


def test_colombia_is_123(content) -> None:
    assert content.country_by_code["CO"].emergency_number == "123"


def test_france_offers_no_nationwide_116_117_line(content) -> None:
    """116 117 is regional and answers only when practices are closed: never offered as a line at any hour."""
    france = content.country_by_code["FR"]
    assert france.urgent_line is None
    assert france.emergency_number == "15" and _others(content, "FR") == {"112": "all_services"}
    assert "116 117" in content.meta.sources["fr_emergency"]  # why it is not there is written down


def test_chinese_paracetamol_brands_are_brands_not_the_old_generic_name(content) -> None:
    brands = content.country_by_code["CN"].medicines.acetaminophen.brands
    assert "扑热息痛" not in brands
    assert "泰诺" not in brands  # a cold remedy with four ingredients, not plain paracetamol


def test_no_brand_is_a_generic_name(content) -> None:
    old_generic_names = {"扑热息痛", "醋氨酚", "paracetamol", "acetaminophen", "APAP"}
    for country in content.countries.countries:
        for med in country.medicines.__class__.model_fields:
            entry = getattr(country.medicines, med)
            generic = {n.casefold() for n in entry.name.values()} | {n.casefold() for n in old_generic_names}
            for brand in entry.brands:
                assert brand.casefold() not in generic, (country.code, med, brand)


def test_every_country_cites_at_least_one_known_source_key(content) -> None:
    for country in content.countries.countries:
        assert country.sources, country.code
        unknown = [key for key in country.sources if key not in content.meta.sources]
        assert not unknown, (country.code, unknown)
        # Its emergency number itself is named in what it cites.
        cited = " ".join(content.meta.sources[key] for key in country.sources)
        assert country.emergency_number in cited.replace(" ", ""), country.code


def test_other_emergency_numbers_are_cited_and_differ_from_the_one_tap_number(content) -> None:
    for country in content.countries.countries:
        cited = " ".join(content.meta.sources[key] for key in country.sources).replace(" ", "")
        for other in country.other_emergency_numbers:
            assert other.number != country.emergency_number, country.code
            assert other.number in cited, (country.code, other.number)


def test_an_urgent_line_is_named_in_the_country_sources(content) -> None:
    for country in content.countries.countries:
        if country.urgent_line is not None:
            cited = " ".join(content.meta.sources[key] for key in country.sources).replace(" ", "")
            assert country.urgent_line.number in cited, country.code
