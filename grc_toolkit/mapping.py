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
from grc_toolkit.schema import FIELDS_BY_NAME, GRC_COLUMNS, PHONE_FIELDS

#: Normalised header -> field. Checked first, so specific phrases win over the token rules below.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "record_id": (
        "id",
        "identifiant",
        "n contact",
        "no contact",
        "num contact",
        "numero contact",
        "numero de contact",
        "id contact",
        "rec id",
        "record id",
        "recid",
        "contact id",
        "code client",
        "n client",
        "no client",
        "numero client",
        "ref",
        "reference",
        "code contact",
        "customer id",
        "client id",
        "uid",
        "id client",
        "ref contact",
        "n fiche",
        "numero fiche",
    ),
    "civility": ("civilite", "civ", "titre", "title", "salutation", "formule de politesse", "mr mme"),
    "last_name": (
        "nom",
        "nom de famille",
        "nom famille",
        "last name",
        "lastname",
        "surname",
        "family name",
        "nom contact",
        "nom du contact",
        "nom usage",
        "nom d usage",
        "name last",
    ),
    "first_name": (
        "prenom",
        "prenom contact",
        "first name",
        "firstname",
        "given name",
        "forename",
        "prenoms",
    ),
    "full_name": (
        "nom complet",
        "nom prenom",
        "nom et prenom",
        "prenom nom",
        "prenom et nom",
        "full name",
        "name",
        "contact",
        "nom prenom contact",
        "visiteur",
        "client",
    ),
    "company": (
        "societe",
        "entreprise",
        "organisme",
        "organisation",
        "raison sociale",
        "company",
        "organization",
        "organisation name",
        "structure",
        "etablissement",
    ),
    "email": (
        "email",
        "e mail",
        "courriel",
        "mail",
        "adresse email",
        "adresse mail",
        "adresse e mail",
        "mel",
        "adresse courriel",
        "email address",
        "e mail address",
        "adresse electronique",
        "emails",
        "mail contact",
    ),
    "mobile": (
        "portable",
        "mobile",
        "tel portable",
        "tel port",
        "telephone portable",
        "gsm",
        "cell",
        "cellphone",
        "mobile phone",
        "tel mobile",
        "telephone mobile",
        "n portable",
        "numero portable",
        "mobile number",
        "sms",
        "numero sms",
        "mobile phone number",
    ),
    "landline": (
        "fixe",
        "tel fixe",
        "telephone fixe",
        "domicile",
        "tel domicile",
        "telephone domicile",
        "home phone",
        "landline",
        "tel dom",
        "tel bureau",
        "telephone bureau",
        "work phone",
    ),
    "phone": (
        "telephone",
        "tel",
        "phone",
        "num tel",
        "numero de telephone",
        "numero telephone",
        "n telephone",
        "phone number",
        "telephone number",
        "tel contact",
        "telephone contact",
        "n tel",
        "no tel",
        "tph",
    ),
    "address": (
        "adresse",
        "adresse 1",
        "adresse ligne 1",
        "address",
        "address 1",
        "address line 1",
        "rue",
        "voie",
        "street",
        "adresse postale",
        "numero et rue",
        "street address",
        "address1",
        "adresse1",
        "ligne 1",
    ),
    "address_2": (
        "adresse 2",
        "adresse ligne 2",
        "complement",
        "complement d adresse",
        "complement adresse",
        "address 2",
        "address line 2",
        "address2",
        "adresse2",
        "lieu dit",
        "batiment",
        "ligne 2",
    ),
    "address_3": (
        "adresse 3",
        "adresse ligne 3",
        "address 3",
        "address line 3",
        "address3",
        "adresse3",
        "ligne 3",
    ),
    "postal_code": (
        "code postal",
        "cp",
        "zip",
        "zip code",
        "zipcode",
        "postcode",
        "post code",
        "postal code",
        "code post",
        "c p",
        "codepostal",
        "postal",
        "cp ville",
    ),
    "city": (
        "ville",
        "commune",
        "city",
        "localite",
        "town",
        "bureau distributeur",
        "ville contact",
        "locality",
        "suburb",
    ),
    "house_number": (
        "numero de rue",
        "numero de voie",
        "n voie",
        "num voie",
        "no voie",
        "street number",
        "house number",
        "street no",
        "house no",
        "numero rue",
        "n rue",
    ),
    "country": (
        "pays",
        "country",
        "pays de residence",
        "country of residence",
        "nationalite",
        "code pays",
        "country region",
        "mailing country",
        "billing country",
        "country code",
    ),
    "contact_date": (
        "date de contact",
        "date contact",
        "dernier contact",
        "date du dernier contact",
        "date dernier contact",
        "last contact",
        "contact date",
        "date",
        "last contact date",
        "date de derniere visite",
    ),
    "visit_date": (
        "date de visite",
        "date visite",
        "visit date",
        "date de passage",
        "date d accueil",
        "date sejour",
    ),
    "created_date": (
        "date de creation",
        "date creation",
        "cree le",
        "created",
        "creation date",
        "date d inscription",
        "date inscription",
        "date saisie",
        "date de saisie",
        "created at",
        "date d ajout",
        "date ajout",
        "create date",
        "createdate",
        "created date",
        "date created",
    ),
    "last_request_date": (
        "derniere demande",
        "date derniere demande",
        "date de derniere demande",
        "last request",
        "date de la derniere demande",
        "last request date",
    ),
    "birth_date": (
        "date de naissance",
        "naissance",
        "birth date",
        "date of birth",
        "dob",
        "birthday",
        "ne le",
        "birthdate",
        "date naissance",
    ),
    "consent": (
        "optin",
        "opt in",
        "optin newsletter",
        "opt in newsletter",
        "consentement",
        "newsletter",
        "accepte newsletter",
        "abonne newsletter",
        "consent",
        "rgpd",
        "accord rgpd",
        "inscription newsletter",
        "accepte les communications",
        "marketing consent",
        "subscribed",
        "optin email",
        "opt in email",
        "abonnement newsletter",
        "consentement rgpd",
        "newsletter opt in",
        "email opt in",
        "accord newsletter",
        "double opt in",
        "optin status",
    ),
    "language": (
        "langue",
        "language",
        "lang",
        "langue parlee",
        "langue de correspondance",
        "preferred language",
    ),
}

# Token rules for headers that are not in the table: (field, words that must all appear).
_TOKEN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("birth_date", ("naissance",)),
    ("last_request_date", ("derniere", "demande")),
    ("created_date", ("creation",)),
    ("created_date", ("created",)),
    ("created_date", ("create", "date")),
    ("visit_date", ("visite",)),
    ("email", ("mail",)),
    ("email", ("courriel",)),
    ("consent", ("optin",)),
    ("consent", ("opt", "in")),
    ("consent", ("newsletter",)),
    ("consent", ("consent",)),
    ("mobile", ("portable",)),
    ("mobile", ("mobile",)),
    ("landline", ("fixe",)),
    ("phone", ("tel",)),
    ("phone", ("telephone",)),
    ("phone", ("phone",)),
    ("postal_code", ("postal",)),
    ("postal_code", ("cp",)),
    ("postal_code", ("zip",)),
    ("first_name", ("prenom",)),
    ("company", ("societe",)),
    ("company", ("entreprise",)),
    ("civility", ("civilite",)),
    ("city", ("ville",)),
    ("city", ("commune",)),
    ("city", ("city",)),
    ("country", ("pays",)),
    ("country", ("country",)),
    ("address", ("adresse",)),
    ("address", ("street",)),
    ("last_name", ("nom",)),
    ("contact_date", ("date",)),
)

#: Words saying a column is about someone else (a spouse, a child, a parent): "Prénom enfant" is not the
#: contact's first name, "Téléphone parent" not their phone. Such columns pass through untouched.
_OTHER_PERSON = frozenset(
    {"conjoint", "enfant", "enfants", "parent", "parents", "pere", "mere", "tuteur", "accompagnant", "accompagnateur"}
    | {"spouse", "partner", "child", "children", "guardian", "father", "mother"}
)
#: With "naissance"/"birth", these make a place of birth, not a date: "Lieu de naissance", "Pays de naissance".
_BIRTH_PLACE = frozenset(
    {"lieu", "ville", "commune", "pays", "departement", "cp", "code", "postal", "place", "city", "country", "town"}
)
#: The contact's other surnames (maiden or married name): a last name, but below a plain "Nom" column.
_OTHER_SURNAME = frozenset({"naissance", "marital", "epouse", "jeune", "birth", "maiden", "married"})

_SYNONYM_INDEX: dict[str, str] = {synonym: field for field, synonyms in HEADER_SYNONYMS.items() for synonym in synonyms}

#: Fields a file normally has once; a second column of the same field is left unmapped.
_SINGLE_FIELDS = frozenset({"record_id", "civility", "last_name", "first_name", "postal_code", "city", "country"})


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
    if words & _OTHER_PERSON:
        return None
    if words & {"nom", "name"} and words & _OTHER_SURNAME and not words & {"date", "prenom", "first"}:
        return "last_name", 0.7
    if words & {"naissance", "birth"} and words & _BIRTH_PLACE:
        return None
    for field, needed in _TOKEN_RULES:
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
    if set(header_key(column).split()) & _OTHER_PERSON:
        return None  # "Email parent": a contact of someone else, not sniffed into the contact's own fields
    found = match_header(column)
    if found is not None:
        field, confidence = found
        if confidence == 1.0 or _content_agrees(field, values):
            return ColumnMatch(column, field, confidence, "header")
    if sniff:
        sniffed = sniff_column(values, headerless=not column.strip() or bool(_HEADERLESS.match(column)))
        if sniffed is not None:
            return ColumnMatch(column, sniffed[0], sniffed[1], "content")
    return None
