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
    "person_and_organisation",  # an organisation without a person's name, and a person with no organisation
    "household",  # first names clearly differ, surnames related, a home or a phone shared
    "twins",  # first names clearly differ, surnames related, one birth date: twins or same-day siblings
    "first_names_differ",  # first names clearly differ (not a typo)
    "civility_differs",  # civilities contradict and the first names are not the same
    "parent_child",  # same names, birth dates a generation apart (not a typo, a swap or a century)
    "neighbours",  # one street, two house numbers, and no email, phone or birth date shared
    "address_only",  # no name, email or phone in common: a shared address or town alone is no person
    "organisations_differ",  # two different organisations, and no person's name in common
    "branches",  # one organisation, its phone or mailbox shared, two street addresses: two sites of a chain
    "last_names_differ",  # surnames unrelated, and no birth date or email shared to show a new name
    "birth_dates_differ",  # birth dates differ and the names do not fully agree
    "namesake_contacts_differ",  # two mailboxes, and two phones or two street addresses; nothing else shared
    "addresses_differ",  # two street addresses given and different, and no email, phone or birth date shared
    "places_differ",  # two towns, and no email, phone or birth date shared, not even nearly
    "identity_numbers_differ",  # identity numbers (social security, passport) given on both and different
    "decided_distinct",  # a person's review decision said: two people
)
#: The rules a very strong probability may overrule in a file that records birth dates (fields corrupted
#: or replaced: a new surname, a mistyped date, a new mailbox); the others describe two people.
SOFT_RULES = frozenset(
    {
        "last_names_differ",
        "birth_dates_differ",
        "namesake_contacts_differ",
        "addresses_differ",
        "places_differ",
        "identity_numbers_differ",
    }
)
#: The rules on first names, which a very strong probability may overrule too in a file with birth dates
#: when the two records share no home or phone, and their surnames or birth dates agree: two first names
#: behind one home are two people of one household, whatever else agrees. Elsewhere a first name may be replaced (a
#: title or a middle name typed in its place, ``Clifford`` for ``Thomas``) while the surname, the birth
#: date and the place all agree.
FIRST_NAME_RULES = frozenset({"first_names_differ", "twins"})
#: The code of a pair kept apart by a person's decision (set by :func:`~grc_toolkit.dedupe.decisions.apply_decisions`).
DECIDED_DISTINCT = "decided_distinct"
#: Years between two birth dates of one name beyond which they are a parent and a child, not a typo.
GENERATION = 15


def _levels(levels: pd.DataFrame) -> dict[str, np.ndarray]:
    return {name: levels[name].to_numpy() for name in FIELDS}


def _first_typo(levels: pd.DataFrame) -> np.ndarray:
    """First names that differ only by a typo of a rare spelling (``Wlliam`` / ``William``)."""
    return (levels["first_similarity"].to_numpy() >= 0.8) & levels["first_rare"].to_numpy()


def _column(levels: pd.DataFrame, name: str, default: object) -> np.ndarray:
    """A column of ``levels`` that older tables (or hand-made ones) may lack."""
    return levels[name].to_numpy() if name in levels else np.full(len(levels), default)


def _shared_home(level: dict[str, np.ndarray]) -> np.ndarray:
    """A phone, or a street address in one postcode, shared."""
    return (level["phone"] == 2) | ((level["address"] >= 1) & (level["postal_code"] != 0))


def overrulable(levels: pd.DataFrame, code: np.ndarray, *, dated: bool) -> np.ndarray:
    """Per pair, whether the rule ``code`` that keeps it apart is one a very strong probability may
    overrule: a soft rule (:data:`SOFT_RULES`), or, in a file with birth dates (``dated``), a rule on first
    names (:data:`FIRST_NAME_RULES`) between records that share no home or phone, and whose surnames (or
    birth dates) agree."""
    if not dated:
        return np.isin(code, list(SOFT_RULES))
    level = _levels(levels)
    alone = ~_shared_home(level) & ((level["last"] != 0) | (level["birth_date"] == 2))
    first_name_rule = np.isin(code, list(FIRST_NAME_RULES)) & alone
    return np.isin(code, list(SOFT_RULES)) | first_name_rule


def _checks(levels: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per rule code, where the rule holds (the pair is two records); no rule needs a shared contact to
    let a pair through: lists without email or phone match on names, dates and places."""
    level = _levels(levels)
    first_clash = (level["first"] == 0) & ~_first_typo(levels)
    last_related = level["last"] >= 1
    same_birth = level["birth_date"] == 2
    same_email, same_phone = level["email"] == 2, level["phone"] == 2
    shared_home = _shared_home(level)
    names_agree = (level["last"] >= 2) & (level["first"] >= 1)
    gap = _column(levels, "birth_gap", -1)
    # what only one person has: a name, a mailbox (or its local part elsewhere), a phone, a birth date
    person_named = (level["last"] >= 2) | (level["first"] >= 1)
    # an organisation's name is a name too: two rows of one hotel at one address may be one record, and
    # so may two names sharing a word few organisations of the file carry (El Valor Kiddy Kare / KKP Kiddy Kare)
    organisation_named = (level["organisation"] >= 1) | _column(levels, "organisation_word", False)
    personal = person_named | organisation_named | (level["email"] >= 1) | same_phone | same_birth
    # one organisation at one house number of one town, the street spelt two ways (8601 S State St /
    # 8601 South State Street): a spelling, not a move
    same_site = (level["organisation"] >= 1) & _column(levels, "same_number", False) & (level["postal_code"] != 0)
    # a mailbox or a phone (or a near mailbox and a name): enough to forgive a birth date mistyped
    # beyond one digit, short of a generation (a parent and a child may share a family mailbox)
    some_name = (level["first"] >= 1) | (level["last"] >= 2)
    contact = same_email | same_phone | ((level["email"] >= 1) & some_name)
    mistyped_birth = (gap >= 0) & (gap < GENERATION) & contact
    # a new surname (marriage, a typo beyond recognition) keeps the first name and shows in a birth date
    # or a personal mailbox, or in a near birth date and a near mailbox together
    renamed = (level["first"] >= 1) & (same_birth | same_email | ((level["birth_date"] == 1) & (level["email"] >= 1)))
    return {
        "person_and_organisation": _column(levels, "person_and_organisation", False),
        "household": first_clash & last_related & ~same_birth & shared_home,
        "twins": first_clash & last_related & same_birth,
        "first_names_differ": first_clash,
        "civility_differs": (level["civility"] == 0) & (level["first"] != 3),
        "parent_child": names_agree & (level["birth_date"] == 0) & (gap >= GENERATION),
        "neighbours": _column(levels, "other_number", False) & ~(same_email | same_phone | same_birth),
        "address_only": ~personal,
        # colleagues of two hotels, or two schools: a shared town, phone or mailbox (a network's) is no one
        "organisations_differ": (level["organisation"] == 0) & ~organisation_named & ~person_named,
        # the head office's phone or mailbox on each of its sites, at their own addresses; a person named
        # on both is left to the other rules (a manager moving between sites)
        "branches": (level["organisation"] >= 1) & (same_phone | same_email) & (level["address"] == 0) & ~names_agree,
        "last_names_differ": (level["last"] == 0) & ~renamed,
        "birth_dates_differ": (level["birth_date"] == 0) & ~names_agree & ~mistyped_birth,
        # a move changes the address and the landline together, rarely the mailbox as well
        "namesake_contacts_differ": (level["email"] == 0)
        & ((level["phone"] == 0) | (level["address"] == 0))
        & ~(same_phone | same_birth),
        # two homes and nothing personal in common: namesakes until a person says otherwise (a move
        # with no mailbox, phone or birth date to show it goes to the review sheet)
        "addresses_differ": (level["address"] == 0) & ~(same_email | same_phone | same_birth | same_site),
        # namesakes in two towns, with nothing of their own shared (a mailbox, a phone, a birth date, even
        # mistyped): two people until a person says otherwise (a move with no other proof goes to review)
        "places_differ": _column(levels, "other_place", False)
        & ~((level["email"] >= 1) | (level["phone"] >= 1) | (level["birth_date"] >= 1) | same_site),
        "identity_numbers_differ": level["personal_id"] == 0,
    }


def separating_rule(levels: pd.DataFrame) -> np.ndarray:
    """Per pair, the code (:data:`RULES`) of the first rule that keeps its two records apart, "" when none does.

    Examples:
        >>> unknown = {"first": [0], "birth_date": [-1], "personal_id": [-1]}
        >>> levels = pd.DataFrame({name: [3] for name in FIELDS} | unknown)
        >>> levels = levels.assign(first_similarity=[0.5], first_rare=[False])
        >>> separating_rule(levels).tolist()
        ['household']
    """
    code = np.full(len(levels), "", dtype=object)
    for name, holds in _checks(levels).items():
        code[holds & (code == "")] = name
    # one identity number (a typo aside) is one person, whatever else was replaced or mistyped
    code[levels["personal_id"].to_numpy() >= 1] = ""
    return code


def same_person_possible(levels: pd.DataFrame, *, dated: bool = False) -> np.ndarray:
    """Pairs whose names, civilities and birth dates allow one person: no rule holds but those evidence
    may overrule (:func:`overrulable`). Two members of a household fail it."""
    code = separating_rule(levels)
    return (code == "") | overrulable(levels, code, dated=dated)


def two_people(levels: pd.DataFrame, *, dated: bool = False) -> np.ndarray:
    """Pairs that are surely two people: a rule holds that evidence may not overrule (a household, twins,
    a parent and a child, neighbours, an address alone...)."""
    return ~same_person_possible(levels, dated=dated)


def compatible(levels: pd.DataFrame) -> np.ndarray:
    """Pairs that may be merged at all, whatever their probability: no rule keeps them apart."""
    return separating_rule(levels) == ""


def group_votes(
    levels: pd.DataFrame,
    probability: np.ndarray,
    floor: float,
    *,
    strong: np.ndarray | bool = False,
    dated: bool = False,
) -> np.ndarray:
    """Per pair, 1 may be one person, 0 doubtful, -1 two people (for growing groups: a group never holds
    two records that a rule evidence may not overrule separates, even through a chain; the pair of a
    rule it may overrule counts against joining, as a doubt).

    ``strong`` marks pairs whose probability overrules those rules; ``dated``: the file records birth
    dates (:func:`overrulable`)."""
    code = separating_rule(levels)
    soft = overrulable(levels, code, dated=dated)
    agree = (probability >= floor) & ((code == "") | (soft & strong))
    return np.where((code != "") & ~soft, -1, agree.astype(np.int8)).astype(np.int8)


def judge_pairs(pairs: pd.DataFrame, options: DedupeOptions, *, dated: bool) -> pd.DataFrame:
    """Scored pairs (levels and ``probability``) with the rules' verdict added.

    ``compatible``: may be merged; ``possible``: may be one person by their names (a pair to review);
    ``vote``: :func:`group_votes`; ``rule``: the code of the rule that keeps the pair apart ("" when none);
    ``decided``: False (a person's decisions come after, :func:`~grc_toolkit.dedupe.decisions.apply_decisions`).
    Where the file records birth dates (``dated``), a probability of at least ``options.strong`` overrules
    the rules :func:`overrulable` names, never the others; that probability is ``overrule_probability`` where
    the engine gives one (Splink's engine: its probability under its share of matches among all pairs).
    """
    probability = pairs["probability"].to_numpy()
    code = separating_rule(pairs)
    soft = overrulable(pairs, code, dated=dated)
    # an engine may give the overrule its own, more cautious probability (Splink's, :mod:`splink_engine`)
    overrule = pairs["overrule_probability"].to_numpy() if "overrule_probability" in pairs else probability
    strong = dated & (overrule >= options.strong) & soft
    rule = np.where(strong, "", code)
    return pairs.assign(
        compatible=rule == "",
        possible=(code == "") | soft,
        vote=group_votes(pairs, probability, options.floor, strong=strong, dated=dated),
        rule=rule,
        decided=np.zeros(len(pairs), dtype=bool),
    )
