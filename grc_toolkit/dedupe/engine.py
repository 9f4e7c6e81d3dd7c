"""The engine: features in, scored candidate pairs out — the one seam of dedupe.

:func:`score_pairs` takes the comparison view of the records (:func:`~grc_toolkit.dedupe.records.prepare_records`)
and gives a table of candidate pairs with their per-field levels and probability. Blocking
(:mod:`~grc_toolkit.dedupe.blocking`), comparison (:mod:`~grc_toolkit.dedupe.compare`) and the model
(:mod:`~grc_toolkit.dedupe.model`) live behind it; rules, decisions, clustering and merging only read
its table, so another engine (Splink) can replace this one behind the same signature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from grc_toolkit.dedupe.blocking import candidate_pairs
from grc_toolkit.dedupe.compare import compare, compare_in_chunks
from grc_toolkit.dedupe.model import Model, estimate_u, match_probability, train
from grc_toolkit.progress import parts


@dataclass(frozen=True)
class ScoredPairs:
    """Candidate pairs of records, scored.

    ``pairs``: one row per pair: per-field levels (:data:`~grc_toolkit.dedupe.compare.LEVELS`, -1 when a
    side is blank), ``left`` < ``right`` (record positions) and ``probability``; also what the rules and
    the sheets read besides levels: ``swapped`` (first and last names crossed), ``first_similarity``
    (0-1) and ``first_rare`` (either first name seen at most twice in the file). Another engine must
    give these columns; any others are its own, but for ``overrule_probability``, which the rules' overrule
    reads instead of ``probability`` where an engine gives it (:func:`~grc_toolkit.dedupe.rules.judge_pairs`).
    ``model``: the trained model (None when nothing could be compared). ``candidates_per_pass``: how many
    pairs each blocking pass proposed. ``records``: the features the pairs were scored on.
    """

    pairs: pd.DataFrame
    model: Model | None
    candidates_per_pass: dict[str, int]
    records: pd.DataFrame

    def score(self, left: np.ndarray, right: np.ndarray) -> pd.DataFrame:
        """Levels and probability of any pairs of records (not only candidates), as in :attr:`pairs`."""
        levels = compare(self.records, left, right)
        probability = np.zeros(len(left)) if self.model is None else match_probability(levels, self.model)
        return levels.assign(left=left, right=right, probability=probability)


def score_pairs(records: pd.DataFrame, engine: str = "grc") -> ScoredPairs:
    """Block, compare and score the candidate pairs of ``records`` (positional index), training the model
    on the file itself: with grc's own blocking and model, or with Splink's (``engine="splink"`` on DuckDB,
    ``"spark"`` on Spark: :mod:`~grc_toolkit.dedupe.splink_engine`; :data:`~grc_toolkit.config.DEDUPE_ENGINES`)."""
    if engine in ("splink", "spark"):  # imported here: Splink takes a second to load, the default engine needs none
        from grc_toolkit.dedupe import splink_engine

        return splink_engine.score_pairs(records, "spark" if engine == "spark" else "duckdb")
    with parts({"candidates": 22, "compare": 53, "u": 21, "train": 4}) as step:
        with step("candidates"):
            candidates = candidate_pairs(records)
        if len(records) < 2 or len(candidates) == 0:
            none = np.empty(0, dtype=np.int64)
            nothing = compare(records, none, none).assign(left=none, right=none, probability=np.empty(0))
            return ScoredPairs(nothing, None, candidates.per_pass, records)
        with step("compare"):
            levels = compare_in_chunks(records, candidates.left, candidates.right)
        with step("u"):
            u = estimate_u(records)
        with step("train"):
            model = train(levels, u)
    pairs = levels.assign(left=candidates.left, right=candidates.right, probability=match_probability(levels, model))
    return ScoredPairs(pairs, model, candidates.per_pass, records)
