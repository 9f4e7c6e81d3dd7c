"""Consent answers to ``oui``/``non`` and spoken languages to ISO 639-1 codes (``fr``, ``en``...).

Consent is personal data law (RGPD): a blank stays blank, an unclear answer is flagged, never
guessed, and no rule can turn a refusal into ``oui``.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
from babel import Locale, UnknownLocaleError

from grc_toolkit.cleaners.base import Outcome, define_reasons, invalid, join_reasons, map_distinct, outcome
from grc_toolkit.cleaners.text import fix_text, strip_accents
from grc_toolkit.results import FieldResult

define_reasons(
    {
        "consent.normalised": ("réponse écrite « oui » ou « non »", "answer written as 'oui' or 'non'"),
        "consent.unknown": ("réponse de consentement non reconnue", "unrecognised consent answer"),
        "consent.not_stated": ("consentement non renseigné", "consent not stated"),
        "language.normalised": ("langue écrite en code à deux lettres (fr, en)", "language written as a 2-letter code"),
        "language.unknown": ("langue non reconnue", "unrecognised language"),
    }
)

YES, NO = "oui", "non"

# Keys are accent-free, lowercase, without surrounding punctuation. Checkboxes: Word writes a
# ticked box as ☒ and an empty one as ☐.
_YES_WORDS = frozenset(
    """oui o x 1 1.0 true vrai yes y ok okay ja si accepte acceptee j'accepte jaccepte d'accord daccord
    opt-in optin inscrit inscrite abonne abonnee consenti ✓ ✔ ☑ ☒ 🗹""".split()
) | {"opt in", "bien sur"}
_NO_WORDS = frozenset(
    """non n 0 0.0 false faux no nein nee refus refuse refusee opt-out optout desinscrit desinscrite
    desabonne desabonnee stop ✗ ✘ ☐""".split()
) | {"opt out", "je refuse", "pas d'accord", "non merci", "no thanks"}
# Whole sentences from form exports: "J'accepte de recevoir la lettre d'information".
_YES_PHRASE = re.compile(r"^(?:oui[\s,!.-]+)?(?:j'accepte|je souhaite|je veux|i agree|i accept|i consent)\b")
_NO_PHRASE = re.compile(r"^(?:non[\s,!.-]+)?(?:je refuse|je ne |je n'|i do not|i don't)")
# "Not filled in" is no answer at all: consent unknown, never "non".
_UNSTATED = frozenset(
    {
        "non renseigne",
        "non renseignee",
        "non communique",
        "non precise",
        "nc",
        "inconnu",
        "ne sait pas",
        "nsp",
        "sans reponse",
        "unknown",
        "not stated",
    }
)
_NEGATION = re.compile(r"\b(?:ne|n'|pas|plus|jamais|aucun|aucune|non|no|not|don't|refuse|sans)\b|n'")
_EDGE_PUNCTUATION = " .!;:-_*\"'()[]"


def _consent_key(text: str) -> str:
    key = strip_accents(text).lower().replace("\u2019", "'")
    return " ".join(key.split()).strip(_EDGE_PUNCTUATION) or key.strip()


def consent_answer(text: str) -> str:
    """``oui``, ``non``, or ``""`` when the answer is unclear. A negation never reads as ``oui``.

    Examples:
        >>> consent_answer("VRAI"), consent_answer("☑"), consent_answer("Désinscrit")
        ('oui', 'oui', 'non')
        >>> consent_answer("J'accepte de recevoir la newsletter"), consent_answer("Je n'accepte pas")
        ('oui', 'non')
        >>> consent_answer("oui mais pas par SMS")
        ''
    """
    key = _consent_key(text)
    if key in _NO_WORDS or _NO_PHRASE.match(key):
        return NO
    if key in _YES_WORDS or (_YES_PHRASE.match(key) and not _NEGATION.search(key)):
        return YES
    return ""


def _consent_outcome(value: str) -> Outcome:
    text, fixed = fix_text(value)
    if not text:
        return outcome(value, "", fixed)
    if _consent_key(text) in _UNSTATED:
        return outcome(value, "", join_reasons(fixed, "consent.not_stated"))
    answer = consent_answer(text)
    if not answer:
        return invalid(text, join_reasons(fixed, "consent.unknown"))
    return outcome(value, answer, join_reasons(fixed, "consent.normalised" if answer != text else ""))


def clean_consent(series: pd.Series) -> FieldResult:
    """Write consent answers as ``oui`` / ``non``.

    Reads French, English, German and Dutch words, Excel booleans (``VRAI``/``FALSE``), ``1``/``0``,
    ticked boxes (``x``, ``✓``, ``☑``) and form sentences (``J'accepte de recevoir...``). A blank
    stays blank (status ``empty``: consent unknown, never ``oui``), and so does ``non renseigné``
    (``consent.not_stated``: unknown is not a refusal); anything unclear is invalid and kept.

    Examples:
        >>> result = clean_consent(pd.Series(["X", "FAUX", "oui", "", "Opt-out", "peut-être"]))
        >>> result.values.tolist()
        ['oui', 'non', 'oui', '', 'non', 'peut-être']
        >>> result.status.tolist()
        ['corrected', 'corrected', 'valid', 'empty', 'corrected', 'invalid']
    """
    return map_distinct(series, _consent_outcome)


# Display languages whose language names are read, most likely first (earlier ones win a clash).
_NAME_LOCALES = ("fr", "en", "de", "nl", "es", "it", "pt")
# ISO 639-2 codes seen in exports (bibliographic and terminology forms).
_THREE_LETTER = {
    "fra": "fr",
    "fre": "fr",
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "nld": "nl",
    "dut": "nl",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "zho": "zh",
    "chi": "zh",
    "jpn": "ja",
    "rus": "ru",
    "ara": "ar",
    "pol": "pl",
}
_SEPARATORS = re.compile(r"\s*[,;/+&|]\s*|\s+(?:et|and)\s+")  # "et" alone is Estonian
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _language_key(text: str) -> str:
    return " ".join(strip_accents(text).lower().replace("_", "-").split())


@cache
def _languages() -> dict[str, str]:
    """Language name, native name or code (normalised) -> ISO 639-1 code, from babel's CLDR data."""
    codes = sorted(code for code in Locale("en").languages if isinstance(code, str) and len(code) == 2)
    names = {code: code for code in codes}
    known = frozenset(codes)
    for locale in _NAME_LOCALES:
        for code, name in Locale(locale).languages.items():
            primary = str(code).split("_")[0]
            if primary in known:
                names.setdefault(_language_key(name), primary)
    for code in codes:
        try:
            native = Locale(code).get_language_name(code)
        except (UnknownLocaleError, ValueError):
            continue
        if native:
            names.setdefault(_language_key(native), code)
    for key, code in _THREE_LETTER.items():
        names.setdefault(key, code)
    return names


def language_code(text: str) -> str:
    """ISO 639-1 code of one language name or tag (``Deutsch``, ``fr-FR``, ``anglais``), ``""`` if unknown.

    Examples:
        >>> language_code("Néerlandais"), language_code("fr_FR"), language_code("Deutsch"), language_code("ENG")
        ('nl', 'fr', 'de', 'en')
    """
    key = _language_key(_PARENTHESES.sub("", text))
    table = _languages()
    if key in table:
        return table[key]
    primary = key.split("-")[0]
    return table[primary] if len(primary) in (2, 3) and "-" in key and primary in table else ""


def _language_outcome(value: str) -> Outcome:
    text, fixed = fix_text(value)
    if not text:
        return outcome(value, "", fixed)
    codes = [language_code(part) for part in _SEPARATORS.split(text) if part]
    if not codes or "" in codes:
        return invalid(text, join_reasons(fixed, "language.unknown"))
    cleaned = ",".join(dict.fromkeys(codes))
    return outcome(value, cleaned, join_reasons(fixed, "language.normalised" if cleaned != text else ""))


def clean_languages(series: pd.Series) -> FieldResult:
    """Write languages as lowercase ISO 639-1 codes; several languages as ``fr,en``.

    Reads codes and tags (``FR``, ``fr-FR``, ``fra``) and language names in French, English,
    German, Dutch, Spanish, Italian, Portuguese and in the language itself (``Deutsch``,
    ``Nederlands``), from babel. Note ``uk`` is Ukrainian, as ISO says, not the United Kingdom.

    Examples:
        >>> result = clean_languages(pd.Series(["français", "English", "fr-FR", "de", "anglais / allemand", "elfique"]))
        >>> result.values.tolist()
        ['fr', 'en', 'fr', 'de', 'en,de', 'elfique']
        >>> result.status.tolist()
        ['corrected', 'corrected', 'corrected', 'valid', 'corrected', 'invalid']
    """
    return map_distinct(series, _language_outcome)
