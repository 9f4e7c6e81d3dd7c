"""Make realistic, messy visitor exports of a French tourism office, together with their true clean values.

Tests may not use outside data, so they build it here: :func:`generate_export` invents people (80 % French,
the rest from nearby countries, the United States and French overseas departments), writes each of them one
to four times as an office's CRM would, then dirties every cell the way real exports are dirty (case, spaces,
mojibake, phone formats, Excel artefacts, country and consent spellings...). ``truth`` holds what grc should
output for each messy cell, so a test can score a cleaner cell by cell.

Everything is drawn from ``random.Random`` seeded from ``seed``: the same arguments give the same frames.
People, duplicates and truth do not depend on ``noise``; only the messy spelling does.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal, TypeVar

import pandas as pd

__all__ = [
    "BIRTH_DATE_HEADERS", "HARD_NEGATIVE_KINDS", "HEADER_SETS", "ROW_EVENTS", "SAMPLE_SEED", "TRUTH_COLUMNS",
    "GeneratedExport", "generate_export", "sample_export",
]  # fmt: skip

from grc_toolkit.dedupe.records import mailbox
from grc_toolkit.testing._noise import _messy_row, _Noise, _truth_row
from grc_toolkit.testing._people import _french_phone, _make_people, _make_rows, _namesake, _new_email, _Person, _Row
from grc_toolkit.testing._reference import _FIRST_DATE, _FR_FEMALE, _FR_LAST, _FR_MALE

_T = TypeVar("_T")

#: Canonical columns of ``GeneratedExport.truth``, in order.
TRUTH_COLUMNS: tuple[str, ...] = (
    "email", "phone", "postal_code", "city", "country", "consent",
    "civility", "last_name", "first_name", "contact_date",
)  # fmt: skip

#: Header sets an office may export: canonical field -> header, in export order.
HEADER_SETS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "civility": "Civilité", "last_name": "Nom", "first_name": "Prénom", "email": "Email",
        "phone": "Téléphone", "address": "Adresse", "postal_code": "Code postal", "city": "Ville",
        "country": "Pays", "contact_date": "Date de contact", "consent": "Optin newsletter", "source": "Source",
    },
    "en": {
        "civility": "Title", "last_name": "Last name", "first_name": "First name", "email": "E-mail",
        "phone": "Phone", "address": "Address", "postal_code": "Zip", "city": "City", "country": "Country",
        "contact_date": "Last contact", "consent": "Newsletter opt-in", "source": "Source",
    },
    "crm": {
        "record_id": "N° contact", "civility": "CIVILITE", "last_name": "NOM", "first_name": "PRENOM",
        "email": "COURRIEL", "phone": "TEL PORTABLE", "address": "ADRESSE 1", "postal_code": "CP",
        "city": "COMMUNE", "country": "PAYS", "contact_date": "DATE CREATION", "consent": "OPTIN",
        "source": "ORIGINE",
    },
}  # fmt: skip


@dataclass(frozen=True, eq=False)
class GeneratedExport:
    """A messy export, the clean value of each of its cells, and who each row is.

    ``messy`` holds only ``str`` cells. ``truth`` has the same index and the columns of
    :data:`TRUTH_COLUMNS`. ``person_id`` (same index) says which person a row belongs to: rows sharing it
    are duplicates. ``header_fields`` maps each messy header to the canonical field it holds (``Source`` is
    not a canonical field and is left out).
    """

    messy: pd.DataFrame
    truth: pd.DataFrame
    person_id: pd.Series
    header_fields: Mapping[str, str] = field(default_factory=dict)
    #: With ``life_events``: look-alike people who are *not* duplicates, one row per pair, columns
    #: ``person_a``, ``person_b`` (person ids) and ``kind`` (:data:`HARD_NEGATIVE_KINDS`). Empty otherwise.
    hard_negatives: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["person_a", "person_b", "kind"]))
    #: With ``life_events``: what happened to each row (same index as ``messy``), tags among
    #: :data:`ROW_EVENTS` joined by ``","``; "" for a row left as usual.
    events: pd.Series = field(default_factory=lambda: pd.Series(dtype=str))


#: Header of the birth-date column ``life_events`` adds, in each header set's language.
BIRTH_DATE_HEADERS: Mapping[str, str] = {"fr": "Date de naissance", "en": "Birth date", "crm": "DATE NAISSANCE"}

#: Kinds of look-alike people ``life_events`` invents (``GeneratedExport.hard_negatives``).
HARD_NEGATIVE_KINDS: tuple[str, ...] = ("twins", "parent_child", "neighbours", "namesakes")

#: What ``life_events`` may do to a duplicate row (``GeneratedExport.events``).
ROW_EVENTS: tuple[str, ...] = (
    "married_name", "maiden_name_note", "short_first_name", "swapped_names",
    "birth_date_typo", "birth_date_day_month", "birth_date_short_year", "birth_date_blank",
)  # fmt: skip

# French short first names people give at the desk (a hand list, not a dictionary).
_SHORT_FIRST_NAMES: Mapping[str, str] = {
    "Catherine": "Cathy", "Emmanuel": "Manu", "Frédéric": "Fred", "Nicolas": "Nico", "Christophe": "Chris",
    "Sébastien": "Seb", "Stéphane": "Steph", "Isabelle": "Isa", "Véronique": "Véro",
}  # fmt: skip

# Share of people replaced by a look-alike of an earlier French person, by kind.
_HARD_NEGATIVE_RATES: Mapping[str, float] = {"twins": 0.02, "parent_child": 0.02, "neighbours": 0.02,
                                              "namesakes": 0.01}  # fmt: skip
_BIRTH_KNOWN_RATE = 0.85
_FIRST_BIRTH, _LAST_BIRTH = date(1940, 1, 1), date(2006, 12, 31)


def _random_birth(rng: random.Random, first: date = _FIRST_BIRTH, last: date = _LAST_BIRTH) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _other_street_number(rng: random.Random, address: str) -> str:
    """``12 bis rue X`` -> ``47 rue X``: same street, another house number."""
    number, street = address.split(" ", 1)
    if street.startswith(("bis ", "ter ")):
        street = street[4:]
    other = number
    while other == number:
        other = str(rng.randint(1, 150))
    return f"{other} {street}"


def _look_alike(rng: random.Random, kind: str, person_id: int, base: _Person, used: set[str]) -> _Person:
    """A person who looks like ``base`` the ``kind`` way, but is someone else."""
    if kind == "namesakes":
        return _namesake(rng, person_id, base, used)
    first, civility = base.first_name, base.civility
    address = base.address
    if kind == "twins":
        male = rng.random() < 0.5
        names = _FR_MALE if male else _FR_FEMALE
        while first == base.first_name:
            first = rng.choice(names)
        civility = "M." if male else "Mme"
    elif kind == "neighbours":
        address = _other_street_number(rng, base.address)
    phone = _french_phone(rng, "FR", base.postal_code, landline=False) if rng.random() < 0.8 else None
    if kind == "parent_child" and base.phone is not None and rng.random() < 0.5:
        phone = base.phone  # the family landline or a shared mobile
    email = _new_email(rng, "FR", first, base.last_name, used) if rng.random() < 0.7 else ""
    return replace(base, person_id=person_id, first_name=first, civility=civility, email=email, phone=phone,
                   address=address, consent=rng.choice(("oui", "non", "")),
                   contact_date=max(_FIRST_DATE, base.contact_date - timedelta(days=rng.randint(0, 400))))  # fmt: skip


def _alone(people: Sequence[_Person]) -> list[bool]:
    """Whether each person shares neither address and surname nor full name with anyone (free to replace)."""
    homes = pd.Series([(p.last_name, p.address) for p in people]).duplicated(keep=False)
    names = pd.Series([(p.first_name, p.last_name) for p in people]).duplicated(keep=False)
    return (~(homes | names)).tolist()


def _add_look_alikes(
    rng: random.Random, people: list[_Person]
) -> tuple[list[_Person], dict[int, date | None], list[tuple[int, int, str]]]:
    """Replace a few people by look-alikes of earlier French people; draw everyone's birth date."""
    used: set[str] = set()
    for person in people:
        if person.email:
            used.update((person.email, mailbox(person.email)))
    births: dict[int, date | None] = {
        p.person_id: _random_birth(rng) if rng.random() < _BIRTH_KNOWN_RATE else None for p in people
    }
    alone = _alone(people)
    bases: list[int] = []  # French people, alone, not yet a base nor replaced
    pairs: list[tuple[int, int, str]] = []
    people = list(people)
    for index, person in enumerate(people):
        draw, kind = rng.random(), ""
        for candidate, rate in _HARD_NEGATIVE_RATES.items():
            if draw < rate:
                kind = candidate
                break
            draw -= rate
        if kind and alone[index] and bases:
            base = people[bases.pop(rng.randrange(len(bases)))]
            people[index] = _look_alike(rng, kind, person.person_id, base, used)
            pairs.append((base.person_id, person.person_id, kind))
            births[person.person_id] = _related_birth(rng, kind, births, base.person_id)
        elif person.iso == "FR" and alone[index] and person.address.split(" ", 1)[0].isdigit():
            bases.append(index)
    return people, births, pairs


def _related_birth(rng: random.Random, kind: str, births: dict[int, date | None], base_id: int) -> date | None:
    """Twins share a birth date; a parent and child were born 20 to 35 years apart (both then known)."""
    if kind == "twins":
        births[base_id] = births[base_id] or _random_birth(rng)
        return births[base_id]
    if kind == "parent_child":
        base_birth = births[base_id] or _random_birth(rng, date(1950, 1, 1), _LAST_BIRTH)
        births[base_id] = base_birth
        gap = timedelta(days=rng.randint(20 * 365 + 5, 35 * 365))  # not the same day: a parent, not a typo
        return base_birth + gap if base_birth + gap <= _LAST_BIRTH else base_birth - gap
    return _random_birth(rng) if rng.random() < _BIRTH_KNOWN_RATE else None


def _typed_birth(rng: random.Random, when: date, duplicate: bool, noise: float) -> tuple[str, str]:
    """The birth-date cell and its event tag: mostly ``dd/mm/yyyy``; a copy may carry a typing slip."""
    text = when.isoformat() if rng.random() < 0.1 else when.strftime("%d/%m/%Y")
    draw, slip = rng.random(), rng.random()
    if not duplicate or draw >= min(1.0, 0.3 * noise):
        return text, ""
    if slip < 0.2:
        return "", "birth_date_blank"
    if slip < 0.5 and when.day <= 12 and when.day != when.month:
        return when.strftime("%m/%d/%Y"), "birth_date_day_month"
    if slip < 0.75:
        return when.strftime("%d/%m/%y"), "birth_date_short_year"
    digits = [k for k, char in enumerate(text) if char.isdigit()]
    position = rng.choice(digits)
    typo = rng.choice([d for d in "0123456789" if d != text[position]])
    return text[:position] + typo + text[position + 1 :], "birth_date_typo"


def _name_event(rng: random.Random, person: _Person, noise: float) -> str:
    """The life event a duplicate of ``person`` shows, if any (one per person)."""
    draw = rng.random()
    if person.civility == "Mme" and person.iso == "FR" and draw < 0.25:
        return "married_name" if rng.random() < 0.6 else "maiden_name_note"
    if person.first_name in _SHORT_FIRST_NAMES and draw < 0.6:
        return "short_first_name"
    if draw < min(1.0, 0.06 * noise):
        return "swapped_names"
    return ""


def _apply_life_events(
    rng: random.Random,
    rows: Sequence[_Row],
    cells: list[dict[str, str]],
    truth_rows: list[dict[str, str]],
    births: Mapping[int, date | None],
    noise: float,
) -> list[str]:
    """Birth-date cells for every row; name events on one copy of duplicated people. Returns each row's tags."""
    copies: dict[int, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        copies[row.person.person_id].append(position)
    tags: list[list[str]] = [[] for _ in rows]
    for person_id, positions in copies.items():
        birth = births.get(person_id)
        for rank, position in enumerate(positions):
            text, tag = _typed_birth(rng, birth, rank > 0, noise) if birth else ("", "")
            cells[position]["birth_date"] = text
            truth_rows[position]["birth_date"] = birth.isoformat() if birth and text else ""
            tags[position] += [tag] if tag else []
        person = rows[positions[0]].person
        event = _name_event(rng, person, noise) if len(positions) > 1 else ""
        if event:
            position = rng.choice(positions[1:])
            _apply_name_event(rng, event, person, cells[position], truth_rows[position])
            tags[position].append(event)
    return [",".join(row_tags) for row_tags in tags]


def _apply_name_event(rng: random.Random, event: str, person: _Person, cells: dict[str, str],
                      truth: dict[str, str]) -> None:  # fmt: skip
    if event in ("married_name", "maiden_name_note"):
        married = person.last_name
        while married == person.last_name:
            married = rng.choice(_FR_LAST)
        text = married.upper()
        if event == "maiden_name_note":
            text += f" née {person.last_name.upper()}"
        cells["last_name"], truth["last_name"] = text, text.upper()
    elif event == "short_first_name":
        cells["first_name"] = truth["first_name"] = _SHORT_FIRST_NAMES[person.first_name]
    else:  # a slip: the truth keeps each name in its own column
        cells["last_name"], cells["first_name"] = cells["first_name"], cells["last_name"]


def _check_arguments(n_people: int, duplicate_rate: float, noise: float, columns: str) -> None:
    if n_people < 0:
        raise ValueError(f"n_people must be >= 0, not {n_people}")
    if not 0.0 <= duplicate_rate <= 1.0:
        raise ValueError(f"duplicate_rate must be between 0 and 1, not {duplicate_rate}")
    if noise < 0.0:
        raise ValueError(f"noise must be >= 0, not {noise}")
    if columns not in HEADER_SETS:
        raise ValueError(f"columns must be one of {sorted(HEADER_SETS)}, not {columns!r}")


def generate_export(
    n_people: int = 200,
    *,
    seed: int = 0,
    duplicate_rate: float = 0.25,
    noise: float = 1.0,
    columns: Literal["fr", "en", "crm"] = "fr",
    life_events: bool = False,
) -> GeneratedExport:
    """Invent ``n_people`` visitors and the messy export an office would hold about them.

    ``duplicate_rate`` of the people appear two to four times (each copy with its own noise, sometimes
    without email or phone, sometimes an older contact date); some people share a household (same address,
    phone and surname) or a name (namesakes elsewhere in France) without being duplicates. ``noise`` scales
    every kind of mess: 0 gives an export whose cells equal ``truth``, 2 doubles every rate. ``columns``
    picks the header set (:data:`HEADER_SETS`); ``"crm"`` adds a unique ``N° contact`` column.

    ``life_events=True`` (opt-in; without it the export is exactly what it always was) adds a birth-date
    column (:data:`BIRTH_DATE_HEADERS`, known for about 85 % of people, about three copies in ten of a duplicate
    typed with a slip scaled by ``noise``: a wrong digit, day and month swapped, a two-digit year, a blank) and a
    ``birth_date`` truth column. It replaces a few people by look-alikes of others who are *not* duplicates
    (twins, parent and child with one name and address, namesakes in one street, namesakes in another town;
    listed in ``hard_negatives``), and gives one copy of some duplicated people a life event
    (a married name, "NOM née AUTRE", a short first name, first and last names swapped; tagged in
    ``events``). The truth of a married or short name is the name typed; swapped names keep their columns.

    In ``truth``, a cell holding two emails or two phones has the first one as its value; a blank country
    still has the person's country (grc infers it), a blank civility or consent stays "".

    Examples:
        >>> export = generate_export(30, seed=1)
        >>> len(export.messy) == len(export.truth) == len(export.person_id)
        True
        >>> export.truth.columns.tolist()[:3]
        ['email', 'phone', 'postal_code']
        >>> clean = generate_export(30, seed=1, noise=0)
        >>> bool((clean.messy["Code postal"] == clean.truth["postal_code"]).all())
        True
    """
    _check_arguments(n_people, duplicate_rate, noise, columns)
    people = _make_people(random.Random(f"grc-samplegen:{seed}:people"), n_people)
    life_rng = random.Random(f"grc-samplegen:{seed}:life")
    births: dict[int, date | None] = {}
    hard_negatives: list[tuple[int, int, str]] = []
    if life_events:
        people, births, hard_negatives = _add_look_alikes(life_rng, people)
    rows = _make_rows(random.Random(f"grc-samplegen:{seed}:rows"), people, duplicate_rate)
    noise_rng = random.Random(f"grc-samplegen:{seed}:noise")
    used = {person.email for person in people}
    cells = [_messy_row(_Noise(noise_rng, noise), row, used) for row in rows]
    truth_rows = [_truth_row(row) for row in rows]
    events = [""] * len(rows)
    if life_events:
        events = _apply_life_events(life_rng, rows, cells, truth_rows, births, noise)

    headers = _headers(columns, life_events=life_events)
    index = pd.RangeIndex(len(rows))
    data: dict[str, list[str]] = {}
    if "record_id" in headers:
        ids = random.Random(f"grc-samplegen:{seed}:ids").sample(range(100_000, 1_000_000), len(rows))
        data[headers["record_id"]] = [str(record_id) for record_id in ids]
    for name, header in headers.items():
        if name != "record_id":
            data[header] = [row_cells[name] for row_cells in cells]
    messy = pd.DataFrame(data, index=index, columns=list(headers.values()))
    truth_columns = (*TRUTH_COLUMNS, "birth_date") if life_events else TRUTH_COLUMNS
    truth = pd.DataFrame({name: [t[name] for t in truth_rows] for name in truth_columns}, index=index)
    person_id = pd.Series([row.person.person_id for row in rows], index=index, name="person_id", dtype="int64")
    header_fields = {header: name for name, header in headers.items() if name != "source"}
    negatives = pd.DataFrame(hard_negatives, columns=["person_a", "person_b", "kind"]).astype(
        {"person_a": "int64", "person_b": "int64", "kind": str}
    )
    return GeneratedExport(messy, truth, person_id, header_fields, negatives, pd.Series(events, index=index, dtype=str))


def _headers(columns: str, *, life_events: bool) -> Mapping[str, str]:
    """The header set, with the birth-date column after the first name when ``life_events`` asks for it."""
    headers = HEADER_SETS[columns]
    if not life_events:
        return headers
    with_birth: dict[str, str] = {}
    for name, header in headers.items():
        with_birth[name] = header
        if name == "first_name":
            with_birth["birth_date"] = BIRTH_DATE_HEADERS[columns]
    return with_birth


#: Seed of the export committed as ``samples/visitors-sample.csv`` and ``.xlsx``.
SAMPLE_SEED = 2024


def sample_export() -> GeneratedExport:
    """The export behind ``samples/visitors-sample.*`` (about 300 rows), truth included.

    ``scripts/make_samples.py`` writes it; tests that read the sample files compare with its ``truth``.

    Examples:
        >>> sample_export().messy.shape[1]
        12
    """
    return generate_export(200, seed=SAMPLE_SEED)
