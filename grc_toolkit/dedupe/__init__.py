"""Deduplication in the classic steps, as recordlinkage lays them out.

features (:mod:`~grc_toolkit.dedupe.records`) -> scored candidate pairs (:mod:`~grc_toolkit.dedupe.engine`:
blocking, comparison levels, Fellegi-Sunter model) -> rules (:mod:`~grc_toolkit.dedupe.rules`) and a person's
decisions (:mod:`~grc_toolkit.dedupe.decisions`) -> groups (:mod:`~grc_toolkit.dedupe.clustering`) -> one
record per group (:mod:`~grc_toolkit.dedupe.merge`). :func:`find_duplicates` runs all but the last and
returns a :class:`DedupeResult`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe.clustering import coherent_groups
from grc_toolkit.dedupe.compare import FIELDS, compare
from grc_toolkit.dedupe.decisions import Decisions, apply_decisions, fingerprints
from grc_toolkit.dedupe.engine import score_pairs
from grc_toolkit.dedupe.model import match_probability
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.result import DedupeResult
from grc_toolkit.dedupe.rules import compatible, judge_pairs, same_person_possible, separating_rule
from grc_toolkit.mapping import ColumnMapping

__all__ = ["DedupeResult", "DuplicateSearch", "explain_pair", "find_duplicates", "pair_reasons"]

#: The former name of :class:`DedupeResult`.
DuplicateSearch = DedupeResult


def find_duplicates(
    data: pd.DataFrame, mapping: ColumnMapping, options: DedupeOptions, decisions: Decisions | None = None
) -> DedupeResult:
    """Score, judge and group cleaned records (positional index); a person's ``decisions`` win."""
    records = prepare_records(data, mapping)
    records["fingerprint"] = fingerprints(records)
    scored = score_pairs(records, options.engine)
    if scored.model is None:  # fewer than two records, or nothing to compare
        pairs = judge_pairs(scored.pairs, options, dated=False)
        return DedupeResult(np.arange(len(records)), pairs, None, scored.candidates_per_pass, records, options)
    # where a file records birth dates, a household or a namesake rarely shares one: there, a very
    # strong probability may overrule the name and place rules, unless the pair is two people for sure
    dated = bool((records["birth_date"] != "").mean() >= 0.5)
    prints = records["fingerprint"].to_numpy(dtype=object)
    pairs = apply_decisions(judge_pairs(scored.pairs, options, dated=dated), decisions, prints, scored.score)

    def agree(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        judged = judge_pairs(scored.score(xs, ys), options, dated=dated)
        return apply_decisions(judged, decisions, prints)["vote"].to_numpy()

    probability = pairs["probability"].to_numpy()
    groups = coherent_groups(
        len(records),
        pairs["left"].to_numpy(),
        pairs["right"].to_numpy(),
        pairs["compatible"].to_numpy(dtype=bool) & (probability >= options.auto),
        probability,
        agree=agree,
        coherent=pairs["vote"].to_numpy(),
    )
    return DedupeResult(groups, pairs, scored.model, scored.candidates_per_pass, records, options)


_REASONS = {
    ("email", 2): ("même courriel", "same email"),
    ("email", 1): ("courriel proche", "similar email"),
    ("phone", 2): ("même téléphone", "same phone"),
    ("phone", 1): ("téléphone proche", "similar phone"),
    ("last", 3): ("même nom", "same last name"),
    ("last", 2): ("nom proche", "similar last name"),
    ("last", 1): ("nom proche", "similar last name"),
    ("first", 3): ("même prénom", "same first name"),
    ("first", 2): ("prénom abrégé", "shortened first name"),
    ("first", 1): ("prénom proche", "similar first name"),
    ("postal_code", 2): ("même code postal", "same postcode"),
    ("address", 2): ("même adresse", "same address"),
    ("address", 1): ("adresse proche", "similar address"),
    ("birth_date", 2): ("même date de naissance", "same birth date"),
    ("birth_date", 1): ("date de naissance proche", "similar birth date"),
}


def pair_reasons(pairs: pd.DataFrame, lang: str = "fr") -> pd.Series:
    """One line per pair saying what the two records share ("même courriel, nom proche, même code postal")."""
    index = 1 if lang == "en" else 0
    parts = pd.Series("", index=pairs.index, dtype=object)
    swapped = ("noms inversés", "names swapped")[index]
    order = ("email", "phone", "last", "first", "birth_date", "postal_code", "address")
    for name in order:
        wording = {level: words[index] for (field_name, level), words in _REASONS.items() if field_name == name}
        text = pairs[name].map(wording).fillna("")
        parts = parts.where(text == "", parts.where(parts == "", parts + ", ") + text)
    flagged = pairs["swapped"].to_numpy(dtype=bool)
    parts[flagged] = parts[flagged].where(parts[flagged] == "", parts[flagged] + ", ") + swapped
    return parts


_FIELD_LABELS = {
    "last": ("Nom", "Last name"),
    "first": ("Prénom", "First name"),
    "civility": ("Civilité", "Title"),
    "email": ("Courriel", "Email"),
    "phone": ("Téléphone", "Phone"),
    "postal_code": ("Code postal", "Postcode"),
    "address": ("Adresse", "Address"),
    "birth_date": ("Date de naissance", "Birth date"),
}
_LEVEL_WORDS = {-1: ("vide d'un côté", "blank on one side"), 0: ("différent", "different")}


def explain_pair(search: DedupeResult, a: int, b: int, lang: str = "fr") -> tuple[pd.DataFrame, dict[str, Any]]:
    """Field-by-field comparison of records at positions ``a`` and ``b``: values, agreement, weight.

    Returns the table and a verdict (probability, whether the rules allow a merge, same group or not).
    """
    if search.records is None or search.model is None:
        raise ValueError("no model: the file has too few records to compare")
    index = 1 if lang == "en" else 0
    left, right = np.array([min(a, b)]), np.array([max(a, b)])
    levels = compare(search.records, left, right)
    lines = []
    for name in FIELDS:
        level = int(levels[name][0])
        words = _LEVEL_WORDS.get(level) or _REASONS.get((name, level)) or ("identique", "same")
        column = "last" if name == "last" else name
        lines.append(
            {
                "field": _FIELD_LABELS[name][index],
                "a": search.records[column].iloc[left[0]],
                "b": search.records[column].iloc[right[0]],
                "agreement": words[index],
                "weight": 0.0 if level < 0 else round(float(search.model.weights(name)[level]), 2),
            }
        )
    verdict = {
        "probability": round(float(match_probability(levels, search.model)[0]), 4),
        "same_person_possible": bool(same_person_possible(levels)[0]),
        "compatible": bool(compatible(levels)[0]),
        "rule": str(separating_rule(levels)[0]),
        "swapped": bool(levels["swapped"][0]),
        "same_group": bool(search.groups[a] == search.groups[b]),
    }
    return pd.DataFrame(lines), verdict
