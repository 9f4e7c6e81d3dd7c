"""Shared visitors without sharing data: keyed hashes of a person's identifiers, and the overlap between offices.

Each cleaned row gives up to four keys, each the HMAC-SHA256 (with the network's key file) of a normalised value:

- ``email``: the mailbox (lowercase, Gmail dots and documented ``+tags`` dropped);
- ``phone``: the E.164 number with the first name, since a household's landline is shared by several people;
- ``name_birth``: last and first names with the birth date (ISO);
- ``name_postcode``: last and first names with the postcode.

Without the key, a hash cannot be reversed by trying every email or phone number: this is a pseudonymisation
(RGPD art. 4(5)), not an anonymisation, so the key stays within the network and never appears in an output.
Two offices' rows are the same person when any key matches; within an office, grc's own deduplication also
links rows. People are counted as connected components, never key matches.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from grc_toolkit.cleaners.names import person_name_key
from grc_toolkit.dedupe.records import mailbox
from grc_toolkit.errors import ConfigError
from grc_toolkit.pipeline import PipelineResult
from grc_toolkit.results import CORRECTED, VALID
from grc_toolkit.schema import PHONE_FIELDS

KEY_KINDS = ("email", "phone", "name_birth", "name_postcode")
#: The hashed keys' columns in a shared file, by kind; several phones of a row are separated by spaces.
KEY_COLUMNS = {kind: f"grc_key_{kind}" for kind in KEY_KINDS}
#: A row's person in its own office (grc's deduplication), in a shared file.
PERSON_COLUMN = "grc_person"
_KEY_ID_LABEL = b"grc-key-id"


def read_key(path: str | Path) -> bytes:
    """The bytes of the network's key file; a missing, unreadable or empty file is refused (exit code 2)."""
    path = Path(path)
    try:
        key = path.read_bytes()
    except OSError:
        raise ConfigError(
            f"Fichier de clé {path.name} illisible ou introuvable : donnez à --key le fichier de clé du réseau.",
            f"Key file {path.name} cannot be read or does not exist: give --key the network's key file.",
        ) from None
    if not key.strip():
        raise ConfigError(
            f"Le fichier de clé {path.name} est vide : il doit contenir la clé secrète du réseau.",
            f"The key file {path.name} is empty: it must hold the network's secret key.",
        )
    return key


def key_id(key: bytes) -> str:
    """A short fingerprint of ``key`` that tells whether two files were hashed with the same key, and nothing
    about the key itself."""
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def _hash(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def hash_keys(keys: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """``keys`` (:func:`linkage_keys`) with each value replaced by its keyed hash ("" stays ""); one call per
    distinct value. The ``person`` column is kept."""
    hashed = pd.DataFrame({PERSON_COLUMN: keys[PERSON_COLUMN]}, index=keys.index)
    for kind in KEY_KINDS:
        values = keys[kind]
        distinct = {
            value: " ".join(_hash(key, kind, part) for part in value.split("\x1e") if part) for value in values.unique()
        }
        hashed[KEY_COLUMNS[kind]] = values.map(distinct)
    return hashed


def _valid(result: PipelineResult, field: str) -> list[pd.Series]:
    """The cleaned values of every column mapped to ``field``, "" where not valid."""
    cleaned = result.cleaned
    assert cleaned is not None
    columns = []
    for column in result.mapping.columns_of(field):
        outcome = cleaned.results.get(column)
        if outcome is not None:
            ok = outcome.status.isin([VALID, CORRECTED])
            columns.append(outcome.values.astype(str).where(ok, ""))
    return columns


def _first(columns: list[pd.Series], index: pd.Index) -> pd.Series:
    out = pd.Series("", index=index, dtype=object)
    for column in reversed(columns):
        out = column.where(column != "", out)
    return out


def _name_part(columns: list[pd.Series], index: pd.Index) -> pd.Series:
    values = _first(columns, index)
    return values.map({value: person_name_key(value) for value in values.unique()})


def _joined(*parts: pd.Series) -> pd.Series:
    """The parts joined by a separator; "" when any part is empty."""
    filled = parts[0] != ""
    for part in parts[1:]:
        filled &= part != ""
    text = parts[0].str.cat(others=list(parts[1:]), sep="\x1f")  # type: ignore[arg-type]
    return text.where(filled, "")


def linkage_keys(result: PipelineResult) -> pd.DataFrame:
    """Per input row (cleaned, before any merge), its normalised keys in clear (one column per
    :data:`KEY_KINDS`; several phones joined by ``\\x1e``) and its ``grc_person`` (the merged record it ended in).
    Kept in memory only: :func:`hash_keys` makes them shareable."""
    identity = identity_fields(result)
    index = identity.index
    email = _first(_valid(result, "email"), index)
    email = email.map({value: mailbox(value) for value in email.unique()})
    last, first, whole = identity["last_name"], identity["first_name"], identity["full_name"]
    name = _joined(last, first).where((last != "") & (first != ""), whole)
    phones = [column for field in PHONE_FIELDS for column in _valid(result, field)]
    phone = pd.Series("", index=index, dtype=object)
    for column in phones:
        keyed = _joined(column, first.where(first != "", whole))
        phone = phone.str.cat(keyed, sep="\x1e").str.strip("\x1e")
    return pd.DataFrame(
        {
            PERSON_COLUMN: result.contacts_position(),
            "email": email,
            "phone": phone,
            "name_birth": _joined(name, identity["birth_date"]),
            "name_postcode": _joined(name, identity["postal_code"]),
        },
        index=index,
    )


def identity_fields(result: PipelineResult) -> pd.DataFrame:
    """Per input row (cleaned), its normalised ``last_name``, ``first_name``, ``full_name`` (:func:`person_name_key`),
    ``birth_date`` (ISO) and ``postal_code`` in clear, "" where not valid: what the name keys and the Bloom
    encodings (:mod:`grc_toolkit.bloom`) are made of. Kept in memory only."""
    if result.cleaned is None:
        raise ValueError("identity_fields() needs the result of a pipeline run that kept its clean stage")
    index = result.cleaned.data.index
    return pd.DataFrame(
        {
            "last_name": _name_part(_valid(result, "last_name"), index),
            "first_name": _name_part(_valid(result, "first_name"), index),
            "full_name": _name_part(_valid(result, "full_name"), index),
            "birth_date": _first(_valid(result, "birth_date"), index),
            "postal_code": _first(_valid(result, "postal_code"), index).str.replace(" ", "", regex=False).str.upper(),
        },
        index=index,
    )


@dataclass(frozen=True)
class Overlap:
    """How many people each pair of offices shares, and how many are in three offices or more (counts only).

    ``offices`` in the audit's order; ``pairs`` maps each pair (in that order) to its shared people."""

    offices: tuple[str, ...]
    pairs: dict[tuple[str, str], int]
    three_or_more: int

    def shared(self, first: str, second: str) -> int:
        return self.pairs.get((first, second), self.pairs.get((second, first), 0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "hmac-sha256",
            "keys": list(KEY_KINDS),
            "offices": list(self.offices),
            "pairs": [{"offices": [a, b], "people": people} for (a, b), people in self.pairs.items()],
            "three_or_more": self.three_or_more,
        }


class _Groups:
    """Union-find over row numbers: rows that share a key end in one group."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, row: int) -> int:
        parent = self.parent
        while parent[row] != row:
            parent[row] = parent[parent[row]]
            row = parent[row]
        return row

    def join(self, rows: Sequence[int]) -> None:
        root = self.find(rows[0])
        for row in rows[1:]:
            other = self.find(row)
            if other != root:
                self.parent[other] = root


def overlap(offices: Sequence[str], keys: Sequence[pd.DataFrame]) -> Overlap:
    """The people shared by each pair of ``offices`` from their hashed keys (:func:`hash_keys`, or a shared
    file's columns), one frame per office in the same order. Rows are linked by any equal key, and within an
    office by their ``grc_person``; each linked group is one person."""
    if len(offices) != len(keys):
        raise ValueError("overlap() needs one frame of keys per office")
    offices_of: list[int] = []
    labels: dict[str, list[int]] = {}
    for number, frame in enumerate(keys):
        base = len(offices_of)
        offices_of.extend([number] * len(frame))
        columns = [f"{number}:" + frame[PERSON_COLUMN].astype(str)]
        columns += [frame[KEY_COLUMNS[kind]].fillna("").astype(str) for kind in KEY_KINDS]
        for kind, column in zip(("person", *KEY_KINDS), columns, strict=True):
            for row, cell in enumerate(column.tolist()):
                for value in cell.split():
                    labels.setdefault(f"{kind}:{value}", []).append(base + row)
    groups = _Groups(len(offices_of))
    for rows in labels.values():
        if len(rows) > 1:
            groups.join(rows)
    found: dict[int, set[int]] = {}
    for row, number in enumerate(offices_of):
        found.setdefault(groups.find(row), set()).add(number)
    pairs: dict[tuple[str, str], int] = dict.fromkeys(combinations(offices, 2), 0)
    three = 0
    for numbers in found.values():
        for a, b in combinations(sorted(numbers), 2):
            pairs[(offices[a], offices[b])] += 1
        three += len(numbers) >= 3
    return Overlap(tuple(offices), pairs, three)
