"""Comparison levels: how far each candidate pair agrees, field by field (recordlinkage's ``compare``).

Each field's comparison falls in a few levels (exact, close, different; -1 when either side is
blank, which counts for nothing). Similarities are computed in bulk by rapidfuzz
(``process.cpdist``), never in a Python loop over pairs. What the levels weigh is
:mod:`grc_toolkit.dedupe.model`'s job; what they forbid, :mod:`grc_toolkit.dedupe.rules`'.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from grc_toolkit.dedupe.nicknames import distinct_given_names, same_given_name
from grc_toolkit.progress import report

#: Field -> number of levels (level k means more agreement than k - 1).
LEVELS: dict[str, int] = {
    "last": 4,  # different, JW >= 0.85, typo (JW >= 0.92 or one letter off) or one name inside the other, same
    "first": 4,  # different, typo (JW >= 0.92, one letter off or same sound), compound shortened or nickname, same
    "civility": 2,  # different, same
    "email": 3,  # different, same local part or JW >= 0.95, same
    "phone": 3,  # different, same last eight digits, same
    "postal_code": 3,  # different, same department, same
    "address": 3,  # different, token similarity >= 80, >= 95
    "birth_date": 3,  # different, one digit off or day and month swapped, same
    "personal_id": 3,  # different, one character off, same (social security, passport, identity card)
    "organisation": 3,  # different, close (token-set ratio >= 0.85, or one name's words in the other's), same key
}
FIELDS = tuple(LEVELS)


def _similarity(a: np.ndarray, b: np.ndarray, scorer: Any = JaroWinkler.normalized_similarity) -> np.ndarray:
    if len(a) == 0:
        return np.empty(0)
    return np.asarray(process.cpdist(a, b, scorer=scorer, workers=-1), dtype=float)


def _inside(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One name's words all in the other's: Jean-Pierre / Jean, Marques-Poulain / Marques."""
    heads = {value: value.split(" ", 1)[0] for value in {*a, *b}}  # once per distinct name
    head_a = pd.Series(a, dtype=object).map(heads).to_numpy(dtype=object)
    head_b = pd.Series(b, dtype=object).map(heads).to_numpy(dtype=object)
    maybe = np.flatnonzero((head_a == head_b) & (a != b) & (a != "") & (b != ""))
    inside = np.zeros(len(a), dtype=bool)
    inside[maybe] = [
        set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split())
        for x, y in zip(a[maybe], b[maybe], strict=True)
    ]
    return inside


# Endings that make a man's first name a woman's (or the other way): Louis / Louise, Jean / Jeanne,
# Daniel / Danielle, Marie / Mario, Laurent / Laurence, Frédéric / Frédérique. Pairs of what is left
# of each name after their common beginning.
_GENDER_ENDINGS = frozenset(
    frozenset(pair)
    for pair in (
        *(("", ending) for ending in ("e", "a", "ne", "le", "te", "tte", "ette", "ine", "ia")),
        ("e", "a"),
        ("e", "o"),
        ("a", "o"),
        ("c", "que"),
        ("t", "ce"),
        ("er", "a"),
    )
)


# Last letters of the names a feminine ending is added to (Louis, Jean, Daniel, Victor, Gilbert, René):
# a name cut short by a typo (Sophi, Rebecc, Kirr) ends otherwise.
_TAKES_ENDING = frozenset("lnrste")


def gendered_pair(a: str, b: str) -> bool:
    """Two first name keys that differ by an ending that marks gender: two people, however close.

    Examples:
        >>> gendered_pair("louis", "louise"), gendered_pair("marie", "mario"), gendered_pair("jean", "jeanne")
        (True, True, True)
        >>> gendered_pair("sophie", "sofie"), gendered_pair("chaeles", "charles"), gendered_pair("anne", "anne")
        (False, False, False)
    """
    a, b = a.replace(" ", ""), b.replace(" ", "")
    common = len(os.path.commonprefix([a, b]))
    if common < 2 or a == b or frozenset((a[common:], b[common:])) not in _GENDER_ENDINGS:
        return False
    short = min(a, b, key=len)
    if len(short) == common:  # an ending added: only to a name that can take one (Louis, René), not a cut
        return short[-1] in _TAKES_ENDING and not (short[-1] == short[-2] and short[-1] not in "ln")
    return True


def _glued(values: np.ndarray) -> np.ndarray:
    return pd.Series(values, dtype=object).str.replace(" ", "", regex=False).to_numpy(dtype=object)


def _typo(
    glued_a: np.ndarray,
    glued_b: np.ndarray,
    similarity: np.ndarray,
    lengths: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Names (without spaces) a typo apart: Jaro-Winkler >= 0.92, or one letter added, dropped, changed
    or two swapped (Damerau, on names of five letters or more: ``chaeles`` / ``charles``). ``lengths``: those
    of the glued names, when known."""
    length_a, length_b = lengths if lengths is not None else (_length(glued_a), _length(glued_b))
    short = np.minimum(length_a, length_b)
    slip = _similarity(glued_a, glued_b, OSA.distance) <= 1
    # two letters swapped in a short name (hugo / hogu, kaur / kuar): not another name, as one changed is
    swap = (short == 4) & slip & (_similarity(glued_a, glued_b, Levenshtein.distance) == 2)
    return (similarity >= 0.92) | ((short >= 5) & slip) | swap


def _gendered(a: np.ndarray, b: np.ndarray, close: np.ndarray) -> np.ndarray:
    """:func:`gendered_pair` of the ``close`` pairs (the others are apart anyway), once per distinct pair."""
    maybe = np.flatnonzero(close & (a != b))
    table = {pair: gendered_pair(*pair) for pair in set(zip(a[maybe], b[maybe], strict=True))}
    gendered = np.zeros(len(a), dtype=bool)
    gendered[maybe] = [table[pair] for pair in zip(a[maybe], b[maybe], strict=True)]
    return gendered


def _name_levels(
    a: np.ndarray,
    b: np.ndarray,
    similarity: np.ndarray,
    *,
    first: bool,
    sound: np.ndarray | None = None,
    glued: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Levels of two name keys; the same without spaces is the same (``le gall`` / ``legall``). For first
    names, sounding the same (``sophie`` / ``sofie``) is a typo too, and a nickname (``cathy`` / ``catherine``,
    :func:`~grc_toolkit.dedupe.nicknames.same_given_name`) is close, as a compound shortened is; but never two
    names that differ by a gender-marking ending (:func:`gendered_pair`)."""
    missing = (a == "") | (b == "")
    if glued is None:  # ``glued``: both names without spaces and their lengths, when already known
        glued_a, glued_b = _glued(a), _glued(b)
        lengths = None
    else:
        glued_a, glued_b, lengths = glued[0], glued[1], (glued[2], glued[3])
    same = glued_a == glued_b
    inside = _inside(a, b)
    typo = _typo(glued_a, glued_b, similarity, lengths)
    if first:
        if sound is not None:
            typo |= sound
        nickname = same_given_name(a, b)
        gendered = _gendered(a, b, typo | inside | nickname)
        typo &= ~gendered
        levels = np.select([same, inside | (nickname & ~gendered), typo], [3, 2, 1], 0)
    else:
        levels = np.select([same, inside | typo, similarity >= 0.85], [3, 2, 1], 0)
    return np.where(missing, -1, levels).astype(np.int8)


def _organisation_levels(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Levels of two organisation keys: 2 the same key, 1 close (token-set ratio >= 0.85: one name's words
    in the other's, ``ymca north lawndale`` / ``ymca metropolitan chicago north lawndale``, or a word
    mistyped), 0 different, -1 blank on one side."""
    levels = np.full(len(a), -1, dtype=np.int8)
    both = np.flatnonzero((a != "") & (b != ""))
    if not len(both):  # most visitors' files name no organisation: nothing to compare
        return levels
    a, b = a[both], b[both]
    close = _similarity(a, b, fuzz.token_set_ratio) >= 85
    levels[both] = np.select([a == b, close], [2, 1], 0)
    return levels


def person_and_organisation(records: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """One record is an organisation without a person's name, the other a person (a first name at least)
    with no organisation: a hotel and a visitor, never one record."""
    last, first = records["last"].to_numpy(dtype=object), records["first"].to_numpy(dtype=object)
    organisation = records["organisation"].to_numpy(dtype=object)
    site = (organisation != "") & (last == "") & (first == "")
    person = (first != "") & (organisation == "")
    return (site[left] & person[right]) | (person[left] & site[right])


def _exact_levels(a: np.ndarray, b: np.ndarray, close: np.ndarray, top: int) -> np.ndarray:
    missing = (a == "") | (b == "")
    levels = np.select([a == b, close], [top, top - 1], 0)
    return np.where(missing, -1, levels).astype(np.int8)


def _digits(values: np.ndarray) -> np.ndarray:
    """The digits of each value, in order (``samson10`` -> ``10``)."""
    return np.array(["".join(filter(str.isdigit, value)) for value in values], dtype=object)


def _name_only_local(local: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Local parts that only spell the person's name (``michel.faivre``, ``mfaivre``, ``faivremichel``): any
    namesake would pick them, so the same one at another provider says nothing the names did not.

    Examples:
        >>> local = np.array(["michelfaivre", "mfaivre", "faivre72", "jpdupont"], dtype=object)
        >>> first = np.array(["michel", "michel", "michel", "jean pierre"], dtype=object)
        >>> _name_only_local(local, first, np.array(["faivre", "faivre", "faivre", "dupont"], dtype=object)).tolist()
        [True, True, False, False]
    """
    spelt = []
    for key, given, surname in zip(local, first, last, strict=True):
        given, surname = given.replace(" ", "").replace("-", ""), surname.replace(" ", "").replace("-", "")
        forms = {given + surname, surname + given} if given and surname else set()
        if given and surname:
            forms |= {given[0] + surname, surname + given[0]}
        spelt.append(key in forms)
    return np.array(spelt, dtype=bool)


#: Pairs compared at a time by :func:`compare_in_chunks`: the progress display moves, and the similarity arrays
#: of ten million candidate pairs are never all held at once (each chunk costs ~0.05 s more at 100,000 records).
COMPARE_CHUNK = 250_000


def compare_in_chunks(
    records: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, chunk: int = COMPARE_CHUNK
) -> pd.DataFrame:
    """:func:`compare` of ``chunk`` pairs at a time, put end to end (each pair's levels read its two records
    only), reporting progress after each."""
    if len(left) <= chunk:
        levels = compare(records, left, right)
        report(1, 1)
        return levels
    parts, columns = [], _Columns(records)
    for start in range(0, len(left), chunk):
        parts.append(compare(records, left[start : start + chunk], right[start : start + chunk], columns=columns))
        report(min(start + chunk, len(left)), len(left))
    return pd.concat(parts, ignore_index=True)


def compare(
    records: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, columns: _Columns | None = None
) -> pd.DataFrame:
    """Comparison levels of each pair (rows ``left[i]``, ``right[i]`` of ``records``), plus ``swapped``
    (``columns``: ``records``' columns as :class:`_Columns` made them for an earlier call, if any)."""
    col = _Columns(records) if columns is None else columns
    sides = _Sides(left, right)
    la, lb, fa, fb = col["last"][left], col["last"][right], col["first"][left], col["first"][right]
    straight = _similarity(col["last_core"][left], col["last_core"][right]), _similarity(fa, fb)
    crossed = _similarity(la, fb), _similarity(fa, lb)
    # names crossed between the columns, typos included (``moore osacar`` / ``oscar moore``), or one name
    # written in the other's column while the other is blank (``thomson`` / ``holly thomson``)
    lone = (((fa == "") | (lb == "")) & (crossed[0] >= 0.92)) | (((la == "") | (fb == "")) & (crossed[1] >= 0.92))
    crossed_close = ((crossed[0] >= 0.88) & (crossed[1] >= 0.88)) | lone
    swapped = crossed_close & (crossed[0] + crossed[1] > straight[0] + straight[1] + 0.3)
    last_b, first_b = np.where(swapped, fb, lb), np.where(swapped, lb, fb)
    last_sim, first_sim = np.where(swapped, crossed[0], straight[0]), np.where(swapped, crossed[1], straight[1])
    ea, eb = col["email"][left], col["email"][right]
    local_a, local_b = col["email_local"][left], col["email_local"][right]
    same_local = (local_a == local_b) & (sides.left(col["email_local"], _length) >= 5)
    same_local[same_local] = ~_name_only_local(local_a[same_local], fa[same_local], la[same_local])
    # a typo in an address (``hotmial``, a letter dropped) keeps its digits: ``samson10`` and ``samson53``,
    # or ``pottier`` and ``pottier75``, are two namesakes' mailboxes, however alike
    digits_a, digits_b = sides.both(col["email_local"], _digits)
    email_close = same_local | ((_similarity(ea, eb) >= 0.95) & (digits_a == digits_b))
    pa, pb = col["phone"][left], col["phone"][right]
    phone_length_a, phone_length_b = sides.both(col["phone"], _length)
    phone_end_a, phone_end_b = sides.both(col["phone"], lambda values: _right(values, 8))
    phone_close = (phone_length_a >= 8) & (phone_length_b >= 8) & (phone_end_a == phone_end_b)
    # every number of one against every number of the other (a mobile in the landline column)
    shared_phone = None
    if "phones" in col:
        several_a, several_b = sides.both(col["phones"], lambda values: np.char.find(values.astype(str), " ") >= 0)
        shared_phone = _share_a_word(col["phones"][left], col["phones"][right], several_a | several_b)
    ca, cb = col["postal_code"][left], col["postal_code"][right]
    aa, ab = col["address"][left], col["address"][right]
    # words in another order ("rue de la paix 12") or a lost space ("wilshiredstreet"): take the better
    glued_a, glued_b = sides.both(col["address"], _glued)
    address_similarity = (
        np.maximum(_similarity(aa, ab, fuzz.token_sort_ratio), _similarity(glued_a, glued_b, fuzz.ratio)) / 100
    )
    # a street type or a floor left out ("1401 s hamlin" / "1401 s hamlin avenue"): one house, said shorter
    address_similarity = np.where(_shorter_address(aa, ab), np.maximum(address_similarity, 0.8), address_similarity)
    sound_a = col["first_phonetic"][left]
    sound_b = np.where(swapped, col["last_phonetic"][right], col["first_phonetic"][right])
    ia, ib = col["personal_id"][left], col["personal_id"][right]
    number_a, number_b = sides.both(col["address"], _house_numbers)
    # both addresses carry a house number and the numbers differ (31 / 43 avenue Pottier, rue de la Loi 23 /
    # rue de la Loi 111: neighbours)
    other_numbers = (number_a != "") & (number_b != "") & (number_a != number_b)
    levels = {
        "personal_id": _exact_levels(ia, ib, _similarity(ia, ib, OSA.distance) <= 1, 2),
        "birth_date": _birth_levels(col["birth_date"][left], col["birth_date"][right]),
        "last": _name_levels(la, last_b, last_sim, first=False, glued=_glued_names(sides, col, "last", swapped)),
        "first": _name_levels(
            fa,
            first_b,
            first_sim,
            first=True,
            sound=(sound_a == sound_b) & (sound_a != ""),
            glued=_glued_names(sides, col, "first", swapped),
        ),
        "civility": _exact_levels(col["civility"][left], col["civility"][right], np.zeros(len(left), bool), 1),
        "email": _exact_levels(ea, eb, email_close, 2),
        "phone": _exact_levels(pa, pb, phone_close, 2)
        if shared_phone is None
        else np.where(shared_phone, 2, _exact_levels(pa, pb, phone_close, 2)).astype(np.int8),
        "postal_code": _exact_levels(ca, cb, _equal(*sides.both(col["postal_code"], lambda v: _left(v, 2))), 2),
        "address": np.where(
            (aa == "") | (ab == ""),
            -1,
            np.where(other_numbers, 0, np.select([address_similarity >= 0.95, address_similarity >= 0.8], [2, 1], 0)),
        ).astype(np.int8),
        "organisation": _organisation_levels(col["organisation"][left], col["organisation"][right]),
    }
    if "last_other" in col:  # a maiden or married name meets the name in use (DUPONT née MARTIN / MARTIN)
        levels["last"] = _other_surname_levels(
            levels["last"], col["last_other"][left], col["last_other"][right], la, last_b
        )
    frame = pd.DataFrame(levels)
    frame["swapped"] = swapped
    # one street, two house numbers (12 and 48 rue de la Paix): two homes, however alike the rest
    frame["other_number"] = (frame["address"].to_numpy() == 0) & other_numbers & (address_similarity >= 0.8)
    year_a, year_b = sides.both(col["birth_date"], _years)
    gap = np.abs(year_a - year_b)
    frame["birth_gap"] = np.where(np.isnan(gap), -1, gap).astype(np.int16)
    counts = _name_counts(records, "first")
    # a gender-marking ending is no typo, however rare the spelling (rules read this for rare typos), nor are
    # two names the nickname table knows apart (Christophe / Christine)
    apart = _gendered(fa, first_b, first_sim >= 0.8) | distinct_given_names(fa, first_b)
    frame["first_similarity"] = np.where(apart, 0.0, first_sim)
    # a spelling seen once or twice in the file is more likely a typo than another person's name
    frame["first_rare"] = np.minimum(counts[left], counts[right]) <= 2
    for name in ("last", "first", "organisation"):
        frame[f"{name}_frequency"] = _name_counts(records, name)[left] / max(len(records), 1)
    frame["person_and_organisation"] = person_and_organisation(records, left, right)
    # organisations' names sharing a word few of the file's carry (``el valor kiddy kare`` / ``kkp kiddy kare``)
    frame["organisation_word"] = _words_in_common(_column_or_blank(records, "organisation_rare", left),
                                               _column_or_blank(records, "organisation_rare", right))  # fmt: skip
    # two towns: postcodes of two départements, or (one postcode missing) two towns' names far apart
    towns_apart = _similarity(col["city"][left], col["city"][right]) < 0.85
    no_postcode = (ca == "") | (cb == "")
    frame["other_place"] = (levels["postal_code"] == 0) | (
        no_postcode & (col["city"][left] != "") & (col["city"][right] != "") & towns_apart
    )
    # one house number on both sides ("8601 s state st" / "8601 south state street"): maybe one place
    frame["same_number"] = (number_a != "") & (number_a == number_b)
    return frame


class _Sides:
    """The records of a batch of pairs, each once: what depends on one record alone (a name without spaces,
    the digits of a mailbox, a house number) is computed per record, then read by both sides of every pair
    (876,778 candidate pairs at 100k rows touch fewer than 100,000 records)."""

    def __init__(self, left: np.ndarray, right: np.ndarray) -> None:
        both = np.concatenate([np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)])
        self.rows, inverse = np.unique(both, return_inverse=True)
        self.at_left, self.at_right = inverse[: len(left)], inverse[len(left) :]

    def both(self, values: np.ndarray, derive: Any) -> tuple[np.ndarray, np.ndarray]:
        """``derive`` of each record's value (``values``: per record of the file), for the left and right sides."""
        derived = np.asarray(derive(values[self.rows]))
        return derived[self.at_left], derived[self.at_right]

    def left(self, values: np.ndarray, derive: Any) -> np.ndarray:
        return self.both(values, derive)[0]


def _glued_names(
    sides: _Sides, col: dict[str, np.ndarray], name: str, swapped: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A name of each side without spaces and its length; the right side's from the other column where the
    pair's names are swapped (the names :func:`compare` gives :func:`_name_levels`)."""
    other = "first" if name == "last" else "last"
    glued_a, glued_b = sides.both(col[name], _glued)
    crossed = sides.both(col[other], _glued)[1]
    length_a, length_b = sides.both(col[name], lambda values: _length(_glued(values)))
    crossed_length = sides.both(col[other], lambda values: _length(_glued(values)))[1]
    return (
        glued_a,
        np.where(swapped, crossed, glued_b),
        length_a,
        np.where(swapped, crossed_length, length_b),
    )


def _equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a == b


def _house_numbers(values: np.ndarray) -> np.ndarray:
    return np.array([house_number(value) for value in values], dtype=object)


def _years(values: np.ndarray) -> np.ndarray:
    """The year of each birth date (``YYYYMMDD``), NaN when unknown."""
    return pd.to_numeric(pd.Series(_left(values, 4), dtype=object), errors="coerce").to_numpy(dtype=float)


class _Columns(dict[str, np.ndarray]):
    """A record column as an object array (a fixed-width unicode array would take the longest value's width
    for every pair), made when first read: a few calls of :func:`compare` on small batches do not convert the
    columns they never read."""

    def __init__(self, records: pd.DataFrame) -> None:
        super().__init__()
        self.records = records

    def __missing__(self, name: str) -> np.ndarray:
        values = self[name] = self.records[name].to_numpy(dtype=object)
        return values

    def __contains__(self, name: object) -> bool:
        return name in self.records.columns


def _name_counts(records: pd.DataFrame, name: str) -> np.ndarray:
    """How many records carry each record's name (``last_count`` / ``first_count``, counted once by
    :func:`~grc_toolkit.dedupe.records.prepare_records`: ``compare`` also runs on small batches while
    grouping, and recounting a million names each time would be quadratic)."""
    column = f"{name}_count"
    if column in records:
        return records[column].to_numpy()
    return records[name].map(records[name].value_counts()).to_numpy()


def _birth_levels(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """2 same date, 1 one digit off or day and month swapped (``1980-03-12`` / ``1980-12-03``) or both on
    1 January of one year (a year alone, as registers write it), 0 other.

    Compared on digits, so a date the cleaner could not read (``19841905``) is still compared.
    """
    levels_out = np.full(len(a), -1, dtype=np.int8)
    both = np.flatnonzero((a != "") & (b != ""))
    if not len(both):  # most tourism files have no birth date: nothing to compare
        return levels_out
    a, b = a[both], b[both]
    digits_a = pd.Series(a, dtype=object).str.replace(r"\D", "", regex=True).to_numpy(dtype=object)
    digits_b = pd.Series(b, dtype=object).str.replace(r"\D", "", regex=True).to_numpy(dtype=object)
    missing = (_length(digits_a) != 8) | (_length(digits_b) != 8)
    # a transposition is one slip of the fingers (1985 / 1958), as a changed digit is
    distance = np.asarray(process.cpdist(digits_a, digits_b, scorer=OSA.distance, workers=-1))
    swapped = (
        (_left(digits_a, 4) == _left(digits_b, 4))
        & (_slice(digits_a, 4, 6) == _slice(digits_b, 6, 8))
        & (_slice(digits_a, 6, 8) == _slice(digits_b, 4, 6))
    )
    # a two-digit year read in the wrong century (85 -> 2085 or 1885): same day, years 100 apart
    century = (_slice(digits_a, 2, 8) == _slice(digits_b, 2, 8)) & (_left(digits_a, 2) != _left(digits_b, 2))
    # 1 January is where many registers and CRMs put a birth known only by its year: the same year, no more
    placeholder = (_slice(digits_a, 4, 8) == "0101") & (_slice(digits_b, 4, 8) == "0101")
    same = (digits_a == digits_b) & ~placeholder
    levels = np.select([same, (distance <= 1) | swapped | century | (digits_a == digits_b)], [2, 1], 0)
    levels_out[both] = np.where(missing, -1, levels)
    return levels_out


def _birth_gap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Years between two birth dates (``YYYYMMDD``), -1 when either is unknown: a parent and a child of
    one name are a generation apart."""
    year_a = pd.to_numeric(pd.Series(_left(a, 4), dtype=object), errors="coerce").to_numpy(dtype=float)
    year_b = pd.to_numeric(pd.Series(_left(b, 4), dtype=object), errors="coerce").to_numpy(dtype=float)
    gap = np.abs(year_a - year_b)
    return np.where(np.isnan(gap), -1, gap).astype(np.int16)


def _length(values: np.ndarray) -> np.ndarray:
    return pd.Series(values, dtype=object).str.len().to_numpy()


def _share_a_word(a: np.ndarray, b: np.ndarray, lists: np.ndarray | None = None) -> np.ndarray:
    """Per pair, whether two space-separated lists (a record's phone numbers) have an item in common;
    ``lists``: the pairs where either side holds several items, when known."""
    shared = np.zeros(len(a), dtype=bool)
    if lists is None:
        lists = pd.Series(a, dtype=object).str.contains(" ").to_numpy(dtype=bool) | pd.Series(
            b, dtype=object
        ).str.contains(" ").to_numpy(dtype=bool)
    several = np.flatnonzero(lists)
    shared[several] = [bool(set(a[i].split()) & set(b[i].split())) for i in several]
    return shared


def _other_surname_levels(
    levels: np.ndarray, other_a: np.ndarray, other_b: np.ndarray, last_a: np.ndarray, last_b: np.ndarray
) -> np.ndarray:
    """The better of the last names' level and those of a maiden or married name against the other's names."""
    has = np.flatnonzero((other_a != "") | (other_b != ""))
    if not len(has):
        return levels
    best = levels.copy()
    for x, y in ((other_a, last_b), (last_a, other_b), (other_a, other_b)):
        xs, ys = x[has], y[has]
        best[has] = np.maximum(best[has], _name_levels(xs, ys, _similarity(xs, ys), first=False))
    return best


def house_number(address: str) -> str:
    """The house number of an address key: in front as in France, else at the end as in Belgium or Germany.

    Examples:
        >>> house_number("12bis av foch"), house_number("rue de la loi 111"), house_number("rue neuve")
        ('12bis', '111', '')
    """
    words = address.split()
    if words and words[0][:1].isdigit():
        return words[0]
    if len(words) > 1 and words[-1][:1].isdigit():
        return words[-1]
    return ""


def _shorter_address(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One address's words (three at least, a house number first) all in the other's, which starts with the same
    number: ``1401 s hamlin`` / ``1401 s hamlin avenue``, ``12 foch`` is too short to say so.

    Examples:
        >>> _shorter_address(np.array(["1401 s hamlin", "12 foch", "rue neuve x"]),
        ...                  np.array(["1401 s hamlin avenue", "12 av foch", "rue neuve x y"])).tolist()
        [True, False, False]
    """
    inside = _inside(a, b)
    maybe = np.flatnonzero(inside)
    shorter = np.zeros(len(a), dtype=bool)
    shorter[maybe] = [
        min(len(x.split()), len(y.split())) >= 3 and house_number(x) != "" and house_number(x) == house_number(y)
        for x, y in zip(a[maybe], b[maybe], strict=True)
    ]
    return shorter


def _column_or_blank(records: pd.DataFrame, name: str, rows: np.ndarray) -> np.ndarray:
    if name not in records:
        return np.full(len(rows), "", dtype=object)
    return records[name].to_numpy(dtype=object)[rows]


def _words_in_common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two space-separated word lists (blank or not) with a word in common."""
    shared = np.zeros(len(a), dtype=bool)
    maybe = np.flatnonzero((a != "") & (b != ""))
    shared[maybe] = [not set(x.split()).isdisjoint(y.split()) for x, y in zip(a[maybe], b[maybe], strict=True)]
    return shared


def _same_numbers(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Both addresses carry a house number, the same."""
    numbers = {value: house_number(value) for value in {*a, *b}}
    number_a = pd.Series(a, dtype=object).map(numbers).to_numpy(dtype=object)
    number_b = pd.Series(b, dtype=object).map(numbers).to_numpy(dtype=object)
    return (number_a != "") & (number_a == number_b)


def _other_numbers(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Both addresses carry a house number and the numbers differ (31 / 43 avenue Pottier, rue de la Loi 23 /
    rue de la Loi 111: neighbours)."""
    numbers = {value: house_number(value) for value in {*a, *b}}
    number_a = pd.Series(a, dtype=object).map(numbers).to_numpy(dtype=object)
    number_b = pd.Series(b, dtype=object).map(numbers).to_numpy(dtype=object)
    return (number_a != "") & (number_b != "") & (number_a != number_b)


def _slice(values: np.ndarray, start: int, stop: int) -> np.ndarray:
    return pd.Series(values, dtype=object).str.slice(start, stop).to_numpy(dtype=object)


def _left(values: np.ndarray, size: int) -> np.ndarray:
    return pd.Series(values, dtype=object).str.slice(0, size).to_numpy(dtype=object)


def _right(values: np.ndarray, size: int) -> np.ndarray:
    return pd.Series(values, dtype=object).str.slice(-size).to_numpy(dtype=object)
