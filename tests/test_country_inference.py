"""The country column on the whole road: only its spelling changes, a blank one is filled from where the
person lives (postcode, then phone, then email ending), and phones read with the overseas region of a postcode."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.config import CleanOptions, Config, DedupeOptions
from grc_toolkit.mapping import map_columns
from grc_toolkit.pipeline import PipelineResult, clean_columns, run
from grc_toolkit.present import changes_sheet, contacts
from grc_toolkit.schema import ISSUES

COLUMNS = ("Pays", "Code postal", "Ville", "Téléphone", "Email")


def _run(rows: list[tuple[str, str, str, str, str]], *, lang: str = "fr", **options: str) -> PipelineResult:
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)
    return run(frame, Config(lang=lang, clean=CleanOptions(**options), dedupe=DedupeOptions(enabled=False)))


def _clean(rows: list[tuple[str, str, str, str, str]], **options: str) -> pd.DataFrame:
    return contacts(_run(rows, **options))


def _changes(rows: list[tuple[str, str, str, str, str]], **options: str) -> pd.DataFrame:
    return _run(rows, **options).changes


def test_france_with_an_overseas_postcode_stays_france_and_its_phone_stays_overseas() -> None:
    data = _clean([("France", "97400", "Saint-Denis", "0692 12 34 56", ""), ("FR", "97200", "", "696123456", "")])
    assert data["Pays"].tolist() == ["France", "France"]
    assert data["Téléphone"].tolist() == ["+262692123456", "+596696123456"]


def test_an_overseas_country_written_as_such_is_kept() -> None:
    data = _clean([("Martinique", "97200", "Fort-de-France", "", ""), ("REUNION", "97400", "", "", "")])
    assert data["Pays"].tolist() == ["Martinique", "La Réunion"]


def test_iso2_format_writes_fr_for_an_overseas_postcode() -> None:
    data = _clean([("France", "97200", "", "", ""), ("", "97400", "", "", "")], country_format="iso2")
    assert data["Pays"].tolist() == ["FR", "FR"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_message_language_never_translates_the_data(lang: str) -> None:
    rows = [
        ("Belgique", "1000", "Bruxelles", "", ""),
        ("", "", "", "+32 470 12 34 56", ""),
        ("Germany", "", "", "", ""),
    ]
    data = _clean(rows, lang=lang)
    assert data["Pays"].tolist() == ["Belgique", "Belgique", "Allemagne"]
    changes = _changes(rows, lang=lang)
    assert changes.loc[changes["column"] == "Pays", "before"].tolist() == ["", "Germany"]


def test_the_postcode_beats_an_overseas_mobile() -> None:
    # 62490 is a commune of the Pas-de-Calais: the person lives in France, whatever their Réunion mobile says
    data = _clean([("", "62490", "", "+262 692 12 34 56", ""), ("", "97400", "", "", "")])
    assert data["Pays"].tolist() == ["France", "France"]
    assert data[ISSUES].tolist() == ["", ""]


def test_each_filled_country_says_where_it_came_from() -> None:
    rows = [
        ("", "35400", "Saint-Malo", "+32 470 12 34 56", "a@web.de"),
        ("", "", "", "+32 470 12 34 56", "b@web.de"),
        ("", "", "", "", "c@web.de"),
        ("", "", "", "+262 692 12 34 56", ""),
    ]
    changes = _changes(rows)
    countries = changes[changes["column"] == "Pays"]
    assert countries["after"].tolist() == ["France", "Belgique", "Allemagne", "France"]
    assert countries["code"].tolist() == [
        "country.from_postcode",
        "country.from_phone",
        "country.from_email",
        "country.from_phone",
    ]
    sheet = changes_sheet(countries)
    assert sheet["Règle"].tolist() == [
        "pays déduit du code postal",
        "pays déduit de l'indicatif du téléphone",
        "pays déduit de la fin de l'adresse courriel",
        "pays déduit de l'indicatif du téléphone",
    ]


def test_a_foreign_city_makes_a_french_looking_postcode_no_proof() -> None:
    rows = [
        ("", "30124", "venezia", "", ""),  # 30124 is a Gard code too
        ("", "30124", "Venezia", "+39 320 123 4567", ""),
        ("", "4000", "Liège", "", "x@orange.fr"),  # an orange.fr address does not make Liège French
        ("", "4000", "Liège", "", "x@skynet.be"),
    ]
    assert _clean(rows)["Pays"].tolist() == ["", "Italie", "", "Belgique"]


def test_a_four_digit_code_is_french_only_when_nothing_else_says_otherwise() -> None:
    rows = [("", "6000", "", "+32 470 12 34 56", ""), ("", "6000", "", "", ""), ("", "6000", "Nice", "", "")]
    data = _clean(rows)
    assert data["Pays"].tolist() == ["Belgique", "France", "France"]
    assert data["Code postal"].tolist() == ["6000", "06000", "06000"]


def test_a_placeholder_phone_on_a_foreign_row_is_removed() -> None:
    rows = [("Italie", "00184", "Roma", "0600000000", ""), ("Allemagne", "10115", "Berlin", "06 00 00 00 00", "")]
    assert _clean(rows)["Téléphone"].tolist() == ["", ""]


def test_a_frame_with_a_repeated_index_is_cleaned_row_by_row() -> None:
    frame = pd.DataFrame(
        [("", "62490", "", "+262 692 12 34 56", ""), ("", "30124", "venezia", "", ""), ("France", "97200", "", "", "")],
        columns=list(COLUMNS),
        index=[3, 3, 1],
        dtype=object,
    )
    cleaned = clean_columns(frame, map_columns(frame, Config().columns), CleanOptions())
    assert cleaned.data["Pays"].tolist() == ["France", "", "France"]
    assert list(cleaned.data.index) == [3, 3, 1]
