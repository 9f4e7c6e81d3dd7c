"""The columns and formats Brevo and Mailchimp document for a contact import, from the people grc exports.

Brevo ("Format your contact import file", help.brevo.com article 208729849; the contacts API,
developers.brevo.com/reference/create-contact): ``EMAIL``, ``FIRSTNAME``, ``LASTNAME``, ``SMS`` (a mobile number
with its country code: the API accepts ``+33612345678``, ``33612345678`` or ``0033612345678``; the help asks for
the ``+`` sign and the country code, the digits not separated, which is E.164), ``LANDLINE_NUMBER`` (the same
format), ``EXT_ID`` (your own identifier of the contact). ``EMAIL``, ``SMS``, ``LANDLINE_NUMBER`` and ``EXT_ID``
identify a contact: Brevo refuses a number or an identifier another contact already holds, so a shared
landline or mobile (a household) goes with the first person only. Other columns become attributes, created at
the import's mapping step; dates are written ``AAAA-MM-JJ``.

Mailchimp ("Format guidelines for your import file", mailchimp.com/help): ``Email Address`` (required; no
international character before the ``@``), text fields of at most 255 bytes (clipped beyond: grc clips them
itself, on a character, and counts them), ``Birthday`` as ``MM/DD``, dates ISO ``AAAA-MM-JJ``, countries as ISO
3166 alpha-2 codes (``GB``, not ``UK``). Mailchimp blocks role addresses (``admin@``, ``noreply@``...) at import:
:mod:`grc_toolkit.export` leaves them out before.

Every frame here is data: text cells, one row per exported person, in the order given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from grc_toolkit.cleaners.base import as_text, first_filled
from grc_toolkit.cleaners.phones import e164_line
from grc_toolkit.mapping import ColumnMapping

#: Where each export can go: two platforms, or the cleaned contacts for a partner.
PRESETS = ("brevo", "mailchimp", "csv", "xlsx")
PLATFORMS = ("brevo", "mailchimp")
#: Mailchimp clips a text field beyond this many bytes (UTF-8).
MAILCHIMP_TEXT_BYTES = 255

#: Brevo's columns after its identifiers: attribute -> field of :func:`grc_toolkit.people.people`.
BREVO_ATTRIBUTES = {
    "CIVILITY": "civility",
    "COMPANY": "organisation",
    "POSTCODE": "postal_code",
    "CITY": "city",
    "COUNTRY": "country_code",
    "LANGUAGE": "language",
    "LAST_CONTACT": "last_contact",
    "SOURCE": "source",
}
#: Mailchimp's fields after email, names and phone: field name -> field of :func:`grc_toolkit.people.people`.
MAILCHIMP_FIELDS = {
    "Title": "civility",
    "Company": "organisation",
    "Postal Code": "postal_code",
    "City": "city",
    "Country": "country_code",
    "Language": "language",
    "Last Contact": "last_contact",
    "Birthday": "birth_date",
    "Source": "source",
}


@dataclass(frozen=True)
class PresetFrame:
    """A platform's import file (``frame``) and what was changed in single fields to fit it, as counts by code:
    ``sms.not_mobile`` (a landline typed as the person's number: in ``LANDLINE_NUMBER``, not ``SMS``),
    ``phone.invalid`` (a number that is not valid anywhere, left out), ``sms.duplicate``,
    ``landline.duplicate``, ``ext_id.duplicate`` (held by an earlier person: left blank), ``text.clipped``."""

    frame: pd.DataFrame
    adjustments: dict[str, int]


@dataclass(frozen=True)
class Phones:
    """Each person's best mobile and best other number (E.164, "" when none), and who had only invalid ones."""

    mobile: pd.Series
    landline: pd.Series
    invalid: pd.Series  # bool: a number was given, none of them valid
    not_mobile: pd.Series  # bool: a number was given in a mobile or general phone column, none a mobile


def phones(data: pd.DataFrame, mapping: ColumnMapping) -> Phones:
    """The numbers of each row of ``data`` (merged records): the first mobile of the mobile, phone and landline
    columns in that order, the first other valid number of the landline, phone and mobile columns."""
    index = data.index
    kinds = {field: [_lines(as_text(data[c])) for c in mapping.columns_of(field) if c in data]
             for field in ("mobile", "phone", "landline")}  # fmt: skip
    mobiles = [number.where(kind == "mobile", "") for field in ("mobile", "phone", "landline")
               for number, kind in kinds[field]]  # fmt: skip
    others = [number.where((kind != "mobile") & (kind != ""), "") for field in ("landline", "phone", "mobile")
              for number, kind in kinds[field]]  # fmt: skip
    given = [as_text(data[c]).str.strip() != "" for f in ("mobile", "phone", "landline") for c in mapping.columns_of(f)]
    valid = [kind != "" for field in kinds for _, kind in kinds[field]]
    nothing = pd.Series(False, index=index)
    any_given = _any(given, nothing)
    any_valid = _any(valid, nothing)
    mobile = first_filled(mobiles, index)
    typed_as_mobile = _any([kind != "" for field in ("mobile", "phone") for _, kind in kinds[field]], nothing)
    return Phones(
        mobile=mobile,
        landline=first_filled(others, index),
        invalid=any_given & ~any_valid,
        not_mobile=typed_as_mobile & (mobile == ""),
    )


def brevo(people: pd.DataFrame, emails: pd.Series, numbers: Phones, present: frozenset[str]) -> PresetFrame:
    """Brevo's import file for ``people`` (rows of :func:`grc_toolkit.people.people`, already chosen), their
    checked ``emails`` and :func:`phones` (same index)."""
    sms, sms_taken = _first_holder(numbers.mobile)
    landline, landline_taken = _first_holder(numbers.landline)
    ext_id, ids_taken = _first_holder(people["record_id"])
    frame = pd.DataFrame(
        {
            "EMAIL": emails,
            "FIRSTNAME": people["first_name"],
            "LASTNAME": people["last_name"],
            "SMS": sms,
            "LANDLINE_NUMBER": landline,
            "EXT_ID": ext_id,
        },
        index=people.index,
    )
    for name, field in BREVO_ATTRIBUTES.items():
        if field in present:
            frame[name] = _text(people, field)
    adjustments = {
        "sms.not_mobile": int(numbers.not_mobile.sum()),
        "phone.invalid": int(numbers.invalid.sum()),
        "sms.duplicate": sms_taken,
        "landline.duplicate": landline_taken,
        "ext_id.duplicate": ids_taken,
    }
    return PresetFrame(frame.reset_index(drop=True), adjustments)


def mailchimp(people: pd.DataFrame, emails: pd.Series, numbers: Phones, present: frozenset[str]) -> PresetFrame:
    """Mailchimp's import file: email, names, one phone (a mobile first), then the fields the file has, every
    text within 255 bytes."""
    frame = pd.DataFrame(
        {
            "Email Address": emails,
            "First Name": people["first_name"],
            "Last Name": people["last_name"],
            "Phone Number": numbers.mobile.where(numbers.mobile != "", numbers.landline),
        },
        index=people.index,
    )
    for name, field in MAILCHIMP_FIELDS.items():
        if field in present:
            frame[name] = birthdays(people[field]) if field == "birth_date" else _text(people, field)
    clipped = 0
    for column in frame.columns:
        frame[column], count = clip_bytes(frame[column], MAILCHIMP_TEXT_BYTES)
        clipped += count
    adjustments = {"phone.invalid": int(numbers.invalid.sum()), "text.clipped": clipped}
    return PresetFrame(frame.reset_index(drop=True), adjustments)


def birthdays(dates: pd.Series) -> pd.Series:
    """``1984-07-21`` -> ``07/21`` (Mailchimp's ``Birthday``, month first); "" for anything else.

    Examples:
        >>> birthdays(pd.Series(["1984-07-21", "", "21/07/1984"])).tolist()
        ['07/21', '', '']
    """
    iso = dates.fillna("").astype(str).str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    return (dates.str.slice(5, 7) + "/" + dates.str.slice(8, 10)).where(iso, "").astype(object)


def clip_bytes(values: pd.Series, limit: int) -> tuple[pd.Series, int]:
    """Each text cut to at most ``limit`` bytes of UTF-8, on a whole character; and how many were cut.

    Examples:
        >>> clip_bytes(pd.Series(["Zoé", "ab", "é" * 3]), 4)[0].tolist(), clip_bytes(pd.Series(["é" * 3]), 4)[1]
        (['Zoé', 'ab', 'éé'], 1)
    """
    text = values.fillna("").astype(str)
    sizes = text.map({value: len(value.encode("utf-8")) for value in text.unique()})
    long = sizes > limit
    if not long.any():
        return text, 0
    cut = text[long].map(lambda value: value.encode("utf-8")[:limit].decode("utf-8", errors="ignore"))
    return text.where(~long, cut), int(long.sum())


def _lines(numbers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(E.164 number, line type) of each cell, "" where it holds no valid number; once per distinct value."""
    found = {value: e164_line(value) for value in numbers.unique()}
    number = numbers.map({value: line[0] for value, line in found.items()}).astype(object)
    kind = numbers.map({value: line[1] for value, line in found.items()}).astype(object)
    return number, kind


def _first_holder(values: pd.Series) -> tuple[pd.Series, int]:
    """``values`` with a value another row already holds blanked (the first keeps it), and how many were."""
    taken = values.duplicated(keep="first") & (values != "")
    return values.where(~taken, ""), int(taken.sum())


def _any(parts: Sequence[pd.Series], nothing: pd.Series) -> pd.Series:
    found = nothing.copy()
    for part in parts:
        found = found | part.to_numpy()
    return found


def _text(people: pd.DataFrame, field: str) -> pd.Series:
    if field == "last_contact":
        return people[field].dt.strftime("%Y-%m-%d").fillna("").astype(object)
    return people[field].fillna("").astype(str)


__all__ = [
    "BREVO_ATTRIBUTES",
    "MAILCHIMP_FIELDS",
    "MAILCHIMP_TEXT_BYTES",
    "PLATFORMS",
    "PRESETS",
    "PresetFrame",
    "Phones",
    "birthdays",
    "brevo",
    "clip_bytes",
    "mailchimp",
    "phones",
]
