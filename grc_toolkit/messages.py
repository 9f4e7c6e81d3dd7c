"""Wording of rule codes (French by default, English), and the code a wording names."""

from __future__ import annotations

import importlib

from grc_toolkit.cleaners.base import REASONS

_CLEANER_MODULES = ("text", "names", "organisations", "emails", "phones", "addresses", "countries", "dates", "consent")


def _load_reasons() -> None:
    for name in _CLEANER_MODULES:
        importlib.import_module(f"grc_toolkit.cleaners.{name}")  # each module defines its rules' wording


def describe(codes: str, lang: str = "fr") -> str:
    """Human wording of comma-separated rule codes.

    Examples:
        >>> describe("text.mojibake,text.spaces")
        'caractères accentués réparés (encodage), espaces superflus retirés'
        >>> describe("text.spaces", "en")
        'extra spaces removed'
    """
    if not REASONS:
        _load_reasons()
    index = 1 if lang == "en" else 0
    words = []
    for code in filter(None, codes.split(",")):
        if code not in REASONS:
            _load_reasons()
        wording = REASONS.get(code)
        words.append(wording[index] if wording else code)
    return ", ".join(words)


def code_of(wording: str) -> str:
    """The rule code a French or English wording names ("" when none does): issues an earlier run wrote.

    Examples:
        >>> code_of("extra spaces removed")
        'text.spaces'
    """
    _load_reasons()
    for code, pair in REASONS.items():
        if wording in pair:
            return code
    return ""
