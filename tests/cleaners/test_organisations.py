"""Organisation names: tidied in the case they were typed, and the key two spellings of one name share."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.cleaners.base import REASONS
from grc_toolkit.cleaners.organisations import clean_organisations, is_organisation, organisation_key
from grc_toolkit.messages import describe

CLEANED = [
    ("Hôtel de la Plage", "Hôtel de la Plage", "valid", ""),
    ("  Camping   des Pins ", "Camping des Pins", "corrected", "text.spaces"),
    ("SARL LE BON COIN", "SARL LE BON COIN", "valid", ""),  # the case typed is kept
    ("crèche les p'tits loups", "crèche les p'tits loups", "valid", ""),
    ("L’Escale", "L'Escale", "corrected", "organisation.apostrophe"),
    ("HÃ´tel du Port", "Hôtel du Port", "corrected", "text.mojibake"),
    ("Particulier", "", "empty", "organisation.none"),
    ("INDIVIDUEL", "", "empty", "organisation.none"),
    ("N/A", "", "empty", "text.placeholder"),
    ("-", "", "empty", "text.placeholder"),
    ("", "", "empty", ""),
]


@pytest.mark.parametrize(("value", "cleaned", "status", "reason"), CLEANED)
def test_organisation_names_are_tidied_not_recased(value: str, cleaned: str, status: str, reason: str) -> None:
    result = clean_organisations(pd.Series([value]))
    assert (result.values[0], result.status[0], result.reason[0]) == (cleaned, status, reason)


def test_the_index_is_kept_and_the_input_untouched() -> None:
    series = pd.Series([" YMCA ", None, "YMCA"], index=[10, 20, 30])
    result = clean_organisations(series)
    assert result.values.index.tolist() == [10, 20, 30]
    assert result.values.tolist() == ["YMCA", "", "YMCA"]
    assert series.tolist()[0] == " YMCA "


def test_cleaning_twice_changes_nothing() -> None:
    once = clean_organisations(pd.Series([value for value, *_ in CLEANED])).values
    assert clean_organisations(once).values.tolist() == once.tolist()


def test_each_reason_is_worded_in_french_and_english() -> None:
    for code in ("organisation.none", "organisation.apostrophe"):
        french, english = REASONS[code]
        assert french != english
        assert describe(code, "en") == english


KEYS = [
    ("SARL Hôtel de la Plage", "hotel plage"),
    ("Hotel La Plage S.A.R.L.", "hotel plage"),
    ("Restaurant Le Saint-Jacques (SAS)", "restaurant saint jacques"),
    ("Ste Anne & Fils", "sainte anne fils"),
    ("St. Catherine's School, Inc.", "saint catherine school"),
    ("Kids Place II, Inc.", "kids place ii"),
    ("YMCA of Metropolitan Chicago", "ymca metropolitan chicago"),
    ("Camping des 2 Lacs", "camping 2 lacs"),
    ("Müller GmbH", "muller"),
    ("The Coffee Co. Ltd", "coffee"),
    ("Particulier", ""),
    ("individuelle", ""),
    ("N/A", ""),
    ("-", ""),
    ("", ""),
]


@pytest.mark.parametrize(("value", "key"), KEYS)
def test_organisation_key(value: str, key: str) -> None:
    assert organisation_key(value) == key


def test_spellings_of_one_organisation_share_a_key() -> None:
    spellings = ["Hôtel de la Plage", "HOTEL DE LA PLAGE", "Hotel la Plage SARL", "hôtel  de  la plage"]
    assert len({organisation_key(value) for value in spellings}) == 1


@pytest.mark.parametrize("value", ["Particulier", "PARTICULIERS", "Personne physique", "Private", "aucune", "x"])
def test_values_saying_no_organisation(value: str) -> None:
    assert not is_organisation(value)
    assert organisation_key(value) == ""
