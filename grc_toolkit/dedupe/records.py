"""The comparison view of cleaned records: one normalised text column per thing compared.

Everything is computed once per distinct value (names, phonetic codes) or with vectorised string
methods, so preparing a million records takes seconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from grc_toolkit.cleaners.base import as_text, first_filled
from grc_toolkit.cleaners.names import french_phonetic, name_key, person_name_key, title_only
from grc_toolkit.cleaners.organisations import organisation_key
from grc_toolkit.cleaners.text import fix_text, strip_accents
from grc_toolkit.mapping import ColumnMapping, match_header
from grc_toolkit.parallel import in_row_chunks
from grc_toolkit.progress import report
from grc_toolkit.schema import ACTIVITY_DATE_FIELDS, PHONE_FIELDS

# A mobile first: it follows the person, where a landline may be a household's or a company's.
_PHONE_FIELDS = ("mobile", *(field for field in PHONE_FIELDS if field != "mobile"))


def _per_value(series: pd.Series, func: Callable[[str], str]) -> pd.Series:
    text = as_text(series)
    table = {value: func(value) for value in text.unique()}
    return text.map(table).astype(object)


def _column(data: pd.DataFrame, mapping: ColumnMapping, *fields: str) -> pd.Series:
    columns = [column for field in fields for column in mapping.columns_of(field)]
    return first_filled((as_text(data[column]) for column in columns), data.index)


_PARTICLES = frozenset("de d du des la le les l van von der den ten ter di da del della dos das mac st saint".split())


def surname_core(key: str) -> str:
    """A surname key without its particles, which make unrelated names look alike (van Luin / van Luyssel).

    Examples:
        >>> surname_core("van de weterink"), surname_core("le gall"), surname_core("de la")
        ('weterink', 'gall', 'de la')
    """
    core = [token for token in key.split() if token not in _PARTICLES]
    return " ".join(core) if core else key


def _civility(value: str) -> str:
    """``m`` / ``f`` from a cleaned civility; couples and titles say nothing."""
    return {"M.": "m", "Mme": "f", "Mlle": "f"}.get(value, "")


def split_full_name(value: str) -> tuple[str, str]:
    """Last and first name keys of a lone name column, in the layouts offices keep: ``NOM, Prénom``
    (the comma says it), ``Prénom NOM`` or ``NOM Prénom`` (the capitals say it), else the first word as
    the last name (a guess: swapped names are compared anyway).

    Examples:
        >>> split_full_name("DUPONT, Jean-Pierre"), split_full_name("Jean-Pierre LE GALL")
        (('dupont', 'jean pierre'), ('le gall', 'jean pierre'))
        >>> split_full_name("MARTIN Paul"), split_full_name("martin paul"), split_full_name("Dr Marie CURIE")
        (('martin', 'paul'), ('martin', 'paul'), ('curie', 'marie'))
    """
    if "," in value:
        last, first = value.split(",", 1)
        return person_name_key(last), person_name_key(first)
    raw = value.split()
    capitals = [word.isupper() and sum(c.isalpha() for c in word) >= 2 for word in raw]
    if any(capitals) and not all(capitals):
        last = " ".join(word for word, upper in zip(raw, capitals, strict=True) if upper)
        first = " ".join(word for word, upper in zip(raw, capitals, strict=True) if not upper)
        return person_name_key(last), person_name_key(first)
    words = person_name_key(value).split()
    return (words[0], " ".join(words[1:])) if words else ("", "")


def _split_full_name(full: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A lone name column: :func:`split_full_name` of each distinct value."""
    text = as_text(full)
    table = {value: split_full_name(value) for value in text.unique()}
    parts = text.map(table)
    return parts.str[0].fillna("").astype(object), parts.str[1].fillna("").astype(object)


_MAIDEN = re.compile(r"\b(?:nee|epouse|ep|born|nee de|geb|geborene)\b")


def other_surname(key: str) -> tuple[str, str]:
    """A last-name key split at ``née`` / ``épouse`` (``dupont nee martin``): the name in use and the other
    one (maiden or married), each a name a person may come back under.

    Examples:
        >>> other_surname("dupont nee martin"), other_surname("martin ep dupont"), other_surname("renee")
        (('dupont', 'martin'), ('martin', 'dupont'), ('renee', ''))
    """
    parts = _MAIDEN.split(key, maxsplit=1)
    if len(parts) == 1:
        return key, ""
    used, other = parts[0].strip(), parts[1].strip()
    return (used or other, other if used else "")


_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]+")


#: Abbreviated street types, French and English, written out wherever they stand.
_STREET_TYPES = {
    **dict.fromkeys(("av", "ave", "aven"), "avenue"),
    **dict.fromkeys(("bd", "bld", "blvd", "boul"), "boulevard"),
    **dict.fromkeys(("pl", "plc"), "place"),
    **dict.fromkeys(("ch", "chem"), "chemin"),
    **dict.fromkeys(("fg", "fbg"), "faubourg"),
    "imp": "impasse",
    "rte": "route",
    "sq": "square",
    "crs": "cours",
    "prom": "promenade",
    "rd": "road",
    "ln": "lane",
    "pkwy": "parkway",
    "hwy": "highway",
}
#: ... those only right after the house number ("12 r. Nationale", "1400 W Augusta")...
_AFTER_NUMBER = {"r": "rue", "n": "north", "s": "south", "e": "east", "w": "west"}
#: ... and those only last ("W 19th St"; elsewhere "st" is a saint, "dr" a doctor).
_LAST = {"st": "street", "str": "street", "dr": "drive", "ct": "court"}


def _street_words(words: list[str]) -> list[str]:
    numbered = bool(words) and words[0][:1].isdigit()
    return [
        _STREET_TYPES.get(word)
        or (_AFTER_NUMBER.get(word) if numbered and position == 1 else None)
        or (_LAST.get(word) if position == len(words) - 1 and position > 0 else None)
        or word
        for position, word in enumerate(words)
    ]


def address_key(value: str) -> str:
    """Comparison key of a street address: :func:`name_key`'s, with house numbers kept, so that 12 and
    48 rue de la Paix stay two homes (``compare`` tells neighbours by their numbers), and abbreviated
    street types written out (``av`` / ``avenue``, ``bd``, ``r.`` after the number, ``St`` last).

    Examples:
        >>> address_key("12, Rue de la Paix")
        '12 rue de la paix'
        >>> address_key("12bis Av. Foch"), address_key("5 r. St-Michel")
        ('12 bis avenue foch', '5 rue st michel')
        >>> address_key("1400 W Augusta Blvd") == address_key("1400 West Augusta Boulevard")
        True
        >>> address_key("2301 W 21st St")
        '2301 west 21 st street'
    """
    text = strip_accents(fix_text(value)[0]).lower()
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)
    return " ".join(_street_words(_NOT_LETTER_OR_DIGIT.sub(" ", text).split()))


# Providers that document sub-addressing (name+tag@...): the tag is not part of the mailbox.
_PLUS_TAGS = frozenset(
    "gmail.com googlemail.com outlook.com outlook.fr hotmail.com hotmail.fr live.com live.fr msn.com icloud.com "
    "me.com mac.com protonmail.com protonmail.ch proton.me pm.me fastmail.com fastmail.fm yandex.com yandex.ru "
    "zoho.com".split()
)
_GMAIL = frozenset({"gmail.com", "googlemail.com"})


def mailbox(value: str) -> str:
    """The mailbox an address delivers to, lowercase: ``+tags`` dropped where the provider documents
    sub-addressing, and for Gmail the dots too (Gmail ignores them); "" when it is not an address.

    Examples:
        >>> mailbox("JP.Dupont+resa@Gmail.com"), mailbox("jpdupont@googlemail.com")
        ('jpdupont@gmail.com', 'jpdupont@gmail.com')
        >>> mailbox("anne+ot@outlook.fr"), mailbox("jp.dupont+ot@orange.fr"), mailbox("pas une adresse")
        ('anne@outlook.fr', 'jp.dupont+ot@orange.fr', '')
    """
    local, at, domain = value.strip().lower().rpartition("@")
    if not at or not local or not domain:
        return ""
    if domain in _PLUS_TAGS:
        local = local.split("+", 1)[0] or local
    if domain in _GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def _local_key(local: str) -> str:
    """An email's local part without a ``+tag`` and separators (``jp.dupont+ot`` -> ``jpdupont``): the
    same at another provider is a clue, not proof, that the mailbox is the same person's."""
    return re.sub(r"[._-]+", "", local.split("+", 1)[0] or local)


_DAY_FIRST = re.compile(r"^(\d{1,2})\D(\d{1,2})\D(\d{4})")


def birth_digits(value: str) -> str:
    """A birth date as ``YYYYMMDD`` digits: the cleaner's ISO dates, and the ones it kept as written because
    it could not vouch for them (a birth before 1900, day first as in France).

    Examples:
        >>> birth_digits("1985-04-02"), birth_digits("3/4/1860"), birth_digits("19841905")
        ('19850402', '18600403', '19841905')
    """
    found = _DAY_FIRST.match(value.strip())
    if found:
        day, month, year = found.groups()
        return f"{year}{int(month):02d}{int(day):02d}"
    return re.sub(r"\D", "", value)[:8]


#: A word of organisations' names is rare when at most this share of the file's organisations carry it...
RARE_WORD_SHARE = 0.005
#: ... or at most this many of them, and never a quarter of them (in a small file, ``hotel``).
RARE_WORD_COUNT = 5


def rare_words(keys: pd.Series) -> pd.Series:
    """Per organisation key, its words of three letters or more that few of the file's organisations carry
    (:data:`RARE_WORD_SHARE`, :data:`RARE_WORD_COUNT`): ``kiddy kare`` says which site, ``center`` does not.

    Examples:
        >>> keys = pd.Series(["kiddy kare center", "kkp kiddy kare", *(f"center {n}" for n in range(6))])
        >>> rare_words(keys).tolist()[:3]
        ['kare kiddy', 'kare kiddy kkp', '']
        >>> rare_words(pd.Series(["hotel plage", "hotel port"])).tolist()  # hotel: every organisation of the file
        ['plage', 'port']
    """
    distinct = pd.Series(keys.unique(), dtype=object)
    distinct = distinct[distinct != ""]
    carried = distinct.str.split().map(set).explode().value_counts()
    limit = max(RARE_WORD_COUNT, int(len(distinct) * RARE_WORD_SHARE))
    few = (carried == 1) | ((carried <= limit) & (carried * 4 <= len(distinct)))
    rare = set(carried.index[few & (carried.index.str.len() >= 3)])
    table = {key: " ".join(sorted(rare.intersection(key.split()))) for key in distinct}
    return pd.Series([table.get(key, "") for key in keys], index=keys.index, dtype=object)


def _other_surname_columns(data: pd.DataFrame, mapping: ColumnMapping) -> list[str]:
    """Columns of a second surname ("Nom de naissance", "Nom d'usage", "Maiden name") beside the last name:
    a file keeps one last name, these stay the user's columns, and dedupe reads them as other names."""
    used = set(mapping.columns_of("last_name"))
    others = []
    for column in data.columns:
        found = match_header(str(column))
        if column not in used and found is not None and found[0] == "last_name" and found[1] < 1.0:
            others.append(column)
    return others if used else []


def prepare_records(
    data: pd.DataFrame, mapping: ColumnMapping, *, jobs: int = 1, min_rows: int | None = None
) -> pd.DataFrame:
    """Comparison frame of cleaned ``data``, positional index: text columns ("" when unknown) ``last``,
    ``last_core``, ``first``, their phonetic codes, ``civility``, ``email``, ``email_local``, ``phone``,
    ``postal_code``, ``city``, ``address``, ``date``, ``birth_date``, ``organisation`` (its key: a hotel, a
    school, a childcare site) and its rare words (``organisation_rare``), and how many records carry each
    name (``last_count``, ``first_count``, ``organisation_count``); also ``last_other`` (a maiden or married
    name) and ``phones`` (every number of the record).

    Every column but the rare words and the counts reads its own row only: a large file is keyed by ``jobs``
    processes, each its own rows (:func:`~grc_toolkit.parallel.in_row_chunks`, from ``min_rows`` rows)."""
    data = data.reset_index(drop=True)
    records = pd.concat(in_row_chunks(_row_columns, data, jobs, mapping, min_rows=min_rows))
    records["organisation_rare"] = rare_words(records["organisation"])
    for name in ("last", "first", "organisation"):  # how common each name is, for term-frequency weights
        records[f"{name}_count"] = records[name].map(records[name].value_counts()).to_numpy()
    return records


def _row_columns(data: pd.DataFrame, mapping: ColumnMapping) -> pd.DataFrame:
    """The columns of :func:`prepare_records` that read their own row only, with ``data``'s index."""
    last = _per_value(_column(data, mapping, "last_name"), person_name_key)
    first = _per_value(_column(data, mapping, "first_name"), person_name_key)
    if not mapping.columns_of("last_name") and mapping.columns_of("full_name"):
        last, first = _split_full_name(_column(data, mapping, "full_name"))
    # "Mme" typed as a first name, "Sir" as a surname: a title, not a name to compare
    first = first.where(~first.map({value: title_only(value, first=True) for value in first.unique()}), "")
    last = last.where(~last.map({value: title_only(value, first=False) for value in last.unique()}), "")
    # a married or maiden name: "DUPONT née MARTIN" in one cell, or a second surname column
    split = last.map({value: other_surname(value) for value in last.unique()})
    last, other = split.str[0].fillna("").astype(object), split.str[1].fillna("").astype(object)
    for column in _other_surname_columns(data, mapping):
        more = _per_value(data[column], person_name_key)
        other = other.where((other != "") | (more == last), more)
    report(1, 3)
    # every number of a record, the mobile first: a mobile typed in the landline column still meets it
    numbers = [
        as_text(data[column]).str.replace(r"\D+", "", regex=True)
        for field in _PHONE_FIELDS
        for column in mapping.columns_of(field)
    ]
    phones = pd.Series([""] * len(data), index=data.index, dtype=object)
    for number in numbers:
        number = number.where(number.str.len() >= 8, "")
        phones = phones.where(number == "", phones.str.cat(number, sep=" ").str.strip())
    email = _per_value(_column(data, mapping, "email"), mailbox)
    phone = _column(data, mapping, *_PHONE_FIELDS).str.replace(r"\D+", "", regex=True)
    phone = phone.where(phone.str.len() >= 8, "")
    postal = _column(data, mapping, "postal_code").str.replace(" ", "", regex=False).str.upper()
    street = _column(data, mapping, "house_number") + " " + _column(data, mapping, "address")
    address = _per_value(street.str.strip(), address_key)
    report(2, 3)
    records = pd.DataFrame(
        {
            "last": last,
            "last_core": _per_value(last, surname_core),
            "last_other": other,
            "first": first,
            "last_phonetic": _per_value(last, french_phonetic),
            "first_phonetic": _per_value(first, french_phonetic),
            "civility": _per_value(_column(data, mapping, "civility"), _civility),
            "email": email,
            "email_local": _per_value(email.str.split("@").str[0].fillna(""), _local_key),
            "phone": phone,
            "phones": phones,
            "postal_code": postal,
            "city": _per_value(_column(data, mapping, "city"), name_key),
            "address": address,
            "date": _column(data, mapping, *ACTIVITY_DATE_FIELDS).str.slice(0, 10),
            "birth_date": _per_value(_column(data, mapping, "birth_date"), birth_digits),
            # an identity number compared as its letters and digits (``1 85 05 ...`` / ``18505...``)
            "personal_id": _column(data, mapping, "personal_id").str.upper().str.replace(r"[^0-9A-Z]", "", regex=True),
            "organisation": _per_value(_column(data, mapping, "organisation"), organisation_key),
        }
    )
    return records
