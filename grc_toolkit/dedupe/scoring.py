"""Pair scoring: compare candidate pairs field by field, then weigh the evidence (Fellegi-Sunter).

Each field's comparison falls in a few levels (exact, close, different; -1 when either side is
blank, which counts for nothing). How much a level says is learnt from the file itself:

* ``u`` (how often two different people agree at that level) from random pairs of the file;
* ``m`` (how often one person's two records agree at that level) by expectation-maximisation on the
  candidate pairs, as Fellegi and Sunter proposed and Splink does.

A pair's match weight is the sum of ``log2(m / u)`` over its fields, turned into a probability with
the share of matches among candidates. Similarities are computed in bulk by rapidfuzz
(``process.cpdist``), never in a Python loop over pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Model:
    """Learnt weights: per field, ``m`` and ``u`` probabilities of each level, and the match prior."""

    m: dict[str, np.ndarray]
    u: dict[str, np.ndarray]
    prior: float
    iterations: int = 0
    history: list[float] = field(default_factory=list)

    def weights(self, name: str) -> np.ndarray:
        return np.log2(self.m[name] / self.u[name])

    def to_dict(self) -> dict[str, object]:
        return {
            "prior": self.prior,
            "iterations": self.iterations,
            "weights": {name: [round(float(w), 2) for w in self.weights(name)] for name in FIELDS},
        }


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
    level = {name: levels[name].to_numpy() for name in FIELDS}
    typo = (levels["first_similarity"].to_numpy() >= 0.8) & levels["first_rare"].to_numpy()
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
    forgive_name = same_birth & (((strong >= 1) & (first | last)) | home) & civility
    names_agree = (level["last"] >= 2) & ((level["first"] >= 2) | (level["first"] == -1) | typo)
    forgive_birth = (level["birth_date"] == 0) & names_agree & place
    return (first & last & civility & ((level["birth_date"] != 0) | forgive_birth)) | forgive_name


def two_people(levels: pd.DataFrame) -> np.ndarray:
    """Pairs that are surely two people: both first names given and different (not a typo), related
    surnames, and no shared birth date to say otherwise — the members of a household."""
    level = {name: levels[name].to_numpy() for name in FIELDS}
    typo = (levels["first_similarity"].to_numpy() >= 0.8) & levels["first_rare"].to_numpy()
    return (level["first"] == 0) & ~typo & (level["last"] >= 1) & (level["birth_date"] != 2)


def group_votes(
    levels: pd.DataFrame, probability: np.ndarray, floor: float, *, strong: np.ndarray | bool = False
) -> np.ndarray:
    """Per pair, 1 may be one person, 0 doubtful, -1 surely two people (for growing groups).

    ``strong`` marks pairs whose probability overrules the name rules (files with birth dates)."""
    agree = (same_person_possible(levels) | strong) & (probability >= floor)
    return np.where(two_people(levels), -1, agree.astype(np.int8)).astype(np.int8)


def _same_place(level: dict[str, np.ndarray]) -> np.ndarray:
    """A close street address without two different postcodes; or the same postcode when one street
    address is blank, provided no email or phone given on both records disagrees (a postcode alone
    is a whole district of Paris)."""
    close_address = (level["address"] >= 1) & (level["postal_code"] != 0)
    no_contact_against = (level["email"] != 0) & (level["phone"] != 0)
    postcode_only = (level["postal_code"] == 2) & (level["address"] == -1) & no_contact_against
    return close_address | postcode_only


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


def compatible(levels: pd.DataFrame) -> np.ndarray:
    """Pairs that may be merged at all, whatever their probability. Evidence adds up in Fellegi-Sunter,
    so a household could outweigh two different first names; these rules keep what the file cannot
    outvote: :func:`same_person_possible`, and the two records share a contact (same email or phone)
    or a place (same postcode without two different street addresses, or a close address without two
    different postcodes) — namesakes, even in the same town, are never merged on their names alone.
    """
    level = {name: levels[name].to_numpy() for name in FIELDS}
    full_name = (level["last"] == 3) & (level["first"] == 3)
    birth = (level["birth_date"] == 2) | ((level["birth_date"] == 1) & full_name)
    shared = (level["email"] == 2) | (level["phone"] == 2) | birth | _same_place(level)
    return same_person_possible(levels) & shared


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


#: How often two different people agree, before the file says: blended into ``u`` so that a small file
#: (a few dozen rows, where random pairs are too few and may be the same person) still weighs sensibly.
DEFAULT_U: dict[str, tuple[float, ...]] = {
    "last": (0.97, 0.02, 0.007, 0.003),
    "first": (0.95, 0.02, 0.02, 0.01),
    "civility": (0.5, 0.5),
    "email": (0.9998, 0.0001, 0.0001),
    "phone": (0.9998, 0.0001, 0.0001),
    "postal_code": (0.95, 0.04, 0.01),
    "address": (0.997, 0.002, 0.001),
    "birth_date": (0.998, 0.0019, 0.0001),
}
PRIOR_PAIRS = 2_000


def estimate_u(records: pd.DataFrame, *, samples: int = 200_000, seed: int = 0) -> dict[str, np.ndarray]:
    """How often two random records (nearly always two different people) agree at each level.

    Measured on random pairs of the file, blended with :data:`DEFAULT_U` worth ``PRIOR_PAIRS`` pairs.
    """
    n = len(records)
    rng = np.random.default_rng(seed)
    size = min(samples, max(n * (n - 1) // 2, 1))
    left, right = rng.integers(0, n, size), rng.integers(0, n, size)
    keep = left != right
    levels = compare(records, left[keep], right[keep])
    u = {}
    for name in FIELDS:
        level = levels[name].to_numpy()
        counts = np.bincount(level[level >= 0], minlength=LEVELS[name])[: LEVELS[name]]
        blended = counts + PRIOR_PAIRS * np.asarray(DEFAULT_U[name])
        u[name] = blended / blended.sum()
    return u


def _frequencies(levels: np.ndarray, count: int, weights: np.ndarray | None) -> np.ndarray:
    present = levels >= 0
    weighted = weights[present] if weights is not None else None
    counts = np.bincount(levels[present], weights=weighted, minlength=count)[:count].astype(float)
    smoothed = counts + 0.5  # smoothing: no level is impossible
    return smoothed / smoothed.sum()


def _log_odds(levels: pd.DataFrame, model: Model) -> np.ndarray:
    total = np.zeros(len(levels))
    for name in FIELDS:
        level = levels[name].to_numpy()
        present = level >= 0
        total[present] += model.weights(name)[level[present]]
    for name in ("last", "first"):  # a shared common name says less than a shared rare one
        frequency = levels.get(f"{name}_frequency")
        if frequency is not None:
            exact = levels[name].to_numpy() == LEVELS[name] - 1
            u_exact = np.maximum(frequency.to_numpy()[exact], model.u[name][-1] / 10)
            total[exact] += np.log2(model.u[name][-1] / u_exact)
    return total


def _anchors(levels: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per field, the pairs that at least two strong agreements not involving that field prove to be one
    person (same email, same phone, same birth date, same full name, same street address and postcode)."""
    level = {name: levels[name].to_numpy() for name in FIELDS}
    strong = {
        "email": level["email"] == 2,
        "phone": level["phone"] == 2,
        "birth_date": level["birth_date"] == 2,
        "names": (level["last"] == 3) & (level["first"] == 3),
        "place": (level["address"] == 2) & (level["postal_code"] == 2),
    }
    uses = {"last": "names", "first": "names", "address": "place", "postal_code": "place"}
    anchors = {}
    for name in FIELDS:
        excluded = uses.get(name, name)
        count = sum(agree.astype(np.int8) for key, agree in strong.items() if key != excluded)
        anchors[name] = count >= 2
    return anchors


#: ``m`` used when the file has too few sure pairs to measure it (e.g. no phone column).
DEFAULT_M: dict[str, tuple[float, ...]] = {
    "last": (0.02, 0.04, 0.09, 0.85),
    "first": (0.03, 0.05, 0.07, 0.85),
    "civility": (0.05, 0.95),
    "email": (0.15, 0.05, 0.8),
    "phone": (0.15, 0.05, 0.8),
    "postal_code": (0.05, 0.03, 0.92),
    "address": (0.1, 0.1, 0.8),
    "birth_date": (0.03, 0.07, 0.9),
}
MIN_ANCHORS = 30


def train(levels: pd.DataFrame, u: dict[str, np.ndarray], *, iterations: int = 50) -> Model:
    """Measure ``m`` on sure pairs of the file, then the share of matches among candidates.

    ``m`` of a field is measured on pairs that are surely one person by other fields (same email and
    phone for names and places; same phone and names for emails...), so it is learnt from the file
    without the label switching plain EM suffers on blocked pairs. The prior is then found by
    expectation-maximisation with ``m`` and ``u`` held.
    """
    anchors = _anchors(levels)
    m = {}
    for name in FIELDS:
        sure = anchors[name] & (levels[name].to_numpy() >= 0)
        if sure.sum() >= MIN_ANCHORS:
            m[name] = _frequencies(levels[name].to_numpy()[sure], LEVELS[name], None)
        else:
            m[name] = np.asarray(DEFAULT_M[name])
    prior, history = 0.1, []
    model = Model(m, u, prior)
    odds = _log_odds(levels, model)
    for _ in range(iterations):
        posterior = 1 / (1 + np.exp2(-np.clip(odds + np.log2(prior / (1 - prior)), -60, 60)))
        new_prior = float(np.clip(posterior.mean(), 1e-6, 1 - 1e-6))
        history.append(new_prior)
        if abs(new_prior - prior) < 1e-6:
            prior = new_prior
            break
        prior = new_prior
    return Model(m, u, prior, len(history), history)


def match_probability(levels: pd.DataFrame, model: Model) -> np.ndarray:
    """Probability that each pair is one person, from its levels and the learnt model."""
    weight = _log_odds(levels, model) + np.log2(model.prior / (1 - model.prior))
    return 1 / (1 + np.exp2(-np.clip(weight, -60, 60)))
