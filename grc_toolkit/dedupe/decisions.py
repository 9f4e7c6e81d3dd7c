"""A person's review decisions, kept by stable record fingerprints so they apply to later exports too.

The ``À vérifier`` sheet lists each doubtful pair with the fingerprints of its two records. A person
writes ``fusionner`` or ``distinct`` in its decision column; ``grc clean FILE --decisions reviewed.xlsx``
then merges or separates those pairs, in this export and in every later one, because a fingerprint
depends on who the record is (names, email, phone, postcode), not on its row number.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from grc_toolkit.errors import InputError

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
    plain = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(char for char in plain if not unicodedata.combining(char))


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def read_decisions(sheet: pd.DataFrame, name: str = "") -> Decisions:
    """Decisions from a reviewed ``À vérifier`` sheet (French or English headers)."""
    columns = {str(column).split(" (")[0].strip().lower(): column for column in sheet.columns}
    a, b = (
        columns.get("empreinte a") or columns.get("fingerprint a"),
        columns.get("empreinte b") or columns.get("fingerprint b"),
    )
    decision = columns.get("décision") or columns.get("decision")
    if a is None or b is None or decision is None:
        raise InputError(
            f"{name} n'a pas de feuille « À vérifier » avec les colonnes Empreinte A, Empreinte B et Décision : "
            "donnez le classeur produit par grc clean, après avoir rempli la colonne Décision.",
            f"{name} has no 'To review' sheet with Fingerprint A, Fingerprint B and Decision columns: "
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
    for sheet in ("À vérifier", "To review"):
        try:
            return read_decisions(read_table(path, sheet=sheet).frame, path.name)
        except InputError:
            continue
    return read_decisions(read_table(path).frame, path.name)
