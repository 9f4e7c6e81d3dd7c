"""grc beside an untuned Splink recipe on public record-linkage sets nobody here made.

    python benchmarks/public_sets.py --data DIR                  # every set found in DIR
    python benchmarks/public_sets.py --data DIR fake_1000 childcare --engine grc splink

The sets, as their authors publish them (own headers, English; none is in the repository):

- ``fake_1000``: 1,000 fake people with typos, emails, towns and birth dates (Splink's ``fake_1000``;
  ``data/fake_1000.csv`` of github.com/moj-analytical-services/splink_datasets). Answer key: ``cluster``.
- ``historical_50k``: 50k rows about 5k historical people, with typos, nicknames, wrong birth dates and no
  email or phone (``data/historical_figures_with_errors_50k.parquet``, same repository). Answer key:
  ``cluster``; ``unique_id`` is dropped too, since it spells the answer (``Q2296770-1``).
- ``childcare``: 3,337 childcare sites of Chicago from several public lists: organisation names,
  addresses, phones (``csv_example/csv_example_input_with_true_ids.csv`` of github.com/dedupeio/dedupe-examples).
  Answer key: ``True Id``.

Put those three files in DIR. Each is written as a CSV with its own headers, answer key dropped, and given to
``grc_toolkit.clean_file`` with default options; pairwise precision, recall and F1 over the rows grc puts
together. Beside it, the same untuned Splink recipe on the raw columns the issue measured (first and last
names Jaro-Winkler with term-frequency adjustments, birth date, email, phone, postcode, town, address; exact
blocking rules on each; lambda from deterministic rules, u by random sampling, m by EM; groups at 0.9).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from dedupe_quality import pairs_of

from grc_toolkit import Config, DedupeOptions, clean_file
from grc_toolkit.schema import SOURCE_ROWS


@dataclass(frozen=True)
class PublicSet:
    file: str
    key: str
    drop: tuple[str, ...]
    #: raw column per role, for the untuned Splink recipe
    roles: dict[str, str]


SETS = {
    "fake_1000": PublicSet(
        "fake_1000.csv",
        "cluster",
        (),
        {"first": "first_name", "last": "surname", "dob": "dob", "city": "city", "email": "email"},
    ),
    "historical_50k": PublicSet(
        "historical_figures_with_errors_50k.parquet",
        "cluster",
        ("unique_id",),
        {"first": "first_name", "last": "surname", "dob": "dob", "city": "birth_place", "postcode": "postcode_fake"},
    ),
    "childcare": PublicSet(
        "childcare_true.csv",
        "True Id",
        (),
        {"last": "Site name", "address": "Address", "postcode": "Zip", "phone": "Phone"},
    ),
}
ALIASES = {"csv_example_input_with_true_ids.csv": "childcare_true.csv"}


def read(folder: Path, chosen: PublicSet) -> pd.DataFrame:
    path = folder / chosen.file
    if not path.exists():
        path = next((folder / alias for alias, name in ALIASES.items() if name == chosen.file), path)
    if path.suffix == ".parquet":
        return pd.read_parquet(path).astype("string").fillna("").astype(object)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def scores(labels: np.ndarray, truth: np.ndarray) -> tuple[float, float, float, int, int]:
    found, expected = pairs_of(labels), pairs_of(truth)
    good = len(found & expected)
    precision = good / len(found) if found else 1.0
    recall = good / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(found), len(expected)


def grc_labels(frame: pd.DataFrame, engine: str, truth: np.ndarray) -> np.ndarray:
    """Group number per row of ``frame`` as grc's ``clean_file`` groups them (CSV in, CSV out); prints the
    blocking recall (true pairs among the candidates) and the candidates each blocking rule proposed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        frame.to_csv(path, index=False, encoding="utf-8")
        done = clean_file(path, Config(dedupe=DedupeOptions(engine=engine)), output=Path(folder) / "out.csv")
    labels = np.arange(len(frame), dtype=np.int64) + len(frame)  # rows grc set aside stay alone
    first_row = int(done.table.source_rows.iloc[0])
    for group, cell in enumerate(done.result.data[SOURCE_ROWS]):
        labels[[int(row) - first_row for row in str(cell).split(" ; ")]] = group
    search = done.result.search
    if search is not None:  # its positions are the input's rows: cleaning never drops one
        proposed = set(zip(search.pairs["left"].tolist(), search.pairs["right"].tolist(), strict=True))
        expected = pairs_of(truth)
        per_rule = ", ".join(f"{rule} {count:,}" for rule, count in search.candidates_per_pass.items() if count)
        print(f"  [{engine}] blocking recall {len(proposed & expected) / max(len(expected), 1):.3f} "
              f"({len(proposed):,} candidate pairs: {per_rule})")  # fmt: skip
    return labels


def splink_raw_labels(frame: pd.DataFrame, roles: dict[str, str]) -> np.ndarray:
    """Group number per row as one general, untuned Splink recipe groups the raw columns at 0.9."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    table = pd.DataFrame({role: frame[column].replace("", None) for role, column in roles.items()})
    table.insert(0, "unique_id", np.arange(len(frame)))
    library: dict[str, Callable[[str], object]] = {
        "first": lambda c: cl.NameComparison(c).configure(term_frequency_adjustments=True),
        "last": lambda c: cl.NameComparison(c).configure(term_frequency_adjustments=True),
        "dob": lambda c: cl.DateOfBirthComparison(c, input_is_string=True),
        "email": cl.EmailComparison,
        "phone": cl.ExactMatch,
        "postcode": cl.ExactMatch,
        "city": lambda c: cl.JaroWinklerAtThresholds(c, [0.9]).configure(term_frequency_adjustments=True),
        "address": lambda c: cl.JaroWinklerAtThresholds(c, [0.95, 0.85]),
    }
    present = [role for role in library if role in table]
    blocks = [("first", "last"), ("email",), ("phone",), ("dob",), ("last", "postcode"), ("last", "city")]
    blocks = [b for b in blocks if all(role in table for role in b)] or [(present[0],)]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[library[role](role) for role in present],  # type: ignore[misc]
        blocking_rules_to_generate_predictions=[block_on(*b) for b in blocks],
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(table), settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on(*b) for b in blocks[:2]], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=0)
    for b in blocks[:2]:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(*b))
        except Exception as error:  # an EM session that cannot run is skipped, as a user would
            print(f"  (splink EM on {b} skipped: {type(error).__name__})")
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.9).as_pandas_dataframe()
    order = clusters.sort_values("unique_id")
    return pd.factorize(order["cluster_id"])[0]


def measure(name: str, folder: Path, engines: list[str]) -> None:
    chosen = SETS[name]
    source = read(folder, chosen)
    truth = pd.factorize(source[chosen.key])[0]
    frame = source.drop(columns=[chosen.key, *chosen.drop])
    runs: dict[str, Callable[[], np.ndarray]] = {
        f"grc ({engine} engine)": (lambda engine=engine: grc_labels(frame, engine, truth)) for engine in engines
    }
    runs["splink, raw columns, untuned"] = lambda: splink_raw_labels(frame, chosen.roles)
    for title, labels_of in runs.items():
        start = time.perf_counter()
        labels = labels_of()
        seconds = time.perf_counter() - start
        precision, recall, f1, found, expected = scores(labels, truth)
        print(f"{name:15} {title:30} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
              f"({found:,} pairs found of {expected:,}; {seconds:.1f} s)", flush=True)  # fmt: skip


if __name__ == "__main__":
    logging.getLogger("splink").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=list(SETS), help=f"among {', '.join(SETS)}")
    parser.add_argument("--data", type=Path, required=True, help="folder holding the sets' files")
    parser.add_argument("--engine", nargs="+", default=["grc"], choices=["grc", "splink"], help="grc's engines to run")
    args = parser.parse_args()
    if unknown := set(args.sets) - set(SETS):
        parser.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    for chosen in args.sets:
        measure(chosen, args.data, args.engine)
