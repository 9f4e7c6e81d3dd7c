"""grc's duplicate groups on a generated export with life events and look-alikes who are not duplicates.

    python benchmarks/life_events.py                      # 3,000 people, seed 7, engines grc and splink
    python benchmarks/life_events.py --people 1000 --seed 3 --engine grc
    python benchmarks/life_events.py --without            # the same people without life events, for comparison

Prints pairwise precision, recall and F1 against ``person_id``, how many look-alike pairs (twins, parent and
child, neighbours, namesakes) grc wrongly merged, and the recall of true pairs by the event one of their rows
carries (married name, short first name, swapped names, birth-date slips).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from dedupe_quality import pairs_of  # beside this script: Python puts a script's folder first on sys.path

from grc_toolkit import Config, DedupeOptions, run
from grc_toolkit.schema import SOURCE_ROWS
from grc_toolkit.testing import GeneratedExport, generate_export


def group_labels(export: GeneratedExport, engine: str) -> np.ndarray:
    """The output row (duplicate group) grc puts each input row in."""
    result = run(export.messy, Config(dedupe=DedupeOptions(engine=engine)))
    labels = np.empty(len(export.messy), dtype=np.int64)
    for group, cell in enumerate(result.data[SOURCE_ROWS]):
        labels[[int(row) - 2 for row in cell.split(" ; ")]] = group
    return labels


def merged_look_alikes(export: GeneratedExport, labels: np.ndarray) -> pd.DataFrame:
    """Per kind of look-alike: how many pairs of people, and how many grc put (partly) in one group."""
    groups_of = pd.Series(labels).groupby(export.person_id.to_numpy()).agg(set)
    negatives = export.hard_negatives
    merged = [
        bool(groups_of[a] & groups_of[b]) for a, b in zip(negatives["person_a"], negatives["person_b"], strict=True)
    ]
    return negatives.assign(merged=merged).groupby("kind")["merged"].agg(pairs="size", merged="sum")


def recall_by_event(
    export: GeneratedExport, found: set[tuple[int, int]], expected: set[tuple[int, int]]
) -> pd.DataFrame:
    """Recall of the true pairs one of whose rows carries each event ("none": neither row carries one), over
    all of them and over those sharing neither email nor phone (where names and birth dates must do the work)."""
    events, emails, phones = (export.events.to_numpy(), export.truth["email"].to_numpy(),
                              export.truth["phone"].to_numpy())  # fmt: skip
    tally: dict[str, list[int]] = {}
    for a, b in expected:
        tags = {tag for tag in f"{events[a]},{events[b]}".split(",") if tag} or {"none"}
        contact = (emails[a] != "" and emails[a] == emails[b]) or (phones[a] != "" and phones[a] == phones[b])
        for tag in tags:
            counts = tally.setdefault(tag, [0, 0, 0, 0])
            counts[0] += 1
            counts[1] += (a, b) in found
            counts[2] += not contact
            counts[3] += (a, b) in found and not contact
    frame = pd.DataFrame(tally, index=["pairs", "found", "pairs_no_contact", "found_no_contact"]).T
    return frame.assign(
        recall=(frame["found"] / frame["pairs"]).round(3),
        recall_no_contact=(frame["found_no_contact"] / frame["pairs_no_contact"].replace(0, np.nan)).round(3),
    ).sort_values(["recall", "recall_no_contact"])


def measure(export: GeneratedExport, engine: str) -> None:
    start = time.perf_counter()
    labels = group_labels(export, engine)
    seconds = time.perf_counter() - start
    found, expected = pairs_of(labels), pairs_of(export.person_id.to_numpy())
    good = len(found & expected)
    precision = good / len(found) if found else 1.0
    recall = good / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"— engine {engine}: {len(export.messy):,} rows, {len(expected):,} true pairs, {len(found):,} found")
    print(f"precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}  ({seconds:.1f} s)")
    if not export.hard_negatives.empty:
        print("look-alikes wrongly merged:")
        print(merged_look_alikes(export, labels).to_string())
        print("recall of true pairs by event:")
        print(recall_by_event(export, found, expected).to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--engine", nargs="+", default=["grc", "splink"], choices=["grc", "splink"])
    parser.add_argument("--without", action="store_true", help="the same seed without life events")
    args = parser.parse_args()
    export = generate_export(args.people, seed=args.seed, life_events=not args.without)
    for engine in args.engine:
        measure(export, engine)


if __name__ == "__main__":
    main()
