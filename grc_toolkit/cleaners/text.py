"""Text basics every cleaner starts from: trim, collapse spaces, Unicode NFC, repair mojibake; accent-free keys."""

from __future__ import annotations

import re
import unicodedata

import ftfy
import pandas as pd

from grc_toolkit.cleaners.base import Outcome, define_reasons, join_reasons, map_distinct, outcome
from grc_toolkit.results import FieldResult

define_reasons(
    {
        "text.mojibake": ("caractères accentués réparés (encodage)", "garbled accents repaired (encoding)"),
        "text.spaces": ("espaces superflus retirés", "extra spaces removed"),
        "text.unicode": ("caractères Unicode normalisés", "Unicode characters normalised"),
        "text.placeholder": ("valeur vide de sens retirée", "meaningless placeholder removed"),
    }
)

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Latin-1/cp1252 read of UTF-8 leaves these pairs; plain French text never contains them.
_MOJIBAKE_HINT = re.compile(
    r"[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u20ac\u2122\u0192]|Ã.|â€|ï»¿"
)
_PLACEHOLDERS = frozenset({"nan", "none", "null", "n/a", "#n/a", "-", "--", "?", "néant", "neant", "n.c."})

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)


def strip_accents(value: str) -> str:
    """Remove diacritics (``Hélène`` → ``Helene``), spelling out ligatures ``œ``/``æ``/``ß``.

    Examples:
        >>> strip_accents("Cœur de Maëlle Strauß")
        'Coeur de Maelle Strauss'
    """
    if value.isascii():  # most names: nothing to decompose (NFKD leaves ASCII as it is)
        return value
    spelled = value.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    spelled = spelled.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fix_text(value: str) -> tuple[str, str]:
    """Return the repaired text and the reason codes of what changed; a second call changes nothing.

    Examples:
        >>> fix_text("  HÃ©lÃ¨ne   Dupont ")
        ('Hélène Dupont', 'text.mojibake,text.spaces')
        >>> fix_text("Zoë")
        ('Zoë', '')
        >>> fix_text("Â\x1f\x80")
        ('€', 'text.unicode,text.mojibake')
    """
    text, codes = value, []
    for _ in range(3):  # removing one flaw can reveal another (a control character inside mojibake)
        repaired, reasons = _fix_once(text)
        if repaired == text:
            break
        text = repaired
        codes.extend(reasons)
    if text.lower() in _PLACEHOLDERS:
        return "", join_reasons(*codes, "text.placeholder")
    return text, join_reasons(*codes)


def _fix_once(text: str) -> tuple[str, list[str]]:
    reasons = []
    normalised = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    if normalised != text:
        reasons.append("text.unicode")
        text = normalised
    if _MOJIBAKE_HINT.search(text):
        repaired = ftfy.fix_text(text, _FTFY_CONFIG)
        if repaired == text:
            repaired = _undo_cp1252(text)
        if repaired != text:
            reasons.append("text.mojibake")
            text = repaired
    collapsed = _SPACES.sub(" ", text).strip()
    if collapsed != text:
        reasons.append("text.spaces")
        text = collapsed
    return text, reasons


def _undo_cp1252(text: str) -> str:
    """UTF-8 read as Windows-1252, undone whole, for what ftfy's caution leaves (``LEMAÃŽTRE``).

    Only taken when the bytes are valid UTF-8 and the result has no mojibake left.

    Examples:
        >>> _undo_cp1252("LEMAÃŽTRE"), _undo_cp1252("Ãlise")
        ('LEMAÎTRE', 'Ãlise')
    """
    try:
        undone = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
    return text if _MOJIBAKE_HINT.search(undone) else undone


def fix_text_outcome(value: str) -> Outcome:
    text, reason = fix_text(value)
    return outcome(value, text, reason)


def clean_text(series: pd.Series) -> FieldResult:
    """Clean free text: mojibake, Unicode form, spaces; keeps the index.

    Examples:
        >>> clean_text(pd.Series(["  a  b", "CafÃ©", None])).values.tolist()
        ['a b', 'Café', '']
    """
    return map_distinct(series, fix_text_outcome)
