"""Recognise which column holds which canonical field, from headers (French and English) and content.

Headers are compared on a key without case, accents or punctuation, so ``Tél. portable``,
``TEL PORTABLE`` and ``tel_portable`` are the same. When a header says nothing, the column's values
are sniffed (a column of ``@`` is an email column). Columns that match nothing pass through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.errors import MappingError
from grc_toolkit.headers import BIRTH_PLACE, HEADER_SYNONYMS, OTHER_PERSON, OTHER_SURNAME, TOKEN_RULES
from grc_toolkit.schema import FIELD_ALIASES, FIELDS_BY_NAME, GRC_COLUMNS, PHONE_FIELDS

_SYNONYM_INDEX: dict[str, str] = {synonym: field for field, synonyms in HEADER_SYNONYMS.items() for synonym in synonyms}

#: Fields a file normally has once; a second column of the same field is left unmapped.
_SINGLE_FIELDS = frozenset(
    {"record_id", "personal_id", "civility", "last_name", "first_name", "postal_code", "city", "country"}
)


@dataclass(frozen=True)
class ColumnMatch:
    column: str
    field: str
    confidence: float
    source: str  # "header", "content", "override"

    def to_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "field": self.field,
            "confidence": self.confidence,
            "source": self.source,
        }


@dataclass(frozen=True)
class ColumnMapping:
    """Which input column holds which canonical field; columns absent from it pass through."""

    matches: tuple[ColumnMatch, ...]

    def field_of(self, column: str) -> str | None:
        for match in self.matches:
            if match.column == column:
                return match.field
        return None

    def column_of(self, field: str) -> str | None:
        """The first (primary) column mapped to ``field``."""
        for match in self.matches:
            if match.field == field:
                return match.column
        return None

    def columns_of(self, field: str) -> list[str]:
        return [match.column for match in self.matches if match.field == field]

    def as_dict(self) -> dict[str, str]:
        return {match.column: match.field for match in self.matches}

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [match.to_dict() for match in self.matches], columns=["column", "field", "confidence", "source"]
        )


def header_key(header: str) -> str:
    """Header without case, accents, punctuation or surrounding numbering.

    Examples:
        >>> header_key("Tél. portable")
        'tel portable'
        >>> header_key("E-Mail_1")
        'e mail 1'
        >>> header_key("N° contact")
        'n contact'
    """
    text = strip_accents(header.replace("°", " ").replace("º", " ")).lower()
    text = re.sub(r"([a-z])([0-9])", r"\1 \2", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def match_header(header: str) -> tuple[str, float] | None:
    """The field a header names and how sure we are, or None.

    Examples:
        >>> match_header("Code postal")
        ('postal_code', 1.0)
        >>> match_header("TEL PORTABLE")
        ('mobile', 1.0)
        >>> match_header("Email 2")
        ('email', 0.9)
        >>> match_header("Date de naissance du contact")
        ('birth_date', 0.8)
        >>> match_header("Remarques") is None
        True
    """
    key = header_key(header)
    if not key:
        return None
    if key in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[key], 1.0
    unnumbered = re.sub(r"\s*\d+$", "", key)
    if unnumbered in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[unnumbered], 0.9
    words = set(key.split())
    if words & OTHER_PERSON:
        return None
    if words & {"nom", "name"} and words & OTHER_SURNAME and not words & {"date", "prenom", "first"}:
        return "last_name", 0.7
    if words & {"naissance", "birth"} and words & BIRTH_PLACE:
        return None
    for field, needed in TOKEN_RULES:
        if all(word in words for word in needed):
            return field, 0.8
    return None


_EMAIL_LIKE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_PHONE_LIKE = re.compile(r"^(?:\+|00|0)[1-9][\d\s().\-/]{7,18}$")
_POSTCODE_LIKE = re.compile(r"^(?:\d{5}|\d{4}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})")
_CONSENT_WORDS = frozenset({"oui", "non", "x", "1", "0", "true", "false", "yes", "no", "y", "n", "vrai", "faux", "o"})
_CIVILITY_WORDS = frozenset({"m", "m.", "mme", "mlle", "mr", "mrs", "ms", "monsieur", "madame", "mademoiselle"})
_HEADERLESS = re.compile(r"^(colonne|column|unnamed)\b", re.IGNORECASE)


def _share(values: pd.Series, test: re.Pattern[str] | frozenset[str]) -> float:
    if values.empty:
        return 0.0
    if isinstance(test, frozenset):
        return float(values.str.lower().isin(test).mean())
    looks = values.str.match(test)
    if test is _PHONE_LIKE:  # dates and ranges are digits and dashes too
        looks &= ~values.str.match(_DATE_LIKE)
    return float(looks.mean())


# field -> (what its values look like, share of sampled non-empty values that must look so, sniffed even
# under a meaningful header?). Only unmistakable contents are sniffed under any header: a column of
# years must not become a postcode column, nor a column of "oui"/"non" a consent one.
_CONTENT_RULES: tuple[tuple[str, re.Pattern[str] | frozenset[str], float, bool], ...] = (
    ("email", _EMAIL_LIKE, 0.6, True),
    ("phone", _PHONE_LIKE, 0.8, True),
    ("postal_code", _POSTCODE_LIKE, 0.8, False),
    ("contact_date", _DATE_LIKE, 0.8, False),
    ("consent", _CONSENT_WORDS, 0.9, False),
    ("civility", _CIVILITY_WORDS, 0.8, False),
)
_CONTENT_CHECKED = {
    "email": "email",
    **dict.fromkeys(PHONE_FIELDS, "phone"),
    "postal_code": "postal_code",
}


def _sample(column: pd.Series, size: int = 300) -> pd.Series:
    values = column.astype(str).str.strip()
    values = values[values != ""]
    return values.head(size)


def sniff_column(column: pd.Series, *, headerless: bool = True) -> tuple[str, float] | None:
    """Guess a field from values alone (used when the header says nothing).

    Examples:
        >>> sniff_column(pd.Series(["a@b.fr", "c@d.com", ""]))
        ('email', 0.7)
        >>> sniff_column(pd.Series(["2021", "2022"]), headerless=False) is None
        True
    """
    values = _sample(column)
    if len(values) < 1:
        return None
    for field, test, threshold, always in _CONTENT_RULES:
        if (always or headerless) and _share(values, test) >= threshold:
            return field, 0.7
    return None


def _content_agrees(field: str, column: pd.Series) -> bool:
    """For token-matched headers: the values must not contradict the header (``Email envoyé`` = yes/no)."""
    kind = _CONTENT_CHECKED.get(field)
    if kind is None and field != "consent":
        return True
    values = _sample(column)
    if values.empty:
        return True
    if kind is None:  # "Opt-in time", "Date optin": when consent was given, not whether; not a yes/no column
        return _share(values, _DATE_LIKE) < 0.5
    test, threshold = next((t, th) for f, t, th, _ in _CONTENT_RULES if f == kind)
    return _share(values, test) >= threshold / 2


#: An exact email or phone header is not believed when fewer than this share of at least
#: ``_CONTRADICTION_VALUES`` filled cells look like one: an export whose columns slid by one ("Email Address" full of
#: dates, the addresses under the next header) is read by content, and the dates are left as they are.
_CONTRADICTION_SHARE = 0.05
_CONTRADICTION_VALUES = 20


def _content_contradicts(field: str, column: pd.Series) -> bool:
    """For exact headers: the values plainly are something else (no email in an "Email" column of dates).
    Only email and phones are checked: their forms are universal, where a postcode's is not (``SW1A 1AA``)."""
    kind = _CONTENT_CHECKED.get(field)
    if kind not in ("email", "phone"):
        return False
    values = _sample(column)
    if len(values) < _CONTRADICTION_VALUES:
        return False
    if kind == "email":
        looks = values.str.contains("@", regex=False)
    else:  # any number of six digits or more, in any layout (a local US 386-5286 too), but not a date
        looks = (values.str.count(r"\d") >= 6) & ~values.str.match(_DATE_LIKE)
    return float(looks.mean()) < _CONTRADICTION_SHARE


def parse_overrides(items: Iterable[str]) -> dict[str, str]:
    """Parse ``--map "Tel. port.=mobile"`` options into {column: field}.

    ``-`` or ``ignore`` as field leaves the column untouched.

    Examples:
        >>> parse_overrides(["Tel. port.=mobile", "Remarque = -"])
        {'Tel. port.': 'mobile', 'Remarque': '-'}
    """
    overrides: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise MappingError(
                f'Option --map « {item} » mal formée : écrivez --map "Nom de colonne=champ" (ex. "Tel. port.=mobile").',
                f'Malformed --map "{item}": write --map "Column name=field" (e.g. "Tel. port.=mobile").',
            )
        overrides[column.strip()] = field.strip()
    return overrides


def _resolve_override_field(field: str) -> str | None:
    if field.lower() in {"-", "ignore", "ignorer", "aucun", "none"}:
        return None
    if field in FIELDS_BY_NAME:
        return field
    if field in FIELD_ALIASES:  # a former name (``company``): older configs keep working
        return FIELD_ALIASES[field]
    found = match_header(field)
    if found is not None and found[1] == 1.0:
        return found[0]
    known = ", ".join(FIELDS_BY_NAME)
    raise MappingError(
        f"Champ « {field} » inconnu dans --map ou grc.toml : utilisez l'un de {known}, ou « - » pour ignorer.",
        f'Unknown field "{field}" in --map or grc.toml: use one of {known}, or "-" to ignore.',
    )


def _find_column(frame: pd.DataFrame, name: str) -> str:
    if name in frame.columns:
        return name
    by_key = {header_key(str(column)): str(column) for column in frame.columns}
    if header_key(name) in by_key:
        return by_key[header_key(name)]
    raise MappingError(
        f"Colonne « {name} » introuvable dans le fichier : vérifiez son nom avec « grc columns FICHIER ».",
        f'Column "{name}" not found in the file: check its name with "grc columns FILE".',
    )


def map_columns(
    frame: pd.DataFrame, overrides: Mapping[str, str] | None = None, *, sniff: bool = True
) -> ColumnMapping:
    """Map the frame's columns to canonical fields: overrides, then headers, then content.

    grc's own output columns (``grc_other_emails``...) are never mapped: a cleaned file read again keeps them.

    Examples:
        >>> frame = pd.DataFrame({"Nom": ["Dupont"], "Courriel": ["a@b.fr"], "Colonne 3": ["x@y.com"]})
        >>> map_columns(frame).as_dict()
        {'Nom': 'last_name', 'Courriel': 'email', 'Colonne 3': 'email'}
    """
    forced: dict[str, str | None] = {}
    for name, field in (overrides or {}).items():
        forced[_find_column(frame, name)] = _resolve_override_field(field)
    found: list[ColumnMatch] = []
    for column in map(str, frame.columns):
        if column in forced:
            forced_field = forced[column]
            if forced_field is not None:
                found.append(ColumnMatch(column, forced_field, 1.0, "override"))
            continue
        if column in GRC_COLUMNS:
            continue
        match = _match_column(column, frame[column], sniff=sniff)
        if match is not None:
            found.append(match)
    # a field a file has once goes to its surest column ("Nom" over an earlier "Nom de naissance"), the
    # first one on a tie; overrides always win
    best: dict[str, ColumnMatch] = {}
    for match in found:
        held = best.get(match.field)
        if held is None or _rank(match) > _rank(held):
            best[match.field] = match
    kept = [m for m in found if m.field not in _SINGLE_FIELDS or best[m.field] is m]
    return ColumnMapping(tuple(kept))


def _rank(match: ColumnMatch) -> tuple[bool, float]:
    return match.source == "override", match.confidence


def _match_column(column: str, values: pd.Series, *, sniff: bool) -> ColumnMatch | None:
    if set(header_key(column).split()) & OTHER_PERSON:
        return None  # "Email parent": a contact of someone else, not sniffed into the contact's own fields
    found = match_header(column)
    if found is not None:
        field, confidence = found
        agrees = _content_agrees(field, values) if confidence < 1.0 else not _content_contradicts(field, values)
        if agrees:
            return ColumnMatch(column, field, confidence, "header")
    if sniff:
        sniffed = sniff_column(values, headerless=not column.strip() or bool(_HEADERLESS.match(column)))
        if sniffed is not None:
            return ColumnMatch(column, sniffed[0], sniffed[1], "content")
    return None
