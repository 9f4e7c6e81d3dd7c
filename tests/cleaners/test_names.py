"""Civility, last names, first names, name keys and the French phonetic code."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.cleaners.base import REASONS
from grc_toolkit.cleaners.names import (
    clean_civility,
    clean_first_names,
    clean_last_names,
    format_person_name,
    french_phonetic,
    name_key,
    person_name_key,
)


def _row(result, position=0):
    frame = result.to_frame()
    return tuple(frame.iloc[position][["value", "status", "reason"]])


CIVILITIES = [
    ("M.", "M.", "valid", ""),
    ("M", "M.", "corrected", "civility.normalised"),
    ("Mr", "M.", "corrected", "civility.normalised"),
    ("Mr.", "M.", "corrected", "civility.normalised"),
    ("MR", "M.", "corrected", "civility.normalised"),
    ("Monsieur", "M.", "corrected", "civility.normalised"),
    ("MONSIEUR", "M.", "corrected", "civility.normalised"),
    ("Mister", "M.", "corrected", "civility.normalised"),
    ("Herr", "M.", "corrected", "civility.normalised"),
    ("Sir", "M.", "corrected", "civility.normalised"),
    ("Dhr.", "M.", "corrected", "civility.normalised"),
    ("Mme", "Mme", "valid", ""),
    ("MME", "Mme", "corrected", "civility.normalised"),
    ("Mme.", "Mme", "corrected", "civility.normalised"),
    ("Madame", "Mme", "corrected", "civility.normalised"),
    ("Mrs", "Mme", "corrected", "civility.normalised"),
    ("Ms", "Mme", "corrected", "civility.normalised"),
    ("Frau", "Mme", "corrected", "civility.normalised"),
    ("Mevr.", "Mme", "corrected", "civility.normalised"),
    ("Mlle", "Mme", "corrected", "civility.mlle"),
    ("Melle", "Mme", "corrected", "civility.mlle"),
    ("Mademoiselle", "Mme", "corrected", "civility.mlle"),
    ("Miss", "Mme", "corrected", "civility.mlle"),
    ("M. et Mme", "M. et Mme", "valid", ""),
    ("M et Mme", "M. et Mme", "corrected", "civility.normalised"),
    ("Mr & Mrs", "M. et Mme", "corrected", "civility.normalised"),
    ("Mr and Mrs", "M. et Mme", "corrected", "civility.normalised"),
    ("Monsieur et Madame", "M. et Mme", "corrected", "civility.normalised"),
    ("Madame et Monsieur", "M. et Mme", "corrected", "civility.normalised"),
    ("MM.", "MM.", "valid", ""),
    ("Messieurs", "MM.", "corrected", "civility.normalised"),
    ("Mmes", "Mmes", "valid", ""),
    ("Mesdames", "Mmes", "corrected", "civility.normalised"),
    ("Dr", "Dr", "valid", ""),
    ("Docteur", "Dr", "corrected", "civility.normalised"),
    ("Me", "Me", "valid", ""),
    ("Maître", "Me", "corrected", "civility.normalised"),
    ("MaÃ®tre", "Me", "corrected", "text.mojibake,civility.normalised"),
    ("Professeur", "Pr", "corrected", "civility.normalised"),
    ("Homme", "M.", "corrected", "civility.from_gender"),
    ("Femme", "Mme", "corrected", "civility.from_gender"),
    ("M. ou Mme", "", "empty", "civility.unspecified"),
    ("Madame, Monsieur", "", "empty", "civility.unspecified"),
    ("M/Mme", "", "empty", "civility.unspecified"),
    ("", "", "empty", ""),
    ("NULL", "", "empty", "text.placeholder"),
    ("Famille", "Famille", "invalid", "civility.unknown"),
    ("  Sa   Majesté ", "Sa Majesté", "invalid", "text.spaces,civility.unknown"),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), CIVILITIES)
def test_clean_civility(raw, value, status, reason):
    assert _row(clean_civility(pd.Series([raw]))) == (value, status, reason)


@pytest.mark.parametrize(
    ("raw", "value", "status"),
    [("Mlle", "Mlle", "valid"), ("Melle", "Mlle", "corrected"), ("Miss", "Mlle", "corrected"), ("Mme", "Mme", "valid")],
)
def test_clean_civility_keeps_mlle_on_request(raw, value, status):
    assert _row(clean_civility(pd.Series([raw]), keep_mlle=True))[:2] == (value, status)


LAST_NAMES = [
    ("DUPONT", "DUPONT", "valid", ""),
    ("dupont", "DUPONT", "corrected", "name.case"),
    ("le gall", "LE GALL", "corrected", "name.case"),
    ("de la fontaine", "DE LA FONTAINE", "corrected", "name.case"),
    ("n'diaye", "N'DIAYE", "corrected", "name.case"),
    ("N’DIAYE", "N'DIAYE", "corrected", "name.apostrophe"),
    ("GUYON-FERREIRA", "GUYON-FERREIRA", "valid", ""),
    ("Guyon - Ferreira", "GUYON-FERREIRA", "corrected", "name.hyphen,name.case"),
    ("MÉNARD–DUPUIS", "MÉNARD-DUPUIS", "corrected", "name.hyphen"),
    ("Lefèvre", "LEFÈVRE", "corrected", "name.case"),
    ("LEFÈVRE", "LEFÈVRE", "valid", ""),
    ("Ã‰lisabeth", "ÉLISABETH", "corrected", "text.mojibake,name.case"),
    ("  martin ", "MARTIN", "corrected", "text.spaces,name.case"),
    ("Dupont2", "Dupont2", "invalid", "name.suspicious"),
    ("jean.dupont@gmail.com", "jean.dupont@gmail.com", "invalid", "name.suspicious"),
    ("...", "...", "invalid", "name.suspicious"),
    ("Lef\ufffdvre", "Lef\ufffdvre", "invalid", "name.suspicious"),  # accent lost to a bad encoding
    ("DUPONT (épouse MARTIN)", "DUPONT (ÉPOUSE MARTIN)", "corrected", "name.case"),
    ("", "", "empty", ""),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), LAST_NAMES)
def test_clean_last_names(raw, value, status, reason):
    assert _row(clean_last_names(pd.Series([raw]))) == (value, status, reason)


FIRST_NAMES = [
    ("Jean-Pierre", "Jean-Pierre", "valid", ""),
    ("jean-pierre", "Jean-Pierre", "corrected", "name.case"),
    ("JEAN-PIERRE", "Jean-Pierre", "corrected", "name.case"),
    ("JEAN PIERRE", "Jean Pierre", "corrected", "name.case"),  # never a hyphen we cannot be sure of
    ("Jean - Luc", "Jean-Luc", "corrected", "name.hyphen"),
    ("marie-thérèse", "Marie-Thérèse", "corrected", "name.case"),
    ("anne-sophie", "Anne-Sophie", "corrected", "name.case"),
    ("Hélène", "Hélène", "valid", ""),
    ("ZOË", "Zoë", "corrected", "name.case"),
    ("ÉLODIE", "Élodie", "corrected", "name.case"),
    ("maëlle", "Maëlle", "corrected", "name.case"),
    ("d'artagnan", "D'Artagnan", "corrected", "name.case"),
    ("o’brien", "O'Brien", "corrected", "name.apostrophe,name.case"),
    ("mcdonald", "McDonald", "corrected", "name.case"),
    ("MCDONALD", "McDonald", "corrected", "name.case"),
    ("McDonald", "McDonald", "valid", ""),
    ("MacArthur", "MacArthur", "valid", ""),
    ("macé", "Macé", "corrected", "name.case"),  # "Mac" is not a prefix here
    ("DeShawn", "DeShawn", "valid", ""),
    ("jEAN", "Jean", "corrected", "name.case"),
    ("J.-P.", "J.-P.", "valid", ""),
    ("Jean2", "Jean2", "invalid", "name.suspicious"),
    ("n/a", "", "empty", "text.placeholder"),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), FIRST_NAMES)
def test_clean_first_names(raw, value, status, reason):
    assert _row(clean_first_names(pd.Series([raw]))) == (value, status, reason)


def test_name_cleaners_keep_index_and_do_not_mutate():
    series = pd.Series(["dupont", None, "dupont", "Le Gall"], index=[10, 3, 3, "x"])
    before = series.copy()
    for clean in (clean_last_names, clean_first_names, clean_civility):
        result = clean(series)
        assert result.values.index.equals(series.index)
        assert result.status.index.equals(series.index)
    pd.testing.assert_series_equal(series, before)
    assert clean_last_names(series).values.tolist() == ["DUPONT", "", "DUPONT", "LE GALL"]


def test_format_person_name():
    assert format_person_name("de la fontaine", kind="last") == "DE LA FONTAINE"
    assert format_person_name("JEAN - pierre", kind="first") == "Jean-Pierre"


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Hélène", "helene"),
        ("  N’Diaye-Lefèvre ", "n diaye lefevre"),
        ("GUYON - FERREIRA", "guyon ferreira"),
        ("Cœur", "coeur"),
        ("J.-P.", "j p"),
        ("", ""),
    ],
)
def test_name_key(raw, key):
    assert name_key(raw) == key


@pytest.mark.parametrize(
    "names",
    [
        ("Dupont", "Dupond", "Dupon", "DUPONT"),
        ("Lefebvre", "Lefèvre", "Lefeuvre", "Lefeivre"),
        ("Rousseau", "Roussot", "Rousseaux"),
        ("Philippe", "Filipe"),
        ("Gauthier", "Gautier"),
        ("Schmitt", "Schmidt"),
        ("Laurent", "Lorand"),
        ("Leroy", "Leroi"),
        ("Deschamps", "Dechamps"),
        ("Caron", "Karon", "Carron"),
        ("Le Gall", "Legall"),
        ("Cécile", "Sésile"),
        ("Georges", "Jorge"),
        ("Mathieu", "Matthieu"),
        ("Thomas", "Tomas"),
        ("Bretagne", "Bretane"),
    ],
)
def test_french_phonetic_groups_sound_alikes(names):
    codes = {french_phonetic(name) for name in names}
    assert len(codes) == 1, codes


@pytest.mark.parametrize(("first", "second"), [("Martin", "Martel"), ("Dupont", "Durand"), ("Michel", "Michaud")])
def test_french_phonetic_keeps_different_names_apart(first, second):
    assert french_phonetic(first) != french_phonetic(second)


def test_french_phonetic_examples():
    assert french_phonetic("Dupont") == "dupon"
    assert french_phonetic("Lefèvre") == "lefevr"
    assert french_phonetic("") == ""


def test_every_reason_is_worded():
    for code in (
        "civility.normalised",
        "civility.mlle",
        "civility.from_gender",
        "civility.unspecified",
        "civility.unknown",
        "name.case",
        "name.apostrophe",
        "name.hyphen",
        "name.suspicious",
    ):
        french, english = REASONS[code]
        assert french and english and french == french[0].lower() + french[1:]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Dr Jean MARTIN", "jean martin"),
        ("Me Dupont", "dupont"),  # Maître
        ("Pr. Anne Lefèvre", "anne lefevre"),
        ("Sir John Rowe, 1st Bt.", "john rowe"),
        ("Smith Jr.", "smith"),
        ("Robert Sr", "robert"),
        ("Louis II", "louis"),
        ("Henri III", "henri"),
        ("LE GALL", "le gall"),  # a particle is no title
        ("Sir", "sir"),  # a title alone may be the whole name
    ],
)
def test_titles_and_ranks_are_left_out_of_person_name_keys(value, key):
    assert person_name_key(value) == key
