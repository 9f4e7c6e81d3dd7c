"""Dates to ISO 8601: ``2023-08-25``, or ``2023-08-25 10:30`` when a time of day is given.

Read: ``25/08/2023``, ``25-08-23``, ``25.08.2023``, ISO with or without time, ``20230825``, Excel
serial numbers (``45163``), French and English month names (``1er mars 2023``, ``March 3, 2024``),
and German, Dutch, Spanish, Italian month names through babel. A midnight time (``00:00``, what
Excel writes for a bare date) is dropped; so are seconds and a time-zone offset (the wall-clock
time is kept).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from grc_toolkit.cleaners.base import Outcome, define_reasons, invalid, join_reasons, map_distinct, outcome
from grc_toolkit.cleaners.text import fix_text, strip_accents
from grc_toolkit.results import FieldResult

define_reasons(
    {
        "date.format": ("date écrite au format AAAA-MM-JJ", "date written as YYYY-MM-DD"),
        "date.excel_serial": ("numéro de série Excel converti en date", "Excel serial number turned into a date"),
        "date.two_digit_year": ("année à deux chiffres complétée", "two-digit year expanded"),
        "date.month_day_swapped": ("jour et mois inversés remis dans l'ordre", "day and month put back in order"),
        "date.impossible": ("date impossible (jour ou mois hors limites)", "impossible date (day or month)"),
        "date.incomplete": ("date incomplète (jour ou mois manquant)", "incomplete date (day or month missing)"),
        "date.out_of_range": ("année invraisemblable (hors 1900-2100)", "implausible year (outside 1900-2100)"),
        "date.future": ("date dans le futur", "date in the future"),
        "date.unrecognised": ("format de date non reconnu", "unrecognised date format"),
    }
)

_LOCALES = ("fr", "en", "de", "nl", "es", "it")
_EXCEL_ORIGIN = datetime(1899, 12, 30)
_SERIAL_RANGE = (20000, 80000)
_YEAR_RANGE = (1900, 2100)
_CLOCK = (
    r"(?P<hour>\d{1,2})(?:[:h](?P<minute>\d{2})|h)(?::\d{2}(?:[.,]\d+)?)?"
    r"\s*(?P<meridiem>am|pm)?(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?"
)
_TIME = r"(?:[ t,]+(?:a |at |um |om )?" + _CLOCK + ")?"
_ISO = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})" + _TIME)
_NUMERIC = re.compile(r"(?P<first>\d{1,2})[-/.](?P<second>\d{1,2})[-/.](?P<year>\d{4}|\d{2})" + _TIME)
_COMPACT = re.compile(r"(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})")
_SERIAL = re.compile(r"(?P<days>\d{5})(?:[.,](?P<fraction>\d+))?")
_PARTIAL = re.compile(r"(?:\d{1,2}[-/.])?\d{4}|\d{4}[-/.]\d{1,2}")
_TEXT_TIME = re.compile(r"(?:^|\s)(?:a |at |um |om )?" + _CLOCK + "$")
_SPACED_SEPARATOR = re.compile(r"(?<=\d)\s*([-/])\s*(?=\d)")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:er|re|e|eme|st|nd|rd|th)\b")
_FILLERS = frozenset({"le", "the", "of", "de", "del", "den", "der"})


def _word_key(word: str) -> str:
    return strip_accents(word).lower().strip(".")


@functools.cache
def _month_words() -> dict[str, int]:
    """Month name or abbreviation (accent-free, lowercase) -> month number, ambiguous ones left out; built on
    the first date written in words (babel's month names of six languages take a tenth of a second, which a
    file of numeric dates never needs)."""
    from babel.dates import get_month_names  # imported here: babel loads its locale data on import

    seen: dict[str, set[int]] = {}
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                seen.setdefault(_word_key(name), set()).add(number)
    for word, number in (("fev", 2), ("juil", 7), ("aou", 8), ("sep", 9), ("sept", 9), ("dec", 12)):
        seen.setdefault(word, set()).add(number)
    return {word: numbers.pop() for word, numbers in seen.items() if len(numbers) == 1}


@functools.cache
def _weekdays() -> frozenset[str]:
    from babel.dates import get_day_names

    return frozenset(
        _word_key(name)
        for locale in _LOCALES
        for width in ("wide", "abbreviated")
        for name in get_day_names(width, locale=locale).values()
    ) - frozenset(_month_words())


@dataclass(frozen=True)
class _Reading:
    """A date as read from the text, before it is checked."""

    year: int
    month: int
    day: int
    hour: int = 0
    minute: int = 0
    reasons: tuple[str, ...] = ()


def _expand_year(text: str, pivot: int) -> tuple[int, str]:
    if len(text) == 4:
        return int(text), ""
    short = int(text)
    return (2000 + short if short <= pivot else 1900 + short), "date.two_digit_year"


def _time_of(match: re.Match[str]) -> tuple[int, int] | None:
    """(hour, minute) of the time groups, ``None`` when the time is impossible."""
    if match.group("hour") is None:
        return 0, 0
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    meridiem = match.group("meridiem")
    if meridiem and not 1 <= hour <= 12:
        return None
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def _day_month(first: int, second: int, dayfirst: bool) -> tuple[int, int, str]:
    """(day, month, reason) of two numbers, swapping them when the expected reading is impossible."""
    day, month = (first, second) if dayfirst else (second, first)
    if month > 12 and day <= 12:
        return month, day, "date.month_day_swapped"
    return day, month, ""


def _read_numeric(text: str, dayfirst: bool, pivot: int) -> _Reading | str | None:
    if match := _ISO.fullmatch(text):
        day, month, swapped = _day_month(int(match["day"]), int(match["month"]), dayfirst=True)
        year, expanded = int(match["year"]), ""
    elif match := _NUMERIC.fullmatch(text):
        day, month, swapped = _day_month(int(match["first"]), int(match["second"]), dayfirst)
        year, expanded = _expand_year(match["year"], pivot)
    elif match := _COMPACT.fullmatch(text):
        return _Reading(int(match["year"]), int(match["month"]), int(match["day"]))
    elif match := _SERIAL.fullmatch(text):
        return _read_serial(match)
    else:
        return "date.incomplete" if _PARTIAL.fullmatch(text) else None
    time = _time_of(match)
    if time is None:
        return "date.impossible"
    return _Reading(year, month, day, *time, reasons=tuple(filter(None, (expanded, swapped))))


def _read_serial(match: re.Match[str]) -> _Reading | str:
    days = int(match["days"]) + float("0." + (match["fraction"] or "0"))
    if not _SERIAL_RANGE[0] <= days <= _SERIAL_RANGE[1]:
        return "date.unrecognised"
    moment = _EXCEL_ORIGIN + timedelta(minutes=round(days * 24 * 60))
    return _Reading(moment.year, moment.month, moment.day, moment.hour, moment.minute, ("date.excel_serial",))


def _read_words(text: str, pivot: int) -> _Reading | str | None:
    """Dates with a month name: ``1er mars 2023``, ``March 3, 2024``, ``lundi 3 juin 2024 à 10h``."""
    words = _ORDINAL.sub(r"\1", strip_accents(text).lower().replace(",", " ").replace(".", " "))
    time: tuple[int, int] | None = (0, 0)
    if match := _TEXT_TIME.search(words):
        time, words = _time_of(match), words[: match.start()]
    tokens = [word for word in words.split() if word not in _FILLERS]
    if tokens and tokens[0] in _weekdays():
        tokens = tokens[1:]
    month_words = _month_words()
    months = [month_words[token] for token in tokens if token in month_words]
    numbers = [token for token in tokens if token not in month_words]
    if len(months) != 1 or not all(number.isdigit() for number in numbers):
        return None
    if len(numbers) == 1:
        return "date.incomplete"  # "janv. 2024", "3 mars"
    if len(numbers) != 2:
        return None
    day_text, year_text = numbers if len(numbers[0]) <= 2 else numbers[::-1]
    if len(year_text) not in (2, 4) or len(day_text) > 2:
        return None
    if time is None:
        return "date.impossible"
    year, expanded = _expand_year(year_text, pivot)
    return _Reading(year, months[0], int(day_text), *time, reasons=tuple(filter(None, (expanded,))))


def _read(text: str, dayfirst: bool, pivot: int) -> _Reading | str:
    """What the text says, or the rule code of why it cannot be read."""
    key = _SPACED_SEPARATOR.sub(r"\1", text.lower())
    reading = _read_numeric(key, dayfirst, pivot)
    if reading is None:
        reading = _read_words(key, pivot)
    return "date.unrecognised" if reading is None else reading


def _checked(reading: _Reading) -> datetime | str:
    if not _YEAR_RANGE[0] <= reading.year <= _YEAR_RANGE[1]:
        return "date.out_of_range"
    try:
        return datetime(reading.year, reading.month, reading.day, reading.hour, reading.minute)
    except ValueError:
        return "date.impossible"


def _date_outcome(value: str, dayfirst: bool, today: date, allow_future: bool) -> Outcome:
    text, fixed = fix_text(value)
    if not text:
        return outcome(value, "", fixed)
    reading = _read(text, dayfirst, today.year % 100)
    moment = _checked(reading) if isinstance(reading, _Reading) else reading
    if isinstance(moment, str):
        return invalid(text, join_reasons(fixed, moment))
    if not allow_future and moment.date() > today:
        return invalid(text, join_reasons(fixed, "date.future"))
    iso = moment.strftime("%Y-%m-%d %H:%M" if (moment.hour, moment.minute) != (0, 0) else "%Y-%m-%d")
    specific = reading.reasons if isinstance(reading, _Reading) else ()
    layout = "" if iso == text or "date.excel_serial" in specific else "date.format"
    return outcome(value, iso, join_reasons(fixed, layout, *specific))


def clean_dates(
    series: pd.Series,
    *,
    dayfirst: bool = True,
    today: date | None = None,
    allow_future: bool = True,
) -> FieldResult:
    """Write dates as ``YYYY-MM-DD`` (``YYYY-MM-DD HH:MM`` when a time other than midnight is given).

    ``dayfirst``: how to read ``03/04/2024`` (3 April when True). A reading that is impossible
    (``12/31/2023`` day first) is swapped (``date.month_day_swapped``). Two-digit years up to
    ``today``'s two digits are in the 2000s, the others in the 1900s. Impossible dates
    (``31/02/2023``), a month or year alone (``janv. 2024``: no day is made up) and years outside
    1900-2100 are invalid and kept. With ``allow_future=False``, dates after ``today`` are invalid
    (``date.future``). Each distinct value is parsed once.

    Examples:
        >>> values = ["25/08/2023", "1er mars 2023", "45163", "12/31/2023", "31/02/2023", "2023-08-25T10:30:00"]
        >>> result = clean_dates(pd.Series(values), today=date(2024, 6, 1))
        >>> result.values.tolist()
        ['2023-08-25', '2023-03-01', '2023-08-25', '2023-12-31', '31/02/2023', '2023-08-25 10:30']
        >>> result.reason.tolist()[2:5]
        ['date.excel_serial', 'date.format,date.month_day_swapped', 'date.impossible']
        >>> clean_dates(pd.Series(["03/04/24"]), dayfirst=False, today=date(2024, 6, 1)).values.tolist()
        ['2024-03-04']
    """
    reference = today or date.today()
    return map_distinct(series, lambda value: _date_outcome(value, dayfirst, reference, allow_future))
