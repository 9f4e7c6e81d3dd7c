"""Candidate pairs: only records that share a blocking key are ever compared.

Several passes, each a key built from the comparison frame: normalised email, phone, the email's
local part, a French phonetic code of the surname with the place (postcode, else town) or the first
name's initial, the first name's code with the place (for a mistyped surname), the birth date, both
initials with the birth year or the place and the surname's initial with the day of birth (typos in both
names, a mistyped year), the street address (and its house number with its rarest word), the two rarest
words of an organisation's name, and the two names in either order (swapped first and last
names). Within a key, records are sorted by name and each is paired with its next ``window``
neighbours (fewer in the broad passes, :data:`BROAD_WINDOWS`; all pairs of a block of at most
:data:`WHOLE_BLOCK` records), so a very common key (MARTIN + J in a million rows) gives a
sorted-neighbourhood pass instead of all its pairs: the number of candidate pairs grows about linearly
with the number of records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from grc_toolkit.dedupe.compare import house_number


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs (positions ``left`` < ``right``) and how many each pass proposed."""

    left: np.ndarray
    right: np.ndarray
    per_pass: dict[str, int]

    def __len__(self) -> int:
        return len(self.left)


def blocking_keys(records: pd.DataFrame) -> dict[str, pd.Series]:
    """One key series per pass ("" means: not blocked by this pass)."""
    last, first = records["last_phonetic"], records["first_phonetic"]
    initial = records["first"].str.slice(0, 1)
    has_last = last != ""
    local = records["email_local"]
    ordered = np.where(last.to_numpy(dtype=str) <= first.to_numpy(dtype=str), last + "|" + first, first + "|" + last)
    # a postcode where the file has one, else the town (lists that only keep a town)
    place = records["postal_code"].where(records["postal_code"] != "", records["city"])
    initials = either_order(records["last"].str.slice(0, 1), initial, both=False)
    birth = records["birth_date"].where(records["birth_date"].str.len() == 8, "")
    return {
        "email": records["email"],
        "phone": records["phone"],
        # a local part of five letters or more is nearly personal (jean.dupont@...), short ones are not
        "email_local": local.where(local.str.len() >= 5, ""),
        "surname_place": (last + "|" + place).where(has_last & (place != ""), ""),
        # a typo in the surname breaks its phonetic code: the first name and the place still meet
        "first_place": (first + "|" + place).where((first != "") & (place != ""), ""),
        "surname_initial": (last + "|" + initial).where(has_last & (initial != ""), ""),
        "names_any_order": pd.Series(ordered, index=records.index).where(has_last & (first != ""), ""),
        # where files have them, a birth date or a full street address is nearly personal
        "birth_date": birth,
        # typos in both names, even swapped, rarely touch both first letters: initials with a year or a place
        "initials_birth_year": (initials + "|" + birth.str.slice(0, 4)).where((initials != "") & (birth != ""), ""),
        "initials_place": (initials + "|" + place).where((initials != "") & (place != ""), ""),
        # one name left blank or mistyped beyond its phonetic code: the other with the birth year
        "surname_birth_year": (last + "|" + birth.str.slice(0, 4)).where(has_last & (birth != ""), ""),
        "first_birth_year": (first + "|" + birth.str.slice(0, 4)).where((first != "") & (birth != ""), ""),
        # a mistyped year (1974 / 1984) keeps the day, the month and the surname's initial
        "birth_day_initial": (records["last"].str.slice(0, 1) + "|" + birth.str.slice(4)).where(
            has_last & (birth != ""), ""
        ),
        "personal_id": records["personal_id"],
        "street": (records["address"] + "|" + records["postal_code"]).where(records["address"].str.len() >= 6, ""),
        # one house number and street spelt two ways (a street type left out, abbreviated)
        "numbered_street": numbered_street(records["address"]),
        "organisation": rarest_words(records["organisation"]),
        "names_sorted": (records["last"] + " " + records["first"]).where(has_last, ""),
    }


def _rarest(keys: pd.Series, count: int, kept: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """Per distinct non-blank key, its ``count`` rarest words among ``kept(key)`` (alphabetical), counted over
    the file's distinct keys; a word no other key carries is taken last, since it can meet no one."""
    distinct = pd.Series(keys.unique(), dtype=object)
    distinct = distinct[distinct != ""]
    frequency = distinct.str.split().map(set).explode().value_counts().to_dict()  # a dict: Series.get is slow

    def rarity(word: str) -> tuple[bool, int, str]:
        carried = int(frequency.get(word, 0))
        return carried < 2, carried, word

    return {key: sorted(sorted(set(kept(key)), key=rarity)[:count]) for key in distinct}


def rarest_words(keys: pd.Series, count: int = 2) -> pd.Series:
    """Per organisation key, its ``count`` rarest words that other organisations of the file share
    (alphabetical order), "" when blank: a word many organisations share (``hotel``, ``ecole``) never blocks
    alone, so it cannot pair every hotel with every other, while a name with words added still meets its
    shorter spelling.

    Examples:
        >>> keys = pd.Series(["hotel plage", "camping plage", "hotel plage saint malo", "hotel mer", "", "ymca"])
        >>> rarest_words(keys).tolist()
        ['hotel plage', 'camping plage', 'hotel plage', 'hotel mer', '', 'ymca']
    """
    table = {key: " ".join(words) for key, words in _rarest(keys, count, str.split).items()}
    return pd.Series([table.get(key, "") for key in keys], index=keys.index, dtype=object)


def numbered_street(addresses: pd.Series) -> pd.Series:
    """Per street address key, its house number and its rarest other word that another address shares
    (``12|foch``), "" without a number: ``12 av foch`` and ``12 avenue foch``, or ``4647 w washington`` and
    ``4647 w washington boulevard``, meet though their keys differ.

    Examples:
        >>> streets = pd.Series(["12 av foch", "12 avenue foch", "4647 w washington", "4647 w washington boulevard"])
        >>> numbered_street(pd.concat([streets, pd.Series(["5 w madison", "rue neuve", ""])])).tolist()
        ['12|foch', '12|foch', '4647|washington', '4647|washington', '5|w', '', '']
    """

    def others(key: str) -> list[str]:
        number = house_number(key)
        return [word for word in key.split() if word != number] if number else []

    table = {key: f"{house_number(key)}|{words[0]}" for key, words in _rarest(addresses, 1, others).items() if words}
    return pd.Series([table.get(key, "") for key in addresses], index=addresses.index, dtype=object)


def either_order(a: pd.Series, b: pd.Series, *, both: bool = True) -> pd.Series:
    """``a|b`` or ``b|a``, whichever sorts first: the same key whichever column holds which
    (``martin|paul`` = ``paul|martin``); "" when one is blank, or with ``both=False`` only when both are.

    Examples:
        >>> either_order(pd.Series(["paul", "", ""]), pd.Series(["martin", "j", ""]), both=False).tolist()
        ['martin|paul', '|j', '']
    """
    forward = a <= b
    filled = ((a != "") & (b != "")) if both else ((a != "") | (b != ""))
    return (a.where(forward, b) + "|" + b.where(forward, a)).where(filled, "")


def _pairs_for_key(
    key: np.ndarray, tiebreak: np.ndarray, window: int, *, neighbourhood: bool, whole: int = 0
) -> np.ndarray:
    """Pairs (as int64 codes ``left * n + right``) of records sharing a key, ``window`` neighbours deep;
    a key shared by at most ``whole`` records gives all its pairs (one person's rows in a list that
    holds many per person), however small ``window``.

    With ``neighbourhood`` the key itself is only a sort order (sorted-neighbourhood pass): adjacent
    records are paired whatever their key.
    """
    n = len(key)
    present = np.flatnonzero(key != "")
    if len(present) < 2:
        return np.empty(0, dtype=np.int64)
    order = present[np.lexsort((tiebreak[present], key[present]))]
    sorted_key = key[order]
    small = np.zeros(len(order), dtype=bool)
    if whole > window and not neighbourhood:
        starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        small = np.repeat(sizes <= whole, sizes)
    codes = []
    for offset in range(1, max(window, whole if small.any() else 0) + 1):
        same = (
            np.ones(len(order) - offset, dtype=bool) if neighbourhood else sorted_key[offset:] == sorted_key[:-offset]
        )
        if offset > window:
            same &= small[offset:]
        if not same.any():
            break
        a, b = order[:-offset][same], order[offset:][same]
        codes.append(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))
    return np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)


#: Neighbours paired in a large block of the broad passes (a place with initials, a first name with a
#: place...), whose blocks hold many people: each record meets its nearest names there, not a dozen.
#: Measured on the 1M development file: 30.1M candidates at 12 neighbours everywhere, 16.0M with these,
#: blocking recall 0.9996 -> 0.9995.
BROAD_WINDOWS = {"surname_place": 6, "first_place": 4, "surname_initial": 4, "initials_place": 4, "numbered_street": 3}
#: A block of at most this many records gives all its pairs, whatever the window: one person's rows in
#: a list that holds ten per person (historical lists), or a small town's records.
WHOLE_BLOCK = 24


def candidate_pairs(records: pd.DataFrame, *, window: int = 12, neighbourhood_window: int = 2) -> Candidates:
    """All distinct candidate pairs of the blocking passes."""
    n = len(records)
    tiebreak = (records["last"] + " " + records["first"] + " " + records["postal_code"]).to_numpy(dtype=str)
    all_codes, per_pass = [], {}
    for name, key in blocking_keys(records).items():
        neighbourhood = name == "names_sorted"
        codes = _pairs_for_key(
            key.to_numpy(dtype=str),
            tiebreak,
            neighbourhood_window if neighbourhood else BROAD_WINDOWS.get(name, window),
            neighbourhood=neighbourhood,
            whole=WHOLE_BLOCK,
        )
        per_pass[name] = len(codes)
        all_codes.append(codes)
    codes = np.unique(np.concatenate(all_codes)) if all_codes else np.empty(0, dtype=np.int64)
    return Candidates(codes // max(n, 1), codes % max(n, 1), per_pass)
