"""Visitors shared by three offices: exact keyed hashes (grc audit today) against keyed Bloom-filter encodings.

    python benchmarks/overlap_linkage.py                          # 3,000 people, noise 0.5, 1 and 2, both layouts
    python benchmarks/overlap_linkage.py --people 2000 --noise 1 --layout copies --life-events

Offices draw rows of one generated export, with the truth in ``person_id``:

- ``same-rows``: as ``tests/test_audit.py``'s network (two thirds, the last two thirds, every other row), so a
  shared visitor is often the very same row in two offices;
- ``copies``: each row goes to one office only (duplicate rate 0.5), so a shared visitor is two copies of a
  person typed apart, each with its own noise: the case the exact hashes can miss.

The generator's noise never misspells a name (case, spaces, mojibake: all undone by cleaning), so ``--typos RATE``
adds the case the issue describes: for that share of the people found in two offices or more, one of their rows
in another office than their first gets a one-letter slip in the last or first name and loses its email and phone.

Each office is cleaned and deduplicated by grc (``run``), then linked to the others by each method; people are
connected components (rows linked across offices, and within an office by grc's own groups), as in
``grc_toolkit.linkage.overlap``. Printed per method: the relative error of the people shared by each pair of
offices (sum of |found - true| over the three pairs, over the sum of true, and the same signed: ``overlap_bias``),
the precision and recall of the direct cross-office links (``link_*``: pairs of rows with an equal hash, or a Dice
coefficient at the threshold) and of the cross-office pairs of rows put in one person once grc's own groups and
transitivity are added (``precision``, ``recall``).
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import combinations

import numpy as np
import pandas as pd

from grc_toolkit import Config, bloom, run
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


def misspell(rng: random.Random, name: str) -> str:
    """One slip: a letter replaced, dropped, or two neighbours swapped (names of 4 letters or more)."""
    if len(name) < 4:
        return name
    at = rng.randrange(1, len(name) - 2)
    kind = rng.choice(("replace", "drop", "swap"))
    if kind == "replace":
        return name[:at] + rng.choice("aeioulnrst") + name[at + 1 :]
    if kind == "drop":
        return name[:at] + name[at + 1 :]
    return name[:at] + name[at + 1] + name[at] + name[at + 2 :]


def add_typos(messy: pd.DataFrame, picks: dict[str, list[int]], person_id: pd.Series, rate: float) -> pd.DataFrame:
    rng = random.Random(42)
    messy = messy.copy()
    office_of = {row: number for number, picked in enumerate(picks.values()) for row in picked}
    rows_of = pd.Series(list(office_of)).groupby(person_id.iloc[list(office_of)].to_numpy()).agg(list)
    for rows in rows_of:
        offices = sorted({office_of[row] for row in rows})
        if len(offices) < 2 or rng.random() >= rate:
            continue
        row = rng.choice([row for row in rows if office_of[row] != offices[0]])
        column = rng.choice(("Nom", "Prénom"))
        messy.loc[row, column] = misspell(rng, str(messy.loc[row, column]))
        messy.loc[row, ["Email", "Téléphone"]] = ""
    return messy


def edge_scores(edges: set[tuple[int, int]], office: np.ndarray, person: np.ndarray) -> dict[str, float]:
    """Precision and recall of the direct cross-office links alone (before grc's groups and transitivity)."""
    right = sum(person[a] == person[b] for a, b in edges)
    true = cross_pairs(person, office)
    return {"link_precision": right / len(edges) if edges else 1.0, "link_recall": right / true if true else 1.0}


def exact_edges(keys: list[pd.DataFrame]) -> set[tuple[int, int]]:
    """Pairs of rows of two offices with an equal keyed hash."""
    rows_of: dict[str, list[tuple[int, int]]] = {}
    base = 0
    for number, frame in enumerate(keys):
        for kind in KEY_KINDS:
            for row, cell in enumerate(frame[KEY_COLUMNS[kind]].tolist()):
                for value in cell.split():
                    rows_of.setdefault(f"{kind}:{value}", []).append((number, base + row))
        base += len(frame)
    return {
        (min(a, b), max(a, b)) for rows in rows_of.values() for (oa, a), (ob, b) in combinations(rows, 2) if oa != ob
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
    people: int, seed: int, noise: float, layout: str, life_events: bool, thresholds: list[float], typos: float
) -> list[dict[str, object]]:
    duplicate_rate = 0.5 if layout == "copies" else 0.25
    export = generate_export(people, seed=seed, noise=noise, duplicate_rate=duplicate_rate, life_events=life_events)
    picks = layouts(len(export.messy), layout, seed)
    messy = add_typos(export.messy, picks, export.person_id, typos) if typos else export.messy
    keys, encodings, persons, offices = [], [], [], []
    for number, picked in enumerate(picks.values()):
        result = run(messy.iloc[picked].reset_index(drop=True), Config())
        keys.append(hash_keys(linkage_keys(result), KEY).reset_index(drop=True))
        encodings.append(encode(identity_fields(result), KEY))
        persons += export.person_id.iloc[picked].tolist()
        offices += [number] * len(picked)
    office, person = np.array(offices), np.array(persons)
    exact = exact_groups(keys)
    exact_labels = exact.labels()
    check = overlap(OFFICES, keys)  # the product's own count: the benchmark's exact method must agree
    assert list(check.pairs.values()) == list(shared(exact_labels, office).values())
    linked = exact_edges(keys)
    rows = [{"method": "exact", **edge_scores(linked, office, person), **scores(exact_labels, office, person)}]
    for threshold in thresholds:
        started = time.perf_counter()
        edges = bloom_edges(encodings, threshold)
        seconds = time.perf_counter() - started
        alone = person_groups(keys)
        for a, b in edges:
            alone.join(a, b)
        fuzzy = {(int(a), int(b)) for a, b in edges}
        alone_scores = scores(alone.labels(), office, person)
        rows.append({"method": f"bloom {threshold}", **edge_scores(fuzzy, office, person), **alone_scores})
        rows[-1]["seconds"] = seconds
        for a, b in edges:
            exact.join(a, b)
        both = edge_scores(linked | fuzzy, office, person)
        rows.append({"method": f"exact+bloom {threshold}", **both, **scores(exact.labels(), office, person)})
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
    parser.add_argument("--extra-hashes", type=int, default=bloom.EXTRA_HASHES, help="bits of a birth date or postcode")
    parser.add_argument("--typos", type=float, default=0.0, help="share of shared people with a misspelt copy")
    args = parser.parse_args()
    bloom.EXTRA_HASHES = args.extra_hashes
    rows = []
    for layout in args.layout:
        for noise in args.noise:
            rows += measure(args.people, args.seed, noise, layout, args.life_events, args.thresholds, args.typos)
    columns = ["layout", "noise", "shared", "method", "link_precision", "link_recall", "overlap_error", "overlap_bias"]
    table = pd.DataFrame(rows)[[*columns, "precision", "recall", "seconds"]].fillna(0.0)
    life = "on" if args.life_events else "off"
    print(f"{args.people} people, seed {args.seed}, life events {life}, typos {args.typos}, extra {args.extra_hashes}")
    print(table.to_string(index=False, float_format=lambda value: f"{value:.3f}"))


if __name__ == "__main__":
    main()
