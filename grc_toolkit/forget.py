"""``grc forget``: every record of a person out of the office's files, a receipt, and never again on import.

The person is found as the deduplication finds people: the rows whose email or phone is the one given (cleaned
the same way: ``Jean.Dupont@GMAIL.com`` is ``jeandupont@gmail.com``'s mailbox), then every row grc merges with
them (same person under a typo'd name, an old address...). Each file is written again without those rows
(``FILE-forgotten.ext`` beside it, or ``-o``), untouched otherwise; the input is never modified. The keyed
hashes of every identifier of the rows removed, and of those given, go to the suppression list
(:mod:`grc_toolkit.suppression`), so a later ``grc clean`` or ``grc export`` of any file leaves the person out.

An identifier that several people share (a family's email, a household's landline) is refused rather than
erasing the others with them: give the person's own email or mobile.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from grc_toolkit import __version__, suppression
from grc_toolkit.cleaners.emails import clean_emails
from grc_toolkit.cleaners.phones import clean_phones
from grc_toolkit.config import Config
from grc_toolkit.dedupe.records import mailbox
from grc_toolkit.errors import ConfigError, InputError
from grc_toolkit.io import Table, read_table, write_table
from grc_toolkit.mapping import map_columns
from grc_toolkit.pipeline import PipelineResult, run
from grc_toolkit.results import CORRECTED, VALID
from grc_toolkit.schema import PHONE_FIELDS
from grc_toolkit.suppression import SEPARATOR, hashes_of, identifier_hashes, person_keys

#: What ``--list`` reads: one person per row, with an email and/or a phone column.
LIST_FIELDS = ("email", *PHONE_FIELDS)


@dataclass(frozen=True)
class Person:
    """One erasure request: the identifiers a person gave, cleaned (a mailbox, E.164 numbers)."""

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    mobiles: tuple[str, ...] = ()  # of ``phones``, the mobiles (one person's alone)

    @property
    def empty(self) -> bool:
        return not self.emails and not self.phones


@dataclass(frozen=True)
class Found:
    """One file's rows to remove: ``positions`` (of the table's frame), the spreadsheet ``rows``."""

    path: Path
    table: Table
    output: Path
    positions: np.ndarray
    rows: tuple[str, ...]
    shown: pd.DataFrame  # per row removed: row, name, email, phone (for the person confirming; never logged)
    keys: pd.DataFrame  # their identifiers in clear (:func:`person_keys`), in memory until hashed
    asked: np.ndarray  # per row removed, the number of the request (person) it was found for


@dataclass(frozen=True)
class Plan:
    """What ``grc forget`` will do: per file the rows found, and the people asked for."""

    people: tuple[Person, ...]
    files: tuple[Found, ...]
    found_people: int  # requests with at least one row found

    @property
    def rows(self) -> int:
        return sum(len(found.positions) for found in self.files)


@dataclass(frozen=True)
class Receipt:
    """What was done, without any personal data: kept as proof of the erasure (RGPD art. 17 and 30)."""

    number: str
    when: str
    people: int
    emails: int
    phones: int
    files: list[dict[str, Any]] = field(default_factory=list)
    suppression: str = ""
    hashes_added: int = 0
    receipt_file: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "receipt": self.number,
            "when": self.when,
            "people": self.people,
            "emails_given": self.emails,
            "phones_given": self.phones,
            "files": self.files,
            "suppression": self.suppression,
            "hashes_added": self.hashes_added,
            "receipt_file": self.receipt_file,
            "grc": __version__,
        }

    def text(self, lang: str = "fr") -> str:
        """The receipt as written beside the outputs: figures and file names, no name, email or phone."""
        en = lang == "en"
        lines = [
            "grc erasure receipt" if en else "Reçu d'effacement grc",
            f"{'Number' if en else 'Numéro'}: {self.number}" if en else f"Numéro : {self.number}",
            f"Date (UTC): {self.when}" if en else f"Date (UTC) : {self.when}",
            (
                f"Request: {self.people} person(s), {self.emails} email(s) and {self.phones} phone(s) given"
                if en
                else f"Demande : {self.people} personne(s), {self.emails} adresse(s) courriel et "
                f"{self.phones} téléphone(s) donnés"
            ),
        ]
        for item in self.files:
            rows = ", ".join(item["rows"]) or "-"
            lines.append(
                f"{item['file']} -> {item['output']}: {len(item['rows'])} row(s) removed (rows {rows})"
                if en
                else f"{item['file']} -> {item['output']} : {len(item['rows'])} ligne(s) retirée(s) (lignes {rows})"
            )
        lines.append(
            f"Suppression list: {self.suppression}, {self.hashes_added} keyed hash(es) added"
            if en
            else f"Liste d'opposition : {self.suppression}, {self.hashes_added} empreinte(s) ajoutée(s)"
        )
        lines.append(f"grc {__version__}")
        return "\n".join(lines) + "\n"


def default_output(path: Path) -> Path:
    """``export.csv`` -> ``export-forgotten.csv`` beside it (a workbook stays a workbook: ``.xlsx``)."""
    suffix = path.suffix.lower()
    ext = suffix if suffix in (".csv", ".tsv", ".txt") else ".xlsx"
    return path.with_name(f"{path.stem}-forgotten{ext}")


def person(emails: Sequence[str] = (), phones: Sequence[str] = (), region: str = "FR") -> Person:
    """A request from identifiers as a person typed them; one that is no email or phone is refused (exit 2)."""
    clean = clean_emails(pd.Series(list(emails), dtype=object)) if emails else None
    boxes: list[str] = []
    if clean is not None:
        for value, status in zip(clean.values, clean.status, strict=True):
            box = mailbox(value) if status in (VALID, CORRECTED) else ""
            if not box:
                raise ConfigError(
                    "Une adresse donnée à --email n'est pas une adresse courriel valide : vérifiez-la.",
                    "An address given to --email is not a valid email address: check it.",
                )
            boxes.append(box)
    numbers: list[str] = []
    mobiles: list[str] = []
    if phones:
        cleaned = clean_phones(pd.Series(list(phones), dtype=object), region=region)
        for value, status, kind in zip(cleaned.values, cleaned.status, cleaned.extra["line_type"], strict=True):
            if status not in (VALID, CORRECTED) or not value:
                raise ConfigError(
                    "Un numéro donné à --phone n'est pas un numéro de téléphone valide : vérifiez-le.",
                    "A number given to --phone is not a valid phone number: check it.",
                )
            numbers.append(value)
            if kind == "mobile":
                mobiles.append(value)
    return Person(tuple(boxes), tuple(numbers), tuple(mobiles))


def people_from_list(path: str | Path, config: Config) -> tuple[Person, ...]:
    """One request per row of an erasure list (CSV or workbook) with an email and/or phone column."""
    table = read_table(path)
    mapping = map_columns(table.frame, config.columns)
    columns = [column for kind in LIST_FIELDS for column in mapping.columns_of(kind)]
    if not columns:
        raise InputError(
            f"{Path(path).name} : aucune colonne d'adresse courriel ni de téléphone reconnue ; donnez une colonne "
            "« Email » ou « Téléphone » (une personne par ligne).",
            f'{Path(path).name}: no email or phone column recognised; give an "Email" or "Phone" column '
            "(one person per row).",
        )
    emails = mapping.columns_of("email")
    requests = []
    for position, (_, row) in enumerate(table.frame.iterrows()):
        given_emails = [str(row[c]).strip() for c in emails if str(row[c]).strip()]
        given_phones = [str(row[c]).strip() for c in columns if c not in emails and str(row[c]).strip()]
        try:
            request = person(given_emails, given_phones, config.clean.region)
        except ConfigError:
            line = table.source_rows.iloc[position]
            raise InputError(
                f"{Path(path).name} : une adresse ou un numéro n'est pas valide à la ligne {line} ; corrigez-la.",
                f"{Path(path).name}: an address or number is not valid on row {line}; fix it.",
            ) from None
        if not request.empty:
            requests.append(request)
    return tuple(requests)


def _rows_of(keys: pd.DataFrame, request: Person) -> np.ndarray:
    """The rows of ``keys`` (:func:`person_keys`) holding one of ``request``'s identifiers."""
    boxes, numbers = set(request.emails), set(request.phones)
    emails = keys["email"].map(lambda value: bool(boxes & set(value.split(SEPARATOR))) if value else False)
    phones = keys["numbers"].map(lambda value: bool(numbers & set(value.split(SEPARATOR))) if value else False)
    return (emails | phones).to_numpy(dtype=bool)


def _shown(table: Table, result: PipelineResult, positions: np.ndarray) -> pd.DataFrame:
    """The removed rows as the person confirming sees them: row, name, email, phone (cleaned)."""
    assert result.cleaned is not None
    data, mapping = result.cleaned.data, result.mapping

    def column(*fields: str) -> pd.Series:
        for name in fields:
            found = mapping.column_of(name)
            if found is not None:
                return data[found].iloc[positions].astype(str).reset_index(drop=True)
        return pd.Series([""] * len(positions), dtype=object)

    last, first, whole = column("last_name"), column("first_name"), column("full_name", "organisation")
    name = (first + " " + last).str.strip().where((first + last).str.strip() != "", whole)
    return pd.DataFrame(
        {
            "row": table.source_rows.iloc[positions].astype(str).reset_index(drop=True),
            "name": name,
            "email": column("email"),
            "phone": column("mobile", "phone", "landline"),
        }
    )


def plan(
    paths: Sequence[str | Path],
    people: Sequence[Person],
    config: Config,
    *,
    output: str | Path | None = None,
    all_matches: bool = False,
) -> Plan:
    """Find every row of ``people`` in each file (nothing written). One identifier that matches several people
    of a file is refused unless ``all_matches``: a shared family email or landline must not erase the others."""
    if not people:
        raise ConfigError(
            "Dites qui effacer : --email, --phone ou --list fichier.csv.",
            "Say who to erase: --email, --phone or --list file.csv.",
        )
    if output is not None and len(paths) != 1:
        raise ConfigError(
            "-o ne vaut que pour un seul fichier : sans -o, chaque fichier est écrit en FICHIER-forgotten à côté.",
            "-o is for one file only: without -o, each file is written as FILE-forgotten beside it.",
        )
    found_any = np.zeros(len(people), dtype=bool)
    files = []
    for path in paths:
        path = Path(path)
        options = config.read
        table = read_table(
            path,
            sheet=options.sheet,
            encoding=options.encoding,
            delimiter=options.delimiter,
            header_row=options.header_row,
        )
        result = run(table.frame, config, source_rows=table.source_rows)
        assert result.cleaned is not None
        keys = person_keys(table.frame.reset_index(drop=True), result.cleaned, result.mapping)
        person_of = result.contacts_position()
        asked = np.full(len(keys), -1, dtype=np.int64)
        for number, request in enumerate(people):
            seeds = _rows_of(keys, request)
            records = np.unique(person_of[seeds])
            if len(records) > 1 and not all_matches:
                raise ConfigError(
                    f"{path.name} : la personne n° {number + 1} de la demande correspond à {len(records)} personnes "
                    "différentes (adresse ou téléphone partagé, une famille ?) : donnez son adresse courriel ou son "
                    "portable à elle, ou --all-matches pour les effacer toutes.",
                    f"{path.name}: person no. {number + 1} of the request matches {len(records)} different people "
                    "(a shared address or phone, a family?): give their own email or mobile, or --all-matches to "
                    "erase them all.",
                )
            if len(records):
                found_any[number] = True
                asked[np.isin(person_of, records) & (asked < 0)] = number
        positions = np.flatnonzero(asked >= 0)
        files.append(
            Found(
                path,
                table,
                Path(output) if output is not None else default_output(path),
                positions,
                tuple(table.source_rows.iloc[positions].astype(str)),
                _shown(table, result, positions),
                keys.iloc[positions],
                asked[positions],
            )
        )
    return Plan(tuple(people), tuple(files), int(found_any.sum()))


def apply(plan: Plan, config: Config, *, force: bool = False, now: datetime | None = None) -> Receipt:
    """Write each file without the rows found, add the hashes to the suppression list, write the receipt.

    The suppression list is written first: should a file fail to be written, the person is still never
    imported again, and running ``grc forget`` again finishes the work."""
    when = (now or datetime.now(UTC)).astimezone(UTC)
    number = when.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
    where = suppression.resolve_path(config.suppression)
    key = suppression.ensure_key(where)
    hashes = [identifier_hashes(key, emails=request.emails, mobiles=request.mobiles) for request in plan.people]
    for found in plan.files:
        for asked in np.unique(found.asked):
            hashes[int(asked)] |= hashes_of(found.keys[found.asked == asked], key)
    added = suppression.add(where, hashes, number, when)
    files = []
    for found in plan.files:
        kept = np.ones(len(found.table.frame), dtype=bool)
        kept[found.positions] = False
        frame = found.table.frame[kept].reset_index(drop=True)
        sheet = found.table.sheet or "Contacts"
        write_table(
            found.output,
            {sheet: frame},
            csv_delimiter=found.table.delimiter or ";",
            csv_encoding=_encoding(found.table.encoding),
            protect=found.path,
            force=force,
        )
        files.append({"file": found.path.name, "output": str(found.output), "rows": list(found.rows)})
    receipt = Receipt(
        number,
        when.strftime("%Y-%m-%d %H:%M"),
        len(plan.people),
        sum(len(request.emails) for request in plan.people),
        sum(len(request.phones) for request in plan.people),
        files,
        str(where),
        added,
    )
    path = (
        plan.files[0].output.with_name(f"effacement-{number}.txt")
        if plan.files
        else where.with_name(f"effacement-{number}.txt")
    )
    try:
        path.write_text(receipt.text(config.lang), encoding="utf-8")
    except OSError:
        raise InputError(
            f"Impossible d'écrire le reçu {path.name} : vérifiez les droits du dossier (l'effacement est fait).",
            f"Cannot write the receipt {path.name}: check the folder's permissions (the erasure is done).",
        ) from None
    return Receipt(**{**receipt.__dict__, "receipt_file": str(path)})


def _encoding(given: str | None) -> str:
    """The input CSV's own encoding, so that the CRM reads the file it gave back (UTF-8 with BOM otherwise)."""
    if not given:
        return "utf-8-sig"
    return "utf-8-sig" if given.lower().replace("_", "-") in ("utf-8", "utf8", "ascii") else given
