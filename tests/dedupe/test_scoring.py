"""Pair comparison levels, learnt weights and the rules no weight can outvote."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grc_toolkit.dedupe.compare import LEVELS, compare
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.rules import compatible, same_person_possible
from grc_toolkit.mapping import map_columns

COLUMNS = ["Civilité", "Nom", "Prénom", "Email", "Téléphone", "Adresse", "Code postal"]


def _pair(a: list[str], b: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame([a, b], columns=COLUMNS)
    records = prepare_records(frame, map_columns(frame))
    return compare(records, np.array([0]), np.array([1]))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # same person, typo in the surname
        (
            ["M.", "VAILLANT", "Aurore", "", "", "", "44000"],
            ["M.", "VAILLAST", "Aurore", "", "", "", "44000"],
            {"last": 2, "first": 3, "postal_code": 2},
        ),
        # compound first name shortened
        (
            ["M.", "DUPONT", "Jean-Pierre", "", "", "", ""],
            ["M.", "DUPONT", "Jean", "", "", "", ""],
            {"last": 3, "first": 2},
        ),
        # swapped names
        (["", "JEAN", "Dupont", "", "", "", ""], ["", "DUPONT", "Jean", "", "", "", ""], {"last": 3, "first": 3}),
        # same email and phone
        (
            ["", "A", "B", "x@y.fr", "+33612445678", "", ""],
            ["", "A", "B", "x@y.fr", "+33612445678", "", ""],
            {"email": 2, "phone": 2},
        ),
        # blanks count for nothing
        (
            ["", "A", "B", "", "", "", ""],
            ["", "A", "B", "x@y.fr", "", "", ""],
            {"email": -1, "phone": -1, "civility": -1},
        ),
    ],
)
def test_levels(a: list[str], b: list[str], expected: dict[str, int]) -> None:
    levels = _pair(a, b)
    assert {name: int(levels[name][0]) for name in expected} == expected


def test_particles_do_not_make_surnames_alike() -> None:
    levels = _pair(["", "VAN LUIN", "Jonas", "", "", "", ""], ["", "VAN LUYSSEL", "Jonas", "", "", "", ""])
    assert int(levels["last"][0]) == 0


HOUSEHOLD = (["M.", "DUPONT", "Jean", "", "+33142685300", "1 rue A", "75001"],
             ["Mme", "DUPONT", "Marie", "", "+33142685300", "1 rue A", "75001"])  # fmt: skip
NAMESAKES = (["M.", "MARTIN", "Paul", "p.martin@free.fr", "", "3 rue B", "35400"],
             ["M.", "MARTIN", "Paul", "pmartin@orange.fr", "", "9 avenue C", "35400"])  # fmt: skip
TYPO = (["M.", "GOSSELIN", "Wlliam", "w.g@laposte.net", "", "", "75014"],
        ["M.", "GOSSELIN", "William", "w.g@laposte.net", "", "", "75014"])  # fmt: skip


def test_a_household_can_never_be_merged() -> None:
    levels = _pair(*HOUSEHOLD)
    assert not same_person_possible(levels)[0]
    assert not compatible(levels)[0]


def test_namesakes_at_two_addresses_are_not_merged_on_names() -> None:
    levels = _pair(*NAMESAKES)
    assert same_person_possible(levels)[0]
    assert not compatible(levels)[0]


def test_a_rare_first_name_typo_is_still_one_person() -> None:
    assert compatible(_pair(*TYPO))[0]


def test_level_counts() -> None:
    levels = _pair(*TYPO)
    for name, count in LEVELS.items():
        assert levels[name].max() < count


def test_a_household_is_vetoed_even_with_a_strong_probability() -> None:
    from grc_toolkit.dedupe.rules import two_people

    assert two_people(_pair(*HOUSEHOLD))[0]
    assert not two_people(_pair(*TYPO))[0]
