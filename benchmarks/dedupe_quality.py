"""Pairwise precision, recall and F1 of grc's duplicate groups against a file's answer key.

    python benchmarks/dedupe_quality.py                                   # ../shared/data 20k file
    python benchmarks/dedupe_quality.py --file ../shared/data/visitors_dev_1m.csv.gz
    python benchmarks/dedupe_quality.py --file export.csv --key true_id
    python benchmarks/dedupe_quality.py --file ../shared/data/visitors_dev_1m.csv.gz --rows 100000
    python benchmarks/dedupe_quality.py --engine grc splink             # both engines side by side

The key column (``true_id``: the person each row belongs to) is dropped before cleaning. Pairs are
all pairs of rows grc puts in one output row (``grc_source_rows``), compared with the pairs of rows
sharing a key. Missed and wrong pairs are broken down by kind (household, namesake, typo...).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd

from grc_toolkit import Config, DedupeOptions, run
from grc_toolkit.cleaners.names import name_key
from grc_toolkit.schema import SOURCE_ROWS

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "visitors_dev_20k.csv"


def pairs_of(labels: np.ndarray) -> set[tuple[int, int]]:
    """All (i, j), i < j, of rows sharing a label."""
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    pairs: set[tuple[int, int]] = set()
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
    ends = np.r_[starts[1:], len(labels)]
    for start, end in zip(starts, ends, strict=True):
        if end - start > 1:
            members = sorted(order[start:end].tolist())
            pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
    return pairs


def kind_of(frame: pd.DataFrame, a: int, b: int) -> str:
    """A rough label of why two rows were confused: household, namesake, or other."""
    ra, rb = frame.iloc[a], frame.iloc[b]
    same_last = name_key(ra["Nom"]) == name_key(rb["Nom"])
    same_first = name_key(ra["Prénom"]) == name_key(rb["Prénom"])
    same_place = ra["Code postal"] == rb["Code postal"] or ra["Adresse"] == rb["Adresse"]
    if same_last and not same_first and same_place:
        return "household"
    if same_last and same_first and not same_place:
        return "namesake"
    if not same_last and not same_first:
        return "names differ"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--key", default="true_id")
    parser.add_argument("--rows", type=int, default=None, help="only the first ROWS rows")
    parser.add_argument("--examples", type=int, default=0, help="print this many wrong and missed pairs")
    parser.add_argument("--engine", nargs="+", default=["grc"], choices=["grc", "splink"], help="engines to run")
    args = parser.parse_args()
    source = pd.read_csv(args.file, dtype=str, keep_default_na=False, nrows=args.rows)
    for engine in args.engine:
        print(f"— engine {engine}")
        measure(source, args.key, engine, args.file.name, args.examples)


def measure(source: pd.DataFrame, key: str, engine: str, name: str, examples: int) -> None:
    """Run grc with ``engine`` on ``source`` (answer key ``key`` dropped) and print its pairwise scores."""
    truth = pd.factorize(source[key])[0]
    frame = source.drop(columns=[key])
    start = time.perf_counter()
    result = run(frame, Config(dedupe=DedupeOptions(engine=engine)))
    seconds = time.perf_counter() - start
    labels = np.empty(len(frame), dtype=np.int64)
    for group, cell in enumerate(result.data[SOURCE_ROWS]):
        labels[[int(row) - 2 for row in cell.split(" ; ")]] = group
    found, expected = pairs_of(labels), pairs_of(truth)
    good = len(found & expected)
    precision = good / len(found) if found else 1.0
    recall = good / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: {len(frame):,} rows, {len(expected):,} true pairs, {len(found):,} pairs found")
    print(f"precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}  ({seconds:.1f} s, peak {peak:,.0f} MB)")
    if result.search is not None:  # its positions are the input's rows: cleaning never drops one
        candidates = result.search.candidates_per_pass
        print(
            f"candidate pairs {sum(candidates.values()):,}: " + ", ".join(f"{k} {v:,}" for k, v in candidates.items())
        )
        pairs = result.search.pairs
        proposed = set(zip(pairs["left"].tolist(), pairs["right"].tolist(), strict=True))
        print(
            f"blocking recall {len(proposed & expected) / max(len(expected), 1):.4f} ({len(proposed):,} distinct pairs)"
        )
    for title, errors in (("wrong pairs", found - expected), ("missed pairs", expected - found)):
        sample = sorted(errors)[:20000]
        kinds = pd.Series([kind_of(source, a, b) for a, b in sample]).value_counts()
        print(f"{title}: {len(errors):,} — " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
        for a, b in sample[:examples]:
            print(source.iloc[[a, b]].drop(columns=[key]).to_string(header=False))
            print()


if __name__ == "__main__":
    main()
