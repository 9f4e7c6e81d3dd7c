"""Consent answers and languages."""

from __future__ import annotations

import pandas as pd
import pytest

from grc_toolkit.cleaners.base import REASONS
from grc_toolkit.cleaners.consent import clean_consent, clean_languages, consent_answer, language_code


def _row(result):
    return tuple(result.to_frame().iloc[0][["value", "status", "reason"]])


YES = [
    "Oui",
    "OUI",
    "o",
    "x",
    "X",
    "1",
    "1.0",
    "TRUE",
    "true",
    "VRAI",
    "Yes",
    "y",
    "ok",
    "OK",
    "accepté",
    "Acceptée",
    "opt-in",
    "Opt in",
    "inscrit",
    "J'accepte",
    "J’accepte de recevoir la lettre d'information",
    "Je souhaite recevoir les offres",
    "✓",
    "✔",
    "☑",
    "☒",
    "Ja",
    "oui.",
    "(oui)",
    "oui, j'accepte",
]
NO = [
    "NON",
    "Non",
    "n",
    "N",
    "0",
    "0.0",
    "FALSE",
    "false",
    "FAUX",
    "No",
    "refusé",
    "Refus",
    "opt-out",
    "Opt Out",
    "désinscrit",
    "Désabonné",
    "Je refuse",
    "Je n'accepte pas",
    "Je ne souhaite pas recevoir",
    "Non merci",
    "non, je refuse",
    "☐",
    "Nee",
    "Nein",
    "STOP",
    "pas d'accord",
]
UNCLEAR = [
    "peut-être",
    "oui mais pas par SMS",
    "oui 12",
    "oui par courrier",
    "non 3",
    "je souhaite ne plus rien recevoir",
    "in",
    "je",
    "2",
    "newsletter",
    "j'accepte pas",
    "oui/non",
]


@pytest.mark.parametrize("raw", YES)
def test_consent_yes(raw):
    assert _row(clean_consent(pd.Series([raw]))) == ("oui", "corrected", "consent.normalised")


@pytest.mark.parametrize("raw", NO)
def test_consent_no(raw):
    assert _row(clean_consent(pd.Series([raw]))) == ("non", "corrected", "consent.normalised")


@pytest.mark.parametrize("raw", UNCLEAR)
def test_unclear_consent_is_invalid_and_kept(raw):
    assert _row(clean_consent(pd.Series([raw]))) == (raw, "invalid", "consent.unknown")


@pytest.mark.parametrize(
    ("raw", "value", "status", "reason"),
    [
        ("oui", "oui", "valid", ""),
        ("non", "non", "valid", ""),
        ("", "", "empty", ""),
        ("   ", "", "empty", ""),
        ("NULL", "", "empty", "text.placeholder"),
        ("n/a", "", "empty", "text.placeholder"),
        (None, "", "empty", ""),
        ("Non renseigné", "", "empty", "consent.not_stated"),
        ("NC", "", "empty", "consent.not_stated"),
    ],
)
def test_consent_kept_or_blank(raw, value, status, reason):
    assert _row(clean_consent(pd.Series([raw], dtype=object))) == (value, status, reason)


@pytest.mark.parametrize("raw", NO + UNCLEAR + ["", "nan", "-", "Non renseigné"])
def test_a_refusal_or_a_blank_never_becomes_yes(raw):
    assert consent_answer(raw) != "oui"
    assert clean_consent(pd.Series([raw])).values.iloc[0] != "oui"


def test_excel_booleans_and_numbers():
    result = clean_consent(pd.Series([True, False, 1.0, 0.0, None], dtype=object))
    assert result.values.tolist() == ["oui", "non", "oui", "non", ""]
    assert result.status.tolist()[-1] == "empty"


LANGUAGES = [
    ("fr", "fr", "valid"),
    ("FR", "fr", "corrected"),
    ("fr-FR", "fr", "corrected"),
    ("fr_BE", "fr", "corrected"),
    ("français", "fr", "corrected"),
    ("Français (France)", "fr", "corrected"),
    ("French", "fr", "corrected"),
    ("fra", "fr", "corrected"),
    ("anglais", "en", "corrected"),
    ("English", "en", "corrected"),
    ("ENG", "en", "corrected"),
    ("en-GB", "en", "corrected"),
    ("allemand", "de", "corrected"),
    ("Deutsch", "de", "corrected"),
    ("néerlandais", "nl", "corrected"),
    ("Nederlands", "nl", "corrected"),
    ("flamand", "nl", "corrected"),
    ("espagnol", "es", "corrected"),
    ("Español", "es", "corrected"),
    ("italien", "it", "corrected"),
    ("Italiano", "it", "corrected"),
    ("breton", "br", "corrected"),
    ("chinois", "zh", "corrected"),
    ("fr,en", "fr,en", "valid"),
    ("Français, Anglais", "fr,en", "corrected"),
    ("FR/EN", "fr,en", "corrected"),
    ("anglais et allemand", "en,de", "corrected"),
    ("fr / fr", "fr", "corrected"),
    ("et", "et", "valid"),  # Estonian, not the French "and"
    ("", "", "empty"),
    ("elfique", "elfique", "invalid"),
    ("GB", "GB", "invalid"),
    ("français, elfique", "français, elfique", "invalid"),
]


@pytest.mark.parametrize(("raw", "value", "status"), LANGUAGES)
def test_clean_languages(raw, value, status):
    assert _row(clean_languages(pd.Series([raw])))[:2] == (value, status)


def test_language_reasons():
    result = clean_languages(pd.Series(["Anglais", "fr", "elfique"]))
    assert result.reason.tolist() == ["language.normalised", "", "language.unknown"]


def test_language_code():
    assert language_code("Néerlandais") == "nl"
    assert language_code("pt-BR") == "pt"
    assert language_code("klingon") == ""


def test_index_kept_and_input_untouched():
    series = pd.Series(["Oui", None, "Oui"], index=[5, 5, 1])
    before = series.copy()
    for clean in (clean_consent, clean_languages):
        result = clean(series)
        assert result.values.index.equals(series.index)
        assert len(result.status) == 3
    pd.testing.assert_series_equal(series, before)


def test_every_reason_is_worded():
    codes = ("consent.normalised", "consent.unknown", "consent.not_stated", "language.normalised", "language.unknown")
    for code in codes:
        assert all(REASONS[code])
