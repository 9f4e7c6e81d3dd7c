"""The office's monthly review loop: fill Décision, save in place (Ctrl+S), run again; no decision is lost."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit.commands import app
from grc_toolkit.io import read_table

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "visitors-sample.csv"
REVIEW = "À vérifier"
DECISION = "Décision (fusionner / distinct)"
runner = CliRunner()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _review(path: Path) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=REVIEW, dtype=str, engine="calamine").fillna("")


def _decided(path: Path) -> dict[tuple[str, str], str]:
    sheet = _review(path)
    filled = sheet[sheet[DECISION] != ""]
    pairs = zip(filled["Empreinte A"], filled["Empreinte B"], filled[DECISION], strict=True)
    return {tuple(sorted((a, b))): said for a, b, said in pairs}  # type: ignore[misc]


def _fill_and_save_in_place(path: Path, words: dict[int, str]) -> None:
    """What a person does in Excel: type in Décision on some lines of À vérifier, then Ctrl+S."""
    book = openpyxl.load_workbook(path)
    sheet = book[REVIEW]
    column = next(cell.column for cell in sheet[1] if cell.value == DECISION)
    for line, said in words.items():
        sheet.cell(row=line, column=column, value=said)
    book.save(path)


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    target = tmp_path / "export.csv"
    shutil.copy(SAMPLE, target)
    return target


def _clean(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["clean", *args, "-q", "--review", "0.001"])
    return result.exit_code, result.stderr


def test_ctrl_s_then_run_again_keeps_every_decision(export: Path) -> None:
    first = export.with_name("export-clean.xlsx")
    assert _clean(str(export))[0] == 0
    assert len(_review(first)) >= 3, "the sample should hold doubtful pairs"
    _fill_and_save_in_place(first, {2: "fusionner", 3: "distinct"})
    kept = _digest(first)

    # the same command with --decisions on the file it would write: refused at once, the file untouched
    code, said = _clean(str(export), "--decisions", str(first))
    assert code == 2 and _digest(first) == kept
    assert said.count("\n") == 1 and "export-clean-2.xlsx" in said and "--force" in said
    assert _clean(str(export), "--decisions", str(first), "--force")[0] == 2 and _digest(first) == kept

    second = export.with_name("export-clean-2.xlsx")
    assert _clean(str(export), "--decisions", str(first), "-o", str(second))[0] == 0
    assert _decided(second) == _decided(first) and len(_decided(first)) == 2

    # next month: one more decision in the new workbook, saved in place; the third holds all three
    undecided = _review(second)[DECISION].eq("").to_numpy().nonzero()[0]
    _fill_and_save_in_place(second, {int(undecided[0]) + 2: "distinct"})
    third = export.with_name("export-clean-3.xlsx")
    assert _clean(str(export), "--decisions", str(second), "-o", str(third))[0] == 0
    assert _decided(third) == _decided(second) and len(_decided(third)) == 3


def test_a_decision_about_records_gone_from_the_export_is_carried(export: Path, tmp_path: Path) -> None:
    first = tmp_path / "revu.xlsx"
    assert _clean(str(export), "-o", str(first))[0] == 0
    frame = read_table(export).frame
    review = _review(first)
    # a line whose record A is the only row of its person in the export: dropping it leaves no row
    # with its fingerprint
    names = frame["Nom"].str.upper() + "|" + frame["Prénom"].str.upper()
    alone = names.map(names.value_counts()) == 1
    at = next(i for i, row in enumerate(review["Ligne d'origine A"]) if alone.iloc[int(row) - 2])
    line = review.iloc[at]
    _fill_and_save_in_place(first, {at + 2: "distinct"})
    gone = int(line["Ligne d'origine A"]) - 2
    newer = tmp_path / "newer.csv"
    frame.drop(index=gone).to_csv(newer, sep=";", index=False)
    out = tmp_path / "out.xlsx"
    assert _clean(str(newer), "--decisions", str(first), "-o", str(out))[0] == 0
    carried = _review(out)
    keys = [tuple(sorted(pair)) for pair in zip(carried["Empreinte A"], carried["Empreinte B"], strict=True)]
    pair = carried[[key == tuple(sorted((line["Empreinte A"], line["Empreinte B"]))) for key in keys]]
    assert pair[DECISION].tolist() == ["distinct"]
    assert "fiche absente de cet export" in pair["Raison"].iloc[0]


def test_an_unknown_word_stops_the_run_with_its_row_and_writes_nothing(export: Path, tmp_path: Path) -> None:
    first = tmp_path / "revu.xlsx"
    assert _clean(str(export), "-o", str(first))[0] == 0
    _fill_and_save_in_place(first, {2: "fusionner", 4: "fusioner"})
    out = tmp_path / "out.xlsx"
    code, said = _clean(str(export), "--decisions", str(first), "-o", str(out))
    assert code == 2 and not out.exists()
    assert "revu.xlsx ligne 4 (« fusioner »)" in said and said.count("\n") == 1


def test_decisions_files_are_merged_and_a_contradiction_is_refused(export: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.xlsx"
    assert _clean(str(export), "-o", str(base))[0] == 0
    march, april = tmp_path / "mars.xlsx", tmp_path / "avril.xlsx"
    shutil.copy(base, march)
    shutil.copy(base, april)
    _fill_and_save_in_place(march, {2: "fusionner"})
    _fill_and_save_in_place(april, {3: "distinct"})
    out = tmp_path / "out.xlsx"
    assert _clean(str(export), "--decisions", str(march), "--decisions", str(april), "-o", str(out))[0] == 0
    assert len(_decided(out)) == 2

    _fill_and_save_in_place(april, {2: "distinct"})
    code, said = _clean(
        str(export), "--decisions", str(march), "--decisions", str(april), "-o", str(tmp_path / "x.xlsx")
    )
    assert code == 2 and "mars.xlsx ligne 2 (fusionner) contre avril.xlsx ligne 2 (distinct)" in said


def test_dedupe_never_writes_over_a_decisions_file_even_with_force(export: Path, tmp_path: Path) -> None:
    reviewed = tmp_path / "export-dedupe.xlsx"
    assert runner.invoke(app, ["dedupe", str(export), "-q"]).exit_code == 0
    kept = _digest(reviewed)
    result = runner.invoke(app, ["dedupe", str(export), "-q", "--decisions", str(reviewed), "--force"])
    assert result.exit_code == 2 and _digest(reviewed) == kept and "export-dedupe-2.xlsx" in result.stderr
