"""Nicknames of first names: one first name for the matcher, never two full names that share a short form."""

from __future__ import annotations

import csv
import io
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from grc_toolkit.cleaners.names import name_key
from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.dedupe.compare import compare, gendered_pair
from grc_toolkit.dedupe.nicknames import distinct_given_names, same_given_name
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.rules import separating_rule
from grc_toolkit.dedupe.splink_engine import NICKNAMES, score_pairs, splink_input, splink_settings
from grc_toolkit.mapping import map_columns
from grc_toolkit.pipeline import run
from grc_toolkit.schema import SOURCE_ROWS


def _table() -> list[dict[str, str]]:
    raw = resources.files("grc_toolkit").joinpath("data", "given_name_variants.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


def _same(a: str, b: str) -> bool:
    return bool(same_given_name(np.array([name_key(a)], dtype=object), np.array([name_key(b)], dtype=object))[0])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cathy", "Catherine"),
        ("Manu", "Emmanuel"),
        ("Manue", "Emmanuelle"),
        ("Jean-Phi", "Jean-Philippe"),
        ("Bob", "Robert"),
        ("Bill", "William"),
        ("Bob", "Rob"),  # two short forms of Robert
        ("Zaza", "Isabelle"),
        ("Dédé", "André"),
        ("Marie-Jo", "Marie-José"),
        ("Véro", "Véronique"),
        ("Fred", "Frédérique"),
        ("Chris", "Christine"),
    ],
)
def test_short_forms_are_the_name(a: str, b: str) -> None:
    assert _same(a, b)
    assert _same(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Christophe", "Christine"),  # both Chris: two names
        ("Frédéric", "Frédérique"),  # both Fred
        ("Emmanuel", "Emmanuelle"),  # both Manu
        ("Louis", "Louise"),  # in the English table, two people in France
        ("Hélène", "Léna"),
        ("Patrick", "Peter"),
        ("Jules", "Julie"),
        ("Nathan", "Jonathan"),
        ("Cathy", "Chris"),
        ("Aurore", "Aurélien"),  # names the table does not know
        ("", ""),
    ],
)
def test_other_names_are_not(a: str, b: str) -> None:
    assert not _same(a, b)


def test_two_known_names_are_no_typo_of_each_other() -> None:
    left = np.array(["christophe", "cathy", "aurore", "christophe"], dtype=object)
    right = np.array(["christine", "catherine", "aurelie", "christophe"], dtype=object)
    assert distinct_given_names(left, right).tolist() == [True, False, False, False]


def test_table_keys_are_name_keys_without_gendered_pairs() -> None:
    rows = _table()
    assert len(rows) > 1000
    assert {row["source"] for row in rows} == {"grc-fr", "nicknames@21d75051c39c"}
    assert sum(row["source"] == "grc-fr" for row in rows) >= 80
    pairs = [(row["name"], row["variant"]) for row in rows]
    assert pairs == sorted(set(pairs))
    for name, variant in pairs:
        assert name == name_key(name) and variant == name_key(variant) and name and variant
        assert not gendered_pair(name, variant), (name, variant)


COLUMNS = ["Civilité", "Nom", "Prénom", "Email", "Téléphone", "Adresse", "Code postal"]


def _levels(first_a: str, first_b: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            ["", "MARTIN", first_a, "martin@free.fr", "0612345678", "3 rue Haute", "44000"],
            ["", "MARTIN", first_b, "martin@free.fr", "0612345678", "3 rue Haute", "44000"],
        ],
        columns=COLUMNS,
    )
    return compare(prepare_records(frame, map_columns(frame)), np.array([0]), np.array([1]))


@pytest.mark.parametrize(("a", "b"), [("Bob", "Robert"), ("Zaza", "Isabelle"), ("Fanfan", "Françoise")])
def test_a_nickname_is_a_close_first_name_that_no_household_rule_splits(a: str, b: str) -> None:
    levels = _levels(a, b)
    assert levels["first"].tolist() == [2]
    assert separating_rule(levels).tolist() == [""]


def test_two_names_sharing_a_nickname_stay_a_household() -> None:
    levels = _levels("Christophe", "Christine")
    assert levels["first"].tolist() == [0]
    assert levels["first_similarity"].tolist() == [0.0]  # not a typo of a rare spelling either
    assert separating_rule(levels).tolist() == ["household"]


def test_splink_compares_first_names_by_their_nicknames_too() -> None:
    frame = pd.DataFrame(
        [
            ["", last, first, "martin@free.fr", "", "", ""]
            for last, first in (("MARTIN", "Cathy"), ("MARTINS", "Catherine"), ("MARTINEZ", "Aurore"))
        ],
        columns=COLUMNS,
    )
    table = splink_input(prepare_records(frame, map_columns(frame)))
    cathy, catherine, aurore = table[NICKNAMES].tolist()
    assert {"cathy", "catherine"} <= set(cathy) and catherine == ["catherine"] and aurore is None
    first = next(c for c in splink_settings(table).comparisons if c.create_output_column_name() == "first")
    levels = first.get_comparison("duckdb").as_dict()["comparison_levels"]
    assert any(level.get("label_for_charts") == "Surnom" for level in levels)
    scored = score_pairs(prepare_records(frame, map_columns(frame)))  # DuckDB runs the list comparison
    assert len(scored.pairs) == 3


def test_the_pipeline_merges_a_nickname_and_keeps_two_names_apart() -> None:
    frame = pd.DataFrame(
        [
            {"Nom": "MARTIN", "Prénom": "Cathy", "Email": "cathy.martin@free.fr"},
            {"Nom": "Martin", "Prénom": "Catherine", "Email": "cathy.martin@free.fr"},
            {"Nom": "Petit", "Prénom": "Zaza", "Email": "famille.petit@orange.fr"},
            {"Nom": "PETIT", "Prénom": "Isabelle", "Email": "famille.petit@orange.fr"},
            {"Nom": "Durand", "Prénom": "Christophe", "Email": "durand@orange.fr", "Adresse": "12 rue des Lilas"},
            {"Nom": "Durand", "Prénom": "Christine", "Email": "durand@orange.fr", "Adresse": "12 rue des Lilas"},
        ]
    ).assign(**{"Code postal": "44000", "Ville": "Nantes"})
    result = run(frame, Config(dedupe=DedupeOptions(engine="grc")))
    groups = dict(zip(result.data["Prénom"], result.data[SOURCE_ROWS], strict=True))
    assert groups["Catherine"] == "2 ; 3"
    assert groups["Isabelle"] == "4 ; 5"
    assert groups["Christophe"] == "6" and groups["Christine"] == "7"
