"""Countries written in French, English, native languages or as codes."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grc_toolkit.cleaners.base import REASONS
from grc_toolkit.cleaners.countries import clean_countries, country_code, country_name, infer_countries

# raw -> ISO2 (the French name is checked separately)
RECOGNISED = [
    ("France", "FR"),
    ("FRANCE", "FR"),
    ("france ", "FR"),
    ("FR", "FR"),
    ("fr", "FR"),
    ("FRA", "FR"),
    ("Fr.", "FR"),
    ("Allemagne", "DE"),
    ("Deutschland", "DE"),
    ("Germany", "DE"),
    ("DE", "DE"),
    ("DEU", "DE"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Royaume Uni", "GB"),
    ("Royaume-Uni", "GB"),
    ("Angleterre", "GB"),
    ("Grande-Bretagne", "GB"),
    ("England", "GB"),
    ("Ecosse", "GB"),
    ("Écosse", "GB"),
    ("Great Britain", "GB"),
    ("United Kingdom", "GB"),
    ("GB", "GB"),
    ("GBR", "GB"),
    ("Pays de Galles", "GB"),
    ("Hollande", "NL"),
    ("Pays Bas", "NL"),
    ("Pays-Bas", "NL"),
    ("Nederland", "NL"),
    ("Netherlands", "NL"),
    ("NL", "NL"),
    ("Belgique", "BE"),
    ("België", "BE"),
    ("Belgie", "BE"),
    ("Belgium", "BE"),
    ("Belgien", "BE"),
    ("Suisse", "CH"),
    ("Schweiz", "CH"),
    ("Svizzera", "CH"),
    ("Switzerland", "CH"),
    ("CHE", "CH"),
    ("Espagne", "ES"),
    ("España", "ES"),
    ("Spain", "ES"),
    ("Italie", "IT"),
    ("Italia", "IT"),
    ("Italy", "IT"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("Etats-Unis", "US"),
    ("États Unis", "US"),
    ("ETATS UNIS", "US"),
    ("United States", "US"),
    ("Etats-Unis d'Amérique", "US"),
    ("Luxembourg", "LU"),
    ("Luxemburg", "LU"),
    ("Österreich", "AT"),
    ("Autriche", "AT"),
    ("Irlande", "IE"),
    ("Portugal", "PT"),
    ("Canada", "CA"),
    ("Québec", "CA"),
    ("Danemark", "DK"),
    ("Danmark", "DK"),
    ("Suède", "SE"),
    ("Norvège", "NO"),
    ("Pologne", "PL"),
    ("Polska", "PL"),
    ("Tchéquie", "CZ"),
    ("République tchèque", "CZ"),
    ("Japon", "JP"),
    ("Chine", "CN"),
    ("Maroc", "MA"),
    ("Algérie", "DZ"),
    ("Côte d'Ivoire", "CI"),
    ("Cote d Ivoire", "CI"),
    ("Corée du Sud", "KR"),
    ("Ile Maurice", "MU"),
    ("Monaco", "MC"),
    ("Andorre", "AD"),
    ("Corse", "FR"),
    ("Martinique", "MQ"),
    ("Guadeloupe", "GP"),
    ("Réunion", "RE"),
    ("La Réunion", "RE"),
    ("REUNION", "RE"),
    ("Guyane", "GF"),
    ("Guyane française", "GF"),
    ("Mayotte", "YT"),
    ("DOM", "FR"),
    ("St Pierre et Miquelon", "PM"),
    ("Nouvelle-Calédonie", "NC"),
    ("Polynésie française", "PF"),
    ("Tahiti", "PF"),
]


@pytest.mark.parametrize(("raw", "iso2"), RECOGNISED)
def test_country_code(raw, iso2):
    assert country_code(raw) == iso2


# raw -> (value in French, status, reason)
FRENCH_NAMES = [
    ("France", "France", "valid", ""),
    ("FRANCE", "France", "corrected", "country.standardised"),
    ("FR", "France", "corrected", "country.standardised"),
    ("Deutschland", "Allemagne", "corrected", "country.standardised"),
    ("UK", "Royaume-Uni", "corrected", "country.standardised"),
    ("Royaume-Uni", "Royaume-Uni", "valid", ""),
    ("Hollande", "Pays-Bas", "corrected", "country.standardised"),
    ("België", "Belgique", "corrected", "country.standardised"),
    ("Schweiz", "Suisse", "corrected", "country.standardised"),
    ("USA", "États-Unis", "corrected", "country.standardised"),
    ("Martinique", "Martinique", "valid", ""),
    ("Réunion", "La Réunion", "corrected", "country.standardised"),
    ("  Belgique ", "Belgique", "corrected", "text.spaces"),
    ("ALLEMAGNE  ", "Allemagne", "corrected", "text.spaces,country.standardised"),
    ("Atlantide", "Atlantide", "invalid", "country.unknown"),
    ("Bretagne", "Bretagne", "invalid", "country.unknown"),
    ("", "", "empty", ""),
    ("NULL", "", "empty", "text.placeholder"),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), FRENCH_NAMES)
def test_clean_countries_french_names(raw, value, status, reason):
    result = clean_countries(pd.Series([raw]))
    assert (result.values[0], result.status[0], result.reason[0]) == (value, status, reason)


def test_clean_countries_names_are_french_or_iso2():
    raw = pd.Series(["Allemagne", "Royaume Uni", "pays-bas", "Suisse", "Inconnu", None])
    names = clean_countries(raw)
    assert names.values.tolist() == ["Allemagne", "Royaume-Uni", "Pays-Bas", "Suisse", "Inconnu", ""]
    codes = clean_countries(raw, country_format="iso2")
    assert codes.values.tolist() == ["DE", "GB", "NL", "CH", "Inconnu", ""]
    assert codes.status.tolist() == ["corrected", "corrected", "corrected", "corrected", "invalid", "empty"]
    assert codes.extra["iso2"].tolist() == ["DE", "GB", "NL", "CH", "", ""]


def test_clean_countries_rejects_unknown_format():
    with pytest.raises(ValueError, match="country_format"):
        clean_countries(pd.Series(["France"]), country_format="iso3")


@pytest.mark.parametrize(
    ("iso2", "lang", "name"),
    [
        ("FR", "fr", "France"),
        ("DE", "fr", "Allemagne"),
        ("GB", "fr", "Royaume-Uni"),
        ("NL", "fr", "Pays-Bas"),
        ("BE", "fr", "Belgique"),
        ("CH", "fr", "Suisse"),
        ("US", "fr", "États-Unis"),
        ("gb", "en", "United Kingdom"),
        ("MQ", "fr", "Martinique"),
        ("", "fr", ""),
        ("XX", "fr", ""),
    ],
)
def test_country_name(iso2, lang, name):
    assert country_name(iso2, lang=lang) == name


def test_infer_countries_order_postcode_phone_email_then_doubtful_postcode():
    filled, source = infer_countries(
        pd.Series(["", "", "", "", ""]),
        postal_country=pd.Series(["FR", "", "", "", ""]),
        phone_country=pd.Series(["RE", "MQ", "", "", "FR"]),
        email_country=pd.Series(["DE", "DE", "BE", "", "FR"]),
        weak_postal_country=pd.Series(["", "", "FR", "FR", "FR"]),
        foreign_address=pd.Series([False, False, False, False, True]),
    )
    # an overseas department found from a phone is France; a foreign city rules out French hints
    assert filled.tolist() == ["FR", "FR", "BE", "FR", ""]
    assert source.tolist() == ["code postal", "telephone", "courriel", "code postal", ""]


def test_infer_countries_prefers_the_postcode_then_the_phone():
    index = [5, 1, 9, 2, 7]
    filled, source = infer_countries(
        pd.Series(["BE", "", "", "", None], index=index),
        phone_country=pd.Series(["FR", "CH", "DE", "", "GB"], index=index),
        postal_country=pd.Series(["", "FR", "", "", ""], index=index),
    )
    assert filled.tolist() == ["BE", "FR", "DE", "", "GB"]
    assert source.tolist() == ["", "code postal", "telephone", "", "telephone"]
    assert list(filled.index) == index and list(source.index) == index


def test_index_kept_and_input_untouched():
    raw = pd.Series(["UK", None, "UK", "Mars"], index=["a", "b", "c", "d"])
    before = raw.copy()
    result = clean_countries(raw)
    assert list(result.values.index) == ["a", "b", "c", "d"]
    assert list(result.extra["iso2"].index) == ["a", "b", "c", "d"]
    pd.testing.assert_series_equal(raw, before)


def test_reason_codes_are_worded():
    for code in ("country.standardised", "country.unknown"):
        french, english = REASONS[code]
        assert french and english and french == french.lower()


@settings(derandomize=True, max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([row[0] for row in RECOGNISED] + ["", "Atlantide", "n/a"]), min_size=1, max_size=5),
    st.sampled_from(["name", "iso2"]),
)
def test_clean_countries_is_idempotent(raw, country_format):
    once = clean_countries(pd.Series(raw), country_format=country_format)
    twice = clean_countries(once.values, country_format=country_format)
    assert twice.values.tolist() == once.values.tolist()
    assert twice.extra["iso2"].tolist() == once.extra["iso2"].tolist()


@pytest.mark.parametrize(("raw", "name"), [("F", "France"), ("D", "Allemagne"), ("B", "Belgique"), ("I", "Italie")])
def test_vehicle_letters_in_a_country_column(raw: str, name: str) -> None:
    assert clean_countries(pd.Series([raw])).values.tolist() == [name]
