"""Progress inside a stage: what the long stages report, and what the terminal's bar makes of it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rich.progress import Progress

from grc_toolkit import Config, clean_file, progress
from grc_toolkit.commands._common import _left_words, _time_left
from grc_toolkit.config import CleanOptions
from grc_toolkit.dedupe.compare import compare, compare_in_chunks
from grc_toolkit.dedupe.records import prepare_records
from grc_toolkit.pipeline import run
from grc_toolkit.testing import generate_export


def _heard(path: Path, config: Config, output: Path) -> list[tuple[str, float]]:
    """Every (stage, fraction) a listener hears during ``clean_file``."""
    heard: list[tuple[str, float]] = []
    stage = [""]

    def on_stage(name: str) -> None:
        stage[0] = name

    with progress.listening(lambda fraction: heard.append((stage[0], fraction))):
        clean_file(path, config, output=output, on_stage=on_stage)
    return heard


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_long_stage_reports_how_far_it_is_from_start_to_end(tmp_path: Path, suffix: str) -> None:
    export = tmp_path / "export.csv"
    generate_export(400, seed=11).messy.to_csv(export, sep=";", index=False)
    heard = _heard(export, Config(clean=CleanOptions(jobs=1)), tmp_path / f"out{suffix}")
    by_stage: dict[str, list[float]] = {}
    for stage, fraction in heard:
        by_stage.setdefault(stage, []).append(fraction)
    assert {"clean", "dedupe", "write"} <= set(by_stage)
    for stage, fractions in by_stage.items():
        assert all(0.0 <= f <= 1.0 for f in fractions), stage
        assert max(fractions) == pytest.approx(1.0), stage  # each stage reaches its end
    # cleaning column by column, duplicates part by part: many steps, never backwards
    assert len(set(by_stage["clean"])) >= 5
    assert len(set(by_stage["dedupe"])) >= 8
    assert by_stage["dedupe"] == sorted(by_stage["dedupe"])
    assert by_stage["clean"] == sorted(by_stage["clean"])


def test_nobody_listening_costs_nothing_and_hears_nothing() -> None:
    progress.report(1, 2)  # no listener: nothing happens
    assert not progress.listening_now()
    heard: list[float] = []
    with progress.listening(heard.append):
        assert progress.listening_now()
        with progress.part(0.2, 0.6):
            progress.report(1, 2)
            progress.report(5, 0)  # a total of nothing says nothing
        progress.report(3, 2)  # past the end: held at the end
    assert heard == [0.2, pytest.approx(0.4), 0.6, 1.0]
    assert not progress.listening_now()


def test_cleaning_in_processes_reports_the_first_chunks_pace() -> None:
    export = generate_export(300, seed=2).messy
    heard: list[float] = []
    config = Config(clean=CleanOptions(jobs=2))
    from grc_toolkit.parallel import in_row_chunks
    from grc_toolkit.stages.clean import clean_columns

    mapping = run(export.head(5), config).mapping
    with progress.listening(heard.append):
        in_row_chunks(clean_columns, export, 2, mapping, config.clean, min_rows=10)
    assert heard and heard == sorted(heard)
    assert max(heard) == pytest.approx(0.97)  # the workers' chunks are waited for after


def test_pairs_compared_in_chunks_are_the_pairs_compared_at_once() -> None:
    cleaned = run(generate_export(250, seed=4).messy, Config(clean=CleanOptions(jobs=1)))
    records = prepare_records(cleaned.data, cleaned.mapping)
    rng = np.random.default_rng(0)
    left, right = rng.integers(0, len(records), 3_000), rng.integers(0, len(records), 3_000)
    heard: list[float] = []
    with progress.listening(heard.append):
        chunked = compare_in_chunks(records, left, right, chunk=700)
    pd.testing.assert_frame_equal(chunked, compare(records, left, right))
    assert heard == pytest.approx([700 / 3000, 1400 / 3000, 2100 / 3000, 2800 / 3000, 1.0])


def test_the_bar_says_percent_and_time_left_in_french_and_english() -> None:
    assert _left_words(12.4, "fr") == "reste 12 s"
    assert _left_words(65, "fr") == "reste 1 min 05 s"
    assert _left_words(0.2, "en") == "1 s left"
    now = [0.0]
    bar = Progress(get_time=lambda: now[0], disable=True)
    task = bar.add_task("", total=None)
    column, english = _time_left("fr"), _time_left("en")
    assert str(column.render(bar.tasks[0])) == ""  # a stage that has said nothing yet: no figure
    for second in range(1, 6):  # five seconds at a steady pace: 50 thousandths a second
        now[0] = float(second)
        bar.update(task, total=1000, completed=50 * second)
    assert str(column.render(bar.tasks[0])) == "25\u202f% · reste 15 s"
    assert str(english.render(bar.tasks[0])) == "25% · 15 s left"
    bar.update(task, completed=1000)
    assert str(column.render(bar.tasks[0])) == "100\u202f%"  # done: no time left to show
