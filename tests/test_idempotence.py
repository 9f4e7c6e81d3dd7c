"""Idempotence (issue 13): cleaning a cleaned file changes nothing, zero modifications and the same rows.

Generated exports of several seeds and noise levels (with life events), both output formats, ``--no-dedupe``,
the output of a multi-file ``grc dedupe``, and every odd fixture under ``tests/fixtures/good``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from grc_toolkit.api import clean_file, dedupe_files
from grc_toolkit.config import Config
from grc_toolkit.io import read_table
from grc_toolkit.testing import generate_export, write_xlsx

GOOD = Path(__file__).parent / "fixtures" / "good"


def _twice(source: Path, folder: Path, suffix: str = ".xlsx", config: Config | None = None) -> None:
    once = folder / f"once{suffix}"
    first = clean_file(source, config, output=once)
    twice = clean_file(once, config, output=folder / f"twice{suffix}")
    assert twice.result.changes.empty, twice.result.changes[["column", "before", "after", "code"]].head(10)
    assert twice.result.rows_out == first.result.rows_out
    pd.testing.assert_frame_equal(read_table(folder / f"twice{suffix}").frame, read_table(once).frame)


@pytest.mark.parametrize(
    ("seed", "noise", "life_events", "fmt", "suffix"),
    [(1, 1.0, False, "csv", ".xlsx"), (2, 2.0, True, "xlsx", ".csv"), (3, 2.0, False, "csv", ".csv")],
)
def test_generated_exports_come_back_unchanged(
    tmp_path: Path, seed: int, noise: float, life_events: bool, fmt: str, suffix: str
) -> None:
    messy = generate_export(300, seed=seed, noise=noise, life_events=life_events).messy
    source = tmp_path / f"export.{fmt}"
    if fmt == "xlsx":
        write_xlsx(messy, source)
    else:
        messy.to_csv(source, sep=";", index=False)
    _twice(source, tmp_path, suffix)


def test_an_output_without_dedupe_comes_back_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    generate_export(300, seed=4, noise=2.0).messy.to_csv(source, sep=";", index=False)
    config = replace(Config(), dedupe=replace(Config().dedupe, enabled=False))
    _twice(source, tmp_path, config=config)


def test_a_multi_file_dedupe_output_cleaned_again_changes_nothing(tmp_path: Path) -> None:
    export = generate_export(500, seed=5, columns="crm").messy
    first, second = tmp_path / "accueil.csv", tmp_path / "salon.csv"
    export.iloc[:300].to_csv(first, sep=";", index=False)
    export.iloc[250:].to_csv(second, sep=";", index=False)
    merged = dedupe_files([first, second], output=tmp_path / "commun.xlsx")
    again = clean_file(tmp_path / "commun.xlsx", output=tmp_path / "commun-clean.xlsx")
    assert again.result.changes.empty, again.result.changes[["column", "before", "after", "code"]].head(10)
    assert again.result.rows_out == merged.result.rows_out


@pytest.mark.parametrize("name", sorted(path.name for path in GOOD.iterdir()))
def test_every_odd_fixture_comes_back_unchanged(tmp_path: Path, name: str) -> None:
    _twice(GOOD / name, tmp_path)
