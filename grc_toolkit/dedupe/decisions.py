"""A person's review decisions, kept by stable record fingerprints so they apply to later exports too.

The ``À vérifier`` sheet lists each doubtful pair with the fingerprints of its two records. A person
writes ``fusionner`` or ``distinct`` in its decision column; ``grc clean FILE --decisions reviewed.xlsx``
then merges or separates those pairs, in this export and in every later one, because a fingerprint
depends on who the record is (names, email, phone, postcode), not on its row number.
:func:`apply_decisions` applies them to the scored pairs in one step, before grouping.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.dedupe.rules import DECIDED_DISTINCT
from grc_toolkit.errors import InputError
from grc_toolkit.present.labels import REVIEW_HEADERS, SHEETS

FINGERPRINT_COLUMNS = ("last", "first", "email", "phone", "postal_code")
MERGE_WORDS = frozenset(
    {"fusionner", "fusion", "fusionne", "oui", "o", "merge", "same", "yes", "y", "meme", "identique"}
)
DISTINCT_WORDS = frozenset(
    {"distinct", "distincts", "non", "n", "separer", "different", "differents", "no", "separate"}
)


@dataclass(frozen=True)
class Decisions:
    """Pairs of fingerprints a person said are one person (``merge``) or two (``distinct``)."""

    merge: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    distinct: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    ignored: int = 0  # decisions that were neither merge nor distinct

    def __bool__(self) -> bool:
        return bool(self.merge or self.distinct)


def fingerprints(records: pd.DataFrame) -> np.ndarray:
    """A 12-character fingerprint per record, from its normalised names, email, phone and postcode.

    Examples:
        >>> frame = pd.DataFrame({c: ["x"] for c in FINGERPRINT_COLUMNS})
        >>> fingerprints(frame).tolist() == fingerprints(frame.copy()).tolist()
        True
    """
    joined = records[list(FINGERPRINT_COLUMNS)].astype(str).agg("|".join, axis=1)
    table = {value: hashlib.sha1(value.encode("utf-8")).hexdigest()[:12] for value in joined.unique()}
    return joined.map(table).to_numpy(dtype=object)


def _word(text: str) -> str:
    return strip_accents(str(text).strip().lower())


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _header_words(key: str) -> tuple[str, ...]:
    """The review sheet's header ``key`` in both languages, as :func:`read_decisions` compares them."""
    return tuple(_heading(label) for label in REVIEW_HEADERS[key])


def _heading(column: object) -> str:
    return str(column).split(" (")[0].strip().lower()


def read_decisions(sheet: pd.DataFrame, name: str = "") -> Decisions:
    """Decisions from a reviewed ``À vérifier`` sheet (French or English headers, those grc writes:
    :data:`grc_toolkit.present.labels.REVIEW_HEADERS`)."""
    columns = {_heading(column): column for column in sheet.columns}

    def find(key: str) -> object | None:
        return next((columns[word] for word in _header_words(key) if word in columns), None)

    a, b, decision = find("fingerprint_a"), find("fingerprint_b"), find("decision")
    if a is None or b is None or decision is None:
        raise InputError(
            f"{name} n'a pas de feuille « {SHEETS['review'][0]} » avec les colonnes Empreinte A, Empreinte B et "
            "Décision : donnez le classeur produit par grc clean, après avoir rempli la colonne Décision.",
            f"{name} has no '{SHEETS['review'][1]}' sheet with Fingerprint A, Fingerprint B and Decision columns: "
            "give the workbook grc clean wrote, with its Decision column filled in.",
        )
    merge, distinct, ignored = set(), set(), 0
    for first, second, said in zip(sheet[a], sheet[b], sheet[decision].map(_word), strict=True):
        if not said:
            continue
        if said in MERGE_WORDS:
            merge.add(pair_key(str(first), str(second)))
        elif said in DISTINCT_WORDS:
            distinct.add(pair_key(str(first), str(second)))
        else:
            ignored += 1
    return Decisions(frozenset(merge), frozenset(distinct - merge), ignored)


def load_decisions(path: str | Path) -> Decisions:
    """Read the decisions of a reviewed workbook (its ``À vérifier`` or ``To review`` sheet) or CSV."""
    from grc_toolkit.io import read_table

    path = Path(path)
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return read_decisions(read_table(path).frame, path.name)
    for sheet in SHEETS["review"]:
        try:
            return read_decisions(read_table(path, sheet=sheet).frame, path.name)
        except InputError:
            continue
    return read_decisions(read_table(path).frame, path.name)


def apply_decisions(
    pairs: pd.DataFrame,
    decisions: Decisions | None,
    prints: np.ndarray,
    score: Callable[[np.ndarray, np.ndarray], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Judged pairs (:func:`~grc_toolkit.dedupe.rules.judge_pairs`) with a person's ``decisions`` applied.

    A pair said to merge becomes compatible and possible, with probability 1, vote 1 and no rule; a pair
    said distinct becomes neither, with vote -1 and rule ``decided_distinct``; both are ``decided``.
    ``prints`` are the records' fingerprints. With ``score`` (the engine's
    :meth:`~grc_toolkit.dedupe.engine.ScoredPairs.score`), the pairs said to merge that blocking did not
    propose are scored and added.
    """
    if not decisions:
        return pairs
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    merge = _decided(prints, left, right, decisions.merge)
    distinct = _decided(prints, left, right, decisions.distinct)
    if score is not None:
        extra_left, extra_right = _forced_pairs(prints, decisions.merge, left, right)
        if len(extra_left):
            forced = score(extra_left, extra_right).assign(
                compatible=False, possible=False, vote=np.int8(0), rule="", decided=False
            )  # judged below, as pairs said to merge
            pairs = pd.concat([pairs, forced], ignore_index=True)
            merge = np.concatenate([merge, np.ones(len(extra_left), dtype=bool)])
            distinct = np.concatenate([distinct, np.zeros(len(extra_left), dtype=bool)])
    vote = np.where(distinct, -1, np.where(merge, 1, pairs["vote"].to_numpy()))
    return pairs.assign(
        probability=np.where(merge, 1.0, pairs["probability"].to_numpy()),
        compatible=(pairs["compatible"].to_numpy(dtype=bool) | merge) & ~distinct,
        possible=(pairs["possible"].to_numpy(dtype=bool) | merge) & ~distinct,
        vote=vote.astype(np.int8),
        rule=np.where(distinct, DECIDED_DISTINCT, np.where(merge, "", pairs["rule"].to_numpy(dtype=object))),
        decided=pairs["decided"].to_numpy(dtype=bool) | merge | distinct,
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
