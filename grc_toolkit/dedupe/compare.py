"""Comparison levels: how far each candidate pair agrees, field by field (recordlinkage's ``compare``).

Each field's comparison falls in a few levels (exact, close, different; -1 when either side is
blank, which counts for nothing). Similarities are computed in bulk by rapidfuzz
(``process.cpdist``), never in a Python loop over pairs. What the levels weigh is
:mod:`grc_toolkit.dedupe.model`'s job; what they forbid, :mod:`grc_toolkit.dedupe.rules`'.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

#: Field -> number of levels (level k means more agreement than k - 1).
LEVELS: dict[str, int] = {
    "last": 4,  # different, JW >= 0.85, JW >= 0.92 or one name inside the other, same
    "first": 4,  # different, JW >= 0.92 (typo), compound shortened (Jean-Pierre / Jean), same
    "civility": 2,  # different, same
    "email": 3,  # different, same local part or JW >= 0.95, same
    "phone": 3,  # different, same last eight digits, same
    "postal_code": 3,  # different, same department, same
    "address": 3,  # different, token similarity >= 80, >= 95
    "birth_date": 3,  # different, one digit off or day and month swapped, same
}
FIELDS = tuple(LEVELS)


def _similarity(a: np.ndarray, b: np.ndarray, scorer: Any = JaroWinkler.normalized_similarity) -> np.ndarray:
    if len(a) == 0:
        return np.empty(0)
    return np.asarray(process.cpdist(a, b, scorer=scorer, workers=-1), dtype=float)


def _inside(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One name's words all in the other's: Jean-Pierre / Jean, Marques-Poulain / Marques."""
    heads = {value: value.split(" ", 1)[0] for value in {*a, *b}}  # once per distinct name
    head_a = pd.Series(a, dtype=object).map(heads).to_numpy(dtype=object)
    head_b = pd.Series(b, dtype=object).map(heads).to_numpy(dtype=object)
    maybe = np.flatnonzero((head_a == head_b) & (a != b) & (a != "") & (b != ""))
    inside = np.zeros(len(a), dtype=bool)
    inside[maybe] = [
        set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split())
        for x, y in zip(a[maybe], b[maybe], strict=True)
    ]
    return inside


def _name_levels(a: np.ndarray, b: np.ndarray, similarity: np.ndarray, *, first: bool) -> np.ndarray:
    missing = (a == "") | (b == "")
    same = a == b
    inside = _inside(a, b)
    if first:
        levels = np.select([same, inside, similarity >= 0.92], [3, 2, 1], 0)
    else:
        levels = np.select([same, inside | (similarity >= 0.92), similarity >= 0.85], [3, 2, 1], 0)
    return np.where(missing, -1, levels).astype(np.int8)


def _exact_levels(a: np.ndarray, b: np.ndarray, close: np.ndarray, top: int) -> np.ndarray:
    missing = (a == "") | (b == "")
    levels = np.select([a == b, close], [top, top - 1], 0)
    return np.where(missing, -1, levels).astype(np.int8)


def compare(records: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> pd.DataFrame:
    """Comparison levels of each pair (rows ``left[i]``, ``right[i]`` of ``records``), plus ``swapped``."""
    # object arrays: a fixed-width unicode array would take the longest value's width for every pair
    col = {name: records[name].to_numpy(dtype=object) for name in records.columns}
    la, lb, fa, fb = col["last"][left], col["last"][right], col["first"][left], col["first"][right]
    straight = _similarity(col["last_core"][left], col["last_core"][right]), _similarity(fa, fb)
    crossed = _similarity(la, fb), _similarity(fa, lb)
    swapped = (crossed[0] >= 0.92) & (crossed[1] >= 0.92) & (crossed[0] + crossed[1] > straight[0] + straight[1] + 0.3)
    last_b, first_b = np.where(swapped, fb, lb), np.where(swapped, lb, fb)
    last_sim, first_sim = np.where(swapped, crossed[0], straight[0]), np.where(swapped, crossed[1], straight[1])
    ea, eb = col["email"][left], col["email"][right]
    local_a, local_b = col["email_local"][left], col["email_local"][right]
    email_close = ((local_a == local_b) & (_length(local_a) >= 5)) | (_similarity(ea, eb) >= 0.95)
    pa, pb = col["phone"][left], col["phone"][right]
    phone_close = (_length(pa) >= 8) & (_length(pb) >= 8) & (_right(pa, 8) == _right(pb, 8))
    ca, cb = col["postal_code"][left], col["postal_code"][right]
    aa, ab = col["address"][left], col["address"][right]
    # words in another order ("rue de la paix 12") or a lost space ("wilshiredstreet"): take the better
    glued_a = pd.Series(aa, dtype=object).str.replace(" ", "", regex=False).to_numpy(dtype=object)
    glued_b = pd.Series(ab, dtype=object).str.replace(" ", "", regex=False).to_numpy(dtype=object)
    address_similarity = (
        np.maximum(_similarity(aa, ab, fuzz.token_sort_ratio), _similarity(glued_a, glued_b, fuzz.ratio)) / 100
    )
    levels = {
        "birth_date": _birth_levels(col["birth_date"][left], col["birth_date"][right]),
        "last": _name_levels(la, last_b, last_sim, first=False),
        "first": _name_levels(fa, first_b, first_sim, first=True),
        "civility": _exact_levels(col["civility"][left], col["civility"][right], np.zeros(len(left), bool), 1),
        "email": _exact_levels(ea, eb, email_close, 2),
        "phone": _exact_levels(pa, pb, phone_close, 2),
        "postal_code": _exact_levels(ca, cb, _left(ca, 2) == _left(cb, 2), 2),
        "address": np.where(
            (aa == "") | (ab == ""),
            -1,
            np.where(
                _other_numbers(aa, ab), 0, np.select([address_similarity >= 0.95, address_similarity >= 0.8], [2, 1], 0)
            ),
        ).astype(np.int8),
    }
    frame = pd.DataFrame(levels)
    frame["swapped"] = swapped
    counts = _name_counts(records, "first")
    frame["first_similarity"] = first_sim
    # a spelling seen once or twice in the file is more likely a typo than another person's name
    frame["first_rare"] = np.minimum(counts[left], counts[right]) <= 2
    for name in ("last", "first"):
        frame[f"{name}_frequency"] = _name_counts(records, name)[left] / max(len(records), 1)
    return frame


def _name_counts(records: pd.DataFrame, name: str) -> np.ndarray:
    """How many records carry each record's name (``last_count`` / ``first_count``, counted once by
    :func:`~grc_toolkit.dedupe.records.prepare_records`: ``compare`` also runs on small batches while
    grouping, and recounting a million names each time would be quadratic)."""
    column = f"{name}_count"
    if column in records:
        return records[column].to_numpy()
    return records[name].map(records[name].value_counts()).to_numpy()


def _birth_levels(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """2 same date, 1 one digit off or day and month swapped (``1980-03-12`` / ``1980-12-03``), 0 other.

    Compared on digits, so a date the cleaner could not read (``19841905``) is still compared.
    """
    levels_out = np.full(len(a), -1, dtype=np.int8)
    both = np.flatnonzero((a != "") & (b != ""))
    if not len(both):  # most tourism files have no birth date: nothing to compare
        return levels_out
    a, b = a[both], b[both]
    digits_a = pd.Series(a, dtype=object).str.replace(r"\D", "", regex=True).to_numpy(dtype=object)
    digits_b = pd.Series(b, dtype=object).str.replace(r"\D", "", regex=True).to_numpy(dtype=object)
    missing = (_length(digits_a) != 8) | (_length(digits_b) != 8)
    distance = (
        np.asarray(process.cpdist(digits_a, digits_b, scorer=Levenshtein.distance, workers=-1))
        if len(a)
        else np.empty(0)
    )
    swapped = (
        (_left(digits_a, 4) == _left(digits_b, 4))
        & (_slice(digits_a, 4, 6) == _slice(digits_b, 6, 8))
        & (_slice(digits_a, 6, 8) == _slice(digits_b, 4, 6))
    )
    levels = np.select([digits_a == digits_b, (distance <= 1) | swapped], [2, 1], 0)
    levels_out[both] = np.where(missing, -1, levels)
    return levels_out


def _length(values: np.ndarray) -> np.ndarray:
    return pd.Series(values, dtype=object).str.len().to_numpy()


def _other_numbers(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Both addresses carry a house number and the numbers differ (31 / 43 avenue Pottier: neighbours)."""
    numbers = {value: value.split(" ", 1)[0] if value[:1].isdigit() else "" for value in {*a, *b}}
    number_a = pd.Series(a, dtype=object).map(numbers).to_numpy(dtype=object)
    number_b = pd.Series(b, dtype=object).map(numbers).to_numpy(dtype=object)
    return (number_a != "") & (number_b != "") & (number_a != number_b)


def _slice(values: np.ndarray, start: int, stop: int) -> np.ndarray:
    return pd.Series(values, dtype=object).str.slice(start, stop).to_numpy(dtype=object)


def _left(values: np.ndarray, size: int) -> np.ndarray:
    return pd.Series(values, dtype=object).str.slice(0, size).to_numpy(dtype=object)


def _right(values: np.ndarray, size: int) -> np.ndarray:
    return pd.Series(values, dtype=object).str.slice(-size).to_numpy(dtype=object)
