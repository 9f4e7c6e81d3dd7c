"""Spark, for what one machine cannot hold (``--engine spark``, ``pip install grc-toolkit[spark]``).

Two stages move onto Spark: cleaning, as the same pure column functions run on each partition
(``mapInPandas``: every cleaner works row by row or per distinct value, so a partition cleans exactly as the
whole file would), and matching, as the same Splink model predicted on Splink's Spark backend
(:func:`grc_toolkit.dedupe.splink_engine.score_pairs` with ``backend="spark"``: trained in-process on DuckDB, where
a bounded number of pairs takes seconds, its numbers carried to Spark). Grouping, merging and writing stay on the
driver: they read the scored pairs and one row per person.

The session is the one already running (``spark-submit``, a notebook on a cluster), else a local one on every
core of this machine (``GRC_SPARK_MASTER`` overrides ``local[*]``), with Splink's similarity functions (its
Scala jar) and a checkpoint folder, which Splink's Spark backend needs. Spark is never the default: in local
mode it takes tens of seconds where DuckDB takes one (docs/scale.md).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from grc_toolkit.errors import ConfigError
from grc_toolkit.results import FieldResult
from grc_toolkit.stages.clean import CleanStage, clean_columns

if TYPE_CHECKING:
    from grc_toolkit.config import CleanOptions
    from grc_toolkit.mapping import ColumnMapping

#: Spark's master when no session is running: every core of this machine.
DEFAULT_MASTER = "local[*]"
#: Rows per partition of the cleaning stage: enough to share each partition's distinct values, small enough
#: for an executor's memory.
ROWS_PER_PARTITION = 200_000

#: The start of what pyspark 4 says at each pandas exchange under pandas 3.
PANDAS_3_WARNING = "PySpark does not yet fully support pandas"

_MISSING = ConfigError(
    "Le moteur spark demande pyspark et Java 17 : installez-les (pip install 'grc-toolkit[spark]' et "
    "openjdk-17-jre-headless) ou choisissez --engine grc.",
    "The spark engine needs pyspark and Java 17: install them (pip install 'grc-toolkit[spark]' and "
    "openjdk-17-jre-headless) or choose --engine grc.",
)


def available() -> bool:
    """pyspark can be imported and a Java runtime is on the PATH (or ``JAVA_HOME``)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return bool(os.environ.get("JAVA_HOME") or shutil.which("java"))


def session() -> Any:
    """The running Spark session, else a local one set up for Splink (its jar, a checkpoint folder)."""
    if not available():
        raise _MISSING
    # pyspark 4.x warns at every pandas exchange that it does not yet fully support pandas 3; grc's own test
    # holds Spark's cleaning equal to the local one under pandas 3, and the warning would reach office staff
    warnings.filterwarnings("ignore", message=PANDAS_3_WARNING, category=FutureWarning)
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    running = SparkSession.getActiveSession()
    if running is not None:
        spark = running
    else:
        spark = (
            SparkSession.builder.master(os.environ.get("GRC_SPARK_MASTER", DEFAULT_MASTER))
            .appName("grc")
            .config("spark.jars", similarity_jar_location())
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            # a local session's shuffles in as many partitions as cores (Spark's 200 are tasks of nothing here)
            .config("spark.sql.shuffle.partitions", str(os.cpu_count() or 2))
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.driver.memory", os.environ.get("GRC_SPARK_DRIVER_MEMORY", "4g"))
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
    if not spark.sparkContext.getCheckpointDir():
        spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="grc-spark-"))
    return spark


@dataclass(frozen=True)
class _Layout:
    """How a :class:`CleanStage` lies in one all-text table (Spark's columns are named ``c0``, ``c1``...: a
    CRM's header may hold dots, spaces or accents Spark would read as paths)."""

    columns: list[str]  # the input's columns
    results: dict[str, list[str]]  # result's column -> its extras' names
    line_type: bool

    def names(self) -> list[str]:
        names = ["row", *(f"d{i}" for i in range(len(self.columns)))]
        for j, extras in enumerate(self.results.values()):
            names += [f"r{j}_status", f"r{j}_reason", *(f"r{j}_x{k}" for k in range(len(extras)))]
        return [*names, "other_emails", "other_phones", *(("line_type",) if self.line_type else ())]

    def flatten(self, rows: pd.Series, stage: CleanStage) -> pd.DataFrame:
        out: dict[str, pd.Series] = {"row": rows}
        for i, column in enumerate(self.columns):
            out[f"d{i}"] = stage.data[column]
        for j, (column, extras) in enumerate(self.results.items()):
            result = stage.results[column]
            out[f"r{j}_status"], out[f"r{j}_reason"] = result.status, result.reason
            for k, name in enumerate(extras):
                out[f"r{j}_x{k}"] = result.extra[name]
        out["other_emails"], out["other_phones"] = stage.other_emails, stage.other_phones
        if self.line_type and stage.line_type is not None:
            out["line_type"] = stage.line_type
        frame = pd.DataFrame(out)
        for name in frame.columns[1:]:
            frame[name] = frame[name].astype(object)
        return frame

    def unflatten(self, flat: pd.DataFrame) -> CleanStage:
        flat = flat.sort_values("row", kind="stable").reset_index(drop=True)

        def text(name: str) -> pd.Series:
            return flat[name].astype(object).where(flat[name].notna(), None).rename(None)

        data = pd.DataFrame({column: text(f"d{i}") for i, column in enumerate(self.columns)})
        results = {
            column: FieldResult(
                data[column].rename(column),
                text(f"r{j}_status"),
                text(f"r{j}_reason"),
                {name: text(f"r{j}_x{k}") for k, name in enumerate(extras)},
            )
            for j, (column, extras) in enumerate(self.results.items())
        }
        return CleanStage(
            data,
            results,
            text("other_emails"),
            text("other_phones"),
            text("line_type") if self.line_type else None,
        )


def _layout(frame: pd.DataFrame, mapping: ColumnMapping, options: CleanOptions) -> _Layout:
    """The layout of ``frame``'s cleaning, read from the cleaning of its first row (the same cleaners run on
    every partition, so they give the same results and extras)."""
    sample = clean_columns(frame.head(1), mapping, options)
    return _Layout(
        list(map(str, frame.columns)),
        {column: list(result.extra) for column, result in sample.results.items()},
        sample.line_type is not None,
    )


def _clean_partition(
    batches: Iterator[pd.DataFrame], columns: list[str], mapping: ColumnMapping, options: CleanOptions, layout: _Layout
) -> Iterator[pd.DataFrame]:
    """What runs on each executor: the partition's rows under their own headers, cleaned, laid out flat."""
    for batch in batches:
        rows = batch["row"].reset_index(drop=True)
        cells = batch.drop(columns="row").reset_index(drop=True)
        cells.columns = pd.Index(columns)
        yield layout.flatten(rows, clean_columns(cells.astype(object), mapping, options))


def clean_on_spark(
    frame: pd.DataFrame,
    mapping: ColumnMapping,
    options: CleanOptions,
    *,
    spark: Any = None,
    partitions: int | None = None,
) -> CleanStage:
    """:func:`~grc_toolkit.stages.clean.clean_columns` of ``frame``, run on Spark's partitions; the same
    :class:`CleanStage` as on one machine (a test holds them equal)."""
    frame = frame.reset_index(drop=True)
    if len(frame) == 0:
        return clean_columns(frame, mapping, options)
    spark = spark if spark is not None else session()
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    layout = _layout(frame, mapping, options)
    columns = list(map(str, frame.columns))
    cells = frame.astype(object).where(frame.notna(), None)
    cells.columns = pd.Index([f"d{i}" for i in range(len(columns))])
    cells.insert(0, "row", range(len(frame)))
    text = StructType(
        [StructField("row", LongType()), *(StructField(name, StringType()) for name in cells.columns[1:])]
    )
    count = partitions or max(1, -(-len(frame) // ROWS_PER_PARTITION), spark.sparkContext.defaultParallelism)
    source = spark.createDataFrame(cells, schema=text).repartition(count)
    names = layout.names()
    schema = StructType([StructField("row", LongType()), *(StructField(name, StringType()) for name in names[1:])])

    def clean(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return _clean_partition(batches, columns, mapping, options, layout)

    return layout.unflatten(to_pandas(source.mapInPandas(clean, schema)))


def _jaro_winkler(left: pd.Series, right: pd.Series) -> pd.Series:
    """Jaro-Winkler similarity of each pair, by rapidfuzz: DuckDB's ``jaro_winkler_similarity`` is the same
    algorithm (equal on every pair of non-blank strings), the Scala function Splink's jar brings is not (it
    scored 73 of 40,959 candidate pairs of a 7,415-row file otherwise and changed who was one person)."""
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    known = (left.notna() & right.notna()).to_numpy()
    similarity = pd.Series(np.nan, index=left.index, dtype=float)
    if known.any():
        a, b = left[known].astype(str).to_numpy(dtype=object), right[known].astype(str).to_numpy(dtype=object)
        similarity[known] = process.cpdist(a, b, scorer=JaroWinkler.normalized_similarity, dtype=np.float64)
    return similarity


def use_duckdb_similarities(spark: Any) -> None:
    """Give Spark's SQL the similarity functions DuckDB computes, under the names Splink's Spark SQL calls
    (``jaro_winkler``, after Splink registered its own): one model gives one result on both backends."""
    from pyspark.sql.pandas.functions import pandas_udf

    spark.udf.register("jaro_winkler", pandas_udf(_jaro_winkler, "double"))  # type: ignore[call-overload]


def to_pandas(frame: Any) -> pd.DataFrame:
    """A Spark frame on the driver, through Arrow (pyspark's own ``toPandas`` calls pandas 3 in ways it
    deprecates)."""
    return frame.toArrow().to_pandas()
