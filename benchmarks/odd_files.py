"""Run ``grc clean`` (dedupe on) over a folder of tabular files other projects made, and tally how each ends.

The corpus is not shipped: gather odd CSV, TSV and spreadsheet files from public repositories (test data of
CSV and spreadsheet libraries, record-linkage examples, open-data validators), put them under one folder
and run:

    python benchmarks/odd_files.py /path/to/corpus            # every .csv .tsv .txt .xlsx .xls .xlsm .ods
    python benchmarks/odd_files.py /path/to/corpus --show ok  # list the files of one outcome

Each file ends in one of: ``ok`` (cleaned and written), ``refused`` (a one-line French message and exit code, as a
person would get), ``crash`` (anything else: "Erreur inattendue" at the command line, a bug), or ``slow`` (over
``--timeout`` seconds); with ``--twice``, ``unstable`` when cleaning grc's output again changes a cell or a row
count. The goal is zero ``crash`` and zero ``unstable``. A separate process runs each file so that one file's crash,
hang or memory blow-up does not stop the tally; every written output is checked to hold each input row.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import sys
import tempfile
import time
import traceback
from pathlib import Path

SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".xlsm", ".ods"}


def _clean_one(path: str, output: str, twice: bool, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    from grc_toolkit.api import clean_file
    from grc_toolkit.errors import GrcError
    from grc_toolkit.schema import SOURCE_ROWS

    try:
        done = clean_file(path, output=output)
        rows = {r for cell in done.result.data[SOURCE_ROWS] for r in str(cell).split(" ; ") if r}
        if len(rows) != done.result.rows_in or not Path(output).exists():
            queue.put(("crash", f"rows in {done.result.rows_in}, accounted for {len(rows)}"))
            return
        if twice:  # grc's own output, cleaned again, must come back unchanged
            again = clean_file(output, output=str(Path(output).with_name("twice.xlsx")))
            if len(again.result.changes) or again.result.rows_out != done.result.rows_out:
                detail = f"second pass: {len(again.result.changes)} changes, {done.result.rows_out} -> rows "
                queue.put(("unstable", detail + str(again.result.rows_out)))
                return
        queue.put(("ok", f"{done.result.rows_in} rows"))
    except GrcError as error:
        queue.put(("refused", error.message))
    except Exception as error:  # the thing this benchmark looks for
        frame = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        queue.put(("crash", f"{type(error).__name__} at {where}: {str(error)[:120]}"))


def run_file(path: Path, timeout: float, twice: bool = False) -> tuple[str, str, float]:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
        process = mp.Process(target=_clean_one, args=(str(path), str(Path(folder) / "out.xlsx"), twice, queue))
        process.start()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
            return "slow", f"over {timeout:.0f} s", time.perf_counter() - start
        outcome = queue.get() if not queue.empty() else ("crash", f"process died (exit {process.exitcode})")
    return outcome[0], outcome[1], time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", default="crash", help="list the files of this outcome (crash, refused, ok, slow...)")
    parser.add_argument("--twice", action="store_true", help="clean each output again: it must come back unchanged")
    args = parser.parse_args()
    import grc_toolkit.api  # noqa: F401  (imported once here: each forked child starts with it)

    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    tally: collections.Counter[str] = collections.Counter()
    listed = []
    for path in files:
        outcome, detail, seconds = run_file(path, args.timeout, args.twice)
        tally[outcome] += 1
        if outcome == args.show:
            listed.append(f"  {path.relative_to(args.folder)}  ({seconds:.1f} s)  {detail}")
    print(f"{len(files)} files: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    print(f"{args.show}:")
    print("\n".join(listed))
    return 1 if tally["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
