"""Civility, last names and first names, plus the name keys deduplication compares.

Civility comes out as the French abbreviations of the Lexique de l'Imprimerie nationale
(``M.``, ``Mme``, ``M. et Mme``, ``MM.``, ``Mmes``, ``Dr``, ``Me``, ``Pr``); last names in capitals
with their accents (``LEFÈVRE``); first names capitalised (``Jean-Pierre``, ``Zoë``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

import pandas as pd

from grc_toolkit.cleaners.base import Outcome, define_reasons, invalid, join_reasons, map_distinct, outcome
from grc_toolkit.cleaners.text import fix_text, strip_accents
from grc_toolkit.results import FieldResult

define_reasons(
    {
        "civility.normalised": ("civilité écrite sous sa forme courte (M., Mme)", "title written in its short form"),
        "civility.mlle": ("« Mademoiselle » remplacé par « Madame »", "'Miss' replaced by 'Mrs'"),
        "civility.from_gender": ("civilité déduite du sexe indiqué", "title derived from the stated sex"),
        "civility.unspecified": ("civilité non précisée (« M. ou Mme »)", "title not stated ('Mr or Mrs')"),
        "civility.unknown": ("civilité non reconnue", "unrecognised title"),
        "name.case": ("majuscules et minuscules corrigées", "letter case fixed"),
        "name.apostrophe": ("apostrophe uniformisée", "apostrophe made uniform"),
        "name.hyphen": ("trait d'union uniformisé", "hyphen made uniform"),
        "name.suspicious": ("nom suspect (chiffres, @, symboles)", "suspicious name (digits, @, symbols)"),
    }
)

MR, MRS, MISS = "M.", "Mme", "Mlle"
COUPLE, MEN, WOMEN = "M. et Mme", "MM.", "Mmes"
DOCTOR, LAWYER, PROFESSOR = "Dr", "Me", "Pr"

_MR_WORDS = ("m", "mr", "monsieur", "mister", "sir", "herr", "hr", "dhr", "de heer", "sr", "senor", "signor", "sig")
_MRS_WORDS = (
    "mme",
    "madame",
    "mrs",
    "ms",
    "madam",
    "frau",
    "mevr",
    "mevrouw",
    "mw",
    "sra",
    "senora",
    "signora",
    "sig ra",
)
_MISS_WORDS = ("mlle", "melle", "mademoiselle", "miss", "fraulein", "frl", "srta", "senorita", "signorina")


def _civility_table() -> dict[str, tuple[str, str]]:
    """Normalised key -> (canonical civility, reason when it had to change)."""
    table: dict[str, tuple[str, str]] = {}
    table.update(dict.fromkeys(_MR_WORDS, (MR, "civility.normalised")))
    table.update(dict.fromkeys(_MRS_WORDS, (MRS, "civility.normalised")))
    table.update(dict.fromkeys(_MISS_WORDS, (MISS, "civility.normalised")))
    for man in ("m", "mr", "monsieur"):
        for woman in ("mme", "madame", "mrs"):
            table[f"{man} et {woman}"] = table[f"{woman} et {man}"] = (COUPLE, "civility.normalised")
            table[f"{man} ou {woman}"] = table[f"{woman} ou {man}"] = ("", "civility.unspecified")
    table.update(dict.fromkeys(("mm", "messieurs", "messrs"), (MEN, "civility.normalised")))
    table.update(dict.fromkeys(("mmes", "mesdames"), (WOMEN, "civility.normalised")))
    table.update(dict.fromkeys(("dr", "docteur", "doctor", "doktor"), (DOCTOR, "civility.normalised")))
    table.update(dict.fromkeys(("me", "maitre"), (LAWYER, "civility.normalised")))
    table.update(dict.fromkeys(("pr", "professeur", "prof"), (PROFESSOR, "civility.normalised")))
    for gender, canonical in (
        ("h", MR),
        ("homme", MR),
        ("masculin", MR),
        ("male", MR),
        ("f", MRS),
        ("femme", MRS),
        ("feminin", MRS),
        ("female", MRS),
    ):
        table[gender] = (canonical, "civility.from_gender")
    return table


_CIVILITIES = _civility_table()
_CONNECTORS = re.compile(r"\s*(?:&|\+|\band\b|\bund\b|\ben\b)\s*")
_ALTERNATIVES = re.compile(r"\s*[/,]\s*")


def _civility_key(text: str) -> str:
    key = strip_accents(text).lower().replace(".", " ")
    key = _CONNECTORS.sub(" et ", key)
    key = _ALTERNATIVES.sub(" ou ", key)
    return " ".join(key.split())


def _civility_outcome(value: str, keep_mlle: bool) -> Outcome:
    text, fixed = fix_text(value)
    if not text:
        return outcome(value, "", fixed)
    if text in (MR, MRS, COUPLE, MEN, WOMEN, DOCTOR, LAWYER, PROFESSOR) or (keep_mlle and text == MISS):
        return outcome(value, text, fixed)
    found = _CIVILITIES.get(_civility_key(text))
    if found is None:
        return invalid(text, join_reasons(fixed, "civility.unknown"))
    canonical, reason = found
    if canonical == MISS and not keep_mlle:
        canonical, reason = MRS, "civility.mlle"
    return outcome(value, canonical, join_reasons(fixed, reason))


def clean_civility(series: pd.Series, *, keep_mlle: bool = False) -> FieldResult:
    """Write civilities as ``M.``, ``Mme``, ``M. et Mme``, ``MM.``, ``Mmes``, ``Dr``, ``Me`` or ``Pr``.

    ``Mlle``/``Mademoiselle``/``Miss`` become ``Mme`` (administrative usage since 2012) unless
    ``keep_mlle``. Titles that carry no sex (``Docteur``, ``Maître``, ``Professeur``) are kept as
    ``Dr``/``Me``/``Pr``: turning them into ``M.`` or ``Mme`` would mean guessing. ``M. ou Mme``
    (a form's label, not an answer) becomes empty. Anything else is invalid and kept.

    Examples:
        >>> result = clean_civility(pd.Series(["Monsieur", "mrs", "Melle", "Mr & Mrs", "Docteur", "Sa Majesté"]))
        >>> result.values.tolist()
        ['M.', 'Mme', 'Mme', 'M. et Mme', 'Dr', 'Sa Majesté']
        >>> result.status.tolist()
        ['corrected', 'corrected', 'corrected', 'corrected', 'corrected', 'invalid']
        >>> clean_civility(pd.Series(["Mademoiselle"]), keep_mlle=True).values.tolist()
        ['Mlle']
    """
    return map_distinct(series, lambda value: _civility_outcome(value, keep_mlle))


_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u00b4`\u2032]")
_HYPHENS = re.compile(r"\s*[\u2010\u2011\u2012\u2013\u2014\u2212-]\s*")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


_NAME_SYMBOLS = frozenset(" -'.,()/&")


def _is_suspicious(text: str) -> bool:
    """Digits, ``@``, other symbols (``€``, ``?``, ``�``...) or no letter at all."""
    if not any(char.isalpha() for char in text):
        return True
    return any(
        not (char.isalpha() or char in _NAME_SYMBOLS or unicodedata.category(char).startswith("M")) for char in text
    )


def _tidy_marks(text: str) -> tuple[str, str]:
    """Uniform apostrophes and hyphens (`` - `` → ``-``), with the reason codes of what changed."""
    apostrophed = _APOSTROPHES.sub("'", text)
    hyphened = _HYPHENS.sub("-", apostrophed).strip("-").strip() or apostrophed
    return hyphened, join_reasons(
        "name.apostrophe" if apostrophed != text else "", "name.hyphen" if hyphened != apostrophed else ""
    )


def _upper_first(char: str) -> str:
    upper = char.upper()
    return upper if len(upper) == 1 else char


def _capitalise_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if not (run.islower() or run.isupper()) and run[0].isupper():
        return run  # deliberate mixed case: DeShawn, McDonald
    lower = run.lower()
    if lower.startswith("mc") and len(lower) > 2:
        return "Mc" + _upper_first(lower[2]) + lower[3:]
    return _upper_first(lower[0]) + lower[1:]


def _upper_name(text: str) -> str:
    return "".join(char if len(char.upper()) != 1 else char.upper() for char in text)


_FORMATTERS: dict[str, Callable[[str], str]] = {
    "last": _upper_name,
    "first": lambda text: _LETTER_RUN.sub(_capitalise_run, text),
}


def format_person_name(value: str, *, kind: Literal["last", "first"]) -> str:
    """Format one name without judging it: last names in capitals, first names capitalised.

    Accents are kept; apostrophes become ``'`` and spaced hyphens ``-``. A first name already in
    deliberate mixed case (``McDonald``, ``DeShawn``) is left as written; ``Mc`` is recognised,
    ``Mac`` is not (``Macé``, ``Machin``).

    Examples:
        >>> format_person_name("de la fontaine", kind="last")
        'DE LA FONTAINE'
        >>> format_person_name("JEAN - pierre", kind="first")
        'Jean-Pierre'
        >>> format_person_name("mcdonald", kind="first")
        'McDonald'
    """
    text, _ = _tidy_marks(fix_text(value)[0])
    return _FORMATTERS[kind](text)


def _name_outcome(value: str, kind: str) -> Outcome:
    text, fixed = fix_text(value)
    if not text:
        return outcome(value, "", fixed)
    tidied, marks = _tidy_marks(text)
    cased = _FORMATTERS[kind](tidied)
    # fix_text check: a case change that looks like mojibake (ã + ª -> Ãª) is left to a person.
    if _is_suspicious(tidied) or fix_text(cased)[0] != cased:
        return invalid(text, join_reasons(fixed, "name.suspicious"))
    return outcome(value, cased, join_reasons(fixed, marks, "name.case" if cased != tidied else ""))


def clean_last_names(series: pd.Series) -> FieldResult:
    """Write last names in capitals, keeping accents, particles, hyphens and apostrophes.

    Digits, an ``@``, symbols other than ``- ' . , ( ) / &`` or no letter at all make the name
    invalid (``name.suspicious``), kept as is.

    Examples:
        >>> result = clean_last_names(pd.Series(["le gall", "n’diaye", "Guyon - Ferreira", "Lefèvre", "x2@a.fr"]))
        >>> result.values.tolist()
        ['LE GALL', "N'DIAYE", 'GUYON-FERREIRA', 'LEFÈVRE', 'x2@a.fr']
        >>> result.reason.tolist()
        ['name.case', 'name.apostrophe,name.case', 'name.hyphen,name.case', 'name.case', 'name.suspicious']
    """
    return map_distinct(series, lambda value: _name_outcome(value, "last"))


def clean_first_names(series: pd.Series) -> FieldResult:
    """Capitalise first names: ``JEAN PIERRE`` → ``Jean Pierre``, ``marie-thérèse`` → ``Marie-Thérèse``.

    No hyphen is ever inserted (``Jean Pierre`` may be two first names). Deliberate mixed case is
    kept (``McDonald``, ``DeShawn``). Digits, an ``@``, symbols or no letter make the value invalid.

    Examples:
        >>> result = clean_first_names(pd.Series(["JEAN PIERRE", "anne-sophie", "ZOË", "Hélène", "o'brien"]))
        >>> result.values.tolist()
        ['Jean Pierre', 'Anne-Sophie', 'Zoë', 'Hélène', "O'Brien"]
        >>> result.status.tolist()
        ['corrected', 'corrected', 'corrected', 'valid', 'corrected']
    """
    return map_distinct(series, lambda value: _name_outcome(value, "first"))


_NOT_LETTER = re.compile(r"[\W\d_]+")


def name_key(value: str) -> str:
    """Comparison key of a name: accent-free, lowercase, letters and single spaces only.

    Hyphens, apostrophes and any other non-letter become a space.

    Examples:
        >>> name_key("  N’Diaye-Lefèvre ")
        'n diaye lefevre'
        >>> name_key("GUYON - FERREIRA") == name_key("Guyon-Ferreira")
        True
    """
    text = strip_accents(fix_text(value)[0]).lower()
    return " ".join(_NOT_LETTER.sub(" ", text).split())


# Titles written before a name and ranks written after it: they belong to civility, not to the name.
_TITLES = frozenset(
    "sir dame lord lady dr docteur doctor me maitre pr prof professeur mr mrs ms miss mme mlle monsieur madame".split()
)
_RANKS = frozenset("jr jnr junior sr snr senior ii iii iv bt bart esq".split())
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|ere|eme)?")
_TOKEN = re.compile(r"[^\W_]+")
#: Honorifics and ranks that are never a first name (a "Prénom" cell holding "Mme" or "Sir" is blank).
_FIRST_NAME_TITLES = (
    _TITLES
    | _RANKS
    | frozenset(
        "m mm mmes mr messrs hon honourable rev revd reverend father sister general gen maj major col colonel capt "
        "captain lt lieutenant baronet baron baroness count countess earl duke duchess viscount marquess marquis "
        "abbe pere soeur frere mgr".split()
    )
)
#: ... and those that are never a last name (Baron, Major, Comte are French surnames).
_LAST_NAME_TITLES = _TITLES | frozenset("m mm mmes mr messrs baronet".split())


def title_only(key: str, *, first: bool) -> bool:
    """Whether a name key is nothing but titles and ranks (``sir``, ``mme``, ``maj gen``): no name to compare.

    Examples:
        >>> title_only("maj gen", first=True), title_only("mme", first=False), title_only("baron", first=False)
        (True, True, False)
        >>> title_only("marie", first=True), title_only("", first=True)
        (False, False)
    """
    words = key.split()
    titles = _FIRST_NAME_TITLES if first else _LAST_NAME_TITLES
    return bool(words) and all(word in titles or _ORDINAL.fullmatch(word) for word in words)


def person_name_key(value: str) -> str:
    """:func:`name_key` without the titles before the name and the ranks after it (``Dr``, ``Me``,
    ``Sir``, ``Jr``, ``III``, ``1st``, ``Bt.``), which say civility, not who the person is.

    A title or rank alone is kept: it may be the whole name.

    Examples:
        >>> person_name_key("Dr. Jean-Luc MARTIN"), person_name_key("Smith Jr."), person_name_key("Me")
        ('jean luc martin', 'smith', 'me')
        >>> person_name_key("Sir John Rowe, 1st Bt."), person_name_key("Louis III")
        ('john rowe', 'louis')
    """
    tokens = _TOKEN.findall(strip_accents(fix_text(value)[0]).lower())
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens.pop(0)
    while len(tokens) > 1 and (tokens[-1] in _RANKS or _ORDINAL.fullmatch(tokens[-1])):
        tokens.pop()
    return " ".join(_NOT_LETTER.sub(" ", " ".join(tokens)).split())  # name_key's letters, text fixed once


# Ordered (pattern, replacement) rules of french_phonetic; "C" stands for the "ch" sound.
_PHONETIC_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("y", "i"),
        ("ph", "f"),
        ("s?[cs]h", "C"),
        ("h", ""),
        ("gn", "n"),
        ("gu(?=[ei])", "G"),
        ("ge(?=[aou])", "j"),
        ("g(?=[ei])", "j"),
        ("G", "g"),
        ("qu|ck|q", "k"),
        ("c(?=[ei])", "s"),
        ("c", "k"),
        ("w", "v"),
        ("z", "s"),
        ("e?au", "o"),
        ("oi", "oa"),
        ("[ae]i[nm](?![aeiou])", "in"),
        ("[ae]i|eu", "e"),
        ("[ae][nm](?![aeiou])", "an"),
        ("om(?![aeiou])", "on"),
        ("bv", "v"),
    )
)
_SILENT_ENDINGS = (re.compile("e$"), re.compile("[tdsx]+$"), re.compile("e$"))
_DOUBLES = re.compile(r"(.)\1+")


def french_phonetic(value: str) -> str:
    """A small French phonetic code (Soundex2/Phonex in spirit) for fuzzy name blocking.

    Accent-free; ``ph``→f, ``qu``/``c``/``k`` alike, ``eau``/``au``/``o`` alike, ``ai``/``ei``/``è``
    alike, ``gn``→n, silent ``h``, ``y``→i, ``w``→v, ``z``→s, doubled letters once, silent final
    ``e``/``t``/``d``/``s``/``x``. Spaces are ignored (``Le Gall`` = ``Legall``).

    Examples:
        >>> french_phonetic("Dupont"), french_phonetic("Dupond"), french_phonetic("Dupon")
        ('dupon', 'dupon', 'dupon')
        >>> french_phonetic("Lefebvre") == french_phonetic("Lefèvre") == french_phonetic("Lefeuvre")
        True
        >>> french_phonetic("Martin") == french_phonetic("Martel")
        False
    """
    code = name_key(value.replace("ç", "s").replace("Ç", "s")).replace(" ", "")
    for pattern, replacement in _PHONETIC_RULES:
        code = pattern.sub(replacement, code)
    for ending in _SILENT_ENDINGS:
        shorter = ending.sub("", code)
        code = shorter if len(shorter) >= 2 else code
    code = code.replace("x", "ks")
    return _DOUBLES.sub(r"\1", code).replace("C", "ch")
