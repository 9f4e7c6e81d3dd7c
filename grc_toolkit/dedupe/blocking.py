"""Candidate pairs: only records that share a blocking key are ever compared.

Several passes, each a key built from the comparison frame: normalised email, phone, the email's
local part, a French phonetic code of the surname with the place (postcode, else town) or the first
name's initial, the first name's code with the place (for a mistyped surname), the birth date, both
initials with the birth year or the place and the surname's initial with the day of birth (typos in both
names, a mistyped year), the street address, and the two names in either order (swapped first and last
names). Within a key, records are sorted by
name and each is paired with its next ``window`` neighbours, so a very common key (MARTIN + J in a
million rows) gives a sorted-neighbourhood pass instead of all its pairs: the number of candidate
pairs grows about linearly with the number of records.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


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
    initials = _either_order(records["last"].str.slice(0, 1), initial)
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
        "initials_birth_year": (initials + "|" + birth.str.slice(0, 4)).where((initials != "|") & (birth != ""), ""),
        "initials_place": (initials + "|" + place).where((initials != "|") & (place != ""), ""),
        # one name left blank or mistyped beyond its phonetic code: the other with the birth year
        "surname_birth_year": (last + "|" + birth.str.slice(0, 4)).where(has_last & (birth != ""), ""),
        "first_birth_year": (first + "|" + birth.str.slice(0, 4)).where((first != "") & (birth != ""), ""),
        # a mistyped year (1974 / 1984) keeps the day, the month and the surname's initial
        "birth_day_initial": (records["last"].str.slice(0, 1) + "|" + birth.str.slice(4)).where(
            has_last & (birth != ""), ""
        ),
        "personal_id": records["personal_id"],
        "street": (records["address"] + "|" + records["postal_code"]).where(records["address"].str.len() >= 6, ""),
        "names_sorted": (records["last"] + " " + records["first"]).where(has_last, ""),
    }


def _either_order(a: pd.Series, b: pd.Series) -> pd.Series:
    """``a|b`` or ``b|a``, whichever sorts first: the same key for swapped first and last names."""
    forward = a <= b
    return (a.where(forward, b) + "|" + b.where(forward, a)).where((a != "") | (b != ""), "")


def _pairs_for_key(key: np.ndarray, tiebreak: np.ndarray, window: int, *, neighbourhood: bool) -> np.ndarray:
    """Pairs (as int64 codes ``left * n + right``) of records sharing a key, ``window`` neighbours deep.

    With ``neighbourhood`` the key itself is only a sort order (sorted-neighbourhood pass): adjacent
    records are paired whatever their key.
    """
    n = len(key)
    present = np.flatnonzero(key != "")
    if len(present) < 2:
        return np.empty(0, dtype=np.int64)
    order = present[np.lexsort((tiebreak[present], key[present]))]
    sorted_key = key[order]
    codes = []
    for offset in range(1, window + 1):
        same = (
            np.ones(len(order) - offset, dtype=bool) if neighbourhood else sorted_key[offset:] == sorted_key[:-offset]
        )
        if not same.any():
            break
        a, b = order[:-offset][same], order[offset:][same]
        codes.append(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))
    return np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)


def candidate_pairs(records: pd.DataFrame, *, window: int = 12, neighbourhood_window: int = 3) -> Candidates:
    """All distinct candidate pairs of the blocking passes."""
    n = len(records)
    tiebreak = (records["last"] + " " + records["first"] + " " + records["postal_code"]).to_numpy(dtype=str)
    all_codes, per_pass = [], {}
    for name, key in blocking_keys(records).items():
        neighbourhood = name == "names_sorted"
        codes = _pairs_for_key(
            key.to_numpy(dtype=str),
            tiebreak,
            neighbourhood_window if neighbourhood else window,
            neighbourhood=neighbourhood,
        )
        per_pass[name] = len(codes)
        all_codes.append(codes)
    codes = np.unique(np.concatenate(all_codes)) if all_codes else np.empty(0, dtype=np.int64)
    return Candidates(codes // max(n, 1), codes % max(n, 1), per_pass)
