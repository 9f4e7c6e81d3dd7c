"""The duplicate sheets: merged groups (Doublons) and pairs to decide (À vérifier), in French and English."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe import DedupeResult, find_duplicates
from grc_toolkit.dedupe.sheets import groups_sheet, groups_sheet_empty, review_sheet
from grc_toolkit.mapping import map_columns

# Hélène Lefèvre twice (one mailbox), a namesake of hers in Marseille, and others
PEOPLE = pd.DataFrame(
    {
        "Nom": ["Lefèvre", "Arnaud", "LEFEVRE", "Bernard", "Lefèvre", "Fabre", "Girard", "Moreau"],
        "Prénom": ["Hélène", "Luc", "Helene", "Anne", "Hélène", "Paul", "Marc", "Claire"],
        "Email": ["h.lefevre@orange.fr", "", "h.lefevre@orange.fr", "", "helene.l@free.fr", "", "", ""],
        "Code postal": ["69003", "33000", "69003", "33000", "13001", "33000", "33000", "33000"],
    }
)
ROWS = pd.Series(np.arange(2, len(PEOPLE) + 2))  # spreadsheet rows: header on row 1


def _search() -> DedupeResult:
    return find_duplicates(PEOPLE, map_columns(PEOPLE), DedupeOptions())


def _members(groups: np.ndarray) -> pd.Series:
    """Per output row, the positions merged into it (in order of each group's first record)."""
    return pd.Series(pd.Series(np.arange(len(groups))).groupby(groups).agg(list).to_list())


def test_a_merged_group_is_one_line_with_its_rows_and_why() -> None:
    search = _search()
    assert search.groups.tolist()[:3] == [0, 1, 0]
    sheet = groups_sheet(search, _members(search.groups), ROWS, "fr")
    assert list(sheet.columns) == ["Ligne dans Contacts", "Lignes d'origine", "Probabilité", "Raison"]
    assert sheet.to_dict("records") == [
        {
            "Ligne dans Contacts": 2,
            "Lignes d'origine": "2 ; 4",
            "Probabilité": sheet["Probabilité"][0],
            "Raison": "même courriel, même nom, même prénom, même code postal",
        }
    ]
    assert sheet["Probabilité"][0] > 0.9


def test_the_sheets_speak_english_when_asked() -> None:
    search = _search()
    sheet = groups_sheet(search, _members(search.groups), ROWS, "en")
    assert sheet["Reason"][0] == "same email, same last name, same first name, same postcode"
    assert list(groups_sheet_empty("en").columns) == ["Row in Contacts", "Source rows", "Probability", "Reason"]


def test_the_review_sheet_shows_both_records_side_by_side_with_their_fingerprints() -> None:
    search = _search()
    sheet = review_sheet(search, PEOPLE, map_columns(PEOPLE), ROWS, DedupeOptions(review=1e-9), "fr")
    assert sheet[["Ligne A", "Ligne B"]].to_numpy().tolist() == [[2, 6], [4, 6]]  # the namesake in Marseille
    assert sheet["Code postal (A)"].tolist() == ["69003", "69003"]
    assert sheet["Code postal (B)"].tolist() == ["13001", "13001"]
    assert (sheet["Décision (fusionner / distinct)"] == "").all()
    prints = search.records["fingerprint"] if search.records is not None else None
    assert prints is not None
    assert sheet["Empreinte B"].tolist() == [prints[4], prints[4]]


def test_nothing_to_review_above_the_threshold_gives_an_empty_sheet_with_its_headers() -> None:
    sheet = review_sheet(_search(), PEOPLE, map_columns(PEOPLE), ROWS, DedupeOptions(review=0.9), "en")
    assert sheet.empty
    assert {"Row A", "Row B", "Decision (merge / distinct)", "Fingerprint A", "Fingerprint B"} <= set(sheet.columns)
