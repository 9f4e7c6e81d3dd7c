"""Group records into people: the one union-find of dedupe, for groups, their components and households."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from grc_toolkit.progress import report

#: Verdict on pairs of records that were not candidates: 1 may be one person, 0 doubtful, -1 two people.
PairScorer = Callable[[np.ndarray, np.ndarray], np.ndarray]


class UnionFind:
    """Disjoint sets of the positions ``0..n-1``; each set is named by its smallest position.

    Examples:
        >>> sets = UnionFind(4)
        >>> sets.union(3, 1), sets.union(1, 2)
        (1, 1)
        >>> sets.labels().tolist()
        [0, 1, 1, 1]
    """

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        """Join the sets of ``a`` and ``b``; returns the joined set's name (its smallest position)."""
        root_a, root_b = self.find(a), self.find(b)
        keep, drop = min(root_a, root_b), max(root_a, root_b)
        self._parent[drop] = keep
        return keep

    def labels(self) -> np.ndarray:
        """Per position, the name of its set."""
        parent = np.asarray(self._parent, dtype=np.int64)
        while True:  # a parent is never larger than its child: jump until every parent is a root
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                return parent
            parent = jumped


#: Share of the pairs across two groups that must agree to join them (the others doubtful, none two
#: people). At least half, not more: a list that holds ten rows per person, each with its own typos,
#: has many doubtful pairs inside one person (public historical set: F1 0.803 at "more than half",
#: 0.808 at "at least half"; at a third, precision fell below 0.95).
MAJORITY = 0.5


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of the graph of ``n`` nodes and edges ``left[i]``-``right[i]``: per node, the
    smallest node of its component.

    Examples:
        >>> components(5, np.array([4, 1]), np.array([2, 3])).tolist()
        [0, 1, 2, 1, 2]
    """
    sets = UnionFind(n)
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        sets.union(a, b)
    return sets.labels()


def coherent_groups(
    n: int,
    left: np.ndarray,
    right: np.ndarray,
    accepted: np.ndarray,
    probability: np.ndarray,
    *,
    agree: PairScorer,
    coherent: np.ndarray | None = None,
    max_size: int = 50,
) -> np.ndarray:
    """Group records along accepted pairs, strongest first, never by blind transitive closure.

    Two groups are joined only when no pair across them is two people for sure and most pairs across
    them may be one person (``agree(xs, ys)`` gives 1 / 0 / -1 for pairs that were not candidates; the
    candidates' own verdict is ``coherent``, by default ``accepted``), so a chain A~B~C cannot glue A
    and C when they are two people — a household's members linked through a shared phone stay apart.
    Returns per record the position of its group's first record.

    Examples:
        >>> left, right = np.array([0, 1]), np.array([1, 2])
        >>> agree = lambda xs, ys: np.full(len(xs), -1)  # 0 and 2 are two people
        >>> coherent_groups(3, left, right, np.array([True, True]), np.array([0.99, 0.95]), agree=agree).tolist()
        [0, 0, 2]
    """
    sets = UnionFind(n)
    members: dict[int, list[int]] = {}
    codes = left.astype(np.int64) * n + right
    votes = accepted.astype(np.int8) if coherent is None else coherent
    extra_codes, extra_votes = _votes_inside_components(n, left[accepted], right[accepted], codes, agree, max_size)
    codes, votes = np.concatenate([codes, extra_codes]), np.concatenate([votes, extra_votes])
    order_codes = np.argsort(codes)
    known = _Votes(n, codes[order_codes], votes[order_codes], agree)

    edges = np.flatnonzero(accepted)[np.argsort(-probability[accepted], kind="stable")]
    for start in range(0, len(edges), SPECULATION_EDGES):
        chunk = edges[start : start + SPECULATION_EDGES]
        known.ask_ahead(_crossings(sets, members, left[chunk], right[chunk], max_size))
        for edge in chunk:
            root_a, root_b = sets.find(int(left[edge])), sets.find(int(right[edge]))
            if root_a == root_b:
                continue
            group_a, group_b = members.get(root_a, [root_a]), members.get(root_b, [root_b])
            if len(group_a) + len(group_b) > max_size:
                continue
            if len(group_a) * len(group_b) > 1 and not known.all_agree(group_a, group_b):
                continue
            keep = sets.union(root_a, root_b)
            members[keep] = group_a + group_b
            members.pop(max(root_a, root_b), None)
        report(start + len(chunk), len(edges))
    return sets.labels()


#: Accepted pairs whose joins are looked at together: the pairs across the groups each would join are asked
#: of ``agree`` in one batch before any of them is decided (one small batch per join cost 60 ms each on a
#: 50,000-row file, and a chain of 12,000 records asked tens of thousands of them).
SPECULATION_EDGES = 2048


def _crossings(
    sets: UnionFind, members: dict[int, list[int]], left: np.ndarray, right: np.ndarray, max_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs the joins along ``left``-``right`` will mostly ask, as the groups stand: for each group they
    touch, the pairs between its records and those of the nearest groups these joins would bring to it (by
    breadth-first search over the joins, while they hold at most ``max_size`` records, the largest a group
    may grow to)."""
    neighbours: dict[int, list[int]] = {}
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        root_a, root_b = sets.find(a), sets.find(b)
        if root_a != root_b:
            neighbours.setdefault(root_a, []).append(root_b)
            neighbours.setdefault(root_b, []).append(root_a)
    xs: list[list[int]] = []
    ys: list[list[int]] = []
    for root, around in neighbours.items():
        own = members.get(root, [root])
        seen, queue, size = {root}, list(around), len(own)
        for other in queue:  # breadth-first: the queue grows as it is read
            if other in seen:
                continue
            seen.add(other)
            group = members.get(other, [other])
            size += len(group)
            if size > max_size:
                break
            xs.append([x for x in own for _ in group])
            ys.append([y for _ in own for y in group])
            queue.extend(neighbours.get(other, ()))
    if not xs:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    a = np.fromiter((x for chunk in xs for x in chunk), dtype=np.int64)
    b = np.fromiter((y for chunk in ys for y in chunk), dtype=np.int64)
    return np.minimum(a, b), np.maximum(a, b)


class _Votes:
    """Votes on pairs: the candidates' own, those asked in batches ahead, and any other asked when needed."""

    def __init__(self, n: int, sorted_codes: np.ndarray, verdict: np.ndarray, agree: PairScorer) -> None:
        self.n, self.sorted_codes, self.verdict, self.agree = n, sorted_codes, verdict, agree
        self.asked: dict[int, int] = {}

    def _lookup(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per code, whether its vote is known, and the vote (0 where not)."""
        votes = np.zeros(len(codes), dtype=np.int8)
        known = np.zeros(len(codes), dtype=bool)
        if len(self.sorted_codes):
            where = np.minimum(np.searchsorted(self.sorted_codes, codes), len(self.sorted_codes) - 1)
            known = self.sorted_codes[where] == codes
            votes[known] = self.verdict[where[known]]
        if self.asked:
            for i in np.flatnonzero(~known):
                vote = self.asked.get(int(codes[i]))
                if vote is not None:
                    known[i], votes[i] = True, vote
        return known, votes

    def ask_ahead(self, pairs: tuple[np.ndarray, np.ndarray]) -> None:
        xs, ys = pairs
        if not len(xs):
            return
        codes = np.unique(xs * self.n + ys)
        known, _ = self._lookup(codes)
        codes = codes[~known]
        if len(codes):
            votes = np.asarray(self.agree(codes // self.n, codes % self.n), dtype=np.int8)
            self.asked.update(zip(codes.tolist(), votes.tolist(), strict=True))

    def all_agree(self, group_a: list[int], group_b: list[int]) -> bool:
        """Whether two groups may become one: no pair across them is vetoed (``-1``: two people for sure),
        and at least :data:`MAJORITY` of the pairs across them agree (``1``): majority linkage, between the
        fragile all-pairs rule and the chain-prone single link."""
        xs = np.array([min(x, y) for x in group_a for y in group_b], dtype=np.int64)
        ys = np.array([max(x, y) for x in group_a for y in group_b], dtype=np.int64)
        codes = xs * self.n + ys
        known, votes = self._lookup(codes)
        if (~known).any():
            asked = np.asarray(self.agree(xs[~known], ys[~known]), dtype=np.int8)
            votes[~known] = asked
            self.asked.update(zip(codes[~known].tolist(), asked.tolist(), strict=True))
        return bool((votes >= 0).all() and (votes == 1).mean() >= MAJORITY)


def _votes_inside_components(
    n: int, left: np.ndarray, right: np.ndarray, known: np.ndarray, agree: PairScorer, max_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Votes on every pair inside each component of the accepted pairs that was not a candidate, asked
    in one batch: asking pair by pair while grouping cost minutes at a million records."""
    if not len(left):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int8)
    labels = components(n, left, right)
    sizes = np.bincount(labels, minlength=n)
    in_big = (sizes[labels] >= 3) & (sizes[labels] <= max_size * 2)
    positions = np.flatnonzero(in_big)
    if not len(positions):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int8)
    order = positions[np.argsort(labels[positions], kind="stable")]
    grouped = pd.Series(order).groupby(labels[order], sort=False).agg(list)
    xs = [x for group in grouped for i, x in enumerate(group) for _ in group[i + 1 :]]
    ys = [y for group in grouped for i, _ in enumerate(group) for y in group[i + 1 :]]
    a, b = np.minimum(xs, ys).astype(np.int64), np.maximum(xs, ys).astype(np.int64)
    codes = a * n + b
    new = ~np.isin(codes, known)
    if not new.any():
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int8)
    return codes[new], np.asarray(agree(a[new], b[new]), dtype=np.int8)
