"""Shared machinery of the cleaners: run a function once per distinct value, register rule wording."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping

import pandas as pd

from grc_toolkit.results import CORRECTED, EMPTY, INVALID, VALID, FieldResult

#: rule code -> (French, English) wording, filled by each cleaner module at import.
REASONS: dict[str, tuple[str, str]] = {}

#: What a per-value function returns: (cleaned value, status, reason codes, extras).
Outcome = tuple[str, str, str, Mapping[str, str]]


def define_reasons(reasons: Mapping[str, tuple[str, str]]) -> None:
    """Register the French and English wording of rule codes (``"phone.placeholder"``...)."""
    REASONS.update(reasons)


def as_text(series: pd.Series) -> pd.Series:
    """The series as Python strings, missing values as "" (index kept).

    NUL characters are dropped: numpy strips them from the end of strings, so a key like "\\x00"
    would not find its own outcome again (the readers drop them from files too).
    """
    text = series.astype(object).where(series.notna(), "").astype(str)
    if not any("\x00" in value for value in text.to_numpy()):  # the common case, at a tenth of the replace
        return text
    return text.str.replace("\x00", "", regex=False)


def first_filled(parts: Iterable[pd.Series], index: pd.Index) -> pd.Series:
    """Per row, the first non-blank value among ``parts`` ("" where all are blank).

    Examples:
        >>> mobile, phone = pd.Series(["", "06", ""]), pd.Series(["01", "02", ""])
        >>> first_filled([mobile, phone], mobile.index).tolist()
        ['01', '06', '']
    """
    filled = pd.Series("", index=index, dtype=object)
    for part in parts:
        filled = filled.where(filled != "", part)
    return filled


def map_distinct(
    series: pd.Series,
    func: Callable[[str], Outcome],
    *,
    extras: tuple[str, ...] = (),
    known: Callable[[pd.Series], Mapping[str, Outcome]] | None = None,
) -> FieldResult:
    """Apply ``func`` once per distinct value of ``series`` and map the outcome back to every row.

    ``known``, given the distinct values, returns the outcomes it can compute at once (vectorised); ``func``
    does the rest. It must give exactly what ``func`` would (a test compares them)."""
    text = as_text(series)
    uniques = pd.unique(text)
    outcomes: dict[Hashable, Outcome] = {}
    if known is not None:
        outcomes.update(known(pd.Series(uniques, dtype=object)))
    outcomes.update({value: func(value) for value in uniques if value not in outcomes})
    return _assemble(text, text, outcomes, extras)


def map_distinct_with(
    series: pd.Series,
    context: pd.Series,
    func: Callable[[str, str], Outcome],
    *,
    extras: tuple[str, ...] = (),
    known: Callable[[pd.Series, pd.Series], Mapping[str, Outcome]] | None = None,
) -> FieldResult:
    """Like :func:`map_distinct`, for rules that depend on a second column (phone + country...).

    ``func`` runs once per distinct (value, context) pair. ``known``, given the distinct values and their
    contexts, returns the outcomes it can compute at once (vectorised) by key ``value + "\\x1f" + context``;
    ``func`` does the rest. It must give exactly what ``func`` would (a test compares them).
    """
    text = as_text(series)
    ctx = as_text(context.reindex(series.index))
    keys = text + _KEY_SEPARATOR + ctx  # one string per row: far faster to map back than tuples
    uniques = pd.Series(pd.unique(keys), dtype=object)
    outcomes: dict[Hashable, Outcome] = {}
    if known is not None and len(uniques):
        parts = uniques.str.rpartition(_KEY_SEPARATOR)
        outcomes.update(known(parts[0], parts[2]))
    outcomes.update({key: _call_split(func, key) for key in uniques if key not in outcomes})
    return _assemble(text, keys, outcomes, extras)


_KEY_SEPARATOR = "\x1f"  # unit separator: split from the right, since contexts never hold one


def _call_split(func: Callable[[str, str], Outcome], key: str) -> Outcome:
    value, _, context = key.rpartition(_KEY_SEPARATOR)
    return func(value, context)


def _assemble(
    text: pd.Series,
    keys: pd.Series,
    outcomes: Mapping[Hashable, Outcome],
    extras: tuple[str, ...],
) -> FieldResult:
    index = text.index

    def column(position: int) -> pd.Series:
        table = {key: outcome[position] for key, outcome in outcomes.items()}
        return pd.Series(keys.map(table).tolist(), index=index, dtype=object)

    extra_series = {
        name: pd.Series(
            keys.map({key: outcome[3].get(name, "") for key, outcome in outcomes.items()}).tolist(),
            index=index,
            dtype=object,
        )
        for name in extras
    }
    return FieldResult(values=column(0), status=column(1), reason=column(2), extra=extra_series)


def outcome(original: str, cleaned: str, reason: str = "", **extras: str) -> Outcome:
    """Build the outcome of a value that is valid, with status derived from whether it changed."""
    if not cleaned:
        return ("", EMPTY, reason if original.strip() else "", extras)
    status = VALID if cleaned == original else CORRECTED
    return (cleaned, status, reason if status == CORRECTED or reason else "", extras)


def invalid(value: str, reason: str, **extras: str) -> Outcome:
    """Outcome of a value that could not be made valid: it is kept (trimmed) and flagged."""
    return (value, INVALID, reason, extras)


def join_reasons(*codes: str) -> str:
    """Join rule codes, skipping blanks and repeats: ``join_reasons("a", "", "b", "a") == "a,b"``."""
    return ",".join(dict.fromkeys(code for code in codes if code))
