"""People and the rows an office holds about them: who is invented, with which duplicates."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.dedupe.records import mailbox
from grc_toolkit.testing._reference import (
    _COUNTRY_WEIGHTS,
    _EMAIL_DOMAINS,
    _FIRST_DATE,
    _FOREIGN_NAMES,
    _FOREIGN_PLACES,
    _FOREIGN_STREETS,
    _FR_FEMALE,
    _FR_LAST,
    _FR_MALE,
    _FR_STREET_NAMES,
    _FR_STREET_TYPES,
    _FRENCH_PLACES,
    _HOUSEHOLD_RATE,
    _LANDLINE_ZONE,
    _LAST_DATE,
    _NAMESAKE_RATE,
    _OVERSEAS,
    _OVERSEAS_LAST,
    _SOURCES,
)

_T = TypeVar("_T")


@dataclass(frozen=True)
class _Phone:
    country_code: str
    national_number: str  # without trunk prefix: "612345678"
    grouped: str  # national number with the usual spaces: "6 12 34 56 78", "151 23456789"
    trunk_zero: bool  # dialled with a leading 0 at home (FR, DE, GB, BE, NL, CH)

    @property
    def e164(self) -> str:
        return f"+{self.country_code}{self.national_number}"


@dataclass
class _Person:
    person_id: int
    iso: str
    civility: str
    first_name: str
    last_name: str  # as people write it: "de La Fontaine"
    email: str
    phone: _Phone | None
    address: str
    postal_code: str
    city: str
    consent: str
    contact_date: date


@dataclass(frozen=True)
class _Row:
    person: _Person
    has_email: bool
    has_phone: bool
    civility_known: bool
    consent: str
    contact_date: date
    source: str


def _weighted(rng: random.Random, weights: Mapping[_T, float]) -> _T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _pairs(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def _french_phone(rng: random.Random, iso: str, postal_code: str, *, landline: bool) -> _Phone:
    if iso in _OVERSEAS:
        code, prefix, _ = _OVERSEAS[iso]
        number = prefix + rng.choice("01234") + _digits(rng, 5)
        return _Phone(code, number, f"{number[:3]} {_pairs(number[3:])}", True)
    if landline:
        zone = _LANDLINE_ZONE[postal_code[:2]]
        # 0262/0269 (Réunion, Mayotte) and 0590/0594/0596 (Antilles, Guyane) are not metropolitan numbers.
        number = zone + rng.choice({"2": "12345789", "5": "12345678"}.get(zone, "123456789")) + _digits(rng, 7)
    elif rng.random() < 0.75:
        number = "6" + rng.choice("0124678") + _digits(rng, 7)
    else:
        number = "7" + rng.choice("3456789") + _digits(rng, 7)
    return _Phone("33", number, f"{number[0]} {_pairs(number[1:])}", True)


def _foreign_phone(rng: random.Random, iso: str, city: str) -> _Phone:
    """A mobile number in the country's own numbering plan (a landline for some Germans)."""
    if iso == "DE":
        area = {"Berlin": "30", "München": "89", "Hamburg": "40", "Frankfurt am Main": "69"}.get(city)
        if area and rng.random() < 0.4:
            rest = rng.choice("23456789") + _digits(rng, 7)
            return _Phone("49", area + rest, f"{area} {rest}", True)
        prefix = rng.choice(("151", "152", "157", "160", "170", "171", "172", "176", "178"))
        rest = _digits(rng, 8 if prefix != "160" else 7)
        return _Phone("49", prefix + rest, f"{prefix} {rest}", True)
    if iso == "GB":
        number = "7" + rng.choice(("40", "41", "42", "43", "44", "46", "47", "48", "49", "80", "85", "95"))
        number += _digits(rng, 7)
        return _Phone("44", number, f"{number[:4]} {number[4:]}", True)
    if iso == "BE":
        number = "4" + rng.choice(("70", "71", "72", "75", "76", "77", "78", "79", "84", "85", "86", "94", "95"))
        number += _digits(rng, 6)
        return _Phone("32", number, f"{number[:3]} {_pairs(number[3:])}", True)
    if iso == "NL":
        number = "6" + rng.choice("12345") + _digits(rng, 7)
        return _Phone("31", number, f"{number[0]} {number[1:]}", True)
    if iso == "CH":
        number = "7" + rng.choice("6789") + _digits(rng, 7)
        return _Phone("41", number, f"{number[:2]} {number[2:5]} {_pairs(number[5:])}", True)
    if iso == "ES":
        number = "6" + _digits(rng, 8)
        return _Phone("34", number, f"{number[:3]} {_pairs(number[3:])}", False)
    if iso == "IT":
        number = "3" + rng.choice(("20", "28", "29", "30", "31", "33", "34", "35", "38", "39", "40", "47", "49"))
        number += _digits(rng, 7)
        return _Phone("39", number, f"{number[:3]} {number[3:6]} {number[6:]}", False)
    area = rng.choice(("212", "617", "415", "312", "206"))
    exchange = rng.choice("23456789") + rng.choice("02346789") + rng.choice("0123456789")
    number = area + exchange + _digits(rng, 4)
    return _Phone("1", number, f"{area} {exchange} {number[6:]}", False)


def _slug(text: str) -> str:
    ascii_text = strip_accents(text).encode("ascii", "ignore").decode("ascii").lower()
    return "".join(char for char in ascii_text if char.isalnum() or char == "-")


def _new_email(rng: random.Random, iso: str, first: str, last: str, used: set[str]) -> str:
    first_slug, last_slug = _slug(first), _slug(last)
    local = rng.choice(
        (
            f"{first_slug}.{last_slug}",
            f"{first_slug}.{last_slug}",
            f"{first_slug[0]}{last_slug}",
            f"{last_slug}.{first_slug}",
            f"{first_slug}{last_slug}",
            f"{first_slug}_{last_slug}",
            f"{first_slug}.{last_slug}{rng.randint(1, 99)}",
            f"{first_slug}{rng.randint(1950, 2005)}",
        )
    )
    domains = _EMAIL_DOMAINS.get(iso, _EMAIL_DOMAINS["FR"])
    email = f"{local}@{rng.choice(domains)}"
    # one mailbox per person: jean.dupont@gmail.com and jeandupont@gmail.com are one Gmail mailbox
    while email in used or mailbox(email) in used:
        email = f"{local}{rng.randint(2, 999)}@{rng.choice(domains)}"
    used.update((email, mailbox(email)))
    return email


def _place(rng: random.Random, iso: str) -> tuple[str, str]:
    if iso == "FR":
        return rng.choice(_FRENCH_PLACES)
    if iso in _OVERSEAS:
        return rng.choice(_OVERSEAS[iso][2])
    return rng.choice(_FOREIGN_PLACES[iso])


def _address(rng: random.Random, iso: str) -> str:
    number = str(rng.randint(1, 150))
    if iso in _FOREIGN_STREETS:
        number_first, streets = _FOREIGN_STREETS[iso]
        street = rng.choice(streets)
        return f"{number} {street}" if number_first else f"{street} {number}"
    if rng.random() < 0.05:
        number += rng.choice((" bis", " ter"))
    return f"{number} {rng.choice(_FR_STREET_TYPES)} {rng.choice(_FR_STREET_NAMES)}"


def _names(rng: random.Random, iso: str, male: bool) -> tuple[str, str]:
    if iso in _FOREIGN_NAMES:
        males, females, lasts = _FOREIGN_NAMES[iso]
        return rng.choice(males if male else females), rng.choice(lasts)
    lasts = _FR_LAST + _OVERSEAS_LAST * 3 if iso in _OVERSEAS else _FR_LAST
    return rng.choice(_FR_MALE if male else _FR_FEMALE), rng.choice(lasts)


def _random_date(rng: random.Random) -> date:
    return _FIRST_DATE + timedelta(days=rng.randint(0, (_LAST_DATE - _FIRST_DATE).days))


def _fresh_person(rng: random.Random, person_id: int, used: set[str]) -> _Person:
    iso = _weighted(rng, _COUNTRY_WEIGHTS)
    male = rng.random() < 0.47
    first, last = _names(rng, iso, male)
    postal_code, city = _place(rng, iso)
    draw = rng.random()
    phone: _Phone | None = None
    if iso == "FR" and draw < 0.85:
        phone = _french_phone(rng, iso, postal_code, landline=draw >= 0.65)
    elif iso in _OVERSEAS and draw < 0.85:
        phone = _french_phone(rng, iso, postal_code, landline=False)
    elif iso not in ("FR", *_OVERSEAS) and draw < 0.7:
        phone = _foreign_phone(rng, iso, city)
    email = _new_email(rng, iso, first, last, used) if rng.random() < 0.9 else ""
    consent = _weighted(rng, {"oui": 55, "non": 30, "": 15})
    return _Person(person_id, iso, "M." if male else "Mme", first, last, email, phone,
                   _address(rng, iso), postal_code, city, consent, _random_date(rng))  # fmt: skip


def _household_partner(rng: random.Random, person_id: int, base: _Person, used: set[str]) -> _Person:
    """Same address, phone and surname as ``base``; another first name: not a duplicate."""
    male = base.civility == "Mme" if rng.random() < 0.85 else base.civility == "M."
    first = base.first_name
    while first == base.first_name:
        first, _ = _names(rng, base.iso, male)
    email = _new_email(rng, base.iso, first, base.last_name, used) if rng.random() < 0.7 else ""
    consent = _weighted(rng, {"oui": 55, "non": 30, "": 15})
    return _Person(person_id, base.iso, "M." if male else "Mme", first, base.last_name, email, base.phone,
                   base.address, base.postal_code, base.city, consent, _random_date(rng))  # fmt: skip


def _namesake(rng: random.Random, person_id: int, base: _Person, used: set[str]) -> _Person:
    """Same first and last name as ``base``, living elsewhere in France: not a duplicate."""
    person = _fresh_person(rng, person_id, used)
    postal_code, city = base.postal_code, base.city
    while city == base.city:
        postal_code, city = rng.choice(_FRENCH_PLACES)
    phone = _french_phone(rng, "FR", postal_code, landline=rng.random() < 0.3) if rng.random() < 0.85 else None
    email = _new_email(rng, "FR", base.first_name, base.last_name, used) if rng.random() < 0.9 else ""
    return _Person(person_id, "FR", base.civility, base.first_name, base.last_name, email, phone,
                   _address(rng, "FR"), postal_code, city, person.consent, person.contact_date)  # fmt: skip


def _make_people(rng: random.Random, n_people: int) -> list[_Person]:
    people: list[_Person] = []
    french: list[_Person] = []
    sharers: list[_Person] = []  # French people with a phone, not yet in a household
    used: set[str] = set()
    while len(people) < n_people:
        person_id = len(people)
        draw = rng.random()
        if draw < _HOUSEHOLD_RATE and sharers:
            base = sharers.pop(rng.randrange(len(sharers)))
            person = _household_partner(rng, person_id, base, used)
        elif draw < _HOUSEHOLD_RATE + _NAMESAKE_RATE and french:
            person = _namesake(rng, person_id, rng.choice(french), used)
        else:
            person = _fresh_person(rng, person_id, used)
            if person.iso == "FR" and person.phone is not None:
                sharers.append(person)
        people.append(person)
        if person.iso == "FR":
            french.append(person)
    return people


def _make_rows(rng: random.Random, people: Sequence[_Person], duplicate_rate: float) -> list[_Row]:
    """One row per person, two to four for ``duplicate_rate`` of them; then shuffled."""
    rows: list[_Row] = []
    for person in people:
        copies = 1 + rng.randint(1, 3) if rng.random() < duplicate_rate else 1
        for copy in range(copies):
            later = copy > 0
            when = person.contact_date
            if later and rng.random() < 0.5:
                when = max(_FIRST_DATE, when - timedelta(days=rng.randint(20, 900)))
            drop_email = later and rng.random() < 0.15
            drop_phone = later and not drop_email and rng.random() < 0.15
            consent = "" if later and rng.random() < 0.1 else person.consent
            rows.append(_Row(person, bool(person.email) and not drop_email, person.phone is not None and not drop_phone,
                             rng.random() >= 0.04, consent, when, rng.choice(_SOURCES)))  # fmt: skip
    rng.shuffle(rows)
    return rows
