"""Postcodes, cities and address lines against the official list of French communes."""

from __future__ import annotations

import csv
import gzip
import io
from importlib import resources

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grc_toolkit.cleaners.addresses import (
    city_key,
    clean_address_lines,
    clean_cities,
    clean_postal_codes,
    communes_for,
    is_french_postcode,
)
from grc_toolkit.cleaners.base import REASONS


def _rows(result):
    frame = result.to_frame()
    return [tuple(row) for row in frame[["value", "status", "reason"]].itertuples(index=False)]


# (raw postcode, ISO2 country, raw city) -> (value, status, reason, postal_country, cedex)
POSTCODES = [
    ("35400", "FR", "Saint-Malo", "35400", "valid", "", "", ""),
    ("6000", "FR", "Nice", "06000", "corrected", "postal_code.zero_restored", "", ""),
    ("1000", "", "", "01000", "corrected", "postal_code.zero_restored", "FR", ""),
    ("1000", "", "Bourg en Bresse", "01000", "corrected", "postal_code.zero_restored", "FR", ""),
    ("1000", "", "Bruxelles", "1000", "valid", "", "", ""),
    ("8000", "", "Zürich", "8000", "valid", "", "", ""),
    ("1000", "BE", "Bruxelles", "1000", "valid", "", "", ""),
    ("75001.0", "", "", "75001", "corrected", "postal_code.excel_float", "FR", ""),
    ("6000.0", "FR", "", "06000", "corrected", "postal_code.excel_float,postal_code.zero_restored", "", ""),
    ("75 001", "", "", "75001", "corrected", "postal_code.spaces", "FR", ""),
    ("13 008", "FR", "", "13008", "corrected", "postal_code.spaces", "", ""),
    ("F-75001", "", "", "75001", "corrected", "postal_code.country_prefix", "FR", ""),
    ("FR-75001", "FR", "", "75001", "corrected", "postal_code.country_prefix", "", ""),
    ("F 06000", "", "", "06000", "corrected", "postal_code.country_prefix", "FR", ""),
    ("75008 CEDEX 08", "", "", "75008", "corrected", "postal_code.cedex", "FR", "CEDEX 08"),
    ("69003 Cedex", "FR", "", "69003", "corrected", "postal_code.cedex", "", "CEDEX"),
    ("35043 CEDEX 9", "FR", "", "35043", "corrected", "postal_code.cedex", "", "CEDEX 9"),
    ("97200", "", "", "97200", "valid", "", "FR", ""),
    ("97200", "MQ", "", "97200", "valid", "", "", ""),
    ("97133", "BL", "", "97133", "valid", "", "", ""),
    ("98714", "PF", "", "98714", "valid", "", "", ""),
    ("20000", "FR", "Ajaccio", "20000", "valid", "", "", ""),
    ("75000", "FR", "Paris", "75000", "invalid", "postal_code.unknown", "", ""),
    ("99999", "", "", "99999", "invalid", "postal_code.unknown", "", ""),
    ("99999 CEDEX", "FR", "", "99999 CEDEX", "invalid", "postal_code.unknown", "", "CEDEX"),
    ("750", "FR", "", "750", "invalid", "postal_code.format", "", ""),
    ("75001 Paris", "FR", "", "75001 Paris", "invalid", "postal_code.format", "", ""),
    ("sw1a1aa", "GB", "London", "SW1A 1AA", "corrected", "postal_code.formatted", "", ""),
    ("SW1A 1AA", "GB", "London", "SW1A 1AA", "valid", "", "", ""),
    ("EC1A  1BB", "GB", "", "EC1A 1BB", "corrected", "text.spaces", "", ""),
    ("1012ab", "NL", "Amsterdam", "1012 AB", "corrected", "postal_code.formatted", "", ""),
    ("10115", "DE", "Berlin", "10115", "valid", "", "", ""),
    ("1067", "DE", "Dresden", "01067", "corrected", "postal_code.zero_restored", "", ""),
    ("D-10115", "DE", "", "10115", "corrected", "postal_code.country_prefix", "", ""),
    ("B-1000", "BE", "", "1000", "corrected", "postal_code.country_prefix", "", ""),
    ("1000.0", "BE", "", "1000", "corrected", "postal_code.excel_float", "", ""),
    ("1200", "CH", "Genève", "1200", "valid", "", "", ""),
    ("12345", "CH", "", "12345", "invalid", "postal_code.format", "", ""),
    ("8001", "ES", "Barcelona", "08001", "corrected", "postal_code.zero_restored", "", ""),
    ("100", "IT", "Roma", "00100", "corrected", "postal_code.zero_restored", "", ""),
    ("2134", "US", "Boston", "02134", "corrected", "postal_code.zero_restored", "", ""),
    ("H2X1Y4", "CA", "Montréal", "H2X 1Y4", "corrected", "postal_code.formatted", "", ""),
    ("1000-001", "PT", "Lisboa", "1000-001", "valid", "", "", ""),
    ("98000", "MC", "Monaco", "98000", "valid", "", "", ""),
    ("SW1A 1AA", "", "", "SW1A 1AA", "valid", "", "GB", ""),
    ("4-1-1 Chiyoda", "JP", "", "4-1-1 Chiyoda", "valid", "", "", ""),
    ("NULL", "FR", "", "", "empty", "text.placeholder", "", ""),
    ("", "", "", "", "empty", "", "", ""),
]


@pytest.mark.parametrize(("raw", "country", "city", "value", "status", "reason", "postal_country", "cedex"), POSTCODES)
def test_clean_postal_codes(raw, country, city, value, status, reason, postal_country, cedex):
    result = clean_postal_codes(pd.Series([raw]), country=pd.Series([country]), city=pd.Series([city]))
    assert _rows(result) == [(value, status, reason)]
    assert result.extra["postal_country"].tolist() == [postal_country]
    assert result.extra["cedex"].tolist() == [cedex]


def test_postal_codes_without_country_or_city_columns():
    result = clean_postal_codes(pd.Series(["6000", None, "35400"]))
    assert result.values.tolist() == ["06000", "", "35400"]
    assert result.extra["postal_country"].tolist() == ["FR", "", "FR"]


# (raw city, cleaned postcode, ISO2) -> (value, status, reason, cedex)
CITIES = [
    ("Saint-Malo", "35400", "FR", "Saint-Malo", "valid", "", ""),
    ("ST MALO", "35400", "FR", "Saint-Malo", "corrected", "city.official_name", ""),
    ("st malo", "35400", "", "Saint-Malo", "corrected", "city.official_name", ""),
    ("clermont ferrand", "63000", "FR", "Clermont-Ferrand", "corrected", "city.official_name", ""),
    ("Loison sous Lens", "62218", "FR", "Loison-sous-Lens", "corrected", "city.official_name", ""),
    ("STE MAXIME", "83120", "FR", "Sainte-Maxime", "corrected", "city.official_name", ""),
    ("Chatillon s/ Chalaronne", "01400", "FR", "Châtillon-sur-Chalaronne", "corrected", "city.official_name", ""),
    ("L ABERGEMENT CLEMENCIAT", "01400", "FR", "L'Abergement-Clémenciat", "corrected", "city.official_name", ""),
    ("CHALONS EN CHAMPAGNE", "51000", "FR", "Châlons-en-Champagne", "corrected", "city.official_name", ""),
    ("Fort de France", "97200", "MQ", "Fort-de-France", "corrected", "city.official_name", ""),
    ("st denis", "97400", "RE", "Saint-Denis", "corrected", "city.official_name", ""),
    ("MARSEILLE 8EME", "13008", "FR", "Marseille", "corrected", "city.arrondissement", ""),
    ("Marseille 08", "13008", "FR", "Marseille", "corrected", "city.arrondissement", ""),
    ("Lyon 3e", "69003", "FR", "Lyon", "corrected", "city.arrondissement", ""),
    ("Paris 16", "75116", "FR", "Paris", "corrected", "city.arrondissement", ""),
    ("PARIS 1ER ARRONDISSEMENT", "75001", "FR", "Paris", "corrected", "city.official_name", ""),
    ("Clermont Ferand", "63000", "FR", "Clermont-Ferrand", "corrected", "city.typo", ""),
    ("Vanes", "56000", "FR", "Vannes", "corrected", "city.typo", ""),
    ("Paris Cedex 08", "75008", "FR", "Paris", "corrected", "city.cedex", "CEDEX 08"),
    ("LYON CEDEX03", "69003", "FR", "Lyon", "corrected", "city.cedex,city.official_name", "CEDEX 03"),
    ("RENNES CEDEX 9", "35043", "FR", "Rennes", "corrected", "city.cedex,city.official_name", "CEDEX 9"),
    ("Cherbourg-Octeville", "50100", "FR", "Cherbourg-Octeville", "valid", "", ""),  # commune déléguée
    ("Evry", "91000", "FR", "Évry", "corrected", "city.official_name", ""),  # absorbed in 2019
    ("Évry-Courcouronnes", "91000", "FR", "Évry-Courcouronnes", "valid", "", ""),
    ("", "75001", "FR", "Paris", "corrected", "city.from_postcode", ""),
    ("", "35400", "", "Saint-Malo", "corrected", "city.from_postcode", ""),
    ("", "01000", "FR", "", "empty", "", ""),
    ("Rennes", "35400", "FR", "Rennes", "invalid", "city.postcode_mismatch", ""),
    ("Lyon", "35043", "FR", "Lyon", "invalid", "city.postcode_mismatch", ""),
    ("Pariss", "", "FR", "Pariss", "invalid", "city.unknown", ""),
    ("ST MALO", "", "FR", "Saint-Malo", "corrected", "city.official_name", ""),
    ("Nice", "99999", "FR", "Nice", "valid", "", ""),
    ("MÜNCHEN", "80331", "DE", "München", "corrected", "city.case", ""),
    ("München", "80331", "DE", "München", "valid", "", ""),
    ("BRUXELLES", "1000", "", "Bruxelles", "corrected", "city.case", ""),
    ("London", "", "", "London", "valid", "", ""),
    ("Saint-Malo", "35400", "BE", "Saint-Malo", "valid", "", ""),
    ("  ST   MALO ", "35400", "FR", "Saint-Malo", "corrected", "text.spaces,city.official_name", ""),
    ("SAINT-MALÃ‰", "35400", "FR", "Saint-Malo", "corrected", "text.mojibake,city.typo", ""),
    ("Ã‰VRY", "91000", "FR", "Évry", "corrected", "text.mojibake,city.official_name", ""),
]


@pytest.mark.parametrize(("raw", "postcode", "country", "value", "status", "reason", "cedex"), CITIES)
def test_clean_cities(raw, postcode, country, value, status, reason, cedex):
    result = clean_cities(pd.Series([raw]), postal_code=pd.Series([postcode]), country=pd.Series([country]))
    assert _rows(result) == [(value, status, reason)]
    assert result.extra["cedex"].tolist() == [cedex]


def test_cities_give_the_insee_code_of_the_current_commune():
    result = clean_cities(
        pd.Series(["Marseille 8e", "Cherbourg-Octeville", "Rennes"]),
        postal_code=pd.Series(["13008", "50100", "35400"]),
    )
    assert result.extra["insee"].tolist() == ["13055", "50129", ""]


def test_cities_without_postcode_column():
    result = clean_cities(pd.Series(["clermont-ferrand", None]))
    assert result.values.tolist() == ["Clermont-Ferrand", ""]


def test_pipeline_order_postcode_then_city():
    raw_postcode = pd.Series(["6000", "75008 CEDEX 08", "1000"])
    raw_city = pd.Series(["NICE", "PARIS CEDEX 08", "Bruxelles"])
    country = pd.Series(["", "", ""])
    postcodes = clean_postal_codes(raw_postcode, country=country, city=raw_city)
    cities = clean_cities(raw_city, postal_code=postcodes.values, country=country)
    assert postcodes.values.tolist() == ["06000", "75008", "1000"]
    assert cities.values.tolist() == ["Nice", "Paris", "Bruxelles"]
    assert cities.status.tolist() == ["corrected", "corrected", "valid"]


ADDRESS_LINES = [
    ("12 rue de la Paix", "12 rue de la Paix", "valid", ""),
    ("12 rue de la Paix ,Bât. B", "12 rue de la Paix, Bât. B", "corrected", "address.punctuation"),
    ("3,rue Nationale", "3, rue Nationale", "corrected", "address.punctuation"),
    ("Lieu-dit Kerbihan,  BP 12", "Lieu-dit Kerbihan, BP 12", "corrected", "text.spaces"),
    ("Résidence 1,5 km", "Résidence 1,5 km", "valid", ""),
    ("3 BD VICTOR HUGO", "3 BD VICTOR HUGO", "valid", ""),
    ("4 AV. DU GAL DE GAULLE", "4 AV. DU GAL DE GAULLE", "valid", ""),
    ("12 rue des Ã©coles", "12 rue des écoles", "corrected", "text.mojibake"),
    ("n/a", "", "empty", "text.placeholder"),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), ADDRESS_LINES)
def test_clean_address_lines(raw, value, status, reason):
    assert _rows(clean_address_lines(pd.Series([raw]))) == [(value, status, reason)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("35400", True), (" 75116 ", True), ("97133", True), ("1000", False), ("75000", False), ("", False)],
)
def test_is_french_postcode(value, expected):
    assert is_french_postcode(value) is expected


def test_communes_for():
    assert communes_for("13008") == ["Marseille"]
    assert "Loison-sous-Lens" in communes_for("62218")
    assert communes_for("99999") == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("ST ETIENNE", "saint etienne"),
        ("Ste-Foy-lès-Lyon", "sainte foy les lyon"),
        ("Bourg s/s Châtelet", "bourg sous chatelet"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("Œuilly", "oeuilly"),
    ],
)
def test_city_key(name, key):
    assert city_key(name) == key


def test_index_kept_input_untouched_and_no_row_lost():
    postcode = pd.Series(["6000", "35400", None, "6000"], index=[10, 3, 7, 42])
    city = pd.Series(["NICE", "st malo", "Paris", "NICE"], index=[10, 3, 7, 42])
    before = (postcode.copy(), city.copy())
    postcodes = clean_postal_codes(postcode, city=city)
    cities = clean_cities(city, postal_code=postcodes.values)
    for result in (postcodes, cities, clean_address_lines(city)):
        assert list(result.values.index) == [10, 3, 7, 42]
        assert all(list(series.index) == [10, 3, 7, 42] for series in result.extra.values())
    pd.testing.assert_series_equal(postcode, before[0])
    pd.testing.assert_series_equal(city, before[1])


def test_every_reason_code_has_french_and_english_wording():
    results = [clean_postal_codes(pd.Series([row[0]]), country=pd.Series([row[1]])) for row in POSTCODES]
    results += [clean_cities(pd.Series([row[0]]), postal_code=pd.Series([row[1]])) for row in CITIES]
    codes = {code for result in results for reason in result.reason for code in reason.split(",") if code}
    assert codes and all(code in REASONS and all(REASONS[code]) for code in codes)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet="0123456789 .-FRCEDXAB", max_size=12), min_size=1, max_size=5),
    st.sampled_from(["", "FR", "GB", "DE", "NL", "BE"]),
)
def test_postal_codes_are_idempotent(raw, country):
    countries = pd.Series([country] * len(raw))
    once = clean_postal_codes(pd.Series(raw), country=countries)
    twice = clean_postal_codes(once.values, country=countries)
    assert twice.values.tolist() == once.values.tolist()
    assert len(once.values) == len(raw)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ST MALO", "saint malo", "Paris 8e", "PARIS CEDEX", "", "Rennes", "Vanes"]),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["35400", "75008", "56000", ""]),
)
def test_cities_are_idempotent(raw, postcode):
    postcodes = pd.Series([postcode] * len(raw))
    once = clean_cities(pd.Series(raw), postal_code=postcodes)
    twice = clean_cities(once.values, postal_code=postcodes)
    assert twice.values.tolist() == once.values.tolist()


def _data_rows() -> list[dict[str, str]]:
    raw = resources.files("grc_toolkit").joinpath("data", "communes.csv.gz").read_bytes()
    return list(csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8"))))


def test_commune_list_is_small_sorted_and_complete():
    raw = resources.files("grc_toolkit").joinpath("data", "communes.csv.gz").read_bytes()
    assert len(raw) < 600_000
    assert raw[4:8] == b"\0\0\0\0"  # gzip mtime 0: rebuilding gives the same bytes
    rows = _data_rows()
    keys = [tuple(row.values()) for row in rows]
    assert keys == sorted(keys)
    assert {row["kind"] for row in rows} == {"commune", "arrondissement", "deleguee", "associee", "ancienne"}
    departments = {row["department"] for row in rows}
    assert {"01", "2A", "2B", "971", "972", "973", "974", "976", "975", "977", "978", "987", "988"} <= departments
    assert sum(row["kind"] == "commune" for row in rows) > 34_000
    assert all(len(row["postal_code"]) == 5 and row["postal_code"].isdigit() for row in rows)


def test_commune_keys_shipped_are_todays_city_keys():
    # the list carries each name's key so that no run keys 36,000 names; if city_key changes, rebuild it
    # (scripts/build_communes.py) or this fails
    stale = {row["name"]: row["key"] for row in _data_rows() if row["key"] != city_key(row["name"])}
    assert not stale, f"{len(stale)} stale keys, e.g. {list(stale.items())[:3]}"


@pytest.mark.parametrize(
    ("raw", "value", "country"),
    [("1017CT", "1017 CT", "NL"), ("sw1a1aa", "SW1A 1AA", "GB"), ("H2X 1Y4", "H2X 1Y4", "CA"), ("10115", "10115", "")],
)
def test_unmistakable_foreign_shapes_name_their_country(raw: str, value: str, country: str) -> None:
    result = clean_postal_codes(pd.Series([raw]))
    assert (result.values[0], result.extra["postal_country"][0]) == (value, country)
