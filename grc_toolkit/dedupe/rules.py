"""The rules that say two records are two people, whatever the model's probability (recordlinkage's classifiers).

Evidence adds up in Fellegi-Sunter, so a household's shared phone and address could outweigh two
different first names; these rules keep what the file cannot outvote. Each rule has a code (see
:data:`RULES`), so a pair kept apart can name the rule that kept it apart (:func:`separating_rule`).
They read comparison levels only (:mod:`grc_toolkit.dedupe.compare`), so they stay when the engine
that scores pairs changes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe.compare import FIELDS

#: Rule codes, in the order they are checked: a pair is kept apart by the first that holds.
RULES = (
    "household",  # first names differ (not a typo), surnames related, no shared birth date
    "first_names_differ",  # first names differ, not by a typo of a rare spelling
    "last_names_differ",  # surnames unrelated, even with first and last names swapped
    "civility_differs",  # civilities contradict and the first names are not the same
    "birth_dates_differ",  # birth dates differ, and the names and the place do not make up for it
    "namesake_no_shared_contact",  # names may be one person's, but no email, phone, birth date or place shared
    "decided_distinct",  # a person's review decision said: two people
)
#: The code of a pair kept apart by a person's decision (set by :func:`~grc_toolkit.dedupe.decisions.apply_decisions`).
DECIDED_DISTINCT = "decided_distinct"


def _levels(levels: pd.DataFrame) -> dict[str, np.ndarray]:
    return {name: levels[name].to_numpy() for name in FIELDS}


def _first_typo(levels: pd.DataFrame) -> np.ndarray:
    """First names that differ only by a typo of a rare spelling (``Wlliam`` / ``William``)."""
    return (levels["first_similarity"].to_numpy() >= 0.8) & levels["first_rare"].to_numpy()


def _conditions(levels: pd.DataFrame) -> dict[str, np.ndarray]:
    """The pieces :func:`same_person_possible` is made of, each True where it holds (allows one person)."""
    level = _levels(levels)
    typo = _first_typo(levels)
    first = (level["first"] != 0) | typo
    last = level["last"] != 0
    civility = (level["civility"] != 0) | (level["first"] == 3)
    place = _same_place(level)
    strong = (
        (level["last"] >= 1).astype(np.int8)
        + (level["first"] >= 1)
        + place
        + (level["email"] == 2)
        + (level["phone"] == 2)
    )
    same_birth = level["birth_date"] == 2
    home = (level["address"] == 2) & (level["postal_code"] == 2)
    names_agree = (level["last"] >= 2) & ((level["first"] >= 2) | (level["first"] == -1) | typo)
    forgive_birth = (level["birth_date"] == 0) & names_agree & place
    return {
        "first": first,
        "last": last,
        "civility": civility,
        "birth": (level["birth_date"] != 0) | forgive_birth,
        "forgive_name": same_birth & (((strong >= 1) & (first | last)) | home) & civility,
    }


def same_person_possible(levels: pd.DataFrame) -> np.ndarray:
    """Pairs whose names, civilities and birth dates allow one person.

    As a rule: first names agree or differ only by a typo of a rare spelling (``Wlliam`` / ``William``),
    surnames are not unrelated (after swapping first and last names), civilities do not contradict
    unless the first names are the same, birth dates do not differ. Two members of a household (same
    phone, address and surname, different first names) fail it. Two exceptions, where the other
    fields leave no doubt: a name that was changed or mistyped beyond recognition is forgiven when the
    birth date is the same and one more strong agreement holds (first or last name, place, email,
    phone), or both live at the same street address; a birth date that differs is forgiven when both
    names agree and so does the place.
    """
    holds = _conditions(levels)
    return (holds["first"] & holds["last"] & holds["civility"] & holds["birth"]) | holds["forgive_name"]


def two_people(levels: pd.DataFrame) -> np.ndarray:
    """Pairs that are surely two people: both first names given and different (not a typo), related
    surnames, and no shared birth date to say otherwise — the members of a household."""
    level = _levels(levels)
    return (level["first"] == 0) & ~_first_typo(levels) & (level["last"] >= 1) & (level["birth_date"] != 2)


def _shared(levels: pd.DataFrame) -> np.ndarray:
    """The two records share a contact (same email or phone), a birth date, or a place."""
    level = _levels(levels)
    full_name = (level["last"] == 3) & (level["first"] == 3)
    birth = (level["birth_date"] == 2) | ((level["birth_date"] == 1) & full_name)
    return (level["email"] == 2) | (level["phone"] == 2) | birth | _same_place(level)


def compatible(levels: pd.DataFrame) -> np.ndarray:
    """Pairs that may be merged at all, whatever their probability: :func:`same_person_possible`, and
    the two records share a contact (same email or phone), a birth date, or a place (same postcode
    without two different street addresses, or a close address without two different postcodes) —
    namesakes, even in the same town, are never merged on their names alone.
    """
    return same_person_possible(levels) & _shared(levels)


def separating_rule(levels: pd.DataFrame) -> np.ndarray:
    """Per pair, the code (:data:`RULES`) of the first rule that keeps its two records apart, "" when none
    does (exactly the :func:`compatible` pairs).

    Examples:
        >>> levels = pd.DataFrame({name: [3] for name in FIELDS} | {"first": [0], "birth_date": [-1]})
        >>> levels = levels.assign(first_similarity=[0.5], first_rare=[False])
        >>> separating_rule(levels).tolist()
        ['household']
    """
    holds = _conditions(levels)
    possible = (holds["first"] & holds["last"] & holds["civility"] & holds["birth"]) | holds["forgive_name"]
    checks = (
        ("household", two_people(levels)),
        ("first_names_differ", ~holds["first"]),
        ("last_names_differ", ~holds["last"]),
        ("civility_differs", ~holds["civility"]),
        ("birth_dates_differ", ~holds["birth"]),
    )
    code = np.full(len(levels), "", dtype=object)
    for name, fails in checks:
        code[~possible & fails & (code == "")] = name
    code[possible & ~_shared(levels)] = "namesake_no_shared_contact"
    return code


def group_votes(
    levels: pd.DataFrame, probability: np.ndarray, floor: float, *, strong: np.ndarray | bool = False
) -> np.ndarray:
    """Per pair, 1 may be one person, 0 doubtful, -1 surely two people (for growing groups).

    ``strong`` marks pairs whose probability overrules the name rules (files with birth dates)."""
    agree = (same_person_possible(levels) | strong) & (probability >= floor)
    return np.where(two_people(levels), -1, agree.astype(np.int8)).astype(np.int8)


def judge_pairs(pairs: pd.DataFrame, options: DedupeOptions, *, dated: bool) -> pd.DataFrame:
    """Scored pairs (levels and ``probability``) with the rules' verdict added.

    ``compatible``: may be merged; ``possible``: may be one person by their names (a pair to review);
    ``vote``: :func:`group_votes`; ``rule``: the code of the rule that keeps the pair apart ("" when none);
    ``decided``: False (a person's decisions come after, :func:`~grc_toolkit.dedupe.decisions.apply_decisions`).
    Where the file records birth dates (``dated``), a household or a namesake rarely shares one: there, a
    probability of at least ``options.strong`` overrules the name and place rules, unless the pair is
    surely :func:`two_people`.
    """
    probability = pairs["probability"].to_numpy()
    strong = dated & (probability >= options.strong) & ~two_people(pairs)
    allowed = compatible(pairs) | strong
    return pairs.assign(
        compatible=allowed,
        possible=same_person_possible(pairs) | strong,
        vote=group_votes(pairs, probability, options.floor, strong=strong),
        rule=np.where(allowed, "", separating_rule(pairs)),
        decided=np.zeros(len(pairs), dtype=bool),
    )


def _same_place(level: dict[str, np.ndarray]) -> np.ndarray:
    """A close street address without two different postcodes; or the same postcode when one street
    address is blank, provided no email or phone given on both records disagrees (a postcode alone
    is a whole district of Paris)."""
    close_address = (level["address"] >= 1) & (level["postal_code"] != 0)
    no_contact_against = (level["email"] != 0) & (level["phone"] != 0)
    postcode_only = (level["postal_code"] == 2) & (level["address"] == -1) & no_contact_against
    return close_address | postcode_only
