"""An erased person never comes back: the suppression list that ``grc forget`` fills and every run honours.

RGPD art. 17: a person who asked to be erased must not reappear with the next import of a CRM export or a
partner's file. ``grc forget`` removes their records and adds *keyed hashes* of their identifiers to a
suppression list; ``grc clean``, ``grc dedupe`` and ``grc export`` leave out every row that matches it and say
how many ("n personnes effacées non réimportées").

The list holds no identifier in clear: each line is the HMAC-SHA256, under a secret key kept in a file beside
the list (``suppression.key``, created on the first erasure, readable by its owner only), of one normalised
identifier. Without the key a hash cannot be reversed by trying every phone number; with the key lost, the
list matches nothing (grc refuses to run rather than let erased people back in silently).

What a row is matched on (the same normalisation as the deduplication):

- ``email``: each mailbox of the row (every email column and ``grc_other_emails``; Gmail dots and documented
  ``+tags`` dropped);
- ``mobile``: each mobile number alone (E.164): a mobile is one person's;
- ``phone``: each phone with the first name, since a household shares its landline;
- ``name_birth``: last and first names with the birth date;
- ``name_postcode``: last and first names with the postcode, used only for a row that has neither an email nor
  a phone (with one, a namesake in the same town stays: the email or phone would have matched).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from grc_toolkit.cleaners.base import as_text
from grc_toolkit.cleaners.names import person_name_key
from grc_toolkit.dedupe.records import mailbox
from grc_toolkit.errors import ConfigError, OutputError
from grc_toolkit.history import data_folder
from grc_toolkit.io.lock import output_lock
from grc_toolkit.mapping import ColumnMapping
from grc_toolkit.results import CORRECTED, VALID
from grc_toolkit.schema import OTHER_EMAILS, OTHER_PHONES, PHONE_FIELDS
from grc_toolkit.stages.clean import CleanStage

#: Where the list is when neither ``--suppression`` nor grc.toml's ``suppression`` says.
SUPPRESSION_ENV = "GRC_SUPPRESSION"
KINDS = ("email", "mobile", "phone", "name_birth", "name_postcode")
#: one line per hash: when it was added, by which erasure (the receipt's number) and for which person of it
_HEADER = ("hash", "added", "receipt", "person")
#: between several values of one kind in a row of :func:`person_keys` (never in a cleaned value)
SEPARATOR = _SEP = "\x1e"


def default_path() -> Path:
    """The office's suppression list: ``GRC_SUPPRESSION`` when set, else ``suppression.csv`` in the user's
    data folder (beside the history: ``~/.local/share/grc/`` on Linux, ``%APPDATA%\\grc\\`` on Windows)."""
    given = os.environ.get(SUPPRESSION_ENV)
    if given:
        return Path(given).expanduser()
    return data_folder() / "suppression.csv"


def resolve_path(given: str | Path | None) -> Path:
    """The list given (option or grc.toml), else :func:`default_path`."""
    return Path(given).expanduser() if given else default_path()


def key_path(path: Path) -> Path:
    """The secret key of the list at ``path``: ``suppression.key`` beside ``suppression.csv``."""
    return path.with_suffix(".key")


def _hash(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"suppression\x1f{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def _valid(cleaned: CleanStage, mapping: ColumnMapping, field: str) -> list[tuple[str, pd.Series]]:
    """(column, cleaned values with "" where not valid) of every column mapped to ``field``."""
    columns = []
    for column in mapping.columns_of(field):
        outcome = cleaned.results.get(column)
        if outcome is not None:
            ok = outcome.status.isin([VALID, CORRECTED])
            columns.append((column, as_text(outcome.values).where(ok, "")))
    return columns


def _first(columns: list[tuple[str, pd.Series]], index: pd.Index) -> pd.Series:
    out = pd.Series("", index=index, dtype=object)
    for _, column in reversed(columns):
        out = column.where(column != "", out)
    return out


def _name(columns: list[tuple[str, pd.Series]], index: pd.Index) -> pd.Series:
    values = _first(columns, index)
    return values.map({value: person_name_key(value) for value in values.unique()})


def _listed(parts: list[pd.Series], index: pd.Index) -> pd.Series:
    """Per row, the non-empty values of ``parts`` joined by ``_SEP``."""
    out = pd.Series("", index=index, dtype=object)
    for part in parts:
        out = out.where(part == "", out.where(out == "", out + _SEP) + part)
    return out


def _items(series: pd.Series) -> pd.Series:
    """A " ; " list column (``grc_other_emails``) as ``_SEP``-joined items."""
    return as_text(series).str.replace(r"\s*;\s*", _SEP, regex=True).str.strip(_SEP)


def _mailboxes(value: str) -> str:
    return _SEP.join(sorted({box for box in (mailbox(part) for part in value.split(_SEP)) if box}))


def person_keys(frame: pd.DataFrame, cleaned: CleanStage, mapping: ColumnMapping) -> pd.DataFrame:
    """Per input row (cleaned), its identifiers in clear, one column per :data:`KINDS` (several values joined by
    ``\\x1e``), ``reachable`` (an email or a phone) and ``numbers`` (the phones alone). Kept in memory only:
    only their hashes are stored."""
    index = cleaned.data.index
    emails = [values for _, values in _valid(cleaned, mapping, "email")] + [_items(cleaned.other_emails)]
    if OTHER_EMAILS in frame:  # grc's own output read again
        emails.append(_items(frame[OTHER_EMAILS].set_axis(index)))
    email = _listed(emails, index)
    email = email.map(
        {value: _SEP.join(sorted({mailbox(v) for v in value.split(_SEP) if mailbox(v)})) for value in email.unique()}
    )
    last = _name(_valid(cleaned, mapping, "last_name"), index)
    first = _name(_valid(cleaned, mapping, "first_name"), index)
    whole = _name(_valid(cleaned, mapping, "full_name"), index)
    name = (last + "\x1f" + first).where((last != "") & (first != ""), whole)
    given = first.where(first != "", whole)
    mobiles, phones = [], []
    for kind in PHONE_FIELDS:
        for column, values in _valid(cleaned, mapping, kind):
            phones.append(values)
            line_type = cleaned.results[column].extra.get("line_type")
            if line_type is not None:
                mobiles.append(values.where(as_text(line_type) == "mobile", ""))
    phones.append(_items(cleaned.other_phones))
    if OTHER_PHONES in frame:
        phones.append(_items(frame[OTHER_PHONES].set_axis(index)))
    phone = _listed(phones, index)
    with_name = pd.Series(
        [
            _SEP.join(f"{number}\x1f{person}" for number in numbers.split(_SEP)) if numbers and person else ""
            for numbers, person in zip(phone.to_numpy(), given.to_numpy(), strict=True)
        ],
        index=index,
        dtype=object,
    )
    birth = _first(_valid(cleaned, mapping, "birth_date"), index)
    postcode = _first(_valid(cleaned, mapping, "postal_code"), index).str.replace(" ", "", regex=False).str.upper()
    return pd.DataFrame(
        {
            "email": email,
            "mobile": _listed(mobiles, index),
            "phone": with_name,
            "name_birth": (name + "\x1f" + birth).where((name != "") & (birth != ""), ""),
            "name_postcode": (name + "\x1f" + postcode).where((name != "") & (postcode != ""), ""),
            "reachable": (email != "") | (phone != ""),
            "numbers": phone,  # the phones alone, to find a person by the number they gave
        },
        index=index,
    )


def hashes_of(keys: pd.DataFrame, key: bytes) -> set[str]:
    """Every keyed hash of the rows of ``keys`` (:func:`person_keys`)."""
    found: set[str] = set()
    for kind in KINDS:
        for value in keys[kind].unique():
            found.update(_hash(key, kind, part) for part in str(value).split(_SEP) if part)
    return found


def identifier_hashes(key: bytes, *, emails: Iterable[str] = (), mobiles: Iterable[str] = ()) -> set[str]:
    """The hashes of identifiers a person gave (already cleaned): their mailbox, their mobile number."""
    found = {_hash(key, "email", mailbox(value)) for value in emails if mailbox(value)}
    return found | {_hash(key, "mobile", value) for value in mobiles if value}


@dataclass(frozen=True)
class SuppressionList:
    """The hashes of erased people's identifiers, and the key they were made with (None: no list yet)."""

    path: Path
    key: bytes | None
    hashes: frozenset[str]
    #: per hash, the erased person it is of (receipt/person): rows matching one person's hashes are one person
    owners: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.hashes

    def matches(self, keys: pd.DataFrame) -> np.ndarray:
        """Per row of ``keys`` (:func:`person_keys`), whether it is an erased person's."""
        hit = np.zeros(len(keys), dtype=bool)
        if self.empty or self.key is None:
            return hit
        key = self.key
        for kind in KINDS:
            values = keys[kind]
            listed = {
                value: any(_hash(key, kind, part) in self.hashes for part in str(value).split(_SEP) if part)
                for value in values.unique()
            }
            found = values.map(listed).to_numpy(dtype=bool, copy=True)  # pandas 3: views are read-only
            if kind == "name_postcode":  # a namesake in the same town with an email or phone of their own stays
                found &= ~keys["reachable"].to_numpy(dtype=bool)
            hit |= found
        return hit

    def people(self, keys: pd.DataFrame, hit: np.ndarray) -> int:
        """How many people the matched rows are: rows that share a listed hash are one person."""
        rows = np.flatnonzero(hit)
        if self.key is None or not len(rows):
            return 0
        parent = list(range(len(rows)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[str, int] = {}
        columns = {kind: keys[kind].to_numpy(dtype=object) for kind in KINDS}
        for i, row in enumerate(rows):
            for kind in KINDS:
                for part in str(columns[kind][row]).split(_SEP):
                    digest = _hash(self.key, kind, part) if part else ""
                    if digest in self.hashes:
                        j = owner.setdefault(self.owners.get(digest, digest), i)
                        parent[root(i)] = root(j)
        return len({root(i) for i in range(len(rows))})


def _unusable(path: Path, why_fr: str, why_en: str) -> ConfigError:
    return ConfigError(
        f"Liste d'opposition {path.name} inutilisable ({why_fr}) : rétablissez-la (et {key_path(path).name} "
        "à côté) depuis votre sauvegarde, ou donnez la bonne avec --suppression.",
        f"Suppression list {path.name} cannot be used ({why_en}): restore it (and {key_path(path).name} beside "
        "it) from your backup, or give the right one with --suppression.",
    )


def load(path: str | Path) -> SuppressionList:
    """The list at ``path``; none there yet is an empty list. A list without its key, or a file that is not a
    grc suppression list, is refused (exit code 2): running on would let erased people back in."""
    path = Path(path)
    if not path.exists():
        return SuppressionList(path, None, frozenset())
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError):
        raise _unusable(path, "illisible", "unreadable") from None
    if not rows or tuple(rows[0]) != _HEADER:
        raise _unusable(path, "ce n'est pas une liste d'opposition de grc", "not a grc suppression list")
    hashes = frozenset(row[0] for row in rows[1:] if row)
    owners = {row[0]: f"{row[2]}/{row[3]}" for row in rows[1:] if len(row) >= 4}
    if not hashes:
        return SuppressionList(path, None, frozenset())
    try:
        key = bytes.fromhex(key_path(path).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        raise _unusable(
            path, f"clé {key_path(path).name} absente ou abîmée", f"key {key_path(path).name} missing or damaged"
        ) from None
    return SuppressionList(path, key, hashes, owners)


def ensure_key(path: str | Path) -> bytes:
    """The list's key, created (256 random bits, readable by its owner only) on the first erasure."""
    path = Path(path)
    existing = load(path)
    if existing.key is not None:
        return existing.key
    where = key_path(path)
    if where.exists():
        try:
            return bytes.fromhex(where.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            raise _unusable(path, f"clé {where.name} abîmée", f"key {where.name} damaged") from None
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        descriptor = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(key.hex() + "\n")
    except OSError:
        raise _cannot_write(path) from None
    return key


def _cannot_write(path: Path) -> OutputError:
    return OutputError(
        f"Impossible d'écrire la liste d'opposition {path} : vérifiez les droits du dossier.",
        f"Cannot write the suppression list {path}: check the folder's permissions.",
    )


def add(path: str | Path, people: Sequence[Iterable[str]], receipt: str, when: datetime | None = None) -> int:
    """Add each person's hashes (``people``: one set per erased person) to the list at ``path`` (created with
    its key when missing), under the list's lock and atomically; returns how many hashes were new."""
    path = Path(path)
    ensure_key(path)
    added = (when or datetime.now()).strftime("%Y-%m-%d")
    with output_lock(path):
        known = load(path).hashes
        new: list[tuple[str, int]] = []
        for number, person in enumerate(people, start=1):
            digests = set(person)
            new += [(digest, number) for digest in sorted(digests - known)]
            known = known | digests
        if not new:
            return 0
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            if path.exists():
                temp.write_bytes(path.read_bytes())
            else:
                temp.write_text(",".join(_HEADER) + "\n", encoding="utf-8")
            with temp.open("a", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerows((digest, added, receipt, number) for digest, number in new)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except OSError:
            temp.unlink(missing_ok=True)
            raise _cannot_write(path) from None
    return len(new)
