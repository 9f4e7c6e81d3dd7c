"""Deduplication in the four classic steps: block -> score pairs -> cluster -> merge.

:func:`find_duplicates` runs the first three on cleaned records and says which records are one
person; :mod:`grc_toolkit.dedupe.merge` then collapses each group into one record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe.blocking import candidate_pairs
from grc_toolkit.dedupe.clustering import coherent_groups
from grc_toolkit.dedupe.decisions import Decisions, fingerprints, pair_key
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.scoring import (
    FIELDS,
    Model,
    compare,
    compatible,
    estimate_u,
    group_votes,
    match_probability,
    same_person_possible,
    train,
    two_people,
)
from grc_toolkit.mapping import ColumnMapping

__all__ = ["DuplicateSearch", "explain_pair", "find_duplicates", "pair_reasons"]


@dataclass(frozen=True)
class DuplicateSearch:
    """Which records are one person, and the scored pairs behind it (positions, not row numbers)."""

    groups: np.ndarray  # per record, the position of its group's first record
    pairs: pd.DataFrame  # candidate pairs: left, right, probability, compatible, levels...
    model: Model | None
    candidates_per_pass: dict[str, int]
    records: pd.DataFrame | None = None  # the comparison view the pairs were scored on

    def merged_pairs(self) -> pd.DataFrame:
        """Candidate pairs whose two records ended in one group."""
        same = self.groups[self.pairs["left"].to_numpy()] == self.groups[self.pairs["right"].to_numpy()]
        return self.pairs[same]

    def households(self) -> np.ndarray:
        """Per record, a household number (1, 2...) shared by people who live together: same surname and
        the same phone or street address, different first names. 0 when not in a household."""
        if self.pairs.empty:
            return np.zeros(len(self.groups), dtype=np.int64)
        level = {name: self.pairs[name].to_numpy() for name in ("last", "phone", "address", "postal_code")}
        together = (level["phone"] == 2) | ((level["address"] == 2) & (level["postal_code"] == 2))
        groups = self.groups
        left, right = groups[self.pairs["left"].to_numpy()], groups[self.pairs["right"].to_numpy()]
        link = together & (level["last"] >= 2) & (left != right)
        parent = {int(g): int(g) for g in np.unique(np.concatenate([left[link], right[link]]))}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in zip(left[link].tolist(), right[link].tolist(), strict=True):
            parent[find(a)] = find(b)
        roots = {g: find(g) for g in parent}
        numbers = {root: k + 1 for k, root in enumerate(sorted(set(roots.values())))}
        return np.array([numbers[roots[int(g)]] if int(g) in roots else 0 for g in groups], dtype=np.int64)

    def review_pairs(self, options: DedupeOptions) -> pd.DataFrame:
        """Pairs a person should look at: likely but not sure, or sure but kept apart by the rules."""
        p = self.pairs["probability"].to_numpy()
        apart = self.groups[self.pairs["left"].to_numpy()] != self.groups[self.pairs["right"].to_numpy()]
        undecided = ~self.pairs["decided"].to_numpy(dtype=bool)
        doubtful = (p >= options.review) & apart & self.pairs["possible"].to_numpy(dtype=bool) & undecided
        return self.pairs[doubtful].sort_values("probability", ascending=False)


def find_duplicates(
    data: pd.DataFrame, mapping: ColumnMapping, options: DedupeOptions, decisions: Decisions | None = None
) -> DuplicateSearch:
    """Block, score and group cleaned records (positional index); a person's ``decisions`` win."""
    n = len(data)
    records = prepare_records(data, mapping)
    records["fingerprint"] = fingerprints(records)
    candidates = candidate_pairs(records)
    if n < 2 or len(candidates) == 0:
        return DuplicateSearch(np.arange(n), _no_pairs(records), None, candidates.per_pass, records)
    left, right = candidates.left, candidates.right
    levels = compare(records, left, right)
    model = train(levels, estimate_u(records))
    probability = match_probability(levels, model)
    allowed, possible = compatible(levels), same_person_possible(levels)
    # where a file records birth dates, a household or a namesake rarely shares one: there, a very
    # strong probability may overrule the name and place rules, unless the pair is two people for sure
    dated = (records["birth_date"] != "").mean() >= 0.5
    strong = dated & (probability >= options.strong) & ~two_people(levels)
    allowed, possible = allowed | strong, possible | strong
    decided = np.zeros(len(left), dtype=bool)
    if decisions:
        prints = records["fingerprint"].to_numpy(dtype=object)
        said_distinct = _decided(prints, left, right, decisions.distinct)
        said_merge = _decided(prints, left, right, decisions.merge)
        decided = said_distinct | said_merge
        allowed, possible = (allowed | said_merge) & ~said_distinct, (possible | said_merge) & ~said_distinct
        probability = np.where(said_merge, 1.0, probability)
        extra_left, extra_right = _forced_pairs(prints, decisions.merge, left, right)
        if len(extra_left):
            more = compare(records, extra_left, extra_right)
            levels = pd.concat([levels, more], ignore_index=True)
            left, right = np.concatenate([left, extra_left]), np.concatenate([right, extra_right])
            ones = np.ones(len(extra_left), dtype=bool)
            probability = np.concatenate([probability, np.ones(len(extra_left))])
            allowed, possible = np.concatenate([allowed, ones]), np.concatenate([possible, ones])
            decided = np.concatenate([decided, ones])

    def agree(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        more = compare(records, xs, ys)
        more_probability = match_probability(more, model)
        votes = group_votes(more, more_probability, options.floor, strong=dated & (more_probability >= options.strong))
        if decisions:
            prints = records["fingerprint"].to_numpy(dtype=object)
            votes = np.where(_decided(prints, xs, ys, decisions.merge), 1, votes)
            votes = np.where(_decided(prints, xs, ys, decisions.distinct), -1, votes)
        return votes.astype(np.int8)

    coherent_votes = group_votes(levels, probability, options.floor, strong=strong)
    if decisions:
        coherent_votes = np.where(decided & ~allowed, -1, np.where(decided & allowed, 1, coherent_votes)).astype(
            np.int8
        )
    groups = coherent_groups(
        n,
        left,
        right,
        allowed & (probability >= options.auto),
        probability,
        agree=agree,
        coherent=coherent_votes,
    )
    pairs = levels.assign(
        left=left, right=right, probability=probability, compatible=allowed, possible=possible, decided=decided
    )
    return DuplicateSearch(groups, pairs, model, candidates.per_pass, records)


def _no_pairs(records: pd.DataFrame) -> pd.DataFrame:
    """The pairs table when nothing was compared, with every column and dtype of a real one, so that
    later steps (review, households, sheets) index and filter it like any other."""
    none = np.empty(0, dtype=np.int64)
    no = np.empty(0, dtype=bool)
    return compare(records, none, none).assign(
        left=none, right=none, probability=np.empty(0, dtype=np.float64), compatible=no, possible=no, decided=no
    )


def _decided(prints: np.ndarray, left: np.ndarray, right: np.ndarray, said: frozenset[tuple[str, str]]) -> np.ndarray:
    if not said:
        return np.zeros(len(left), dtype=bool)
    return np.array([pair_key(a, b) in said for a, b in zip(prints[left], prints[right], strict=True)], dtype=bool)


def _forced_pairs(
    prints: np.ndarray, merge: frozenset[tuple[str, str]], left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs a person said to merge that blocking did not propose (all records of each fingerprint)."""
    if not merge:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    positions = pd.Series(np.arange(len(prints))).groupby(prints).agg(list).to_dict()
    known = set(zip(left.tolist(), right.tolist(), strict=True))
    pairs = {
        (min(x, y), max(x, y))
        for a, b in merge
        for x in positions.get(a, [])
        for y in positions.get(b, [])
        if x != y and (min(x, y), max(x, y)) not in known
    }
    ordered = sorted(pairs)
    return np.array([p[0] for p in ordered], dtype=np.int64), np.array([p[1] for p in ordered], dtype=np.int64)


_REASONS = {
    ("email", 2): ("même courriel", "same email"),
    ("email", 1): ("courriel proche", "similar email"),
    ("phone", 2): ("même téléphone", "same phone"),
    ("phone", 1): ("téléphone proche", "similar phone"),
    ("last", 3): ("même nom", "same last name"),
    ("last", 2): ("nom proche", "similar last name"),
    ("last", 1): ("nom proche", "similar last name"),
    ("first", 3): ("même prénom", "same first name"),
    ("first", 2): ("prénom abrégé", "shortened first name"),
    ("first", 1): ("prénom proche", "similar first name"),
    ("postal_code", 2): ("même code postal", "same postcode"),
    ("address", 2): ("même adresse", "same address"),
    ("address", 1): ("adresse proche", "similar address"),
    ("birth_date", 2): ("même date de naissance", "same birth date"),
    ("birth_date", 1): ("date de naissance proche", "similar birth date"),
}


def pair_reasons(pairs: pd.DataFrame, lang: str = "fr") -> pd.Series:
    """One line per pair saying what the two records share ("même courriel, nom proche, même code postal")."""
    index = 1 if lang == "en" else 0
    parts = pd.Series("", index=pairs.index, dtype=object)
    swapped = ("noms inversés", "names swapped")[index]
    order = ("email", "phone", "last", "first", "birth_date", "postal_code", "address")
    for name in order:
        wording = {level: words[index] for (field_name, level), words in _REASONS.items() if field_name == name}
        text = pairs[name].map(wording).fillna("")
        parts = parts.where(text == "", parts.where(parts == "", parts + ", ") + text)
    flagged = pairs["swapped"].to_numpy(dtype=bool)
    parts[flagged] = parts[flagged].where(parts[flagged] == "", parts[flagged] + ", ") + swapped
    return parts


_FIELD_LABELS = {
    "last": ("Nom", "Last name"),
    "first": ("Prénom", "First name"),
    "civility": ("Civilité", "Title"),
    "email": ("Courriel", "Email"),
    "phone": ("Téléphone", "Phone"),
    "postal_code": ("Code postal", "Postcode"),
    "address": ("Adresse", "Address"),
    "birth_date": ("Date de naissance", "Birth date"),
}
_LEVEL_WORDS = {-1: ("vide d'un côté", "blank on one side"), 0: ("différent", "different")}


def explain_pair(search: DuplicateSearch, a: int, b: int, lang: str = "fr") -> tuple[pd.DataFrame, dict[str, Any]]:
    """Field-by-field comparison of records at positions ``a`` and ``b``: values, agreement, weight.

    Returns the table and a verdict (probability, whether the rules allow a merge, same group or not).
    """
    if search.records is None or search.model is None:
        raise ValueError("no model: the file has too few records to compare")
    index = 1 if lang == "en" else 0
    left, right = np.array([min(a, b)]), np.array([max(a, b)])
    levels = compare(search.records, left, right)
    lines = []
    for name in FIELDS:
        level = int(levels[name][0])
        words = _LEVEL_WORDS.get(level) or _REASONS.get((name, level)) or ("identique", "same")
        column = "last" if name == "last" else name
        lines.append(
            {
                "field": _FIELD_LABELS[name][index],
                "a": search.records[column].iloc[left[0]],
                "b": search.records[column].iloc[right[0]],
                "agreement": words[index],
                "weight": 0.0 if level < 0 else round(float(search.model.weights(name)[level]), 2),
            }
        )
    verdict = {
        "probability": round(float(match_probability(levels, search.model)[0]), 4),
        "same_person_possible": bool(same_person_possible(levels)[0]),
        "compatible": bool(compatible(levels)[0]),
        "swapped": bool(levels["swapped"][0]),
        "same_group": bool(search.groups[a] == search.groups[b]),
    }
    return pd.DataFrame(lines), verdict
