"""Countries: recognise names and codes in many languages, write them one way (name or ISO2).

Names come from babel's CLDR territory names in French, English and the languages of the
neighbouring countries, plus ISO alpha-3 codes and a few aliases people write (Angleterre,
Hollande, USA...), all compared on an accent-free, case-free, punctuation-free key.
"""

from __future__ import annotations

import functools
import re

import pandas as pd
from babel import Locale
from babel.core import UnknownLocaleError, get_global

from grc_toolkit.cleaners.base import Outcome, as_text, define_reasons, invalid, map_distinct, outcome
from grc_toolkit.cleaners.text import fix_text, strip_accents
from grc_toolkit.results import FieldResult

define_reasons(
    {
        "country.standardised": ("nom de pays harmonisé", "country name standardised"),
        "country.unknown": ("pays non reconnu", "unknown country"),
    }
)

#: Languages whose CLDR names are recognised, most trusted first (a key keeps its first meaning).
_LANGUAGES = ("fr", "en", "de", "nl", "es", "it", "pt")
#: Region codes of CLDR that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
#: What people write that CLDR does not name; keys as made by :func:`_key`.
_ALIASES = {
    "uk": "GB",
    "angleterre": "GB",
    "england": "GB",
    "ecosse": "GB",
    "scotland": "GB",
    "pays de galles": "GB",
    "wales": "GB",
    "irlande du nord": "GB",
    "northern ireland": "GB",
    "grande bretagne": "GB",
    "great britain": "GB",
    "gb": "GB",
    "royaume uni de grande bretagne": "GB",
    "britain": "GB",
    "hollande": "NL",
    "holland": "NL",
    "pays bas": "NL",
    "belgie": "BE",
    "usa": "US",
    "us": "US",
    "etats unis d amerique": "US",
    "united states of america": "US",
    "amerique": "US",
    "america": "US",
    "fr": "FR",
    "france metropolitaine": "FR",
    "metropole": "FR",
    "dom": "FR",
    "dom tom": "FR",
    "reunion": "RE",
    "ile de la reunion": "RE",
    "guyane": "GF",
    "tahiti": "PF",
    "polynesie": "PF",
    "allemagne rfa": "DE",
    "rfa": "DE",
    "suisse romande": "CH",
    "luxemburg": "LU",
    "letzebuerg": "LU",
    "russie": "RU",
    "coree du sud": "KR",
    "south korea": "KR",
    "republique tcheque": "CZ",
    "czech republic": "CZ",
    "tchequie": "CZ",
    "corse": "FR",
    "quebec": "CA",
    "ile maurice": "MU",
    "hong kong": "HK",
    "macao": "MO",
}
#: International vehicle letters, which some CRMs keep in the country column (F, D, B...).
_ALIASES |= {"f": "FR", "d": "DE", "b": "BE", "i": "IT", "e": "ES", "l": "LU", "a": "AT", "p": "PT", "nl": "NL"}
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
#: Countries whose names in their own official languages are also recognised (Polska, Sverige...):
#: Europe and the usual origins of visitors. Loaded only when a value is not found otherwise.
_NATIVE = (
    "AD",
    "AT",
    "BA",
    "BE",
    "BG",
    "BR",
    "CH",
    "CY",
    "CZ",
    "DE",
    "DK",
    "DZ",
    "EE",
    "ES",
    "FI",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MA",
    "MC",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "RS",
    "SE",
    "SI",
    "SK",
    "SM",
    "TN",
    "TR",
)


def _key(text: str) -> str:
    plain = strip_accents(text.lower())
    tokens = re.sub(r"[^a-z0-9]+", " ", plain.replace(".", "")).split()  # "U.K." -> "uk"
    return " ".join(_ABBREVIATIONS.get(token, token) for token in tokens)


@functools.cache
def _names(lang: str) -> dict[str, str]:
    """ISO2 -> country name in ``lang`` (CLDR)."""
    territories = Locale.parse(lang).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


@functools.cache
def _lookup() -> dict[str, str]:
    """Key -> ISO2, from aliases, ISO codes, then CLDR names in each language."""
    table = dict(_ALIASES)
    codes = _names("en")
    for code in codes:
        table.setdefault(code.lower(), code)
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and targets[0] in codes:
            table.setdefault(alias.lower(), targets[0])
    for lang in _LANGUAGES:
        for code, name in _names(lang).items():
            table.setdefault(_key(name), code)
            # "Royaume-Uni (le)", "Corée du Sud": also without the bracketed or trailing parts.
            table.setdefault(_key(re.sub(r"\s*\(.*\)", "", name)), code)
    return table


@functools.cache
def _native_lookup() -> dict[str, str]:
    """Key -> ISO2 from the names countries give themselves in their official languages."""
    table: dict[str, str] = {}
    languages = get_global("territory_languages")
    for code in _NATIVE:
        for lang, info in languages.get(code, {}).items():
            if info.get("official_status") in ("official", "de_facto_official"):
                try:
                    name = Locale.parse(lang).territories.get(code, "")
                except (UnknownLocaleError, ValueError):
                    continue
                if _key(name):
                    table.setdefault(_key(name), code)
    return table


def _find(text: str) -> str:
    key = _key(text)
    return _lookup().get(key) or _native_lookup().get(key, "")


def country_code(value: str) -> str:
    """ISO alpha-2 code of a country name or code, "" when not recognised.

    Examples:
        >>> country_code("Royaume Uni"), country_code("Fr."), country_code("Polska"), country_code("Atlantide")
        ('GB', 'FR', 'PL', '')
    """
    return _find(fix_text(value)[0])


def country_name(iso2: str, *, lang: str = "fr") -> str:
    """Name of a country from its ISO2 code, in French (CLDR) by default; "" when unknown.

    Examples:
        >>> country_name("GB"), country_name("us"), country_name("NL", lang="en"), country_name("??")
        ('Royaume-Uni', 'États-Unis', 'Netherlands', '')
    """
    return _names(lang).get(iso2.strip().upper(), "")


def clean_countries(series: pd.Series, *, country_format: str = "name") -> FieldResult:
    """Recognise countries written in French, English, native languages or as codes.

    ``country_format="name"`` writes the French CLDR name (``Allemagne``, ``Royaume-Uni``), whatever the
    language of the messages: a value in the data is never translated; ``"iso2"`` writes the code
    (``DE``). Only the spelling changes, never the country a value names: ``Martinique`` stays
    Martinique (``MQ``), ``France`` stays France. An unrecognised value is kept and marked invalid.
    extras: ``iso2`` (always the code, "" when unknown).

    Examples:
        >>> result = clean_countries(pd.Series(["FRANCE", "Deutschland", "U.K.", "Hollande", "Mars", ""]))
        >>> result.values.tolist()
        ['France', 'Allemagne', 'Royaume-Uni', 'Pays-Bas', 'Mars', '']
        >>> result.extra["iso2"].tolist()
        ['FR', 'DE', 'GB', 'NL', '', '']
        >>> clean_countries(pd.Series(["Belgique"]), country_format="iso2").values.tolist()
        ['BE']
    """
    if country_format not in ("name", "iso2"):
        raise ValueError(f"country_format doit valoir 'name' ou 'iso2', pas {country_format!r}")
    names = _names("fr")

    def clean_one(value: str) -> Outcome:
        text, fixes = fix_text(value)
        if not text:
            return outcome(value, "", fixes)
        code = _find(text)
        if not code:
            return invalid(text, "country.unknown", iso2="")
        cleaned = code if country_format == "iso2" else names.get(code, code)
        rule = "country.standardised" if cleaned != text else ""
        return outcome(value, cleaned, ",".join(filter(None, (fixes, rule))), iso2=code)

    return map_distinct(series, clean_one, extras=("iso2",))


#: Overseas departments: France for a country column and for postal addressing (their own codes stay
#: for phones, whose calling codes differ).
OVERSEAS_DEPARTMENTS = frozenset({"GP", "MQ", "GF", "RE", "YT"})
#: ISO2 codes that name France itself or one of its overseas departments.
_FRENCH = OVERSEAS_DEPARTMENTS | {"FR"}


def _codes(series: pd.Series | None, index: pd.Index) -> pd.Series:
    if series is None:
        return pd.Series("", index=index, dtype=object)
    return as_text(series.reindex(index)).str.strip().str.upper()


def infer_countries(
    iso2: pd.Series,
    *,
    postal_country: pd.Series,
    phone_country: pd.Series,
    email_country: pd.Series | None = None,
    weak_postal_country: pd.Series | None = None,
    foreign_address: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Fill blank ISO2 codes from where the person lives first: postcode, phone, email ending, doubtful postcode.

    ``postal_country`` is the country a postcode shows beyond doubt (a French code of the communes list
    whose city agrees or is blank; a British, Dutch or Canadian shape); ``weak_postal_country`` one that
    only might be (``1000`` padded to ``01000`` with no city to confirm it), used last. Where
    ``foreign_address`` is true (a city that is no French commune), a French phone or email ending is
    no proof of a French address and is not used. An overseas department found this way is written
    ``FR``: France, for a country column.

    Returns the filled codes and, per row, where a filled code came from (``"code postal"``,
    ``"telephone"``, ``"courriel"``, "" when the code was given or is still unknown).

    Examples:
        >>> filled, source = infer_countries(
        ...     pd.Series(["BE", "", "", "", "", ""]),
        ...     postal_country=pd.Series(["", "FR", "", "", "", ""]),
        ...     phone_country=pd.Series(["FR", "RE", "DE", "RE", "FR", ""]),
        ...     email_country=pd.Series(["", "", "", "", "FR", "BE"]),
        ...     foreign_address=pd.Series([False, False, False, False, True, True]),
        ... )
        >>> filled.tolist(), source.tolist()
        (['BE', 'FR', 'DE', 'FR', '', 'BE'], ['', 'code postal', 'telephone', 'telephone', '', 'courriel'])
    """
    index = iso2.index
    foreign = (
        pd.Series(False, index=index)
        if foreign_address is None
        else foreign_address.reindex(index, fill_value=False).astype(bool)
    )
    filled = _codes(iso2, index)
    source = pd.Series("", index=index, dtype=object)
    hints = (
        ("code postal", postal_country, True),
        ("telephone", phone_country, False),
        ("courriel", email_country, False),
        ("code postal", weak_postal_country, False),
    )
    for name, hint, beyond_doubt in hints:
        codes = _codes(hint, index)
        usable = filled.eq("") & codes.ne("")
        if not beyond_doubt:
            usable &= ~(foreign & codes.isin(_FRENCH))
        filled = filled.mask(usable, codes.where(~codes.isin(OVERSEAS_DEPARTMENTS), "FR"))
        source = source.mask(usable, name)
    return filled.astype(object), source


#: French overseas postcodes (first three digits) -> the region their phone numbers belong to.
OVERSEAS_POSTCODES = {
    "971": "GP", "972": "MQ", "973": "GF", "974": "RE", "975": "PM", "976": "YT",
    "986": "WF", "987": "PF", "988": "NC",
}  # fmt: skip
_OVERSEAS_POSTCODE = re.compile(r"^\s*(9[78]\d)\d\d(?!\d)")


def phone_regions(iso2: pd.Series, postal_code: pd.Series) -> pd.Series:
    """Region to read each row's phones with: the country, or the overseas region of a French postcode.

    A phone hint only, never a country value: ``France`` with ``97200`` stays France, but its
    national numbers are Martinican (``MQ``).

    Examples:
        >>> phone_regions(pd.Series(["FR", "", "BE", "FR"]), pd.Series(["97200", "97411", "97200", "75001"])).tolist()
        ['MQ', 'RE', 'BE', 'FR']
    """
    codes = _codes(iso2, iso2.index)
    prefix = as_text(postal_code.reindex(iso2.index)).str.extract(_OVERSEAS_POSTCODE, expand=False)
    overseas = prefix.map(OVERSEAS_POSTCODES)
    french = codes.isin(["FR", ""]) & overseas.notna()
    return codes.mask(french, overseas).astype(object)
