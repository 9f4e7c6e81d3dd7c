"""A person's review decisions: fingerprints, reading them back from the review sheet, applying them in one step."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe import find_duplicates
from grc_toolkit.dedupe.decisions import (
    Decisions,
    check_output,
    fingerprints,
    load_decisions,
    pair_key,
    read_decisions,
)
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.errors import ConfigError, InputError
from grc_toolkit.mapping import map_columns
from grc_toolkit.present import review_sheet

# two records of Hélène Lefèvre and a namesake in another town; seven other people, two of them with
# a namesake elsewhere too
PEOPLE = pd.DataFrame(
    {
        "Nom": ["Lefèvre", "LEFEVRE", "Lefèvre", "Arnaud", "Bernard", "Fabre", "Girard", "Moreau", "Roux", "Zola"]
        + ["Fabre", "Roux"],
        "Prénom": ["Hélène", "Helene", "Hélène", "Luc", "Anne", "Paul", "Marc", "Claire", "Yves", "Émile"]
        + ["Paul", "Yves"],
        "Email": ["h.lefevre@orange.fr", "h.lefevre@orange.fr", "helene.l@free.fr", *[""] * 7]
        + ["paul.fabre@sfr.fr", ""],
        "Code postal": ["69003", "69003", "13001", *["33000"] * 7] + ["13001", "75011"],
    }
)


def _prints(frame: pd.DataFrame) -> np.ndarray:
    return fingerprints(prepare_records(frame, map_columns(frame)))


def test_a_fingerprint_follows_the_person_not_the_row() -> None:
    prints = _prints(PEOPLE)
    later = _prints(PEOPLE.iloc[::-1].reset_index(drop=True))
    assert later.tolist() == prints[::-1].tolist()
    assert prints[0] == prints[1]  # one spelling once normalised: one fingerprint
    moved = _prints(PEOPLE.assign(Email=PEOPLE["Email"].where(PEOPLE.index != 0, "helene@gmail.com")))
    assert moved[0] != prints[0]


def test_a_nameless_record_is_fingerprinted_by_its_organisation_a_person_as_before() -> None:
    sites = pd.DataFrame({"Site name": ["Crèche Les Lutins", "Crèche Les Pitchouns", "crèche les lutins"],
                          "Code postal": ["35400"] * 3})  # fmt: skip
    prints = _prints(sites)
    assert prints[0] != prints[1] and prints[0] == prints[2]
    colleague = PEOPLE.assign(Société="Hôtel de la Plage")
    assert _prints(colleague).tolist() == _prints(PEOPLE).tolist()


def _review(lang: str) -> pd.DataFrame:
    mapping = map_columns(PEOPLE)
    search = find_duplicates(PEOPLE, mapping, DedupeOptions(review=0.01, auto=0.9))
    rows = pd.Series(np.arange(2, len(PEOPLE) + 2))
    pairs = search.review_pairs(DedupeOptions(review=1e-9, auto=0.9))
    return review_sheet(pairs, search, PEOPLE, mapping, rows, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_decisions_are_read_back_from_the_review_sheet_grc_writes(lang: str) -> None:
    sheet = _review(lang)
    assert len(sheet) >= 3
    decision = next(column for column in sheet.columns if column.startswith(("Décision", "Decision")))
    sheet[decision] = ["Fusionner", " DISTINCT ", "Séparer", *[""] * (len(sheet) - 3)]
    read = read_decisions(sheet, "revu.xlsx")
    a, b = sheet.columns[-2], sheet.columns[-1]
    assert read.merge == {pair_key(sheet[a][0], sheet[b][0])}
    assert read.distinct == {pair_key(sheet[a][1], sheet[b][1]), pair_key(sheet[a][2], sheet[b][2])}


@pytest.mark.parametrize("said", ["fusionner", "FUSIONNÉ", " fusion ", "merge", "Identique"])
def test_the_documented_merge_spellings_are_read(said: str) -> None:
    sheet = pd.DataFrame({"Empreinte A": ["a"], "Empreinte B": ["b"], "Décision": [said]})
    assert read_decisions(sheet).merge == {("a", "b")}


@pytest.mark.parametrize("said", ["distinct", "Distinctes", "séparer", "Différents", "separate"])
def test_the_documented_distinct_spellings_are_read(said: str) -> None:
    sheet = pd.DataFrame({"Empreinte A": ["a"], "Empreinte B": ["b"], "Décision": [said]})
    assert read_decisions(sheet).distinct == {("a", "b")}


def test_an_unknown_word_is_refused_with_its_row_and_nothing_is_applied() -> None:
    sheet = pd.DataFrame(
        {
            "Nom (A)": ["Lefèvre", "Zola", "Roux", "Fabre"],
            "Empreinte A": ["a", "c", "e", "g"],
            "Empreinte B": ["b", "d", "f", "h"],
            "Décision": ["fusionner", "fusioner", "oui", "?"],
        }
    )
    with pytest.raises(ConfigError) as raised:
        read_decisions(sheet, "revu.xlsx")
    error = raised.value
    assert error.exit_code == 2
    assert "revu.xlsx ligne 3 (« fusioner »), revu.xlsx ligne 4 (« oui »), revu.xlsx ligne 5 (« ? »)" in error.message
    assert "revu.xlsx row 3 ('fusioner')" in error.message_en
    assert "Lefèvre" not in error.message and "Zola" not in error.message  # never a name


def test_a_decision_without_its_fingerprints_is_refused_with_its_row() -> None:
    sheet = pd.DataFrame({"Empreinte A": ["a", ""], "Empreinte B": ["b", "d"], "Décision": ["distinct", "fusionner"]})
    with pytest.raises(ConfigError, match="revu.xlsx ligne 3 \\(Empreinte vide\\)"):
        read_decisions(sheet, "revu.xlsx")


def test_a_long_unknown_word_is_cut_and_many_rows_are_counted() -> None:
    sheet = pd.DataFrame(
        {"Empreinte A": list("abcdefghijkl"), "Empreinte B": list("mnopqrstuvwx"), "Décision": ["x" * 40] * 12}
    )
    with pytest.raises(ConfigError) as raised:
        read_decisions(sheet, "revu.xlsx")
    assert "x" * 15 not in raised.value.message and "et 2 autres" in raised.value.message


def test_a_pair_said_both_merge_and_distinct_is_refused() -> None:
    sheet = pd.DataFrame({"Empreinte A": ["a", "b"], "Empreinte B": ["b", "a"], "Décision": ["fusionner", "distinct"]})
    with pytest.raises(ConfigError, match="ligne 2 \\(fusionner\\) contre ligne 3 \\(distinct\\)"):
        read_decisions(sheet)


def _reviewed(path: Path, decisions: dict[tuple[str, str], str]) -> Path:
    pd.DataFrame(
        {
            "Empreinte A": [pair[0] for pair in decisions],
            "Empreinte B": [pair[1] for pair in decisions],
            "Décision (fusionner / distinct)": list(decisions.values()),
        }
    ).to_excel(path, sheet_name="À vérifier", index=False)
    return path


def test_several_decision_files_are_merged(tmp_path: Path) -> None:
    first = _reviewed(tmp_path / "mars.xlsx", {("a", "b"): "fusionner", ("c", "d"): "distinct"})
    second = _reviewed(tmp_path / "avril.xlsx", {("b", "a"): "fusionner", ("e", "f"): "fusionner"})
    read = load_decisions([first, second])
    assert read.merge == {("a", "b"), ("e", "f")} and read.distinct == {("c", "d")}


def test_decision_files_that_contradict_each_other_are_refused(tmp_path: Path) -> None:
    first = _reviewed(tmp_path / "mars.xlsx", {("a", "b"): "fusionner", ("c", "d"): "distinct"})
    second = _reviewed(tmp_path / "avril.xlsx", {("g", "h"): "fusionner", ("b", "a"): "distinct"})
    with pytest.raises(ConfigError) as raised:
        load_decisions([first, second])
    assert "mars.xlsx ligne 2 (fusionner) contre avril.xlsx ligne 3 (distinct)" in raised.value.message


def test_unknown_words_of_every_file_are_reported_at_once(tmp_path: Path) -> None:
    first = _reviewed(tmp_path / "mars.xlsx", {("a", "b"): "fusioner"})
    second = _reviewed(tmp_path / "avril.xlsx", {("c", "d"): "distinct", ("e", "f"): "non"})
    with pytest.raises(ConfigError, match="mars.xlsx ligne 2 .*avril.xlsx ligne 3"):
        load_decisions([first, second])


def test_a_decisions_file_is_never_the_output(tmp_path: Path) -> None:
    reviewed = tmp_path / "export-clean.xlsx"
    reviewed.write_bytes(b"")
    with pytest.raises(ConfigError, match="export-clean-2.xlsx"):
        check_output(tmp_path / "." / "export-clean.xlsx", [tmp_path / "autre.xlsx", reviewed])
    check_output(tmp_path / "export-clean-2.xlsx", [reviewed])


def test_a_sheet_without_the_review_columns_says_what_to_give() -> None:
    with pytest.raises(InputError, match="Empreinte A"):
        read_decisions(PEOPLE, "contacts.xlsx")


def test_decisions_are_loaded_from_a_reviewed_workbook(tmp_path: Path) -> None:
    sheet = _review("fr")
    sheet["Décision (fusionner / distinct)"] = ["distinct", *[""] * (len(sheet) - 1)]
    path = tmp_path / "revu.xlsx"
    with pd.ExcelWriter(path) as writer:
        PEOPLE.to_excel(writer, sheet_name="Contacts", index=False)
        sheet.to_excel(writer, sheet_name="À vérifier", index=False)
    assert load_decisions(path).distinct == {pair_key(sheet["Empreinte A"][0], sheet["Empreinte B"][0])}


def test_a_merge_decision_joins_a_pair_blocking_never_proposed() -> None:
    prints = _prints(PEOPLE)
    options = DedupeOptions()
    before = find_duplicates(PEOPLE, map_columns(PEOPLE), options)
    assert not ((before.pairs["left"] == 3) & (before.pairs["right"] == 9)).any(), "not a candidate"
    decided = find_duplicates(
        PEOPLE, map_columns(PEOPLE), options, Decisions(merge=frozenset({pair_key(prints[3], prints[9])}))
    )
    assert decided.groups[3] == decided.groups[9]
    forced = decided.pairs[(decided.pairs["left"] == 3) & (decided.pairs["right"] == 9)]
    assert forced[["probability", "compatible", "possible", "decided", "vote", "rule"]].to_dict("records") == [
        {"probability": 1.0, "compatible": True, "possible": True, "decided": True, "vote": 1, "rule": ""}
    ]
    assert len(decided.pairs) == len(before.pairs) + 1


def test_a_distinct_decision_keeps_one_person_apart_and_names_the_decision() -> None:
    prints = _prints(PEOPLE)
    options = DedupeOptions()
    before = find_duplicates(PEOPLE, map_columns(PEOPLE), options)
    assert before.groups[0] == before.groups[1]
    decided = find_duplicates(
        PEOPLE, map_columns(PEOPLE), options, Decisions(distinct=frozenset({pair_key(prints[0], prints[1])}))
    )
    assert decided.groups[0] != decided.groups[1]
    pair = decided.pairs[(decided.pairs["left"] == 0) & (decided.pairs["right"] == 1)]
    assert pair[["compatible", "decided", "vote", "rule"]].to_dict("records") == [
        {"compatible": False, "decided": True, "vote": -1, "rule": "decided_distinct"}
    ]
    assert decided.to_dict()["kept_apart"]["decided_distinct"] == 1
    assert decided.review_pairs().empty  # a decided pair is not asked again
