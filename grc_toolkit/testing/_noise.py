"""Noise: how each cell of a generated row gets spelled in the export, and the truth it stands for."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypeVar

from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.testing._people import _foreign_phone, _french_phone, _new_email, _pairs, _Person, _Phone, _Row
from grc_toolkit.testing._reference import (
    _COUNTRY_NAMES,
    _COUNTRY_SPELLINGS,
    _DOMAIN_TYPOS,
    _EXCEL_EPOCH,
    _FRENCH_MONTHS,
    _OVERSEAS,
    _PHONE_PLACEHOLDERS,
    _RATES,
)

_T = TypeVar("_T")


class _Noise:
    def __init__(self, rng: random.Random, level: float) -> None:
        self.rng = rng
        self.level = level

    def hit(self, kind: str) -> bool:
        return self.rng.random() < min(1.0, _RATES[kind] * self.level)

    def pick(self, options: Sequence[_T], weights: Sequence[float] | None = None) -> _T:
        return self.rng.choices(options, weights=weights)[0]


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as cp1252: ``Hélène`` -> ``HÃ©lÃ¨ne`` (left alone if cp1252 cannot show them)."""
    try:
        return text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return text


def _spaces(noise: _Noise, text: str) -> str:
    if not text or not noise.hit("spaces"):
        return text
    style = noise.pick(("lead", "trail", "both", "inner"))
    if style == "inner" and " " in text:
        return text.replace(" ", "  ", 1)
    return {"lead": f" {text}", "trail": f"{text} ", "both": f"  {text} "}.get(style, f"{text}  ")


def _messy_names(noise: _Noise, person: _Person) -> tuple[str, str]:
    last = person.last_name.upper()
    if noise.hit("last_name_case"):
        last = noise.pick((person.last_name, person.last_name, person.last_name.lower()))
    first = person.first_name
    if noise.hit("first_name_case"):
        first = noise.pick((first.upper(), first.upper(), first.lower()))
    return _spaces(noise, last), _spaces(noise, first)


def _messy_email(noise: _Noise, person: _Person, used: set[str]) -> str:
    local, domain = person.email.split("@")
    if noise.hit("email_typo") and domain in _DOMAIN_TYPOS:
        domain = noise.pick(_DOMAIN_TYPOS[domain])
    email = f"{local}@{domain}"
    if noise.hit("email_case"):
        email = noise.pick((email.upper(), email.title(), local.capitalize() + "@" + domain))
    if noise.hit("email_wrap"):
        name = f"{person.first_name} {person.last_name}"
        email = noise.pick((f"mailto:{email}", f"{name} <{email}>", f'"{name}" <{email}>', f"{email}."))
    elif noise.hit("two_emails"):
        other = _new_email(noise.rng, person.iso, person.first_name, person.last_name, used)
        email = f"{email}{noise.pick(('; ', ' / ', ', ', ' ; '))}{other}"
    if noise.hit("email_spaces"):
        email = noise.pick((f" {email}", f"{email} ", f"  {email}  "))
    return email


def _format_french(noise: _Noise, phone: _Phone) -> str:
    number = phone.national_number
    national = "0" + number
    options: tuple[str, ...]
    if phone.country_code != "33":  # overseas: 0696 12 34 56
        options = (_pairs(national), f"0{phone.grouped}", national, f"+{phone.country_code} {phone.grouped}",
                   phone.e164, f"00{phone.country_code} {phone.grouped}")  # fmt: skip
        return noise.pick(options, (25, 30, 20, 10, 10, 5))
    mantissa = (number[0] + "." + number[1:]).rstrip("0").rstrip(".")
    options = (_pairs(national), national, _pairs(national).replace(" ", "."), _pairs(national).replace(" ", "-"),
               f"+33 {phone.grouped}", phone.e164, number, f"+33 (0){phone.grouped}", f"0033 {phone.grouped}",
               f"33{number}", f"{mantissa}E{len(number) - 1}", f"{number}.0")  # fmt: skip
    return noise.pick(options, (30, 20, 10, 3, 8, 5, 6, 3, 3, 3, 2, 4))


def _format_phone(noise: _Noise, phone: _Phone, *, country_shown: bool) -> str:
    if not noise.hit("phone_format"):
        return phone.e164
    if phone.country_code in ("33", "596", "590", "262"):
        return _format_french(noise, phone)
    code, grouped = phone.country_code, phone.grouped
    options = [f"+{code} {grouped}", phone.e164, f"00{code} {grouped}"]
    if phone.trunk_zero:
        options.append(f"+{code} (0){grouped}")
    if country_shown:  # a national number only makes sense next to its country
        options.append(f"0{grouped}" if phone.trunk_zero else grouped)
    return noise.pick(options)


def _messy_phone(noise: _Noise, row: _Row, *, country_shown: bool) -> str:
    phone = row.person.phone
    if phone is None or not row.has_phone:
        return noise.pick(_PHONE_PLACEHOLDERS) if noise.hit("phone_placeholder") else ""
    text = _format_phone(noise, phone, country_shown=country_shown)
    if noise.hit("two_phones"):
        person = row.person
        if person.iso in ("FR", *_OVERSEAS):
            other = _french_phone(noise.rng, person.iso, person.postal_code, landline=noise.rng.random() < 0.5)
        else:
            other = _foreign_phone(noise.rng, person.iso, person.city)
        text += noise.pick((" / ", ", ", " ; ", " ou ")) + _format_phone(noise, other, country_shown=country_shown)
    return text


def _messy_postcode(noise: _Noise, postal_code: str) -> str:
    if postal_code.isdigit():
        if postal_code.startswith("0") and noise.hit("postcode_zero"):
            return str(int(postal_code))
        if noise.hit("postcode_float"):
            return f"{int(postal_code)}.0"
        return postal_code
    if noise.hit("postcode_spacing"):  # SW1A 1AA, 1012 AB
        return noise.pick((postal_code.replace(" ", ""), postal_code.lower(), postal_code.replace(" ", "").lower()))
    return postal_code


def _messy_city(noise: _Noise, person: _Person) -> str:
    city = person.city
    if noise.hit("city_variant"):
        if person.iso not in ("FR", *_OVERSEAS):
            return noise.pick((city.upper(), city.lower()))
        short = city.replace("Saint-", "St-").replace("Sainte-", "Ste-") if noise.rng.random() < 0.5 else city
        city = noise.pick(
            (
                strip_accents(short).upper().replace("-", " "),  # ST MALO, La Poste style
                strip_accents(short).upper(),
                short.upper(),
                short.lower().replace("-", " "),  # clermont ferrand
                short.replace("-", " "),
            ),
            (35, 15, 20, 15, 15),
        )
    return _spaces(noise, city)


def _messy_country(noise: _Noise, iso: str) -> str:
    french = iso == "FR"
    if noise.hit("country_blank_fr" if french else "country_blank_foreign"):
        return ""
    if noise.hit("country_variant"):
        return noise.pick(_COUNTRY_SPELLINGS[iso])
    return _COUNTRY_NAMES[iso]


_CONSENT_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "oui": ("oui", "OUI", "Oui", "x", "X", "1", "true", "Y", "yes", "VRAI"),
    "non": ("non", "Non", "NON", "0", "false", "N", "no", "FAUX"),
    "": ("",),
}
_CIVILITY_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "M.": ("M", "M", "Mr", "MR", "Monsieur", "M."),
    "Mme": ("MME", "Madame", "Mlle", "Mme.", "Mme"),
}


def _messy_date(noise: _Noise, when: date) -> str:
    if not noise.hit("date_format"):
        return when.isoformat()
    day = "1er" if when.day == 1 else str(when.day)
    options = (
        when.strftime("%d/%m/%Y"),
        when.strftime("%d/%m/%y"),
        when.isoformat(),
        str((when - _EXCEL_EPOCH).days),
        f"{day} {_FRENCH_MONTHS[when.month - 1]} {when.year}",
        f"{when.isoformat()} 00:00:00",
        when.strftime("%d-%m-%Y"),
    )
    return noise.pick(options, (40, 15, 15, 10, 10, 5, 5))


def _messy_row(noise: _Noise, row: _Row, used: set[str]) -> dict[str, str]:
    person = row.person
    last, first = _messy_names(noise, person)
    country = _messy_country(noise, person.iso)
    civility = person.civility if row.civility_known else ""
    if civility and noise.hit("civility_variant"):
        civility = noise.pick(_CIVILITY_SPELLINGS[civility])
    consent = noise.pick(_CONSENT_SPELLINGS[row.consent]) if noise.hit("consent_variant") else row.consent
    cells = {
        "civility": civility,
        "last_name": last,
        "first_name": first,
        "email": _messy_email(noise, person, used) if row.has_email else "",
        "phone": _messy_phone(noise, row, country_shown=bool(country)),
        "address": _spaces(noise, person.address),
        "postal_code": _messy_postcode(noise, person.postal_code),
        "city": _messy_city(noise, person),
        "country": country,
        "contact_date": _messy_date(noise, row.contact_date),
        "consent": consent,
        "source": row.source,
    }
    if noise.hit("mojibake"):  # a batch imported with the wrong encoding
        for key in ("last_name", "first_name", "address", "city"):
            cells[key] = _mojibake(cells[key])
    return cells


def _truth_row(row: _Row) -> dict[str, str]:
    person = row.person
    return {
        "email": person.email if row.has_email else "",
        "phone": person.phone.e164 if person.phone is not None and row.has_phone else "",
        "postal_code": person.postal_code,
        "city": person.city,
        "country": _COUNTRY_NAMES[person.iso],
        "consent": row.consent,
        "civility": person.civility if row.civility_known else "",
        "last_name": person.last_name.upper(),
        "first_name": person.first_name,
        "contact_date": row.contact_date.isoformat(),
    }
