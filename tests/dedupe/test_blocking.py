"""Blocking: true duplicates become candidates, and the candidates grow about linearly."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit import Config, DedupeOptions, map_columns, run
from grc_toolkit.dedupe.blocking import _pairs_for_key, blocking_keys, candidate_pairs
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.testing import generate_export


def _records(people: int, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    export = generate_export(people, seed=seed)
    cleaned = run(export.messy, Config(dedupe=DedupeOptions(enabled=False)))
    return prepare_records(cleaned.data, cleaned.mapping), export.person_id.to_numpy()


def _true_pairs(person: np.ndarray) -> set[tuple[int, int]]:
    rows = pd.Series(range(len(person))).groupby(person).agg(list)
    return {(a, b) for members in rows for i, a in enumerate(members) for b in members[i + 1 :]}


def test_every_pass_has_a_key_and_a_count() -> None:
    records, _ = _records(50)
    keys = blocking_keys(records)
    assert len(keys) >= 10
    assert all(key.index.equals(records.index) for key in keys.values())
    assert list(candidate_pairs(records).per_pass) == list(keys)


def test_true_duplicates_are_candidates() -> None:
    records, person = _records(600)
    candidates = candidate_pairs(records)
    found = set(zip(candidates.left.tolist(), candidates.right.tolist(), strict=True))
    expected = _true_pairs(person)
    assert len(found & expected) / len(expected) >= 0.97
    assert (candidates.left < candidates.right).all()
    assert len(found) == len(candidates)  # no pair twice


def test_candidates_grow_about_linearly() -> None:
    small, _ = _records(300, seed=2)
    large, _ = _records(1200, seed=2)
    ratio = len(candidate_pairs(large)) / len(candidate_pairs(small))
    assert ratio < 4 * 1.6  # four times the rows, far from sixteen times the pairs


def test_swapped_names_meet() -> None:
    records = prepare_records(
        pd.DataFrame({"Nom": ["Dupont", "Jean", "Martin"], "Prénom": ["Jean", "Dupont", "Paul"]}),
        map_columns(pd.DataFrame({"Nom": [], "Prénom": []})),
    )
    candidates = candidate_pairs(records)
    assert (0, 1) in set(zip(candidates.left.tolist(), candidates.right.tolist(), strict=True))


def test_a_huge_block_is_cut_to_neighbours() -> None:
    n = 2000
    records = prepare_records(
        pd.DataFrame({"Nom": ["Martin"] * n, "Prénom": [f"Jean{i:04d}" for i in range(n)]}),
        map_columns(pd.DataFrame({"Nom": [], "Prénom": []})),
    )
    assert len(candidate_pairs(records, window=5)) < n * 12


def test_spellings_of_one_organisation_meet_and_a_common_word_blocks_little() -> None:
    names = ["YMCA North Lawndale", "YMCA of Metropolitan Chicago - North Lawndale", "Hôtel de la Plage"]
    names += [f"Hôtel {word}" for word in ("du Port", "des Sables", "Bellevue", "de la Gare", "du Lac")] * 40
    frame = pd.DataFrame({"Raison sociale": names})
    records = prepare_records(frame, map_columns(frame))
    keys = blocking_keys(records)["organisation"]
    assert keys[0] == keys[1] == "lawndale north"  # metropolitan, chicago: carried by one name, meet no one
    # hotel, every other organisation's word, never blocks alone: the hotels meet only their own spellings
    assert set(keys[2:]) == {"hotel plage", "hotel port", "hotel sables", "bellevue hotel", "gare hotel", "hotel lac"}
    candidates = candidate_pairs(records)
    assert (0, 1) in set(zip(candidates.left.tolist(), candidates.right.tolist(), strict=True))
    assert candidates.per_pass["organisation"] < len(names) * 12


def test_one_house_number_with_a_street_spelt_two_ways_meets() -> None:
    frame = pd.DataFrame({"Adresse": ["4647 W Washington", "4647 W Washington Boulevard", "5 W Madison", ""]})
    records = prepare_records(frame, map_columns(frame))
    keys = blocking_keys(records)["numbered_street"]
    assert keys.tolist() == ["4647|washington", "4647|washington", "5|west", ""]


def _meet(rows: list[dict[str, str]], a: int, b: int) -> bool:
    frame = pd.DataFrame(rows)
    records = prepare_records(frame, map_columns(frame))
    candidates = candidate_pairs(records)
    return (a, b) in set(zip(candidates.left.tolist(), candidates.right.tolist(), strict=True))


def _fillers(prefix: str) -> list[dict[str, str]]:
    """Rows that sort between two names, so that the sorted-neighbourhood pass cannot make them meet."""
    return [{"Nom": f"{prefix}{chr(97 + i)}", "Prénom": "Yves", "Ville": "Lyon", "Né le": ""} for i in range(20)]


def test_typos_in_both_names_meet_on_initials_and_birth_year() -> None:
    rows = [
        {"Nom": "Wilkinson", "Prénom": "Imogen", "Ville": "Lyon", "Né le": "2001-08-19"},
        *_fillers("Wj"),
        {"Nom": "Wlikinsno", "Prénom": "Imgoen", "Ville": "", "Né le": "2001-09-18"},
    ]
    assert _meet(rows, 0, len(rows) - 1)


def test_a_town_only_list_blocks_on_the_town_and_a_mistyped_year_on_the_day() -> None:
    rows = [
        {"Nom": "Green", "Prénom": "Thomas", "Ville": "London", "Né le": "1974-10-05"},
        *_fillers("Grena"),
        *_fillers("Greb"),
        {"Nom": "Grene", "Prénom": "Thomas", "Ville": "London", "Né le": ""},
        {"Nom": "Grean", "Prénom": "", "Ville": "", "Né le": "1984-10-05"},
    ]
    assert _meet(rows, 0, len(rows) - 2)  # first name and town
    assert _meet(rows, 0, len(rows) - 1)  # the surname's initial, the day and the month


def test_a_small_block_gives_all_its_pairs_a_large_one_its_neighbours() -> None:
    # ten rows of one person (a historical list) meet each other whatever the window; a town's 60
    # records sharing two initials meet only their nearest names
    key = np.array(["a"] * 10 + ["b"] * 60 + [""] * 3)
    tiebreak = np.array([f"{i:03d}" for i in range(len(key))])
    codes = _pairs_for_key(key, tiebreak, 2, neighbourhood=False, whole=24)
    left, right = codes // len(key), codes % len(key)
    small = left < 10
    assert small.sum() == 10 * 9 // 2
    assert (~small).sum() == 59 + 58
    assert not ((left >= 70) | (right >= 70)).any()
