"""Phone numbers: read the many ways offices type them, write them in one format.

The parsing itself is done by ``phonenumbers``; this module only prepares what it receives
(text around the number, several numbers in one cell, Excel's scientific notation, lost
leading zeros) and routes French overseas numbers, which the French metadata alone reads wrong.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import NamedTuple

import pandas as pd
import phonenumbers
from phonenumbers import (
    CountryCodeSource,
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberType,
)

from grc_toolkit.cleaners.base import (
    Outcome,
    as_text,
    define_reasons,
    invalid,
    join_reasons,
    map_distinct_with,
    outcome,
)
from grc_toolkit.cleaners.text import fix_text
from grc_toolkit.errors import ConfigError
from grc_toolkit.results import FieldResult

define_reasons(
    {
        "phone.formatted": ("numéro remis au format standard", "number rewritten in the standard format"),
        "phone.leading_zero": ("zéro initial rétabli", "lost leading zero restored"),
        "phone.country_code": ("indicatif pays reconnu", "country calling code recognised"),
        "phone.excel": ("nombre abîmé par Excel réparé", "number mangled by Excel repaired"),
        "phone.excel_doubtful": (
            "nombre abîmé par Excel réparé, deux derniers chiffres à vérifier",
            "number mangled by Excel repaired, check its last two digits",
        ),
        "phone.excel_rounded": (
            "chiffres perdus par Excel (notation scientifique)",
            "digits lost by Excel (scientific notation)",
        ),
        "phone.extra_text": ("texte autour du numéro retiré", "text around the number removed"),
        "phone.multiple": ("plusieurs numéros : le premier est gardé", "several numbers: the first is kept"),
        "phone.overseas": ("numéro d'outre-mer reconnu", "French overseas number recognised"),
        "phone.region_fallback": (
            "numéro lu avec le pays par défaut",
            "number read with the default country",
        ),
        "phone.read_as_french": (
            "numéro au format français, invalide dans le pays de la ligne : lu comme français",
            "French-style number, not valid in the row's country: read as French",
        ),
        "phone.placeholder": ("faux numéro retiré", "fake placeholder number removed"),
        "phone.invalid": ("numéro de téléphone invalide", "invalid phone number"),
        "phone.unallocated": (
            "numéro hors des plages attribuées : à vérifier",
            "number outside the allocated ranges: check it",
        ),
    }
)

_FORMATS = {
    "e164": PhoneNumberFormat.E164,
    "international": PhoneNumberFormat.INTERNATIONAL,
    "national": PhoneNumberFormat.NATIONAL,
}
#: Output formats accepted by :func:`clean_phones` (and by ``phone_format`` in the options).
PHONE_FORMATS = tuple(_FORMATS)

#: Regions that share the French ten-digit national plan (0596..., 0262..., 06...).
FRENCH_PLAN = frozenset({"FR", "GP", "BL", "MF", "MQ", "GF", "RE", "YT"})

#: National prefix -> region, for overseas numbers the French metadata would read as mainland.
OVERSEAS_PREFIXES = {
    "0590": "GP", "0690": "GP", "0691": "GP",
    "0596": "MQ", "0696": "MQ", "0697": "MQ",
    "0594": "GF", "0694": "GF",
    "0262": "RE", "0263": "RE", "0692": "RE", "0693": "RE",
    "0269": "YT", "0639": "YT",
}  # fmt: skip

_LINE_TYPES = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "fixe",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.UNKNOWN: "",
}

_FRENCH_CODES = frozenset({33, 590, 594, 596, 262})
_OVERSEAS_CODES = {"GP": 590, "MQ": 596, "GF": 594, "RE": 262, "YT": 262}
_SUPPORTED_REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)
_SPLIT = re.compile(r"\s*[;|,\n]\s*|\s+(?:/|-|–|ou|or|et|and)\s+|\s*//\s*", re.IGNORECASE)
_SOFT_SPLIT = re.compile(r"[/\-]")
_EXCEL = re.compile(r"^(\d+)(?:[.,](\d+))?(?:[eE]\+?(\d+))?$")
_SPAN = re.compile(r"\+?[\d(][\d\s.\-/()]*\d")
_TRUNK_IN_PARENS = re.compile(r"\(\s*0\s*\)")
_NOISE = re.compile(r"[\s:.\-()/]+")
_MIN_DIGITS = 6
_FRENCH_NATIONAL = re.compile(r"0[1-9]\d{8}")  # ten digits as the French plan writes them nationally
_NON_DIGITS = re.compile(r"\D+")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


class _Parsed(NamedTuple):
    """One number found in a cell: where it was, what phonenumbers made of it, which rules applied."""

    piece: str
    span: str
    number: PhoneNumber | None
    reasons: tuple[str, ...]
    valid: bool
    placeholder: bool
    plausible: bool = False  # well formed (international, or French ten digits) though maybe unallocated

    @property
    def formattable(self) -> bool:
        return self.number is not None and self.plausible and not self.placeholder


def clean_phones(
    series: pd.Series,
    *,
    country: pd.Series | None = None,
    region: str = "FR",
    phone_format: str = "e164",
) -> FieldResult:
    """Clean phone numbers; ``country`` (ISO alpha-2 per row, "" if unknown) overrides ``region``.

    Extras: ``line_type`` (mobile / fixe / voip / autre), ``phone_country`` (region of the
    number, e.g. "MQ"), ``other_phones`` (further numbers of the cell, joined with " ; ").
    ``national`` writes numbers of ``region``'s own plan nationally, the others internationally.

    Examples:
        >>> raw = pd.Series(["06 12 44 56 78", "0696 21 43 65", "+447400123456", "0000000000"])
        >>> result = clean_phones(raw)
        >>> result.values.tolist()
        ['+33612445678', '+596696214365', '+447400123456', '']
        >>> result.status.tolist()
        ['corrected', 'corrected', 'valid', 'invalid']
        >>> result.extra["phone_country"].tolist(), result.extra["line_type"].tolist()
        (['FR', 'MQ', 'GB', ''], ['mobile', 'mobile', 'mobile', ''])
        >>> clean_phones(pd.Series(["612445678"]), phone_format="national").values.tolist()
        ['06 12 44 56 78']
    """
    if phone_format not in _FORMATS:
        raise ConfigError(
            f"Format de téléphone inconnu : {phone_format!r}. Choisir parmi {', '.join(PHONE_FORMATS)}.",
            f"Unknown phone format: {phone_format!r}. Choose one of {', '.join(PHONE_FORMATS)}.",
        )
    default = region.strip().upper()
    if default not in _SUPPORTED_REGIONS:
        raise ConfigError(
            f"Pays par défaut inconnu : {region!r}. Donner un code ISO à deux lettres (FR, BE...).",
            f"Unknown default country: {region!r}. Give a two-letter ISO code (FR, BE...).",
        )
    if country is None:
        regions = pd.Series("", index=series.index, dtype=object)
    else:
        codes = as_text(country).str.strip().str.upper()
        regions = codes.where(codes.isin(_SUPPORTED_REGIONS), "")
    cleaner = _CellCleaner(default, _FORMATS[phone_format])
    known = functools.partial(_french_at_once, default=default) if phone_format == "e164" else None
    return map_distinct_with(
        series, regions, cleaner, extras=("line_type", "phone_country", "other_phones"), known=known
    )


#: The common ways a French number is typed (``06 45 68 76 61``, ``06.45.68.76.61``, ``0645687661``,
#: ``+33 6 45 68 76 61``): read at once by :func:`_french_at_once`, the rest one by one.
#: A mainland French number as offices type it: ``06 12 34 56 78``, ``+33 6…``, ``0033 6…``, ``33 6…`` (the
#: country code without its ``+``), or nine digits whose leading zero a spreadsheet dropped (``612345678``).
_FRENCH_TYPED = re.compile(r"(?P<lead>0|\+33 ?|0033[ .\-]?|33 ?)?[1-9](?:[ .\-]?\d{2}){4}")
#: What the cleaner says of a number written without its trunk zero or without the country code's ``+``.
_LEAD_REASONS = {"": "phone.leading_zero", "33": "phone.country_code"}
#: phonenumbers' own French metadata: the line types in the order ``number_type()`` tries them.
_FR = phonenumbers.PhoneMetadata.metadata_for_region("FR")
assert _FR is not None  # phonenumbers ships France's metadata
_FRENCH_TYPES = tuple(
    (name, desc.national_number_pattern)
    for name, desc in (
        ("", _FR.premium_rate),
        ("", _FR.toll_free),
        ("", _FR.shared_cost),
        ("voip", _FR.voip),
        ("", _FR.personal_number),
        ("", _FR.pager),
        ("", _FR.uan),
        ("", _FR.voicemail),
        ("fixe", _FR.fixed_line),
        ("mobile", _FR.mobile),
    )
    if desc is not None and desc.national_number_pattern and 9 in desc.possible_length
)


def _french_at_once(values: pd.Series, regions: pd.Series, *, default: str) -> dict[str, Outcome]:
    """Outcomes of plainly typed mainland French numbers in E.164, computed for all of them at once with
    phonenumbers' French patterns: what :class:`_CellCleaner` gives them, one pattern match per type instead of
    a parse per number (``tests/cleaners/test_phones.py`` checks both agree). Numbers of another kind (overseas
    prefixes, placeholders, premium rates, a row of another country, Excel damage...) are left to the cleaner."""
    region = regions.where(regions != "", default)
    typed = values.str.fullmatch(_FRENCH_TYPED) & (region == "FR")
    if not typed.any():
        return {}
    values, region = values[typed], region[typed]
    digits = values.str.replace(_NON_DIGITS, "", regex=True)
    national = digits.str[-9:]
    overseas = national.str[:3].isin({prefix[1:] for prefix in OVERSEAS_PREFIXES})
    kind = pd.Series("", index=values.index, dtype=object)
    decided = pd.Series(False, index=values.index)
    for name, pattern in _FRENCH_TYPES:
        hit = ~decided & national.str.fullmatch(pattern)
        kind = kind.where(~hit, name)
        decided |= hit
    fake = national.map(_is_placeholder) | digits.map(lambda d: len(set(d)) == 1)
    keep = ~overseas & (kind != "") & ~fake
    formatted = "+33" + national
    keys = values + "\x1f" + regions[typed]
    leads = values.str.extract(f"^(?:{_FRENCH_TYPED.pattern})$", expand=False).fillna("").str.strip()
    found: dict[str, Outcome] = {}
    for key, value, number, line_type, ok, lead in zip(keys, values, formatted, kind, keep, leads, strict=True):
        if ok:
            said = _LEAD_REASONS.get(lead, "")
            found[key] = outcome(
                value,
                number,
                ",".join(filter(None, (said, "" if number == value else "phone.formatted"))),
                line_type=line_type,
                phone_country="FR",
                other_phones="",
            )
    return found


def e164_line(number: str) -> tuple[str, str]:
    """A cleaned number written with its country code (``+33612345678``, ``+33 6 12 34 56 78``) in E.164 and
    its line type (``mobile``, ``fixe``, ``voip``, ``autre``); ``("", "")`` when it is no valid number: a
    national form (``06 12 34 56 78``) does not say its country, an unallocated range is not valid.

    Examples:
        >>> e164_line("+33612345678"), e164_line("+33 2 98 12 34 56"), e164_line("+596696214365")
        (('+33612345678', 'mobile'), ('+33298123456', 'fixe'), ('+596696214365', 'mobile'))
        >>> e164_line("0612345678"), e164_line("+3361234"), e164_line("")
        (('', ''), ('', ''), ('', ''))
    """
    if not number.strip().startswith("+"):
        return "", ""
    try:
        parsed = phonenumbers.parse(number, None)
    except NumberParseException:
        return "", ""
    info = _describe(parsed)
    if not info.valid:
        return "", ""
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164), info.line_type


class _CellCleaner:
    """Cleans one cell for a default region and an output format (picklable, unlike a closure)."""

    def __init__(self, default: str, number_format: int) -> None:
        self.default = default
        self.number_format = number_format
        self.home_plan = FRENCH_PLAN if default in FRENCH_PLAN else frozenset({default})

    def __call__(self, value: str, row_region: str) -> Outcome:
        region = row_region or self.default
        text, text_reasons = fix_text(_NEWLINES.sub(" ; ", value))
        if not text:
            return outcome(value, "", text_reasons)
        pieces, excel_codes = _repair_excel(text)
        if excel_codes == ["phone.excel_rounded"]:
            return invalid(text, join_reasons(text_reasons, "phone.excel_rounded"))
        found = [self._parse(piece, region, row_region) for piece in pieces if _digit_count(piece) >= _MIN_DIGITS]
        annotated = "phone.extra_text" if len(found) < len(pieces) else ""
        reasons = join_reasons(text_reasons, *excel_codes, annotated)
        first = next((parsed for parsed in found if parsed.valid and not parsed.placeholder), None)
        if first is not None:
            kept = self._keep_first(value, found, reasons, first)
            if "phone.excel_doubtful" in excel_codes:  # maybe two digits lost: a person must check
                return invalid(kept[0], kept[2], **kept[3])
            return kept
        if found and all(parsed.placeholder for parsed in found):
            return invalid("", join_reasons(text_reasons, "phone.placeholder"))
        # Right length but no operator was given this range: written in the standard format (so it can
        # still match a duplicate), flagged for a person to check.
        first = next((parsed for parsed in found if parsed.formattable), None)
        if first is None:
            return invalid(text, join_reasons(text_reasons, "phone.invalid"))
        kept = self._keep_first(value, found, reasons, first)
        return invalid(kept[0], join_reasons(kept[2], "phone.unallocated"), **kept[3])

    def _keep_first(self, value: str, found: list[_Parsed], reasons: str, first: _Parsed) -> Outcome:
        """Outcome keeping the number ``first``; the other numbers go to ``other_phones``."""
        assert first.number is not None
        formatted = self._format(first.number)
        others = [
            self._format(p.number) if (p.valid or p.formattable) and p.number else p.piece
            for p in found
            if p is not first and not p.placeholder
        ]
        info = _describe(first.number)
        if not info.valid or info.region not in _OWN_REGION_CODES:
            # The country a number says: its calling code's main country (a UK mobile is GB, not
            # Guernsey), except French overseas codes, which each name their own department.
            info = _Info(info.valid, info.line_type, _calling_region(first.number, info.region))
        reasons = join_reasons(
            reasons,
            *first.reasons,
            "phone.formatted" if formatted != first.span else "",
            "phone.multiple" if len(found) > 1 else "",
            "phone.placeholder" if any(p.placeholder for p in found) else "",
        )
        return outcome(
            value,
            formatted,
            reasons,
            line_type=info.line_type,
            phone_country=info.region,
            other_phones=" ; ".join(other for other in dict.fromkeys(others) if other != formatted),
        )

    def _format(self, number: PhoneNumber) -> str:
        number_format = self.number_format
        if number_format == PhoneNumberFormat.NATIONAL and _describe(number).region not in self.home_plan:
            number_format = PhoneNumberFormat.INTERNATIONAL
        return phonenumbers.format_number(number, number_format)

    def _parse(self, piece: str, region: str, row_region: str) -> _Parsed:
        spans = _SPAN.findall(piece)
        span = max(spans, key=_digit_count) if spans else piece
        extra = "phone.extra_text" if _NOISE.sub("", piece.replace(span, "", 1)) else ""
        plus = span.startswith("+")
        digits = _NON_DIGITS.sub("", _TRUNK_IN_PARENS.sub("" if plus else "0", span))
        # 0600000000 or 0123456789 is fake whatever the row's country: seen before any region reads it
        french_looking = not plus and _FRENCH_NATIONAL.fullmatch(digits) is not None
        if len(set(digits)) == 1 or (french_looking and _is_placeholder(digits[1:])):
            return _Parsed(piece, span, None, (), False, True)
        international = plus or (digits.startswith("00") and not digits.startswith("000"))
        if international:
            number, reasons = _parse_international(digits if plus else digits[2:])
        else:
            number, reasons = _parse_national(digits, region)
            if not _is_valid(number) and french_looking and row_region and region not in FRENCH_PLAN:
                number, reasons = _parse_national(digits, "FR")  # a French number on a foreign row
                reasons, region = (*reasons, "phone.read_as_french"), "FR"
            if not _is_valid(number) and region != self.default:
                number, reasons = _parse_national(digits, self.default)
                reasons = (*reasons, "phone.region_fallback")
            if not _is_valid(number) and len(digits) >= 11 and digits[0] != "0":
                number, reasons = _parse_international(digits)
                reasons = (*reasons, "phone.country_code")
                international = True
        national = phonenumbers.national_significant_number(number) if number is not None else ""
        # runs like 12345678 are fake in the French plan; abroad only a repeated digit is that sure
        french = number is not None and number.country_code in _FRENCH_CODES
        placeholder = number is not None and (_is_placeholder(national) if french else len(set(national)) == 1)
        french_ten = region in FRENCH_PLAN and (french_looking or (len(digits) == 9 and digits[0] != "0"))
        plausible = (international and _MIN_DIGITS + 1 <= len(national) <= 13) or french_ten
        return _Parsed(piece, span, number, (extra, *reasons), _is_valid(number), placeholder, plausible)


def _parse_international(digits: str) -> tuple[PhoneNumber | None, tuple[str, ...]]:
    """Parse digits that start with a country calling code; mend +33 written before an overseas number."""
    if digits.startswith("33") and len(digits) == 11 and digits[2] != "0":
        number: PhoneNumber | None = PhoneNumber(country_code=33, national_number=int(digits[2:]))
    else:
        number = _try_parse("+" + digits, "ZZ")
    if number is not None and number.country_code == 33 and not _is_valid(number):
        overseas, reasons = _parse_national("0" + phonenumbers.national_significant_number(number), "FR")
        if _is_valid(overseas):
            return overseas, reasons
    return number, ()


def _parse_national(digits: str, region: str) -> tuple[PhoneNumber | None, tuple[str, ...]]:
    """Parse digits written nationally; in the French plan, restore the 0 and route overseas prefixes."""
    if region not in FRENCH_PLAN:
        return _with_source(_try_parse(digits, region))
    reasons: tuple[str, ...] = ()
    if len(digits) == 9 and digits[0] != "0":
        digits, reasons = "0" + digits, ("phone.leading_zero",)
    target = OVERSEAS_PREFIXES.get(digits[:4]) if len(digits) == 10 else None
    if target is None:
        if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
            return PhoneNumber(country_code=33, national_number=int(digits[1:])), reasons
        number, source = _with_source(_try_parse(digits, "FR"))
        return number, (*reasons, *source)
    number = PhoneNumber(country_code=_OVERSEAS_CODES[target], national_number=int(digits[1:]))
    if not _is_valid(number):
        number, source = _with_source(_try_parse(digits, "FR"))
        return number, (*reasons, *source)
    assert number is not None
    moved = target != region and _describe(number).region != region
    return number, (*reasons, "phone.overseas" if moved else "")


def _with_source(number: PhoneNumber | None) -> tuple[PhoneNumber | None, tuple[str, ...]]:
    """The number, and ``phone.country_code`` when phonenumbers found a country code typed without +."""
    if number is not None and number.country_code_source == CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN:
        return number, ("phone.country_code",)
    return number, ()


def _try_parse(text: str, region: str) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region, keep_raw_input=True)
    except NumberParseException:
        return None


def _is_valid(number: PhoneNumber | None) -> bool:
    return number is not None and _describe(number).valid


class _Info(NamedTuple):
    valid: bool
    line_type: str
    region: str


def _describe(number: PhoneNumber) -> _Info:
    """Validity, line type and region of a number; one metadata look-up, cached across cells."""
    return _describe_key(
        number.country_code,
        number.national_number,
        bool(number.italian_leading_zero),
        number.number_of_leading_zeros or 1,
    )


@functools.lru_cache(maxsize=65_536)
def _describe_key(country_code: int, national_number: int, leading_zero: bool, zeros: int) -> _Info:
    number = PhoneNumber(country_code=country_code, national_number=national_number)
    if leading_zero:
        number.italian_leading_zero, number.number_of_leading_zeros = True, zeros
    # number_type() looks the region up the way is_valid_number() does: one pass instead of two.
    region = phonenumbers.region_code_for_number(number)
    kind = phonenumbers.number_type(number)
    if region is None or kind == PhoneNumberType.UNKNOWN:
        return _Info(False, "", "")
    return _Info(True, _LINE_TYPES.get(kind, "autre"), region)


#: Regions that a calling code shared with others still names reliably (French overseas departments).
_OWN_REGION_CODES = frozenset({"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF"})


def _calling_region(number: PhoneNumber, region: str) -> str:
    if region in _OWN_REGION_CODES:
        return region
    main = phonenumbers.region_code_for_country_code(number.country_code or 0)
    return main if main.isalpha() and main != "ZZ" else ""


def _digit_count(text: str) -> int:
    return len(_NON_DIGITS.sub("", text))


def _repair_excel(text: str) -> tuple[list[str], list[str]]:
    """The cell's pieces with Excel's number damage repaired, and the rule codes that applied.

    Examples:
        >>> _repair_excel("612768636.0 ou 0438072766")
        (['612768636', '0438072766'], ['phone.excel'])
    """
    whole = _excel_digits(text)
    if whole is not None:
        return ([text] if whole[1] == "phone.excel_rounded" else [whole[0]]), [whole[1]]
    pieces, codes = [], []
    for piece in _split_numbers(text):
        repaired = _excel_digits(piece)
        if repaired is None or repaired[1] == "phone.excel_rounded":
            pieces.append(piece)
        else:
            pieces.append(repaired[0])
            codes.append(repaired[1])
    return pieces, list(dict.fromkeys(codes))


def _excel_digits(text: str) -> tuple[str, str] | None:
    """Digits of a number Excel wrote as ``6.12345678E8`` or ``612345678.0``, with the rule code.

    Scientific notation that dropped two trailing digits may hide a number ending in 00, or two lost
    digits: repaired but doubtful. More than two: the digits are gone.

    Examples:
        >>> _excel_digits("6.12345678E8"), _excel_digits("612345678.0"), _excel_digits("7.447564E8")
        (('612345678', 'phone.excel'), ('612345678', 'phone.excel'), ('744756400', 'phone.excel_doubtful'))
        >>> _excel_digits("3.36123E+10")
        ('33612300000', 'phone.excel_rounded')
        >>> _excel_digits("06.12.34.56.78") is None
        True
    """
    match = _EXCEL.match(text)
    if not match or (match.group(2) is None and match.group(3) is None):
        return None
    mantissa, decimals, exponent = match.group(1), match.group(2) or "", match.group(3)
    if exponent is None and set(decimals) != {"0"}:
        return None
    number = Decimal(f"{mantissa}.{decimals or '0'}e{exponent or '0'}")
    if number != number.to_integral_value():
        return None
    digits = str(int(number))
    padded = len(digits) - len((mantissa + decimals).lstrip("0").rstrip("0"))
    if exponent is None or padded < 2:
        return digits, "phone.excel"
    return digits, "phone.excel_doubtful" if padded == 2 else "phone.excel_rounded"


def _split_numbers(text: str) -> list[str]:
    """Pieces of a cell that holds several numbers (``/``, ``;``, `` ou ``...).

    A bare ``/`` or ``-`` splits only when every side is a whole number (``06/12/34/56/78`` is one).

    Examples:
        >>> _split_numbers("06 12 34 56 78 / 01 23 45 67 89 (bureau)")
        ['06 12 34 56 78', '01 23 45 67 89 (bureau)']
        >>> _split_numbers("06/12/34/56/78")
        ['06/12/34/56/78']
    """
    result: list[str] = []
    for piece in filter(None, _SPLIT.split(text)):
        soft = [part.strip() for part in _SOFT_SPLIT.split(piece) if part.strip()]
        if len(soft) > 1 and all(_digit_count(part) >= 9 for part in soft):
            result.extend(soft)
        else:
            result.append(piece)
    return result


def _fake_tails() -> frozenset[str]:
    """The last eight digits of clearly fake numbers: 00000000, 12345678, 87654321, 02030405..."""
    runs = "01234567890", "98765432109"
    tails = {digit * 8 for digit in "0123456789"}
    tails |= {run[start : start + 8] for run in runs for start in range(3)}
    tails |= {"".join(f"{pair:02d}" for pair in range(first, first + 4)) for first in range(97)}
    return frozenset(tails)


_FAKE_TAILS = _fake_tails()


def _is_placeholder(digits: str) -> bool:
    """Clearly fake numbers: one repeated digit, or a run (1234..., 01 02 03...) after the prefix.

    ``digits`` is the national significant number (``612345678`` for 06 12 34 56 78).

    Examples:
        >>> [_is_placeholder(d) for d in ("600000000", "612345678", "102030405", "987654321", "612457836")]
        [True, True, True, True, False]
    """
    if len(digits) < 9:
        return len(digits) >= _MIN_DIGITS and len(set(digits)) == 1
    return digits[-8:] in _FAKE_TAILS
