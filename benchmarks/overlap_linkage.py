"""Visitors shared by three offices: exact keyed hashes (grc audit today) against keyed Bloom-filter encodings.

    python benchmarks/overlap_linkage.py                          # 3,000 people, noise 0.5, 1 and 2, both layouts
    python benchmarks/overlap_linkage.py --people 2000 --noise 1 --layout copies --life-events

Offices draw rows of one generated export, with the truth in ``person_id``:

- ``same-rows``: as ``tests/test_audit.py``'s network (two thirds, the last two thirds, every other row), so a
  shared visitor is often the very same row in two offices;
- ``copies``: each row goes to one office only (duplicate rate 0.5), so a shared visitor is two copies of a
  person typed apart, each with its own noise: the case the exact hashes can miss.

Each office is cleaned and deduplicated by grc (``run``), then linked to the others by each method; people are
connected components (rows linked across offices, and within an office by grc's own groups), as in
``grc_toolkit.linkage.overlap``. Printed per method: the relative error of the people shared by each pair of
offices (sum of |found - true| over the three pairs, over the sum of true), and the precision and recall of the
cross-office pairs of rows put in one person.
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import combinations

import numpy as np
import pandas as pd

from grc_toolkit import Config, run
from grc_toolkit.bloom import dice_pairs, encode
from grc_toolkit.linkage import KEY_COLUMNS, KEY_KINDS, PERSON_COLUMN, hash_keys, identity_fields, linkage_keys, overlap
from grc_toolkit.testing import generate_export

KEY = b"benchmark-network-key"
OFFICES = ("vannes", "auray", "quiberon")


def layouts(n_rows: int, layout: str, seed: int) -> dict[str, list[int]]:
    rows = list(range(n_rows))
    random.Random(seed).shuffle(rows)
    if layout == "same-rows":
        third = len(rows) // 3
        picks = [rows[: 2 * third], rows[third:], rows[::2]]
    else:
        chooser = random.Random(seed + 1)
        picks = [[], [], []]
        for row in rows:
            picks[chooser.randrange(3)].append(row)
    return {name: sorted(picked) for name, picked in zip(OFFICES, picks, strict=True)}


class Groups:
    def __init__(self, size: int) -> None:
        self.parent = np.arange(size)

    def find(self, row: int) -> int:
        while self.parent[row] != row:
            self.parent[row] = self.parent[self.parent[row]]
            row = int(self.parent[row])
        return row

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def labels(self) -> np.ndarray:
        return np.array([self.find(row) for row in range(len(self.parent))])


def cross_pairs(labels: np.ndarray, office: np.ndarray) -> int:
    """Pairs of rows of two different offices that share a label."""
    counts = pd.crosstab(labels, office).to_numpy()
    return int(sum((counts[:, a] * counts[:, b]).sum() for a, b in combinations(range(counts.shape[1]), 2)))


def shared(labels: np.ndarray, office: np.ndarray) -> dict[tuple[int, int], int]:
    present = pd.crosstab(labels, office).to_numpy() > 0
    return {(a, b): int((present[:, a] & present[:, b]).sum()) for a, b in combinations(range(present.shape[1]), 2)}


def scores(labels: np.ndarray, office: np.ndarray, person: np.ndarray) -> dict[str, float]:
    combined = pd.factorize(pd.Series(list(zip(labels.tolist(), person.tolist(), strict=True))))[0]
    found, true, right = cross_pairs(labels, office), cross_pairs(person, office), cross_pairs(combined, office)
    got, expected = shared(labels, office), shared(person, office)
    error = sum(abs(got[p] - expected[p]) for p in expected) / max(1, sum(expected.values()))
    bias = sum(got[p] - expected[p] for p in expected) / max(1, sum(expected.values()))
    return {
        "overlap_error": error,
        "overlap_bias": bias,
        "precision": right / found if found else 1.0,
        "recall": right / true if true else 1.0,
    }


def exact_groups(keys: list[pd.DataFrame]) -> Groups:
    """Rows joined by grc's own groups within an office and by any equal keyed hash."""
    groups = Groups(sum(len(frame) for frame in keys))
    first_row: dict[str, int] = {}
    base = 0
    for number, frame in enumerate(keys):
        columns = [f"{number}:" + frame[PERSON_COLUMN].astype(str)]
        columns += [frame[KEY_COLUMNS[kind]] for kind in KEY_KINDS]
        for kind, column in zip(("person", *KEY_KINDS), columns, strict=True):
            for row, cell in enumerate(column.tolist()):
                for value in cell.split():
                    label = f"{kind}:{value}"
                    groups.join(first_row.setdefault(label, base + row), base + row)
        base += len(frame)
    return groups


def bloom_edges(encodings: list[np.ndarray], threshold: float) -> list[tuple[int, int]]:
    starts = np.cumsum([0] + [len(e) for e in encodings])
    edges = []
    for a, b in combinations(range(len(encodings)), 2):
        edges += [(starts[a] + i, starts[b] + j) for i, j in dice_pairs(encodings[a], encodings[b], threshold)]
    return edges


def person_groups(keys: list[pd.DataFrame]) -> Groups:
    groups = Groups(sum(len(frame) for frame in keys))
    base = 0
    for frame in keys:
        first: dict[int, int] = {}
        for row, person in enumerate(frame[PERSON_COLUMN].tolist()):
            groups.join(first.setdefault(person, base + row), base + row)
        base += len(frame)
    return groups


def measure(
    people: int, seed: int, noise: float, layout: str, life_events: bool, thresholds: list[float]
) -> list[dict[str, object]]:
    duplicate_rate = 0.5 if layout == "copies" else 0.25
    export = generate_export(people, seed=seed, noise=noise, duplicate_rate=duplicate_rate, life_events=life_events)
    picks = layouts(len(export.messy), layout, seed)
    keys, encodings, persons, offices = [], [], [], []
    for number, picked in enumerate(picks.values()):
        result = run(export.messy.iloc[picked].reset_index(drop=True), Config())
        keys.append(hash_keys(linkage_keys(result), KEY).reset_index(drop=True))
        encodings.append(encode(identity_fields(result), KEY))
        persons += export.person_id.iloc[picked].tolist()
        offices += [number] * len(picked)
    office, person = np.array(offices), np.array(persons)
    exact = exact_groups(keys)
    exact_labels = exact.labels()
    check = overlap(OFFICES, keys)  # the product's own count: the benchmark's exact method must agree
    assert list(check.pairs.values()) == list(shared(exact_labels, office).values())
    rows = [{"method": "exact", **scores(exact_labels, office, person), "seconds": 0.0}]
    for threshold in thresholds:
        started = time.perf_counter()
        edges = bloom_edges(encodings, threshold)
        seconds = time.perf_counter() - started
        alone = person_groups(keys)
        for a, b in edges:
            alone.join(a, b)
        rows.append({"method": f"bloom {threshold}", **scores(alone.labels(), office, person), "seconds": seconds})
        for a, b in edges:
            exact.join(a, b)
        rows.append({"method": f"exact+bloom {threshold}", **scores(exact.labels(), office, person), "seconds": 0.0})
        exact = exact_groups(keys)
    truth = shared(person, office)
    for row in rows:
        row.update(noise=noise, layout=layout, shared=sum(truth.values()), rows=len(office))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--noise", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    parser.add_argument("--layout", choices=["same-rows", "copies"], nargs="+", default=["same-rows", "copies"])
    parser.add_argument("--life-events", action="store_true", help="birth dates, look-alikes, married names")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.8, 0.85, 0.9])
    args = parser.parse_args()
    rows = []
    for layout in args.layout:
        for noise in args.noise:
            rows += measure(args.people, args.seed, noise, layout, args.life_events, args.thresholds)
    columns = ["layout", "noise", "rows", "shared", "method", "overlap_error", "overlap_bias", "precision", "recall"]
    table = pd.DataFrame(rows)[[*columns, "seconds"]]
    print(f"{args.people} people, seed {args.seed}, life events {'on' if args.life_events else 'off'}")
    print(table.to_string(index=False, float_format=lambda value: f"{value:.3f}"))


if __name__ == "__main__":
    main()
