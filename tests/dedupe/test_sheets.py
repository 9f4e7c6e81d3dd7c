"""The duplicate sheets: merged groups (Doublons) and pairs to decide (À vérifier) as data, then worded by
``grc_toolkit.present`` in French and English."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe import DedupeResult, find_duplicates
from grc_toolkit.dedupe.sheets import merged_groups
from grc_toolkit.mapping import map_columns
from grc_toolkit.present import groups_sheet, review_sheet

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
    sheet = groups_sheet(merged_groups(search, _members(search.groups)), ROWS, "fr")
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
    sheet = groups_sheet(merged_groups(search, _members(search.groups)), ROWS, "en")
    assert sheet["Reason"][0] == "same email, same last name, same first name, same postcode"
    nothing = merged_groups(search, pd.Series([[p] for p in range(len(PEOPLE))]))
    assert list(groups_sheet(nothing, ROWS, "en").columns) == [
        "Row in Contacts",
        "Source rows",
        "Probability",
        "Reason",
    ]


def test_the_review_sheet_shows_both_records_side_by_side_with_their_fingerprints() -> None:
    search = _search()
    pairs = search.review_pairs(DedupeOptions(review=1e-9))
    sheet = review_sheet(pairs, search, PEOPLE, map_columns(PEOPLE), ROWS, "fr")
    rows = sheet[["Ligne d'origine A", "Ligne d'origine B"]].to_numpy().tolist()
    assert rows == [[2, 6], [4, 6]]  # the namesake in Marseille
    assert sheet["Code postal (A)"].tolist() == ["69003", "69003"]
    assert sheet["Code postal (B)"].tolist() == ["13001", "13001"]
    assert (sheet["Décision (fusionner / distinct)"] == "").all()
    prints = search.records["fingerprint"] if search.records is not None else None
    assert prints is not None
    assert sheet["Empreinte B"].tolist() == [prints[4], prints[4]]


def test_nothing_to_review_above_the_threshold_gives_an_empty_sheet_with_its_headers() -> None:
    search = _search()
    sheet = review_sheet(
        search.review_pairs(DedupeOptions(review=0.9)), search, PEOPLE, map_columns(PEOPLE), ROWS, "en"
    )
    assert sheet.empty
    shown = {"Source row A", "Source row B", "Decision (merge / distinct)", "Fingerprint A", "Fingerprint B"}
    assert shown <= set(sheet.columns)


def test_a_merged_group_is_data_positions_probability_and_levels() -> None:
    search = _search()
    groups = merged_groups(search, _members(search.groups))
    assert groups[["row", "members"]].to_dict("records") == [{"row": 0, "members": [0, 2]}]
    assert groups.loc[0, "probability"] > 0.9
    assert (groups.loc[0, "email"], groups.loc[0, "last"], bool(groups.loc[0, "swapped"])) == (2, 3, False)
