"""Time each stage of ``grc clean`` on N rows of a visitor export, with rows/s and peak memory.

    python benchmarks/bench_clean.py                        # 100k rows of ../shared/data's 1M file
    python benchmarks/bench_clean.py --rows 20000 --file path/to/export.csv

``true_id`` (the development files' answer key) is dropped before cleaning.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.io import read_table, write_table
from grc_toolkit.mapping import map_columns
from grc_toolkit.pipeline import clean_columns, run
from grc_toolkit.present import contacts

T = TypeVar("T")
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "visitors_dev_1m.csv.gz"


def timed(label: str, rows: int, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    value = action()
    seconds = time.perf_counter() - start
    print(f"{label:<28} {seconds:8.2f} s {rows / seconds:12,.0f} rows/s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    source = pd.read_csv(args.file, dtype=str, keep_default_na=False, nrows=args.rows)
    source = source.drop(columns=["true_id"], errors="ignore")
    rows = len(source)
    print(f"{rows:,} rows from {args.file.name}")
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "export.csv"
        source.to_csv(csv_path, sep=";", index=False, encoding="cp1252", errors="replace")
        table = timed("read csv (cp1252, ;)", rows, lambda: read_table(csv_path))
        mapping = timed("map columns", rows, lambda: map_columns(table.frame))
        config = Config()
        timed("clean all fields", rows, lambda: clean_columns(table.frame, mapping, config.clean))
        no_dedupe = Config(dedupe=DedupeOptions(enabled=False))
        timed("pipeline --no-dedupe", rows, lambda: run(table.frame, no_dedupe, source_rows=table.source_rows))
        result = timed("pipeline (with dedupe)", rows, lambda: run(table.frame, config, source_rows=table.source_rows))
        print(f"{'':<28} {result.rows_in - result.rows_out:,} rows merged")
        timed("write xlsx", rows, lambda: write_table(Path(folder) / "out.xlsx", {"Contacts": contacts(result)}))
        timed("write csv", rows, lambda: write_table(Path(folder) / "out.csv", {"Contacts": contacts(result)}))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MB (max RSS)")


if __name__ == "__main__":
    sys.exit(main())
