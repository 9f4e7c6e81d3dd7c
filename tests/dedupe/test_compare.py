"""Comparison levels: how far two records agree, field by field."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grc_toolkit.dedupe.compare import LEVELS, compare
from grc_toolkit.dedupe.records import prepare_records
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


TYPO = (["M.", "GOSSELIN", "Wlliam", "w.g@laposte.net", "", "", "75014"],
        ["M.", "GOSSELIN", "William", "w.g@laposte.net", "", "", "75014"])  # fmt: skip


def test_level_counts() -> None:
    levels = _pair(*TYPO)
    for name, count in LEVELS.items():
        assert levels[name].max() < count


def test_a_swapped_day_and_month_is_a_close_birth_date() -> None:
    frame = pd.DataFrame({"Nom": ["Morel", "Morel", "Morel"], "Prénom": ["Lucie"] * 3,
                          "Date de naissance": ["1980-03-12", "1980-12-03", "1962-07-14"]})  # cleaned: ISO  # fmt: skip
    records = prepare_records(frame, map_columns(frame))
    levels = compare(records, np.array([0, 0]), np.array([1, 2]))
    assert levels["birth_date"].tolist() == [1, 0]


def test_a_phone_read_with_and_without_its_prefix_and_a_postcode_of_the_same_department() -> None:
    levels = _pair(["", "A", "B", "", "+33612445678", "", "35400"], ["", "A", "B", "", "0612445678", "", "35000"])
    assert (int(levels["phone"][0]), int(levels["postal_code"][0])) == (1, 1)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a surname's space lost: the same name
        (["", "LE GALL", "Anne", "", "", "", ""], ["", "LEGALL", "Anne", "", "", "", ""], {"last": 3, "first": 3}),
        # a title in the name column belongs to civility
        (["", "Dr MARTIN", "Paul", "", "", "", ""], ["", "MARTIN", "Paul", "", "", "", ""], {"last": 3}),
        # one letter changed, or the same sound: typos (level 1), not different first names
        (["", "ROBIN", "Chaeles", "", "", "", ""], ["", "ROBIN", "Charles", "", "", "", ""], {"first": 1}),
        (["", "ROBIN", "Sophie", "", "", "", ""], ["", "ROBIN", "Sofie", "", "", "", ""], {"first": 1}),
        # a gender-marking ending: two first names, however close
        (["", "ROBIN", "Louis", "", "", "", ""], ["", "ROBIN", "Louise", "", "", "", ""], {"first": 0}),
        (["", "ROBIN", "Marie", "", "", "", ""], ["", "ROBIN", "Mario", "", "", "", ""], {"first": 0}),
        # one Gmail mailbox, dots and tags aside
        (
            ["", "A", "B", "jp.dupont@gmail.com", "", "", ""],
            ["", "A", "B", "jpdupont+ot@gmail.com", "", "", ""],
            {"email": 2},
        ),
        # the same local part at another provider: a clue, not the same mailbox
        (
            ["", "A", "B", "jp.dupont@gmail.com", "", "", ""],
            ["", "A", "B", "jpdupont@orange.fr", "", "", ""],
            {"email": 1},
        ),
        # a local part that only spells the name: any namesake would pick it at another provider
        (
            ["", "FAIVRE", "Michel", "michel.faivre@wanadoo.fr", "", "", ""],
            ["", "FAIVRE", "Michel", "michel.faivre@icloud.com", "", "", ""],
            {"email": 0},
        ),
        # two numbers after one name: two namesakes' mailboxes, however alike the addresses
        (
            ["", "SAMSON", "Jacqueline", "jacqueline.samson10@free.fr", "", "", ""],
            ["", "SAMSON", "Jacqueline", "jacqueline.samson53@free.fr", "", "", ""],
            {"email": 0},
        ),
        (
            ["", "SAMSON", "Jacqueline", "jacqueline.samson@hotmail.fr", "", "", ""],
            ["", "SAMSON", "Jacqueline", "jacqueline.samson@hotmial.fr", "", "", ""],
            {"email": 1},
        ),
        (
            ["", "FAIVRE", "Michel", "michel.faivre72@wanadoo.fr", "", "", ""],
            ["", "FAIVRE", "Michel", "michel.faivre72@icloud.com", "", "", ""],
            {"email": 1},
        ),
    ],
)
def test_typos_titles_and_mailboxes(a: list[str], b: list[str], expected: dict[str, int]) -> None:
    levels = _pair(a, b)
    assert {name: int(levels[name][0]) for name in expected} == expected


def _sites(*names: str, addresses: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame({"Raison sociale": list(names), "Adresse": list(addresses) or [""] * len(names)})
    return prepare_records(frame, map_columns(frame))


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("SARL Hôtel de la Plage", "HOTEL LA PLAGE", 2),  # one key once legal forms and little words are gone
        ("YMCA North Lawndale", "YMCA of Metropolitan Chicago - North Lawndale YMCA", 1),  # words inside
        ("Camping des Pins", "Camping les Pin", 1),  # a letter lost
        ("Hôtel de la Plage", "Camping des Pins", 0),
        ("Hôtel de la Plage", "Particulier", -1),  # no organisation: nothing to compare
        ("Hôtel de la Plage", "", -1),
    ],
)
def test_organisation_levels(a: str, b: str, level: int) -> None:
    levels = compare(_sites(a, b), np.array([0]), np.array([1]))
    assert levels["organisation"].tolist() == [level]


def test_a_site_and_a_visitor_are_flagged() -> None:
    frame = pd.DataFrame({"Nom": ["", "Durand", "Durand", ""], "Prénom": ["", "Marie", "Marie", ""],
                          "Société": ["Hôtel de la Plage", "", "Hôtel de la Plage", "Camping des Pins"]})  # fmt: skip
    records = prepare_records(frame, map_columns(frame))
    levels = compare(records, np.array([0, 1, 0]), np.array([1, 2, 3]))
    # a site and a visitor; a visitor and herself as the hotel's contact; two sites
    assert levels["person_and_organisation"].tolist() == [True, False, False]


def test_a_street_type_left_out_is_the_same_address_a_number_changed_is_not() -> None:
    addresses = ("1401 S Hamlin", "1401 S Hamlin Avenue", "1403 S Hamlin Avenue", "12 Foch")
    records = _sites("A", "A", "A", "A", addresses=addresses)
    levels = compare(records, np.array([0, 0]), np.array([1, 2]))
    assert levels["address"].tolist() == [1, 0]
    assert levels["same_number"].tolist() == [True, False]


def _levels(rows: list[dict[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    records = prepare_records(frame, map_columns(frame))
    return compare(records, np.array([0]), np.array([1]))


@pytest.mark.parametrize(
    "rows",
    [
        # the married name in use, the maiden name in the same cell
        [{"Nom": "DUPONT née MARTIN", "Prénom": "Marie"}, {"Nom": "Martin", "Prénom": "Marie"}],
        [{"Nom": "Martin épouse Dupont", "Prénom": "Marie"}, {"Nom": "DUPONT", "Prénom": "Marie"}],
        # ... or in a column of its own
        [
            {"Nom": "DUPONT", "Nom de naissance": "MARTIN", "Prénom": "Marie"},
            {"Nom": "MARTIN", "Nom de naissance": "", "Prénom": "Marie"},
        ],
    ],
)
def test_a_maiden_or_married_name_is_the_same_last_name(rows: list[dict[str, str]]) -> None:
    assert _levels(rows)["last"][0] == 3


def test_a_namesake_named_like_another_woman_s_maiden_name_is_not_a_typo() -> None:
    levels = _levels([{"Nom": "DUPONT née MARTIN", "Prénom": "Marie"}, {"Nom": "Bernard", "Prénom": "Marie"}])
    assert levels["last"][0] == 0


def test_a_mobile_typed_in_the_landline_column_meets_the_mobile() -> None:
    rows = [
        {"Nom": "Roux", "Mobile": "06 99 88 77 66", "Téléphone fixe": "06 12 34 56 78"},
        {"Nom": "Roux", "Mobile": "06 12 34 56 78", "Téléphone fixe": ""},
    ]
    assert _levels(rows)["phone"][0] == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("DUPONT, Jean-Pierre", "Jean-Pierre DUPONT"),
        ("LE GALL Anne", "Anne Le Gall"),
        ("Dr Marie CURIE", "CURIE, Marie"),
    ],
)
def test_name_layouts_in_one_column(a: str, b: str) -> None:
    levels = _levels([{"Nom complet": a, "Email": "x@free.fr"}, {"Nom complet": b, "Email": ""}])
    assert (levels["last"][0], levels["first"][0]) == (3, 3)


def test_a_birth_on_1_january_is_a_year_known_alone() -> None:
    def rows(born: str) -> list[dict[str, str]]:
        return [{"Nom": "Wallace", "Date de naissance": born}, {"Nom": "Stephen", "Date de naissance": born}]

    assert _levels(rows("01/01/1860"))["birth_date"][0] == 1
    assert _levels(rows("02/01/1860"))["birth_date"][0] == 2
    assert _levels(rows("1985-01-01"))["birth_date"][0] == 1


def test_a_title_in_a_name_column_is_no_name() -> None:
    levels = _levels([{"Nom": "DUPONT", "Prénom": "Mme"}, {"Nom": "DUPONT", "Prénom": "Marie"}])
    assert levels["first"][0] == -1  # blank on one side, not "different"
    levels = _levels([{"Nom": "Baron", "Prénom": "Marie"}, {"Nom": "Baron", "Prénom": "Marie"}])
    assert levels["last"][0] == 3  # Baron is a French surname
