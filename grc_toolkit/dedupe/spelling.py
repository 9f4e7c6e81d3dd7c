"""Which spelling of a merged value to keep, and which way round a merged record's names go.

Both only look at groups of several records, and work once per distinct value or in bulk (rapidfuzz),
so they stay fast on a million records.

* Two values are spellings of one value when they are equal without accents, punctuation, spaces and
  case (``Maelle`` / ``Maëlle``, ``Jean Pierre`` / ``Jean-Pierre``), or word for word equal but for
  abbreviations (``12 av. Foch`` / ``12 avenue Foch``, ``St-Malo`` / ``Saint-Malo``): a known French
  abbreviation, or the beginning of the word followed by a full stop. Among spellings, the fullest wins:
  more letters (the expansion), then more accents, hyphens and apostrophes.
* A record whose last and first names are swapped against the rest of its group is turned round: the
  orientation of most records wins, then the one the whole file agrees with (how often each name is
  found in the last-name and in the first-name column).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from grc_toolkit.cleaners.names import format_person_name, name_key
from grc_toolkit.cleaners.text import strip_accents

#: Abbreviations French addresses and names use, to the word they stand for (accent-free, lowercase).
ABBREVIATIONS = {
    "av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "bvd": "boulevard",
    "ch": "chemin", "che": "chemin", "chem": "chemin", "pl": "place", "imp": "impasse", "rte": "route",
    "all": "allee", "fg": "faubourg", "fbg": "faubourg", "sq": "square", "crs": "cours", "qu": "quai",
    "res": "residence", "lot": "lotissement", "hlm": "habitation", "za": "zone", "zi": "zone",
    "st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "r": "rue", "mt": "mont",
    "gd": "grand", "gde": "grande", "pte": "porte", "prom": "promenade", "lt": "lotissement",
    "bat": "batiment", "esc": "escalier", "appt": "appartement", "apt": "appartement",
}  # fmt: skip

_WORD = re.compile(r"([^\W_]+)(\.?)")
_MARKS = frozenset("-'’")


def _words(value: str) -> tuple[tuple[str, bool], ...]:
    """(accent-free lowercase word, followed by a full stop?) of each word."""
    plain = strip_accents(value).lower()
    return tuple((match[1], match[2] == ".") for match in _WORD.finditer(plain))


def _abbreviates(short: tuple[str, bool], full: tuple[str, bool]) -> bool:
    word, dotted = short
    return ABBREVIATIONS.get(word) == full[0] or (dotted and len(word) < len(full[0]) and full[0].startswith(word))


def same_value(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are two spellings of one value.

    Examples:
        >>> same_value("Maelle", "Maëlle"), same_value("Jean Pierre", "Jean-Pierre")
        (True, True)
        >>> same_value("12 av. Foch", "12 avenue Foch"), same_value("12 rue Foch", "12 route Foch")
        (True, False)
    """
    wa, wb = _words(a), _words(b)
    if "".join(w for w, _ in wa) == "".join(w for w, _ in wb):
        return True
    return len(wa) == len(wb) and all(
        x[0] == y[0] or _abbreviates(x, y) or _abbreviates(y, x) for x, y in zip(wa, wb, strict=True)
    )


def fullness(value: str) -> tuple[int, int]:
    """(letters and digits, accents and hyphens and apostrophes): the higher, the fuller the spelling.

    Examples:
        >>> fullness("12 avenue Foch") > fullness("12 av. Foch"), fullness("Maëlle") > fullness("Maelle")
        (True, True)
    """
    letters = sum(len(word) for word, _ in _words(value))
    marks = sum(1 for char in value if char in _MARKS or (char.isalpha() and not char.isascii()))
    return letters, marks


def _per_value(values: np.ndarray, func: Callable[[str], object]) -> pd.Series:
    series = pd.Series(values, dtype=object)
    table = {value: func(value) for value in series.unique()}
    return series.map(table)


def fullest_spelling(values: np.ndarray, usable: np.ndarray, group: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Per group, the record holding the fullest spelling of the value of its ``chosen`` record.

    ``values``, ``usable`` (may this record's value be taken) and ``group`` (0..n_groups-1) are per record;
    ``chosen`` per group. Only groups of several records are looked at.
    """
    sizes = np.bincount(group, minlength=len(chosen))
    candidates = np.flatnonzero((sizes[group] > 1) & usable & (values != ""))
    if len(candidates) == 0:
        return chosen
    mine, theirs = values[candidates], values[chosen[group[candidates]]]
    differ = mine != theirs
    pairs = pd.DataFrame({"mine": mine[differ], "theirs": theirs[differ]}).drop_duplicates()
    alike = {(a, b): same_value(a, b) for a, b in zip(pairs["mine"], pairs["theirs"], strict=True)}
    same = np.ones(len(candidates), dtype=bool)
    same[differ] = [alike[(a, b)] for a, b in zip(mine[differ], theirs[differ], strict=True)]
    candidates, mine = candidates[same], mine[same]
    if not (mine != values[chosen[group[candidates]]]).any():
        return chosen
    score = _per_value(mine, fullness)
    frame = pd.DataFrame(
        {
            "group": group[candidates],
            "letters": score.str[0].to_numpy(),
            "marks": score.str[1].to_numpy(),
            "chosen": candidates == chosen[group[candidates]],
            "position": candidates,
        }
    )
    best = frame.sort_values(["group", "letters", "marks", "chosen"], ascending=[True, False, False, False])
    best = best.drop_duplicates("group")
    out = chosen.copy()
    out[best["group"].to_numpy()] = best["position"].to_numpy()
    return out


def _similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(process.cpdist(a, b, scorer=JaroWinkler.normalized_similarity, workers=-1), dtype=float)


def swapped_names(last: pd.Series, first: pd.Series, group: np.ndarray) -> np.ndarray:
    """Per record, whether its last and first names are the wrong way round against its group.

    Examples:
        >>> last = pd.Series(["THOMAS", "Martin", "DURAND"])
        >>> first = pd.Series(["Martin", "THOMAS", "Léa"])
        >>> swapped_names(last, first, np.array([0, 0, 1])).tolist()
        [False, True, False]
    """
    lk = _per_value(last.to_numpy(dtype=object), name_key).to_numpy(dtype=object)
    fk = _per_value(first.to_numpy(dtype=object), name_key).to_numpy(dtype=object)
    flipped = np.zeros(len(group), dtype=bool)
    order = pd.Series(np.arange(len(group))).groupby(group)
    anchor = order.transform("min").to_numpy()
    others = np.flatnonzero((anchor != np.arange(len(group))) & (lk != "") & (fk != ""))
    if len(others) == 0:
        return flipped
    a = anchor[others]
    straight = _similarity(lk[others], lk[a]) + _similarity(fk[others], fk[a])
    cross_last, cross_first = _similarity(lk[others], fk[a]), _similarity(fk[others], lk[a])
    turned = (cross_last >= 0.92) & (cross_first >= 0.92) & (cross_last + cross_first > straight + 0.3)
    if not turned.any():
        return flipped
    against_anchor = np.zeros(len(group), dtype=bool)
    against_anchor[others[turned]] = True
    involved = np.isin(group, group[against_anchor])
    as_last, as_first = pd.Series(lk).value_counts(), pd.Series(fk).value_counts()
    fits_straight = pd.Series(fk).map(as_first).fillna(0).to_numpy() + pd.Series(lk).map(as_last).fillna(0).to_numpy()
    fits_crossed = pd.Series(lk).map(as_first).fillna(0).to_numpy() + pd.Series(fk).map(as_last).fillna(0).to_numpy()
    votes = (
        pd.DataFrame(
            {
                "group": group[involved],
                "against": against_anchor[involved].astype(int),
                "along": (~against_anchor[involved]).astype(int),
                # how well the file agrees with the anchor's way round, and with the other way
                "anchor_right": np.where(against_anchor, fits_crossed, fits_straight)[involved],
                "anchor_wrong": np.where(against_anchor, fits_straight, fits_crossed)[involved],
            }
        )
        .groupby("group")[["against", "along", "anchor_right", "anchor_wrong"]]
        .sum()
    )
    anchor_wrong = (votes["against"] > votes["along"]) | (
        (votes["against"] == votes["along"]) & (votes["anchor_wrong"] > votes["anchor_right"])
    )
    wrong_groups = pd.Series(anchor_wrong.to_numpy(), index=votes.index)
    anchor_is_wrong = pd.Series(group[involved]).map(wrong_groups).to_numpy(dtype=bool)
    flipped[np.flatnonzero(involved)] = against_anchor[involved] != anchor_is_wrong
    return flipped


def turn_names(last: pd.Series, first: pd.Series, flipped: np.ndarray) -> tuple[pd.Series, pd.Series]:
    """Swap the names of the ``flipped`` records, each written as its new column wants (``MARTIN`` / ``Thomas``)."""
    new_last, new_first = last.copy(), first.copy()
    rows = np.flatnonzero(flipped)
    was_first, was_last = first.to_numpy(dtype=object)[rows], last.to_numpy(dtype=object)[rows]
    new_last.iloc[rows] = _per_value(was_first, lambda v: format_person_name(v, kind="last")).to_numpy()
    new_first.iloc[rows] = _per_value(was_last, lambda v: format_person_name(v, kind="first")).to_numpy()
    return new_last, new_first
