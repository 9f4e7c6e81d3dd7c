"""Row accounting at the end of every run (issue 13): each row read is in the output, or the run stops (exit 3)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit import pipeline
from grc_toolkit.api import clean_file, dedupe_files
from grc_toolkit.commands import app
from grc_toolkit.errors import EXIT_INPUT, AccountingError
from grc_toolkit.io import read_table
from grc_toolkit.schema import SOURCE_ROWS
from grc_toolkit.stages import accounting
from grc_toolkit.stages.finish import FinishStage

EXPORT = (
    "Nom;Prénom;Email;Code postal\n"
    "Dupont;Jean;jean.dupont@exemple.fr;75001\n"
    "DUPONT;jean;jean.dupont@exemple.fr;75001\n"
    "Martin;Léa;lea.martin@exemple.fr;35000\n"
    "Bernard;Luc;luc.bernard@exemple.fr;69001\n"
)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def _broken_finish(change: Callable[[pd.DataFrame], pd.DataFrame]) -> Callable[..., FinishStage]:
    real = pipeline.finish_stage

    def finish(*args: Any, **kwargs: Any) -> FinishStage:
        done = real(*args, **kwargs)
        return dataclasses.replace(done, data=change(done.data).reset_index(drop=True))

    return finish


def test_every_row_is_accounted_for_in_an_ordinary_run(export: Path, tmp_path: Path) -> None:
    done = clean_file(export, output=tmp_path / "out.xlsx")
    assert sorted(done.result.data[SOURCE_ROWS]) == ["2 ; 3", "4", "5"]
    again = clean_file(tmp_path / "out.xlsx", output=tmp_path / "twice.xlsx")  # a second pass: the export's rows
    assert sorted(again.result.data[SOURCE_ROWS]) == ["2 ; 3", "4", "5"]


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (lambda data: data.iloc[:-1], "1 ligne(s) lue(s) absente(s) du résultat (5)"),
        (lambda data: pd.concat([data, data.iloc[[-1]]]), "1 ligne(s) en double ou inconnue(s) dans le résultat (5)"),
        (lambda data: data.assign(**{SOURCE_ROWS: data[SOURCE_ROWS].replace("4", "40")}), "(4)"),
    ],
    ids=["dropped", "repeated", "renumbered"],
)
def test_a_stage_that_loses_or_repeats_a_row_stops_the_run_before_writing(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any, phrase: str
) -> None:
    monkeypatch.setattr(pipeline, "finish_stage", _broken_finish(change))
    target = tmp_path / "out.xlsx"
    with pytest.raises(AccountingError) as caught:
        clean_file(export, output=target)
    assert phrase in caught.value.message
    assert caught.value.exit_code == EXIT_INPUT
    assert not target.exists()

    result = CliRunner().invoke(
        app, ["clean", str(export), "-o", str(target), "--json", "--no-history"], env={"LANG": "fr_FR.UTF-8"}
    )
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Contrôle des lignes de export.csv en échec")
    assert "Traceback" not in result.stderr and "Dupont" not in result.stderr
    assert json.loads(result.stdout)["error"]["kind"] == "accounting"
    assert not target.exists()


def test_rows_the_pipeline_declares_removed_may_be_absent(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook for rows left out on purpose (a suppression list): absent and declared is fine, absent and
    undeclared is not."""
    monkeypatch.setattr(pipeline, "finish_stage", _broken_finish(lambda data: data[data[SOURCE_ROWS] != "4"]))
    real_run = pipeline.run

    def run_declaring(*args: Any, **kwargs: Any) -> pipeline.PipelineResult:
        return dataclasses.replace(real_run(*args, **kwargs), removed=("4",))

    monkeypatch.setattr("grc_toolkit.api.run", run_declaring)
    done = clean_file(export, write=False)
    assert sorted(done.result.data[SOURCE_ROWS]) == ["2 ; 3", "5"]
    monkeypatch.setattr("grc_toolkit.api.run", real_run)
    with pytest.raises(AccountingError, match=r"absente\(s\) du résultat \(4\)"):
        clean_file(export, write=False)


def test_dedupe_names_rows_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "accueil.csv", tmp_path / "salon.csv"
    first.write_text(EXPORT, encoding="utf-8")
    second.write_text("Nom;Email\nMartin;lea.martin@exemple.fr\nPetit;anne.petit@exemple.fr\n", encoding="utf-8")
    done = dedupe_files([first, second], write=False)
    items = sorted(item for cell in done.result.data[SOURCE_ROWS] for item in cell.split(" ; "))
    assert items == ["accueil.csv:2", "accueil.csv:3", "accueil.csv:4", "accueil.csv:5", "salon.csv:2", "salon.csv:3"]

    monkeypatch.setattr(pipeline, "finish_stage", _broken_finish(lambda data: data.iloc[1:]))
    with pytest.raises(AccountingError, match="accueil.csv, salon.csv"):
        dedupe_files([first, second], write=False)


def test_a_row_copied_by_hand_in_grcs_output_may_be_written_once_or_twice(tmp_path: Path) -> None:
    """Two rows naming the same original row (a copy in grc's output): kept apart as the first run kept them,
    or united, where the name is written once."""
    clean_file_output = tmp_path / "out.csv"
    source = tmp_path / "export.csv"
    source.write_text(EXPORT, encoding="utf-8")
    clean_file(source, output=clean_file_output)
    text = clean_file_output.read_text(encoding="utf-8-sig").splitlines()
    clean_file_output.write_text("\n".join([*text, text[-1]]) + "\n", encoding="utf-8")  # the last row, twice
    table = read_table(clean_file_output)
    result = pipeline.run(table.frame, source_rows=table.source_rows)
    accounting.check_rows(result, [table])
    assert sorted(result.data[SOURCE_ROWS]) == ["2 ; 3", "4", "5", "5"]
    united = dataclasses.replace(result, data=result.data.iloc[:-1])
    accounting.check_rows(united, [table])


def test_the_rows_of_people_on_the_suppression_list_are_declared_and_pass(export: Path) -> None:
    """The hook in use: ``grc forget`` puts Jean Dupont on the suppression list; his two rows are removed, said
    in ``removed``, and the check passes with the other rows only."""
    result = CliRunner().invoke(
        app, ["forget", str(export), "--email", "jean.dupont@exemple.fr", "--yes"], env={"LANG": "fr_FR.UTF-8"}
    )
    assert result.exit_code == 0, result.stderr
    done = clean_file(export, write=False)
    assert done.result.removed == ("2", "3")
    assert sorted(done.result.data[SOURCE_ROWS]) == ["4", "5"]
