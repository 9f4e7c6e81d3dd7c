"""Grouping: strongest pairs first, and no chain joins two people."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from grc_toolkit.dedupe.clustering import UnionFind, coherent_groups, components


def _always(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    return np.ones(len(xs), dtype=bool)


def _two_people(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    return np.full(len(xs), -1, dtype=np.int8)


def _doubtful(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    return np.zeros(len(xs), dtype=np.int8)


def test_chain_is_joined_when_ends_agree() -> None:
    groups = coherent_groups(
        3, np.array([0, 1]), np.array([1, 2]), np.array([True, True]), np.array([0.99, 0.95]), agree=_always
    )
    assert groups.tolist() == [0, 0, 0]


def test_chain_is_cut_when_ends_are_two_people() -> None:
    groups = coherent_groups(
        3, np.array([0, 1]), np.array([1, 2]), np.array([True, True]), np.array([0.99, 0.95]), agree=_two_people
    )
    assert groups.tolist() == [0, 0, 2]


def test_a_chain_whose_ends_are_only_doubtful_is_joined_at_half_the_votes() -> None:
    # 0-1 and 1-2 agree, 0-2 is doubtful (a corrupted field, not two people): one vote of two agrees,
    # enough where no rule says two people (a list holding ten rows per person, each with its own typos)
    groups = coherent_groups(
        3, np.array([0, 1]), np.array([1, 2]), np.array([True, True]), np.array([0.99, 0.95]), agree=_doubtful
    )
    assert groups.tolist() == [0, 0, 0]
    # against three records, one agreement and two doubts are not enough
    left, right = np.array([0, 1, 2]), np.array([1, 2, 3])
    groups = coherent_groups(4, left, right, np.ones(3, bool), np.array([0.99, 0.98, 0.97]), agree=_doubtful)
    assert groups.tolist() == [0, 0, 0, 3]


def test_known_pair_verdict_is_used() -> None:
    # 0-1 and 1-2 accepted; 0-2 was a candidate judged two people: 2 stays alone
    left, right = np.array([0, 1, 0]), np.array([1, 2, 2])
    accepted = np.array([True, True, False])
    coherent = np.array([1, 1, -1], dtype=np.int8)
    groups = coherent_groups(3, left, right, accepted, np.array([0.99, 0.95, 0.1]), agree=_always, coherent=coherent)
    assert groups.tolist() == [0, 0, 2]


def test_strongest_pair_wins_a_contested_record() -> None:
    # 1 could join 0 or 2 but 0 and 2 are two people: the stronger link decides
    left, right = np.array([0, 1]), np.array([1, 2])
    groups = coherent_groups(3, left, right, np.array([True, True]), np.array([0.91, 0.99]), agree=_two_people)
    assert groups.tolist() == [0, 1, 1]


def test_group_size_is_capped() -> None:
    n = 10
    left, right = np.arange(n - 1), np.arange(1, n)
    groups = coherent_groups(
        n, left, right, np.ones(n - 1, bool), np.linspace(0.99, 0.9, n - 1), agree=_always, max_size=4
    )
    assert pd.Series(groups).value_counts().max() <= 4


def test_majority_linkage_joins_a_corrupted_member() -> None:
    # 3 agrees with 0 and 1 but not with 2 (doubtful, not two people): 2 of 3 is a majority
    left, right = np.array([0, 1, 0]), np.array([1, 2, 3])
    votes = {(0, 3): 1, (1, 3): 1, (2, 3): 0}

    def agree(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        return np.array([votes.get((int(x), int(y)), 1) for x, y in zip(xs, ys, strict=True)], dtype=np.int8)

    groups = coherent_groups(4, left, right, np.ones(3, bool), np.array([0.99, 0.98, 0.97]), agree=agree)
    assert groups.tolist() == [0, 0, 0, 0]


def test_a_veto_beats_any_majority() -> None:
    # a household: 3 agrees with 0 and 1, but 2 and 3 are two people for sure
    left, right = np.array([0, 1, 0]), np.array([1, 2, 3])
    votes = {(0, 3): 1, (1, 3): 1, (2, 3): -1}

    def agree(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        return np.array([votes.get((int(x), int(y)), 1) for x, y in zip(xs, ys, strict=True)], dtype=np.int8)

    groups = coherent_groups(4, left, right, np.ones(3, bool), np.array([0.99, 0.98, 0.97]), agree=agree)
    assert groups.tolist() == [0, 0, 0, 3]


def test_one_union_find_names_each_set_by_its_smallest_member() -> None:
    sets = UnionFind(6)
    assert sets.union(5, 3) == 3
    assert sets.union(3, 4) == 3
    assert sets.union(4, 1) == 1
    assert sets.find(5) == 1
    assert sets.labels().tolist() == [0, 1, 2, 1, 1, 1]


def test_components_of_a_graph() -> None:
    assert components(4, np.array([], dtype=np.int64), np.array([], dtype=np.int64)).tolist() == [0, 1, 2, 3]
    assert components(6, np.array([5, 2, 0]), np.array([4, 4, 1])).tolist() == [0, 0, 2, 3, 2, 2]


def _reference_groups(n, left, right, accepted, probability, agree, coherent, max_size=50):
    """Grouping as it reads, one join at a time, every unknown pair asked when a join needs it: what
    :func:`coherent_groups` must give whatever it asks ahead."""
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    known = {(int(a), int(b)): int(v) for a, b, v in zip(left, right, coherent, strict=True)}
    members = {}
    for edge in np.flatnonzero(accepted)[np.argsort(-probability[accepted], kind="stable")]:
        root_a, root_b = find(int(left[edge])), find(int(right[edge]))
        if root_a == root_b:
            continue
        group_a, group_b = members.get(root_a, [root_a]), members.get(root_b, [root_b])
        if len(group_a) + len(group_b) > max_size:
            continue
        if len(group_a) * len(group_b) > 1:
            pairs = [(min(x, y), max(x, y)) for x in group_a for y in group_b]
            votes = [known[p] if p in known else int(agree(np.array([p[0]]), np.array([p[1]]))[0]) for p in pairs]
            if not (min(votes) >= 0 and np.mean(np.array(votes) == 1) >= 0.5):
                continue
        keep, drop = min(root_a, root_b), max(root_a, root_b)
        parent[drop] = keep
        members[keep] = group_a + group_b
        members.pop(drop, None)
    return [find(x) for x in range(n)]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 60),
    seed=st.integers(0, 10_000),
    density=st.floats(0.02, 0.4),
    max_size=st.sampled_from([3, 5, 50]),
)
def test_asking_ahead_gives_the_groups_of_one_join_at_a_time(n, seed, density, max_size) -> None:
    rng = np.random.default_rng(seed)
    a, b = np.triu_indices(n, 1)
    keep = rng.random(len(a)) < density
    left, right = a[keep], b[keep]
    if not len(left):
        return
    probability = rng.random(len(left))
    accepted = probability >= 0.3
    coherent = rng.choice(np.array([-1, 0, 1], dtype=np.int8), len(left), p=[0.1, 0.2, 0.7])

    def agree(xs, ys):  # a fixed vote per pair, whichever batch asks it
        return ((xs * 7919 + ys * 104729 + seed) % 5 - 1).clip(-1, 1).astype(np.int8)

    groups = coherent_groups(n, left, right, accepted, probability, agree=agree, coherent=coherent, max_size=max_size)
    expected = _reference_groups(n, left, right, accepted, probability, agree, coherent, max_size)
    assert groups.tolist() == expected


def test_a_long_chain_asks_its_votes_in_a_few_batches() -> None:
    # 12,000 records of a 50,000-row list once formed one chain, and grouping asked a batch per join (60 ms
    # each): the joins' pairs are now asked ahead, a few thousand joins at a time
    n = 3_000
    left, right = np.arange(n - 1), np.arange(1, n)
    calls = []

    def agree(xs, ys):
        calls.append(len(xs))
        return np.where((xs // 10) == (ys // 10), 1, -1).astype(np.int8)  # people of ten records each

    groups = coherent_groups(n, left, right, np.ones(n - 1, bool), np.linspace(0.99, 0.9, n - 1), agree=agree)
    assert len(set(groups.tolist())) == n // 10
    assert len(calls) <= 10, len(calls)
