"""A property of ``grc export`` for any generated export and any options: every person is exported or in the
rejects file, never both, never neither; every row read belongs to exactly one of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grc_toolkit.export import REASONS, ExportOptions, export_file
from grc_toolkit.io import read_table
from grc_toolkit.presets import PRESETS
from grc_toolkit.retention import Period
from grc_toolkit.segments import parse_filter
from grc_toolkit.testing import generate_export, write_csv

FILTERS = [(), ("pays=France",), ("langue!=fr",), ("dernier_contact>=2023-01-01",), ("pays=,Allemagne", "source!=")]


def _read(path: Path) -> pd.DataFrame:
    if path.suffix == ".xlsx":
        return pd.read_excel(path, dtype=str, engine="calamine").fillna("")
    return read_table(path).frame


@settings(
    max_examples=12,  # each example cleans, dedupes and exports a generated file: CI time
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    people=st.integers(1, 40),
    seed=st.integers(0, 10_000),
    noise=st.sampled_from([0.0, 1.0, 2.0]),
    columns=st.sampled_from(["fr", "en", "crm"]),
    to=st.sampled_from(PRESETS),
    everyone=st.booleans(),
    where=st.sampled_from(FILTERS),
    split_by=st.sampled_from([None, "country", "source", "department"]),
    retention=st.sampled_from([Period.years(3), Period.parse("18m"), None]),
)
def test_exported_and_rejected_are_all_the_people(
    tmp_path_factory: pytest.TempPathFactory,
    people: int,
    seed: int,
    noise: float,
    columns: str,
    to: str,
    everyone: bool,
    where: tuple[str, ...],
    split_by: str | None,
    retention: Period | None,
) -> None:
    folder = tmp_path_factory.mktemp("export")
    source = folder / "export.csv"
    write_csv(generate_export(people, seed=seed, noise=noise, columns=columns).messy, source)  # type: ignore[arg-type]
    options = ExportOptions(
        to=to,
        as_of=date(2025, 7, 1),
        retention=retention,
        everyone=everyone,
        filters=tuple(parse_filter(text) for text in where),
        split_by=split_by,
    )
    target = folder / ("sortie.xlsx" if to == "xlsx" else "sortie.csv")
    run = export_file(source, options=options, output=target)
    report = run.report

    written = sum(len(_read(Path(output.path))) for output in report.outputs)
    rejects = _read(Path(str(report.rejects)))
    assert written == report.exported == len(run.selection.kept)
    assert len(rejects) == report.left_out == sum(report.reasons.values())
    assert report.exported + report.left_out == report.people
    assert set(rejects["Raison"]) <= set(REASONS)
    exported_rows = run.people.loc[run.selection.kept, "source_rows"].tolist()
    rows = [int(row) for cell in [*exported_rows, *rejects["Lignes d'origine"]] for row in cell.split(" ; ")]
    assert sorted(rows) == sorted(run.clean.table.source_rows.astype(int)), "a row read is missing or twice"
