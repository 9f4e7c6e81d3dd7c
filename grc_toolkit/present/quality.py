"""A file's quality (:class:`grc_toolkit.results.QualityReport`) in words: its problems and dimensions."""

from __future__ import annotations

from grc_toolkit.present.labels import DIMENSIONS, MISSING_GROUPS, PROBLEM_WORDS, word
from grc_toolkit.results import QualityProblem


def percent(share: float, lang: str = "fr") -> str:
    """A share as a percentage, French (``92 %``, ``7,5 %``) or English (``92%``).

    Examples:
        >>> percent(0.92), percent(0.075), percent(0.075, "en")
        ('92 %', '7,5 %', '7.5%')
    """
    value = f"{100 * share:.1f}".removesuffix(".0")
    return f"{value}%" if lang == "en" else f"{value.replace('.', ',')} %"


def problem_text(problem: QualityProblem, lang: str = "fr", *, retention_years: int = 3) -> str:
    """One problem in a sentence; no person's data, only a form's default value.

    Examples:
        >>> problem_text(QualityProblem("default_value", "Pays", "country", "France", 0.92, 92))
        'Pays : « France » sur 92 % des lignes, valeur par défaut du formulaire ?'
        >>> problem_text(QualityProblem("missing_field", field="consent"), "en")
        "No column for consent: nobody's agreement is known"
    """
    missing = word(MISSING_GROUPS[problem.field], lang) if problem.code == "missing_field" else ""
    return word(PROBLEM_WORDS[problem.code], lang).format(
        column=problem.column,
        value=problem.value,
        share=percent(problem.share, lang),
        count=problem.count,
        years=retention_years,
        missing=missing,
    )


def dimension_label(name: str, lang: str = "fr") -> str:
    return word(DIMENSIONS[name], lang)
