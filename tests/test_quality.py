"""Record scores: a valid address that reaches nobody in particular does not make a perfect record."""

from __future__ import annotations

import pandas as pd

from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.pipeline import run
from grc_toolkit.present import contacts
from grc_toolkit.quality import record_scores
from grc_toolkit.schema import ISSUES, QUALITY

_PEOPLE = pd.DataFrame(
    {
        "Nom": ["Dupont", "Martin", "Durand", "Petit", "Moreau"],
        "Prénom": ["Jean", "Marie", "Paul", "Luc", "Anne"],
        "Email": ["jean.dupont@gmail.com", "contact@hotel-du-port.fr", "noreply@booking.com", "test@yopmail.com", "a@"],
        "Téléphone": ["0671842953", "0682917364", "0745198276", "0658273149", "0619482735"],
    }
)


def _run(frame: pd.DataFrame, *, dedupe: bool = False) -> pd.DataFrame:
    return contacts(run(frame, Config(dedupe=DedupeOptions(enabled=dedupe))))


def test_role_and_throwaway_addresses_are_kept_and_reported() -> None:
    data = _run(_PEOPLE)
    assert data["Email"].tolist() == _PEOPLE["Email"].tolist()
    assert data[ISSUES].tolist() == [
        "",
        "Email : adresse générique (contact@, info@…)",
        "Email : adresse générique (contact@, info@…)",
        "Email : adresse jetable (yopmail…)",
        "Email : adresse e-mail invalide",
    ]


def test_role_addresses_count_less_and_throwaway_ones_not_at_all() -> None:
    perfect, role, robot, throwaway, invalid = _run(_PEOPLE)[QUALITY].tolist()
    assert perfect == 100
    assert role == robot < perfect
    assert throwaway == invalid < role


def test_issues_in_english() -> None:
    data = contacts(run(_PEOPLE, Config(dedupe=DedupeOptions(enabled=False))), "en")
    assert data[ISSUES].iloc[3] == "Email : disposable address (yopmail…)"


def test_a_merged_record_is_scored_on_the_address_it_keeps() -> None:
    twice = pd.concat([_PEOPLE.iloc[[1]], _PEOPLE.iloc[[1]]], ignore_index=True)
    data = _run(twice, dedupe=True)
    assert len(data) == 1
    assert data[QUALITY].iloc[0] == _run(_PEOPLE)[QUALITY].iloc[1]
    assert data[ISSUES].iloc[0] == "Email : adresse générique (contact@, info@…)"


def test_flags_lower_only_the_flagged_field() -> None:
    index = pd.RangeIndex(3)
    statuses = {"email": pd.Series(["valid"] * 3), "phone": pd.Series(["valid"] * 3)}
    flags = {"email": pd.Series(["", "email.role", "email.disposable"])}
    assert record_scores(statuses, index).tolist() == [100, 100, 100]
    assert record_scores(statuses, index, flags).tolist() == [100, 72, 44]
