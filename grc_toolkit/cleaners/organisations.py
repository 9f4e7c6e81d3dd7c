"""Organisations (hotels, restaurants, campsites, schools, childcare sites...): their names tidied, and the
key deduplication compares them on.

A name keeps the case its user typed (``SARL Le Bon Coin``, ``YMCA``, ``McDonald's``): only spaces and
broken characters are repaired. A value that says "no organisation" (``Particulier``, ``Individuel``,
``N/A``) is removed, as a placeholder is. The comparison key drops what varies between two spellings of
one organisation: accents, case, legal forms (``SARL``, ``Inc.``), little words (``de``, ``the``) and the
shortened ``St``/``Ste``.
"""

from __future__ import annotations

import re

import pandas as pd

from grc_toolkit.cleaners.base import Outcome, define_reasons, join_reasons, map_distinct, outcome
from grc_toolkit.cleaners.text import fix_text, strip_accents
from grc_toolkit.results import FieldResult

define_reasons(
    {
        "organisation.apostrophe": ("apostrophe uniformisée", "apostrophe made uniform"),
        "organisation.none": (
            "« particulier » ou équivalent : pas un organisme, retiré",
            "'private individual' or alike: no organisation, removed",
        ),
    }
)

_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u00b4`\u2032]")
_WORD = re.compile(r"[a-z0-9]+")
# letters written with dots (S.A.R.L., S.A.): one word once the dots are gone
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}(?:[a-z]\b)?|\b[a-z]\.[a-z]\b")
# an English possessive (St Catherine's) is the name itself
_POSSESSIVE = re.compile(r"'s\b")

#: Legal forms, French and foreign: they say how an organisation is registered, not which one it is.
LEGAL_FORMS = frozenset(
    "sarl sarlu sas sasu sa eurl sci snc scop scp scs sca selarl selas sem gie eirl ei cie "
    "gmbh ag kg ug ltd llc llp plc inc corp co bv nv srl spa sl sprl bvba asbl "
    "limited incorporated corporation".split()
)
#: Little words a name is written with or without (``Hôtel de la Plage`` / ``Hôtel la Plage``).
STOP_WORDS = frozenset("le la les l de du des d et au aux the of and a an".split())
_SAINTS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
#: Whole values that say "no organisation": a private individual, a placeholder.
NOT_ORGANISATIONS = frozenset(
    {
        "particulier",
        "particuliers",
        "particuliere",
        "individuel",
        "individuelle",
        "individuels",
        "personne physique",
        "prive",
        "privee",
        "individual",
        "private",
        "private individual",
        "private person",
        "aucun",
        "aucune",
        "sans",
        "sans objet",
        "neant",
        "none",
        "n a",
        "na",
        "nc",
        "n c",
        "x",
    }
)


def _plain(value: str) -> str:
    """Accent-free lowercase text with uniform apostrophes."""
    return _APOSTROPHES.sub("'", strip_accents(fix_text(value)[0])).lower()


def is_organisation(value: str) -> bool:
    """Whether ``value`` names an organisation at all (not blank, not ``Particulier``, ``N/A``, ``-``).

    Examples:
        >>> is_organisation("Hôtel de la Plage"), is_organisation("PARTICULIER"), is_organisation(" - ")
        (True, False, False)
    """
    words = " ".join(_WORD.findall(_plain(value)))
    return bool(words) and words not in NOT_ORGANISATIONS


def _organisation_outcome(value: str) -> Outcome:
    text, fixed = fix_text(value)
    if not text:
        return outcome(value, "", fixed)
    if not is_organisation(text):
        return outcome(value, "", join_reasons(fixed, "organisation.none"))
    apostrophed = _APOSTROPHES.sub("'", text)
    return outcome(value, apostrophed, join_reasons(fixed, "organisation.apostrophe" if apostrophed != text else ""))


def clean_organisations(series: pd.Series) -> FieldResult:
    """Tidy organisation names, keeping the case they were typed in.

    Spaces are trimmed and collapsed, broken accents repaired, apostrophes made uniform; a value saying there
    is no organisation (``Particulier``, ``Individuel``, ``N/A``, ``-``) is removed (``organisation.none``).

    Examples:
        >>> result = clean_organisations(pd.Series(["  Hôtel  de la Plage ", "YMCA", "L’Escale", "Particulier", ""]))
        >>> result.values.tolist()
        ['Hôtel de la Plage', 'YMCA', "L'Escale", '', '']
        >>> result.reason.tolist()
        ['text.spaces', '', 'organisation.apostrophe', 'organisation.none', '']
    """
    return map_distinct(series, _organisation_outcome)


def _undot(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "")


def organisation_key(value: str) -> str:
    """Comparison key of an organisation's name: accent-free lowercase words without legal forms or little
    words, ``st``/``ste`` spelt ``saint``/``sainte``, numbers kept; "" when the value names none.

    Examples:
        >>> organisation_key("SARL Hôtel de la Plage"), organisation_key("Hotel la plage (S.A.R.L.)")
        ('hotel plage', 'hotel plage')
        >>> organisation_key("St. Catherine's School, Inc."), organisation_key("Camping Ste-Anne 2")
        ('saint catherine school', 'camping sainte anne 2')
        >>> organisation_key("Particulier"), organisation_key("N/A"), organisation_key("SARL")
        ('', '', '')
    """
    text = _plain(value)
    if not is_organisation(text):
        return ""
    text = _POSSESSIVE.sub("", _DOTTED.sub(_undot, text))
    words = (_SAINTS.get(word, word) for word in _WORD.findall(text))
    return " ".join(word for word in words if word not in LEGAL_FORMS and word not in STOP_WORDS)
