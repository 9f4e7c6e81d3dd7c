"""The spark engine in Spark's local mode: cleaning on partitions, one Splink model on both backends, the CLI.

These tests start a real Spark session (pyspark and Java 17: ``pip install -e ".[test,spark]"`` and Debian's
``openjdk-17-jre-headless``, which ``.ci/run`` installs); without them they skip and say why. One session
serves the whole module: starting Spark takes ten to twenty seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit import spark as grc_spark
from grc_toolkit.commands import app
from grc_toolkit.config import Config
from grc_toolkit.dedupe import group_scored
from grc_toolkit.dedupe import splink_engine as engine
from grc_toolkit.dedupe.decisions import fingerprints
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.pipeline import map_and_clean
from grc_toolkit.testing import generate_export

needs_spark = pytest.mark.skipif(
    not grc_spark.available(),
    reason="pyspark or Java missing: pip install -e '.[test,spark]' and openjdk-17-jre-headless to run Spark's tests",
)
# one worker holds the Spark session for the whole module (pytest-xdist's --dist loadgroup)
pytestmark = pytest.mark.xdist_group("spark")


@pytest.fixture(scope="session")
def spark():  # type: ignore[no-untyped-def]
    # started once per test process and left to end with it: under xdist other modules' tests may run between
    # these, and a module-scoped session would be stopped and started again (20-30 s each time)
    return grc_spark.session()


def _same_cleaning(local, remote) -> None:  # type: ignore[no-untyped-def]
    pd.testing.assert_frame_equal(local.data, remote.data, check_dtype=False)
    assert list(local.results) == list(remote.results)
    for column, result in local.results.items():
        other = remote.results[column]
        pairs = ((result.values, other.values), (result.status, other.status), (result.reason, other.reason))
        for mine, theirs in pairs:
            pd.testing.assert_series_equal(mine, theirs, check_names=False, check_dtype=False)
        assert set(result.extra) == set(other.extra), column
        for name, series in result.extra.items():
            pd.testing.assert_series_equal(series, other.extra[name], check_names=False, check_dtype=False)
    for mine, theirs in ((local.other_emails, remote.other_emails), (local.other_phones, remote.other_phones)):
        pd.testing.assert_series_equal(mine, theirs, check_names=False, check_dtype=False)
    assert (local.line_type is None) == (remote.line_type is None)
    if local.line_type is not None:
        pd.testing.assert_series_equal(local.line_type, remote.line_type, check_names=False, check_dtype=False)


@needs_spark
def test_cleaning_on_spark_partitions_is_cleaning_on_one_machine(spark) -> None:  # type: ignore[no-untyped-def]
    """Every cleaner is pure and row-local: cut into partitions, the file cleans exactly as it does whole
    (values, statuses, reasons, every extra, the rows in their order)."""
    export = generate_export(120, seed=11, life_events=True)
    config = Config()
    mapping, local = map_and_clean(export.messy, config)
    remote = grc_spark.clean_on_spark(export.messy, mapping, config.clean, spark=spark, partitions=3)
    _same_cleaning(local, remote)


@needs_spark
def test_one_model_on_duckdb_and_spark_makes_the_same_groups(spark) -> None:  # type: ignore[no-untyped-def]
    """The model trained on DuckDB, its numbers carried to Spark: the same candidate pairs, the same
    probabilities but where a similarity is computed differently (reported with it), and the same people."""
    export = generate_export(150, seed=4, life_events=True)
    config = Config()
    mapping, cleaned = map_and_clean(export.messy, config)
    records = prepare_records(cleaned.data, mapping)
    records["fingerprint"] = fingerprints(records)
    table = engine.splink_input(records)
    assert table["birth_date"].notna().any()  # the dates are parsed by each backend's own SQL

    duck, duck_api = engine.linker_for(table, "duckdb", detailed=True)
    sessions = engine._train(duck, table)
    on_spark, spark_api = engine.linker_for(table, "spark", detailed=True)
    assert engine.carry_parameters(duck, on_spark) == []

    first, second = engine.predictions(duck), engine.predictions(on_spark)
    differences = engine.backend_differences(first, second)
    assert len(first) > 100
    # every pair proposed by both and scored alike; a difference would be listed with its comparison
    assert differences.empty, differences.to_string()

    options = config.dedupe
    on_duckdb = group_scored(records, engine.scored_by(records, duck, duck_api, sessions), options)
    through_spark = group_scored(records, engine.scored_by(records, on_spark, spark_api, sessions), options)
    assert _people(on_duckdb.groups) == _people(through_spark.groups), differences.to_string()
    assert len(set(on_duckdb.groups)) < len(records)  # people were found, not only singletons


def _people(groups: np.ndarray) -> set[frozenset[int]]:
    found: dict[int, set[int]] = {}
    for position, group in enumerate(groups):
        found.setdefault(int(group), set()).add(position)
    return {frozenset(members) for members in found.values()}


@needs_spark
def test_grc_clean_engine_spark(spark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``grc clean --engine spark``: cleaned on Spark, matched by Splink on Spark, people merged and every row
    accounted for; the file written is the one ``--engine splink`` (DuckDB) writes, byte for byte."""
    export = generate_export(40, seed=8)
    source = tmp_path / "export.csv"
    export.messy.to_csv(source, index=False, sep=";", encoding="utf-8")
    summaries = {}
    for name in ("spark", "splink"):
        output = tmp_path / f"{name}.csv"
        result = CliRunner().invoke(
            app, ["clean", str(source), "-o", str(output), "--engine", name, "--json", "--no-history"]
        )
        assert result.exit_code == 0, result.output
        summaries[name] = json.loads(result.stdout)
    assert (tmp_path / "spark.csv").read_bytes() == (tmp_path / "splink.csv").read_bytes()
    summary, output = summaries["spark"], tmp_path / "spark.csv"
    assert summary["rows_in"] == len(export.messy)
    assert summary["duplicates_merged"] > 0
    assert summary["rows_out"] + summary["duplicates_merged"] == len(export.messy)
    written = pd.read_csv(output, sep=None, engine="python", dtype=str)
    assert len(written) == summary["rows_out"]
    sources = written["grc_source_rows"].str.split(r"\W+").explode()
    assert sorted(int(row) for row in sources if row) == list(range(2, len(export.messy) + 2))


def test_engine_spark_without_pyspark_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pyspark or no Java: one French line naming what to install, exit 2, no traceback."""
    monkeypatch.setattr(grc_spark, "available", lambda: False)
    source = tmp_path / "export.csv"
    generate_export(10, seed=1).messy.to_csv(source, index=False)
    result = CliRunner().invoke(app, ["clean", str(source), "--engine", "spark", "--no-history"])
    assert result.exit_code == 2
    assert "pip install 'grc-toolkit[spark]'" in result.output
    assert "Traceback" not in result.output


def test_unknown_engine_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    generate_export(10, seed=1).messy.to_csv(source, index=False)
    result = CliRunner().invoke(app, ["clean", str(source), "--engine", "sparkle", "--no-history"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
