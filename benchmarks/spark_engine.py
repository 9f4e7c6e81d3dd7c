"""The spark engine against DuckDB on one machine: time per stage, and one model's groups on both backends.

    pip install -e ".[spark]"   # and Java 17
    python benchmarks/spark_engine.py --people 1000 5000

For each size, a generated export (birth dates and life events included) is cleaned on one machine and on
Spark's partitions (the same result is checked), Splink is trained on DuckDB, the model is carried to Spark,
both predict, and grc groups each backend's pairs. Printed per size: seconds of each stage on each backend,
candidate pairs, pairs the backends score differently (with the comparison that differs) and whether the
groups are the same. Spark runs in local mode on every core (``GRC_SPARK_MASTER`` to point it elsewhere).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from grc_toolkit import spark as grc_spark
from grc_toolkit.config import Config
from grc_toolkit.dedupe import group_scored
from grc_toolkit.dedupe import splink_engine as engine
from grc_toolkit.dedupe.decisions import fingerprints
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.pipeline import map_and_clean
from grc_toolkit.testing import generate_export


def _people(groups: object) -> set[frozenset[int]]:
    found: dict[int, set[int]] = {}
    for position, group in enumerate(groups):  # type: ignore[call-overload]
        found.setdefault(int(group), set()).add(position)
    return {frozenset(members) for members in found.values()}


def measure(people: int, seed: int, spark_training: bool = False) -> dict[str, object]:
    export = generate_export(people, seed=seed, life_events=True)
    config = Config()
    figures: dict[str, object] = {"people": people, "rows": len(export.messy)}
    clock = time.perf_counter()
    mapping, local = map_and_clean(export.messy, config)
    figures["clean_local_s"] = round(time.perf_counter() - clock, 1)
    session = grc_spark.session()
    clock = time.perf_counter()
    remote = grc_spark.clean_on_spark(export.messy, mapping, config.clean, spark=session)
    figures["clean_spark_s"] = round(time.perf_counter() - clock, 1)
    figures["same_cleaning"] = bool(local.data.equals(remote.data))
    records = prepare_records(local.data, mapping)
    records["fingerprint"] = fingerprints(records)
    table = engine.splink_input(records)
    duck, duck_api = engine.linker_for(table, "duckdb", detailed=True)
    clock = time.perf_counter()
    sessions = engine._train(duck, table)
    figures["train_duckdb_s"] = round(time.perf_counter() - clock, 1)
    on_spark, spark_api = engine.linker_for(table, "spark", detailed=True)
    if spark_training:  # what training on Spark itself would cost (grc trains on DuckDB, then carries)
        clock = time.perf_counter()
        engine._train(on_spark, table)
        figures["train_spark_s"] = round(time.perf_counter() - clock, 1)
    engine.carry_parameters(duck, on_spark)
    clock = time.perf_counter()
    first = engine.predictions(duck)
    figures["predict_duckdb_s"] = round(time.perf_counter() - clock, 1)
    clock = time.perf_counter()
    second = engine.predictions(on_spark)
    figures["predict_spark_s"] = round(time.perf_counter() - clock, 1)
    differences = engine.backend_differences(first, second)
    figures["pairs"] = len(first)
    figures["pairs_differing"] = len(differences)
    figures["differing_comparisons"] = sorted(
        {part.split(":")[0] for text in differences["differs"] for part in text.split("; ") if part}
    )
    options = config.dedupe
    on_duckdb = group_scored(records, engine.scored_by(records, duck, duck_api, sessions), options)
    through_spark = group_scored(records, engine.scored_by(records, on_spark, spark_api, sessions), options)
    figures["same_groups"] = _people(on_duckdb.groups) == _people(through_spark.groups)
    figures["people_found"] = len(set(on_duckdb.groups))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--spark-training", action="store_true", help="also time training on Spark itself")
    arguments = parser.parse_args()
    rows = [measure(people, arguments.seed, arguments.spark_training) for people in arguments.people]
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(pd.DataFrame(rows).T.to_string(header=False))


if __name__ == "__main__":
    main()
