"""Segments of an export: ``--where "pays=Allemagne"`` filters and ``--split-by pays`` files.

A filter names a field of :func:`grc_toolkit.people.people` in French or English (``pays`` / ``country``,
``departement`` / ``department``, ``langue`` / ``language``, ``source``, ``consentement`` / ``consent``,
``ville`` / ``city``, ``dernier_contact`` / ``last_contact``), an operator and a value: ``=`` and ``!=`` for
every field (several values separated by commas: any of them), ``>=``, ``<=``, ``>`` and ``<`` for the last
contact date. Values are read the way grc cleans the field: ``pays=DE``, ``pays=Deutschland`` and
``pays=Allemagne`` name one country, ``langue=allemand`` is ``de``, ``consentement=yes`` is ``oui``; an empty
value names the people for whom the field is blank (``pays=``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from grc_toolkit.cleaners.addresses import city_key
from grc_toolkit.cleaners.consent import consent_answer, language_code
from grc_toolkit.cleaners.countries import country_code
from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.errors import ConfigError

#: The fields a filter or a split may name, by every name accepted (simplified: no accents, ``-``/space as ``_``).
FIELD_NAMES: dict[str, str] = {
    "pays": "country", "country": "country",
    "departement": "department", "department": "department", "dept": "department", "dep": "department",
    "langue": "language", "language": "language", "lang": "language",
    "source": "source", "origine": "source",
    "consentement": "consent", "consent": "consent", "optin": "consent",
    "ville": "city", "city": "city", "commune": "city",
    "dernier_contact": "last_contact", "last_contact": "last_contact", "date": "last_contact",
}  # fmt: skip
#: The French name of each field, as the help and the messages show it (then the English one).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "country": ("pays", "country"),
    "department": ("departement", "department"),
    "language": ("langue", "language"),
    "source": ("source", "source"),
    "consent": ("consentement", "consent"),
    "city": ("ville", "city"),
    "last_contact": ("dernier_contact", "last_contact"),
}
#: What ``--split-by`` accepts: one file per country, department, language or source.
SPLIT_FIELDS = ("country", "department", "language", "source")
#: The column of :func:`grc_toolkit.people.people` each field is compared on.
_COMPARED = {"country": "country_code", "city": "city"}
_CONDITION = re.compile(r"^\s*(?P<field>[^=!<>]+?)\s*(?P<op>!=|>=|<=|=|>|<)\s*(?P<value>.*?)\s*$", re.S)
_ORDERED = (">=", "<=", ">", "<")


@dataclass(frozen=True)
class Filter:
    """One ``--where`` condition: ``field`` (canonical), ``op`` and the values it was read as."""

    text: str  # as typed, for the messages and the rejects file
    field: str
    op: str
    values: tuple[str, ...] = ()
    when: date | None = None  # the date of an ordered comparison on the last contact

    def matches(self, people: pd.DataFrame) -> pd.Series:
        """True for each person the condition keeps."""
        if self.field == "last_contact":
            return self._matches_date(people["last_contact"])
        column = people[_COMPARED.get(self.field, self.field)].fillna("").astype(str)
        wanted = set(self.values)
        found = column.map({value: bool(wanted & _keys(self.field, value)) for value in column.unique()})
        found = found.astype(bool)
        return ~found if self.op == "!=" else found

    def _matches_date(self, last: pd.Series) -> pd.Series:
        if self.when is None:  # dernier_contact= : the people without a known date
            blank = last.isna()
            return ~blank if self.op == "!=" else blank
        when = pd.Timestamp(self.when)
        compare = {">=": last >= when, "<=": last <= when, ">": last > when, "<": last < when,
                   "=": last == when, "!=": last != when}  # fmt: skip
        return compare[self.op].fillna(False).astype(bool)


def parse_filter(text: str) -> Filter:
    """Read one ``--where`` condition, or raise :class:`ConfigError` (exit code 2) saying how to write it.

    Examples:
        >>> parse_filter("pays=Deutschland,BE").values
        ('DE', 'BE')
        >>> parse_filter("dernier_contact >= 01/03/2024").when
        datetime.date(2024, 3, 1)
        >>> parse_filter("Langue != anglais").values, parse_filter("consentement=yes").values
        (('en',), ('oui',))
    """
    found = _CONDITION.match(text)
    if found is None:
        raise ConfigError(
            f'--where « {text} » : écrivez champ=valeur (ex. --where "pays=Allemagne"). Champs : {_field_list()}.',
            f"--where '{text}': write field=value (e.g. --where \"country=Germany\"). Fields: {_field_list('en')}.",
        )
    field = field_of(found.group("field"), "--where")
    op, given = found.group("op"), found.group("value")
    if field == "last_contact":
        return Filter(text, field, op, when=_date(given, text) if given else None)
    if op in _ORDERED:
        raise ConfigError(
            f"--where « {text} » : {op} ne compare que des dates (dernier_contact) ; écrivez = ou !=.",
            f"--where '{text}': {op} only compares dates (last_contact); write = or !=.",
        )
    values = tuple(dict.fromkeys(_value(field, part.strip(), text) for part in given.split(",")))
    return Filter(text, field, op, values)


def field_of(name: str, option: str) -> str:
    """The canonical field a French or English name gives (``pays`` -> ``country``), or a usage error that lists
    the names accepted."""
    key = re.sub(r"[\s\-]+", "_", strip_accents(name.strip().lower()))
    field = FIELD_NAMES.get(key)
    if field is None or (option == "--split-by" and field not in SPLIT_FIELDS):
        accepted = SPLIT_FIELDS if option == "--split-by" else tuple(FIELD_WORDS)
        raise ConfigError(
            f"{option} : champ « {name.strip()} » inconnu. Champs possibles : {_field_list('fr', accepted)}.",
            f"{option}: unknown field '{name.strip()}'. Known fields: {_field_list('en', accepted)}.",
        )
    return field


def segment_values(people: pd.DataFrame, field: str) -> pd.Series:
    """Each person's segment for ``--split-by``: the country's French name, the department, the language
    (``fr``; ``fr,en`` is its own segment) or the source as written; "" when blank."""
    return people[field].fillna("").astype(str)


_SLUG = re.compile(r"[^a-z0-9]+")
#: The name of the file for the people whose split field is blank, by field.
BLANK_SEGMENTS = {
    "country": "sans-pays",
    "department": "sans-departement",
    "language": "sans-langue",
    "source": "sans-source",
}


def segment_names(values: pd.Series, field: str, taken: frozenset[str] = frozenset()) -> dict[str, str]:
    """A file-name part for each distinct segment value, ASCII lowercase and unique (``Royaume-Uni`` ->
    ``royaume-uni``, a blank -> ``sans-pays``); a name in ``taken`` (another file's) gets a number.

    Examples:
        >>> names = segment_names(pd.Series(["Allemagne", "", "Côte d'Ivoire", "Cote d'Ivoire"]), "country")
        >>> list(names.values())
        ['sans-pays', 'allemagne', 'cote-d-ivoire', 'cote-d-ivoire-2']
    """
    names: dict[str, str] = {}
    used = set(taken)
    for value in sorted(values.unique(), key=lambda v: (v != "", _plain(v), v)):
        base = _SLUG.sub("-", _plain(value)).strip("-")[:60].strip("-") if value else BLANK_SEGMENTS[field]
        base = base or "segment"
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        names[value] = name
    return names


def _keys(field: str, value: str) -> set[str]:
    """What a person's cleaned value is compared as: ``fr,en`` is two languages, a city its simplified name."""
    if not value:
        return {""}
    if field == "language":
        return set(value.split(","))
    if field == "city":
        return {city_key(value)}
    return {_plain(value)} if field in ("source", "department") else {value}


def _value(field: str, given: str, text: str) -> str:
    """A filter's value as the field is cleaned (``Deutschland`` -> ``DE``), "" for a blank."""
    if not given or _plain(given) in ("vide", "blank", "empty", "inconnu", "unknown"):
        return ""
    if field == "country":
        code = country_code(given)
        if not code:
            raise ConfigError(
                f"--where « {text} » : pays « {given} » inconnu. Écrivez son nom (Allemagne) ou son code (DE).",
                f"--where '{text}': unknown country '{given}'. Write its name (Germany) or its code (DE).",
            )
        return code
    if field == "language":
        return language_code(given) or _plain(given)
    if field == "consent":
        answer = consent_answer(given)
        if not answer:
            raise ConfigError(
                f"--where « {text} » : le consentement vaut oui, non ou vide, pas « {given} ».",
                f"--where '{text}': consent is oui (yes), non (no) or blank, not '{given}'.",
            )
        return answer
    if field == "department":
        code = given.strip().upper()
        return code.zfill(2) if code.isdigit() and len(code) < 2 else _plain(code)
    if field == "city":
        return city_key(given)
    return _plain(given)


def _date(given: str, text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(given.strip(), pattern).date()
        except ValueError:
            continue
    raise ConfigError(
        f"--where « {text} » : la date s'écrit AAAA-MM-JJ ou JJ/MM/AAAA (ex. 2024-03-01), pas « {given} ».",
        f"--where '{text}': write the date YYYY-MM-DD or DD/MM/YYYY (e.g. 2024-03-01), not '{given}'.",
    )


def _plain(text: str) -> str:
    return " ".join(strip_accents(text).casefold().split())


def _field_list(lang: str = "fr", fields: tuple[str, ...] = tuple(FIELD_WORDS)) -> str:
    return ", ".join(FIELD_WORDS[field][1 if lang == "en" else 0] for field in fields)


__all__ = [
    "BLANK_SEGMENTS",
    "FIELD_NAMES",
    "FIELD_WORDS",
    "SPLIT_FIELDS",
    "Filter",
    "field_of",
    "parse_filter",
    "segment_names",
    "segment_values",
]
