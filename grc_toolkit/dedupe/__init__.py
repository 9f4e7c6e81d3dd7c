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
from grc_toolkit.dedupe.engine import ScoredPairs, score_pairs
from grc_toolkit.dedupe.model import match_probability
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.dedupe.result import DedupeResult
from grc_toolkit.dedupe.rules import compatible, judge_pairs, same_person_possible, separating_rule
from grc_toolkit.mapping import ColumnMapping
from grc_toolkit.progress import parts

__all__ = ["DedupeResult", "DuplicateSearch", "explain_pair", "find_duplicates"]

#: The former name of :class:`DedupeResult`.
DuplicateSearch = DedupeResult


def find_duplicates(
    data: pd.DataFrame,
    mapping: ColumnMapping,
    options: DedupeOptions,
    decisions: Decisions | None = None,
    *,
    jobs: int = 1,
) -> DedupeResult:
    """Score, judge and group cleaned records (positional index); a person's ``decisions`` win. ``jobs``:
    processes that key a large file's records (:func:`~grc_toolkit.dedupe.records.prepare_records`)."""
    with parts({"keys": 29, "pairs": 62, "groups": 9}) as step:
        with step("keys"):
            records = prepare_records(data, mapping, jobs=jobs)
            records["fingerprint"] = fingerprints(records)
        with step("pairs"):
            scored = score_pairs(records, options.engine)
        with step("groups"):
            return group_scored(records, scored, options, decisions)


def group_scored(
    records: pd.DataFrame, scored: ScoredPairs, options: DedupeOptions, decisions: Decisions | None = None
) -> DedupeResult:
    """Judge and group the pairs an engine scored (``records``: :func:`prepare_records` with fingerprints)."""
    if scored.model is None:  # fewer than two records, or nothing to compare
        pairs = judge_pairs(scored.pairs, options, dated=False)
        return DedupeResult(np.arange(len(records)), pairs, None, scored.candidates_per_pass, records, options)
    # where a file records birth dates, a household or a namesake rarely shares one: there, a very
    # strong probability may overrule the name and place rules, unless the pair is two people for sure
    dated = dated_file(records)
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


def dated_file(records: pd.DataFrame) -> bool:
    """Whether a file records birth dates (on at least half its records)."""
    return bool(len(records)) and bool((records["birth_date"] != "").mean() >= 0.5)


def explain_pair(search: DedupeResult, a: int, b: int) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Field-by-field comparison of records at positions ``a`` and ``b``, as data: per comparison field
    (``field``), both values (``a``, ``b``), the agreement ``level`` (-1 blank on one side, 0 different,
    higher is closer) and its ``weight``. :func:`grc_toolkit.present.explain_table` words it.

    Returns the table and a verdict (probability, whether the rules allow a merge, same group or not).
    """
    if search.records is None:
        raise ValueError("no records: deduplication did not run")
    left, right = np.array([min(a, b)]), np.array([max(a, b)])
    levels = compare(search.records, left, right)
    model = search.model
    lines = []
    for name in FIELDS:
        level = int(levels[name][0])
        lines.append(
            {
                "field": name,
                "a": search.records[name].iloc[a],
                "b": search.records[name].iloc[b],
                "level": level,
                "weight": 0.0 if level < 0 or model is None else round(float(model.weights(name)[level]), 2),
            }
        )
    verdict = {
        "compared": model is not None,  # no pair of the file shared a key: no model was learnt
        "probability": 0.0 if model is None else round(float(match_probability(levels, model)[0]), 4),
        "same_person_possible": bool(same_person_possible(levels, dated=dated_file(search.records))[0]),
        "compatible": bool(compatible(levels)[0]),
        "rule": str(separating_rule(levels)[0]),
        "swapped": bool(levels["swapped"][0]),
        "same_group": bool(search.groups[a] == search.groups[b]),
    }
    return pd.DataFrame(lines), verdict
