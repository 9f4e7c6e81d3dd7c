"""The rules no weight can outvote, each on a hand-made pair, and the code of the rule that keeps a pair apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe.compare import compare
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.rules import (
    RULES,
    SOFT_RULES,
    compatible,
    group_votes,
    judge_pairs,
    same_person_possible,
    separating_rule,
    two_people,
)
from grc_toolkit.mapping import map_columns

COLUMNS = ["Civilité", "Nom", "Prénom", "Email", "Téléphone", "Adresse", "Code postal", "Date de naissance"]


def _pair(a: list[str], b: list[str]) -> pd.DataFrame:
    """Levels of two rows of ``COLUMNS``, and a ninth value when given: the organisation (``Raison sociale``)."""
    frame = pd.DataFrame([a, b], columns=[*COLUMNS, "Raison sociale"][: len(a)])
    records = prepare_records(frame, map_columns(frame))
    return compare(records, np.array([0]), np.array([1]))


# a couple at one address, with one landline
HOUSEHOLD = (["M.", "DUPONT", "Jean", "", "+33142685300", "1 rue Oberkampf", "75011", ""],
             ["Mme", "DUPONT", "Marie", "", "+33142685300", "1 rue Oberkampf", "75011", ""])  # fmt: skip
# two colleagues behind a hotel's front-desk address
FIRST_NAMES = (["M.", "BERNARD", "Luc", "accueil@hotel-la-mer.fr", "", "", "17000", ""],
               ["Mme", "PETIT", "Anne", "accueil@hotel-la-mer.fr", "", "", "17000", ""])  # fmt: skip
# a mother and her married daughter, one phone
LAST_NAMES = (["Mme", "MOREAU", "Claire", "", "+33556781234", "", "33000", ""],
              ["Mme", "GIRARD", "Claire", "", "+33556781234", "", "33000", ""])  # fmt: skip
# Camille (a man) and Camile (a woman, or a typo?) Roux: the civilities say two people
CIVILITY = (["M.", "ROUX", "Camille", "", "", "4 place Bellecour", "69002", ""],
            ["Mme", "ROUX", "Camile", "", "", "4 place Bellecour", "69002", ""])  # fmt: skip
# two Julien Leroy born 23 years apart, in two towns: a father and his son
PARENT = (["M.", "LEROY", "Julien", "", "", "", "59000", "1985-04-02"],
          ["M.", "LEROY", "Julien", "", "", "", "62000", "1962-11-30"])  # fmt: skip
# a Leroy born in 1985 and one born in 1983, one of them without a first name
BIRTH = (["M.", "LEROY", "Julien", "", "", "", "59000", "1985-04-02"],
         ["M.", "LEROY", "", "", "", "", "59000", "1983-11-30"])  # fmt: skip
# namesakes in one town, two mailboxes, two streets
NAMESAKES = (["M.", "MARTIN", "Paul", "paul.martin35@free.fr", "", "3 rue de Fougères", "35400", ""],
             ["M.", "MARTIN", "Paul", "pmartin@orange.fr", "", "9 avenue Jean Jaurès", "35400", ""])  # fmt: skip
# twins: one surname, one birth date, one home, two first names
TWINS = (["M.", "CAPEL", "Benjamin", "", "", "4 rue des Lilas", "42000", "1979-05-22"],
         ["M.", "CAPEL", "Joshua", "", "", "4 rue des Lilas", "42000", "1979-05-22"])  # fmt: skip
# namesakes at 12 and 48 rue de la Paix
NEIGHBOURS = (["M.", "MARTIN", "Paul", "", "", "12 rue de la Paix", "75002", ""],
              ["M.", "MARTIN", "Paul", "", "", "48 rue de la Paix", "75002", ""])  # fmt: skip
# the Belgian way, the number after the street
NEIGHBOURS_BE = (["Mme", "DUBOIS", "Els", "", "", "Rue de la Loi 111", "1000", ""],
                 ["Mme", "DUBOIS", "Els", "", "", "Rue de la Loi 23", "1000", ""])  # fmt: skip
# two rows whose name column was not recognised, one building
ADDRESS_ONLY = (["", "", "", "", "", "7 quai Duguay-Trouin", "35400", ""],
                ["", "", "", "", "", "7 quai Duguay-Trouin", "35400", ""])  # fmt: skip
# namesakes in a list without email or phone, in two streets of one town
ADDRESSES = (["M.", "MARTIN", "Paul", "", "", "3 rue de Fougères", "35400", ""],
             ["M.", "MARTIN", "Paul", "", "", "9 avenue Jean Jaurès", "35400", ""])  # fmt: skip
# namesakes in two towns, nothing else given
TOWNS = (["M.", "MARTIN", "Paul", "", "", "", "35400", ""],
         ["M.", "MARTIN", "Paul", "", "", "", "13001", ""])  # fmt: skip
# two partners of one owner, the owner's mobile on both: a campsite and a hotel
ORGANISATIONS = (["", "", "", "", "+33612345678", "2 route de la Plage", "56340", "", "Camping des Pins"],
                 ["", "", "", "", "+33612345678", "1 quai du Port", "56340", "", "Hôtel de la Plage"])  # fmt: skip
# a hotel's row and a visitor who wrote from its reception desk's mailbox
PERSON_AND_ORGANISATION = (["", "", "", "accueil@hotel-plage.fr", "", "", "56340", "", "Hôtel de la Plage"],
                           ["Mme", "DURAND", "Marie", "accueil@hotel-plage.fr", "", "", "56340", "", ""])  # fmt: skip
# two sites of one chain of crèches, the head office's phone on both
BRANCHES = (["", "", "", "", "+33299112233", "3 rue de Fougères", "35000", "", "Crèches Les Lutins"],
            ["", "", "", "", "+33299112233", "18 bd de la Liberté", "35000", "", "Crèches Lutins SARL"])  # fmt: skip
# one man, a typo in a rare first name, one mailbox
TYPO = (["M.", "GOSSELIN", "Wlliam", "w.gosselin@laposte.net", "", "", "75014", ""],
        ["M.", "GOSSELIN", "William", "w.gosselin@laposte.net", "", "", "75014", ""])  # fmt: skip


@pytest.mark.parametrize(
    ("pair", "code"),
    [
        (HOUSEHOLD, "household"),
        (FIRST_NAMES, "first_names_differ"),
        (LAST_NAMES, "last_names_differ"),
        (CIVILITY, "civility_differs"),
        (PARENT, "parent_child"),
        (BIRTH, "birth_dates_differ"),
        (NAMESAKES, "namesake_contacts_differ"),
        (TWINS, "twins"),
        (NEIGHBOURS, "neighbours"),
        (NEIGHBOURS_BE, "neighbours"),
        (ADDRESS_ONLY, "address_only"),
        (ADDRESSES, "addresses_differ"),
        (TOWNS, "places_differ"),
        (ORGANISATIONS, "organisations_differ"),
        (PERSON_AND_ORGANISATION, "person_and_organisation"),
        (BRANCHES, "branches"),
        (TYPO, ""),
    ],
)
def test_each_rule_names_the_pair_it_keeps_apart(pair: tuple[list[str], list[str]], code: str) -> None:
    levels = _pair(*pair)
    assert separating_rule(levels).tolist() == [code]
    assert bool(compatible(levels)[0]) == (code == "")
    assert bool(same_person_possible(levels)[0]) == (code == "" or code in SOFT_RULES)


def test_every_rule_code_is_listed() -> None:
    assert {"household", "twins", "parent_child", "neighbours", "address_only", "decided_distinct"} <= set(RULES)
    assert SOFT_RULES <= set(RULES)
    assert len(set(RULES)) == len(RULES)


def test_only_the_soft_rules_leave_one_person_possible() -> None:
    for pair in (HOUSEHOLD, FIRST_NAMES, CIVILITY, PARENT, ORGANISATIONS, PERSON_AND_ORGANISATION, BRANCHES):
        assert two_people(_pair(*pair))[0]
    for pair in (LAST_NAMES, BIRTH, NAMESAKES, TYPO):
        assert not two_people(_pair(*pair))[0]


def test_a_same_birth_date_forgives_a_changed_surname() -> None:
    # a woman under her maiden and married names, same birth date and address
    married = (["Mme", "LEMAIRE", "Sophie", "", "", "8 rue Nationale", "37000", "1979-06-21"],
               ["Mme", "FAURE", "Sophie", "", "", "8 rue Nationale", "37000", "1979-06-21"])  # fmt: skip
    assert separating_rule(_pair(*married)).tolist() == [""]


def test_a_birth_date_typo_is_forgiven_where_names_and_place_agree() -> None:
    forgiven = (["M.", "LEROY", "Julien", "", "", "12 rue Solférino", "59000", "1985-04-02"],
                ["M.", "LEROY", "Julien", "", "", "12 rue Solférino", "59000", "1958-04-02"])  # fmt: skip
    assert separating_rule(_pair(*forgiven)).tolist() == [""]


def test_votes_veto_a_hard_rule_and_doubt_a_soft_one() -> None:
    pairs = (HOUSEHOLD, PARENT, NAMESAKES, TYPO, TYPO)
    levels = pd.concat([_pair(*pair) for pair in pairs], ignore_index=True)
    votes = group_votes(levels, np.array([0.99, 0.99, 0.99, 0.01, 0.99]), floor=0.05)
    assert votes.tolist() == [-1, -1, 0, 0, 1]
    strong = np.array([False, False, True, False, False])
    assert group_votes(levels, np.full(5, 0.9999), floor=0.05, strong=strong).tolist() == [-1, -1, 1, 1, 1]


def test_a_strong_probability_overrules_the_rules_in_a_dated_file_but_not_a_household() -> None:
    levels = pd.concat([_pair(*HOUSEHOLD), _pair(*NAMESAKES)], ignore_index=True).assign(probability=0.9999)
    options = DedupeOptions()
    undated = judge_pairs(levels, options, dated=False)
    assert undated["rule"].tolist() == ["household", "namesake_contacts_differ"]
    assert not undated["compatible"].any()
    dated = judge_pairs(levels, options, dated=True)
    assert dated["rule"].tolist() == ["household", ""]
    assert dated["compatible"].tolist() == [False, True]
    assert dated["vote"].tolist() == [-1, 1]
    assert not dated["decided"].any()


def _couple(first_a: str, first_b: str) -> pd.DataFrame:
    """Two rows at one address with one landline, each first name also worn by others in the file (so
    neither spelling is rare: only the names' closeness can tell a typo)."""
    rows = [["", "DUPONT", first_a, "", "+33142685300", "1 rue Oberkampf", "75011", ""],
            ["", "DUPONT", first_b, "", "+33142685300", "1 rue Oberkampf", "75011", ""]]  # fmt: skip
    others = ["BLANC", "NOIR", "VERT"]
    rows += [["", other, first, "", "", "", "", ""] for first in (first_a, first_b) for other in others]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    records = prepare_records(frame, map_columns(frame))
    return compare(records, np.array([0]), np.array([1]))


@pytest.mark.parametrize(
    ("first_a", "first_b"),
    [
        ("Chaeles", "Charles"),
        ("Sophie", "Sofie"),
        ("Mathieu", "Matthieu"),
        ("Frédéric", "Frederick"),
        ("Jean-Pierre", "Jeanpierre"),
        ("Stéphane", "Stephane"),
    ],  # fmt: skip
)
def test_a_typo_in_a_first_name_is_the_same_name_for_every_rule(first_a: str, first_b: str) -> None:
    levels = _couple(first_a, first_b)
    assert separating_rule(levels).tolist() == [""]
    assert not two_people(levels)[0]


@pytest.mark.parametrize(
    ("first_a", "first_b"),
    [
        ("Marie", "Mario"),
        ("Jean", "Jeanne"),
        ("Louis", "Louise"),
        ("Daniel", "Danielle"),
        ("Michel", "Michelle"),
        ("Laurent", "Laurence"),
        ("Frédéric", "Frédérique"),
        ("René", "Renée"),
        ("Paul", "Paula"),
        ("Martin", "Martine"),
    ],  # fmt: skip
)
def test_a_gender_marking_ending_keeps_a_household_apart(first_a: str, first_b: str) -> None:
    levels = _couple(first_a, first_b)
    assert separating_rule(levels).tolist() == ["household"]


def test_every_rule_is_worded_in_french_and_english() -> None:
    from grc_toolkit.present.labels import RULE_WORDS

    for code in RULES:
        french, english = RULE_WORDS[code]
        assert french and english and french != english


def test_identity_numbers_decide_before_any_other_rule() -> None:
    frame = pd.DataFrame(
        [
            ["DUPONT", "Jean", "1850775123456"],
            ["DUPONT", "Jean", "1850775999999"],
            ["DUPOND", "Jeanne", "1850775123456"],
        ],
        columns=["Nom", "Prénom", "N° de sécurité sociale"],
    )
    records = prepare_records(frame, map_columns(frame))
    levels = compare(records, np.array([0, 0]), np.array([1, 2]))
    assert separating_rule(levels).tolist() == ["identity_numbers_differ", ""]


def test_two_rows_of_one_hotel_at_one_address_may_be_one_record() -> None:
    # no person, email or phone: the organisation's name is the name in common (address_only before)
    hotel = (["", "", "", "", "", "12 quai Duguay-Trouin", "35400", "", "SARL Hôtel de la Plage"],
             ["", "", "", "", "", "12 quai Duguay-Trouin", "35400", "", "HOTEL LA PLAGE"])  # fmt: skip
    assert separating_rule(_pair(*hotel)).tolist() == [""]
    nameless = [row[:8] for row in hotel]  # without the organisation's name: an address alone
    assert separating_rule(_pair(*nameless)).tolist() == ["address_only"]


def test_a_person_who_changed_employer_is_not_kept_apart_by_the_organisations() -> None:
    moved = (["M.", "MARTIN", "Paul", "p.martin@free.fr", "", "", "35400", "", "Hôtel de la Plage"],
             ["M.", "MARTIN", "Paul", "p.martin@free.fr", "", "", "35400", "", "Camping des Pins"])  # fmt: skip
    assert separating_rule(_pair(*moved)).tolist() == [""]


def test_a_manager_named_on_two_sites_is_left_to_the_other_rules() -> None:
    manager = [[*row[:1], "LEBRUN", "Anne", *row[3:]] for row in BRANCHES]
    assert separating_rule(_pair(*manager)).tolist() != ["branches"]


def test_one_site_whose_street_is_spelt_two_ways_is_not_two_addresses() -> None:
    site = (["", "", "", "", "", "1653 W 43rd Street", "", "", "Sutton Branch"],
            ["", "", "", "", "", "1653 West Forty-Third St", "60609", "", "Sutton Branch Head Start"])  # fmt: skip
    levels = _pair(*site)
    assert levels["address"].tolist() == [0]
    assert separating_rule(levels).tolist() == [""]
    people = [["M.", "MARTIN", "Paul", *row[3:8]] for row in site]  # a person's two addresses: as before
    assert separating_rule(_pair(*people)).tolist() == ["addresses_differ"]


def test_names_sharing_a_word_few_organisations_carry_may_be_one_site() -> None:
    rows = [["", "", "", "", "", "4444 S Kedzie", "60632", "", "El Valor Kiddy Kare Learning Center"],
            ["", "", "", "", "", "4444 S Kedzie", "60632", "", "KKP Kiddy Kare I"],
            ["", "", "", "", "", "4444 S Kedzie", "60632", "", "Little Tykes Center"]]  # fmt: skip
    rows += [["", "", "", "", "", "", "", "", f"Center {town}"] for town in ("Nord", "Sud", "Est", "Ouest", "Loin")]
    rows += [["", "", "", "", "", "", "", "", f"Sunshine {n}"] for n in range(12)]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "Raison sociale"])
    records = prepare_records(frame, map_columns(frame))
    levels = compare(records, np.array([0, 0]), np.array([1, 2]))
    assert levels["organisation"].tolist() == [0, 0]
    assert levels["organisation_word"].tolist() == [True, False]
    assert separating_rule(levels).tolist() == ["", "address_only"]


# one man in a list of historical figures: a title's name typed as the first name, same birth date and place
RETITLED = (["", "CHUDLEIGH", "Thomas", "", "", "", "59000", "1630-08-01"],
            ["", "CHUDLEIGH", "Clifford", "", "", "", "59000", "1630-08-01"])  # fmt: skip


def test_a_strong_probability_overrules_a_first_name_only_where_no_home_is_shared() -> None:
    # twins at one address stay two people whatever the model says; the same pair with no home, phone or
    # mailbox in common may be one person whose first name was replaced, in a file with birth dates
    levels = pd.concat([_pair(*TWINS), _pair(*RETITLED), _pair(*FIRST_NAMES)], ignore_index=True)
    assert separating_rule(levels).tolist() == ["twins", "twins", "first_names_differ"]
    judged = judge_pairs(levels.assign(probability=0.9999), DedupeOptions(), dated=True)
    assert judged["rule"].tolist() == ["twins", "", "first_names_differ"]
    assert judged["vote"].tolist() == [-1, 1, -1]
    # not in a file without birth dates, nor below a very strong probability
    assert judge_pairs(levels.assign(probability=0.9999), DedupeOptions(), dated=False)["rule"].tolist()[1] == "twins"
    assert judge_pairs(levels.assign(probability=0.99), DedupeOptions(), dated=True)["rule"].tolist()[1] == "twins"
    # a doubt, not a veto, while grouping a dated file: other rows of the same man may still join both
    assert group_votes(levels, np.full(3, 0.99), floor=0.05, dated=True).tolist() == [-1, 0, -1]
    assert group_votes(levels, np.full(3, 0.99), floor=0.05).tolist() == [-1, -1, -1]
    assert same_person_possible(levels, dated=True).tolist() == [False, True, False]
    assert not same_person_possible(levels).any()


def test_a_sex_column_is_recognised_and_never_rewritten() -> None:
    from grc_toolkit import Config, run

    frame = pd.DataFrame({"Nom": ["ROUX", "ROUX"], "Prénom": ["Camille", "Léa"], "Sexe": ["H", "féminin"]})
    result = run(frame, Config())
    assert result.mapping.field_of("Sexe") == "gender"
    assert result.data["Sexe"].tolist() == ["H", "féminin"]  # the CRM's own codes stay
    assert result.changes[result.changes["column"] == "Sexe"].empty
