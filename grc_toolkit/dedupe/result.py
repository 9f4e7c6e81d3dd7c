"""What deduplication found, as data: groups, the judged pairs behind them, the model, and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from grc_toolkit.config import DedupeOptions
from grc_toolkit.dedupe.clustering import UnionFind, components
from grc_toolkit.dedupe.model import Model
from grc_toolkit.dedupe.rules import RULES


@dataclass(frozen=True)
class DedupeResult:
    """Which records are one person, and the scored pairs behind it (positions, not row numbers).

    ``pairs`` holds one row per scored pair: per-field levels, ``left``, ``right``, ``probability``, and the
    verdict (``compatible``, ``possible``, ``vote``, ``rule``: the code of the rule that kept it apart,
    ``decided``: a person's decision applied). ``records`` is the comparison view the pairs were scored on.
    """

    groups: np.ndarray  # per record, the position of its group's first record
    pairs: pd.DataFrame
    model: Model | None
    candidates_per_pass: dict[str, int]
    records: pd.DataFrame | None = None
    options: DedupeOptions = field(default_factory=DedupeOptions)

    def _apart(self) -> np.ndarray:
        return self.groups[self.pairs["left"].to_numpy()] != self.groups[self.pairs["right"].to_numpy()]

    def merged_pairs(self) -> pd.DataFrame:
        """Scored pairs whose two records ended in one group."""
        return self.pairs[~self._apart()]

    def households(self) -> np.ndarray:
        """Per record, a household number (1, 2...) shared by people who live together: same surname and
        the same phone or street address, in two groups. 0 when not in a household; households are
        numbered in the order of their first record."""
        if self.pairs.empty:
            return np.zeros(len(self.groups), dtype=np.int64)
        level = {name: self.pairs[name].to_numpy() for name in ("last", "phone", "address", "postal_code")}
        together = (level["phone"] == 2) | ((level["address"] == 2) & (level["postal_code"] == 2))
        link = together & (level["last"] >= 2) & self._apart()
        left = self.groups[self.pairs["left"].to_numpy()[link]]
        right = self.groups[self.pairs["right"].to_numpy()[link]]
        household = components(len(self.groups), left, right)[self.groups]
        linked = np.zeros(len(self.groups), dtype=bool)
        linked[left], linked[right] = True, True
        inside = linked[self.groups]
        numbers = np.searchsorted(np.unique(household[inside]), household) + 1
        return np.where(inside, numbers, 0).astype(np.int64)

    def review_pairs(self, options: DedupeOptions | None = None, valued: np.ndarray | None = None) -> pd.DataFrame:
        """Pairs a person should look at (likely but not sure, or sure but kept apart by the rules), the
        decisions worth most first: probability nearest ``options.auto``, then pairs with a ``valued`` record
        (per record: consent given or a recent contact), and one pair per group before pairs whose two
        records an earlier pair already links (see :func:`review_order`)."""
        options = options or self.options
        p = self.pairs["probability"].to_numpy()
        undecided = ~self.pairs["decided"].to_numpy(dtype=bool)
        possible = self.pairs["possible"].to_numpy(dtype=bool)
        # a pair the model alone would merge, kept apart by a firm rule, is shown unless grc_household
        # already links its two records (a person sees it there): a person may know they are one
        households = self.households()
        left, right = self.pairs["left"].to_numpy(), self.pairs["right"].to_numpy()
        housed = (households[left] > 0) & (households[left] == households[right])
        sure_but_apart = (p >= options.auto) & ~housed
        doubtful = (p >= options.review) & self._apart() & (possible | sure_but_apart) & undecided
        pending = self.pairs[doubtful]
        return pending.iloc[review_order(pending, options.auto, valued)]

    def kept_apart(self) -> dict[str, int]:
        """Per rule code, how many pairs the model scored at least ``options.auto`` (it alone would have
        merged them) that the rule, or a person's decision, kept in two groups."""
        likely = (self.pairs["probability"].to_numpy() >= self.options.auto) & self._apart()
        counts = self.pairs.loc[likely, "rule"].value_counts()
        return {code: int(counts.get(code, 0)) for code in RULES}

    def to_dict(self) -> dict[str, Any]:
        """Counts and the model as plain data (no wording): for ``--json`` and the report."""
        sizes = np.bincount(self.groups, minlength=len(self.groups)) if len(self.groups) else np.zeros(0, np.int64)
        households = self.households()
        pending, limit = len(self.review_pairs()), self.options.review_limit
        return {
            "records": len(self.groups),
            "groups_merged": int((sizes > 1).sum()),
            "records_merged": int(sizes[sizes > 1].sum()),
            "pairs_scored": len(self.pairs),
            "pairs_decided": int(self.pairs["decided"].sum()),
            "pairs_to_review": pending,
            "pairs_shown": min(pending, limit) if limit > 0 else pending,
            "kept_apart": self.kept_apart(),
            "households": int(households.max(initial=0)),
            "records_in_households": int((households > 0).sum()),
            "candidates_per_pass": {name: int(count) for name, count in self.candidates_per_pass.items()},
            "model": self.model.to_dict() if self.model is not None else None,
        }


def review_order(pairs: pd.DataFrame, auto: float, valued: np.ndarray | None = None) -> np.ndarray:
    """Positions of ``pairs`` in review order: probability nearest ``auto`` first, then pairs with a
    ``valued`` record (per record position), then the most likely. A group of pairs (records linked through
    pending pairs) shows its best pair first; its other pairs come after every group's best, those linking a
    record not yet linked before those whose two records pairs ranked earlier already link."""
    if pairs.empty:
        return np.zeros(0, dtype=np.int64)
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    p = pairs["probability"].to_numpy(dtype=float)
    worth = np.zeros(len(pairs), dtype=bool) if valued is None else valued[left] | valued[right]
    ranked = np.lexsort((-p, ~worth, np.round(np.abs(p - auto), 6)))
    records = int(max(left.max(), right.max())) + 1
    group = components(records, left, right)[left]
    tier = np.ones(len(pairs), dtype=np.int64)
    tier[ranked[np.unique(group[ranked], return_index=True)[1]]] = 0
    linked = UnionFind(records)
    for position in ranked:
        a, b = int(left[position]), int(right[position])
        if linked.find(a) == linked.find(b):
            tier[position] = 2
        linked.union(a, b)
    return ranked[np.argsort(tier[ranked], kind="stable")]
