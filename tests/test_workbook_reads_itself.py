"""The workbook a person opens explains itself: a Lisez-moi sheet, changed cells highlighted in Contacts, each
change linked to its cell, numbers as numbers, one row numbering, and ``séparer`` in Doublons undoes a merge.

Checked in the written file through openpyxl, as Excel or LibreOffice would show it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from grc_toolkit.commands import app
from grc_toolkit.io import write_table, writers
from grc_toolkit.io.writers import SheetLayout
from grc_toolkit.schema import GRC_COLUMNS
from grc_toolkit.testing import generate_export, write_xlsx

runner = CliRunner()
CHANGED = "FFFFF2CC"
GROUPS = "Doublons"
SEPARATE = "Décision (séparer)"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("book")
    export = folder / "export.xlsx"
    write_xlsx(generate_export(300, seed=11).messy, export)
    result = runner.invoke(app, ["clean", str(export), "-q"])
    assert result.exit_code == 0, result.output
    return folder / "export-clean.xlsx"


def _headers(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[str]:
    return [str(cell.value) for cell in sheet[1]]


def test_lisez_moi_explains_every_sheet_and_every_grc_column(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    assert book.sheetnames[0] == "Contacts"  # re-import takes the first sheet
    assert book.sheetnames[1] == "Lisez-moi"
    explained = {row[0].value: row[1].value for row in book["Lisez-moi"].iter_rows(min_row=2)}
    for name in book.sheetnames:
        if name != "Lisez-moi":
            assert explained.get(name), name
    grc_columns = [h for h in _headers(book["Contacts"]) if h in GRC_COLUMNS]
    assert len(grc_columns) >= 5
    for column in grc_columns:
        assert explained.get(column), column
    assert "jaune" in explained["Contacts"]
    assert explained["Ligne d'origine"] and explained["Ligne dans Contacts"]


def test_each_change_links_to_its_cell_and_changed_cells_are_highlighted(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    contacts, changes = book["Contacts"], book["Modifications"]
    assert _headers(changes)[:3] == ["Ligne d'origine", "Ligne dans Contacts", "Colonne"]
    column_of = {header: position + 1 for position, header in enumerate(_headers(contacts))}
    sources = column_of["grc_source_rows"]
    linked: set[tuple[int, int]] = set()
    lines = 0
    for source, at, column, _before, after, _rule in changes.iter_rows(min_row=2, values_only=True):
        lines += 1
        cell = changes.cell(row=lines + 1, column=2)
        assert isinstance(at, int)  # a number: the column sorts as numbers
        assert cell.hyperlink is not None
        letter = openpyxl.utils.get_column_letter(column_of[column])
        assert cell.hyperlink.location == f"'Contacts'!{letter}{at}"
        # the row it links to is the record the source row ended in (alone or merged)
        assert str(source) in str(contacts.cell(row=at, column=sources).value).split(" ; ")
        target = contacts.cell(row=at, column=column_of[column])
        if str(target.value if target.value is not None else "") == str(after if after is not None else ""):
            assert target.fill.fgColor.rgb == CHANGED, (at, column)
            linked.add((at, column_of[column]))
    assert lines > 100
    highlighted = {
        (cell.row, cell.column)
        for row in contacts.iter_rows(min_row=2)
        for cell in row
        if cell.fill.fgColor.rgb == CHANGED
    }
    assert highlighted == linked  # nothing highlighted without a change that shows it


def test_report_figures_are_numbers(written: Path) -> None:
    report = openpyxl.load_workbook(written)["Rapport"]
    figures = {row[0]: row[1] for row in report.iter_rows(min_row=2, values_only=True)}
    assert isinstance(figures["Lignes lues"], int) and figures["Lignes lues"] >= 300
    assert isinstance(figures["Qualité moyenne (0-100)"], float | int)


def test_doublons_lists_each_merged_record_under_its_group(written: Path) -> None:
    sheet = openpyxl.load_workbook(written)[GROUPS]
    headers = _headers(sheet)
    assert headers[:2] == ["Ligne dans Contacts", "Lignes d'origine"]
    assert {SEPARATE, "Empreinte", "Empreintes du groupe"} <= set(headers)
    hidden = [sheet.column_dimensions[openpyxl.utils.get_column_letter(headers.index(h) + 1)].hidden for h in headers]
    assert hidden[headers.index("Empreinte")] and hidden[headers.index("Empreintes du groupe")]
    assert any(v.type == "list" and '"séparer"' in str(v.formula1) for v in sheet.data_validations.dataValidation)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    first = rows[0]
    members = str(first[1]).split(" ; ")
    assert len(members) >= 2
    under = rows[1 : 1 + len(members)]
    assert [str(line[1]) for line in under] == members
    assert all(line[0] == first[0] for line in under)
    assert sheet.cell(row=2, column=1).hyperlink.location == f"'Contacts'!A{first[0]}"


def _groups(path: Path) -> list[tuple[int, list[str], set[str]]]:
    """Per group line of Doublons: its spreadsheet row, its source rows, its records' fingerprints."""
    sheet = openpyxl.load_workbook(path)[GROUPS]
    headers = _headers(sheet)
    own, together = headers.index("Empreinte"), headers.index("Empreintes du groupe")
    return [
        (number, str(line[1]).split(" ; "), set(str(line[together]).split()))
        for number, line in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
        if not line[own]
    ]


def _write_decision(path: Path, saved: Path, lines: dict[int, str]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[GROUPS]
    column = _headers(sheet).index(SEPARATE) + 1
    for line, said in lines.items():
        sheet.cell(row=line, column=column, value=said)
    book.save(saved)


def _merged_rows(path: Path) -> list[set[str]]:
    contacts = openpyxl.load_workbook(path)["Contacts"]
    at = _headers(contacts).index("grc_source_rows")
    return [set(str(row[at]).split(" ; ")) for row in contacts.iter_rows(min_row=2, values_only=True)]


def test_separer_takes_a_record_out_of_its_group_or_undoes_the_group(written: Path) -> None:
    groups = [g for g in _groups(written) if len(g[2]) == len(g[1]) >= 2]  # records with distinct fingerprints
    assert len(groups) >= 2
    (whole_line, whole_rows, _), (line, rows, _) = groups[0], groups[1]
    reviewed = written.with_name("revu.xlsx")
    # séparer on the first group's line, and on the first record of the second group
    _write_decision(written, reviewed, {whole_line: "séparer", line + 1: "Séparer "})
    export = written.with_name("export.xlsx")
    again = written.with_name("export-2.xlsx")
    result = runner.invoke(app, ["clean", str(export), "--decisions", str(reviewed), "-o", str(again), "-q"])
    assert result.exit_code == 0, result.output
    merged = _merged_rows(again)
    for row in whole_rows:
        assert {row} in merged  # every record of the undone group stands alone
    assert {rows[0]} in merged
    assert set(rows[1:]) in merged  # the others stay together
    # the decisions are carried into the new workbook's review sheet, so the file kept holds them all
    review = openpyxl.load_workbook(again)["À vérifier"]
    said = [row for row in review.iter_rows(min_row=2, values_only=True) if "distinct" in row]
    assert len(said) == len(whole_rows) * (len(whole_rows) - 1) // 2 + len(rows) - 1


def test_a_wrong_word_in_doublons_is_reported_with_its_row(written: Path) -> None:
    line = _groups(written)[0][0]
    reviewed = written.with_name("faute.xlsx")
    _write_decision(written, reviewed, {line: "fusionner", line + 1: "separr"})
    export = written.with_name("export.xlsx")
    result = runner.invoke(
        app, ["clean", str(export), "--decisions", str(reviewed), "-o", str(written.with_name("x.xlsx"))]
    )
    assert result.exit_code == 2
    assert f"faute.xlsx [Doublons] ligne {line} (« fusionner »)" in result.stderr
    assert f"ligne {line + 1} (« separr »)" in result.stderr
    assert not written.with_name("x.xlsx").exists()


def test_links_past_excels_limit_are_formulas_that_show_the_same_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas as pd

    monkeypatch.setattr(writers, "XLSX_LINK_LIMIT", 2)
    frame = pd.DataFrame({"Ligne": [2, 3, 4, 5], "Texte": ["a", "b", "c", "d"]})
    layout = SheetLayout(
        links={"Ligne": [f"'Contacts'!B{n}" for n in (2, 3, 4, 5)]},
        highlight={"Texte": [False, True, False, True]},
    )
    target = write_table(tmp_path / "links.xlsx", {"Contacts": frame, "Liens": frame}, layouts={"Liens": layout})
    sheet = openpyxl.load_workbook(target)["Liens"]
    assert sheet["A2"].hyperlink.location == "'Contacts'!B2" and sheet["A2"].value == 2
    assert sheet["A4"].hyperlink is None and sheet["A4"].value == "=HYPERLINK(\"#'Contacts'!B4\",4)"
    assert openpyxl.load_workbook(target, data_only=True)["Liens"]["A5"].value == 5
    assert [sheet[f"B{n}"].fill.fgColor.rgb == CHANGED for n in (2, 3, 4, 5)] == [False, True, False, True]


def test_keep_columns_original_writes_only_the_exports_columns_and_grc_s_beside(tmp_path: Path) -> None:
    generated = generate_export(150, seed=5)
    export = tmp_path / "export.xlsx"
    write_xlsx(generated.messy, export)
    before = export.read_bytes()
    result = runner.invoke(app, ["clean", str(export), "--keep-columns", "original", "-q"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "export-clean.xlsx")
    contacts, side = book["Contacts"], book["Colonnes grc"]
    assert _headers(contacts) == list(generated.messy.columns)  # a strict re-import: the export's columns only
    side_headers = _headers(side)
    assert side_headers[:2] == ["Ligne dans Contacts", "grc_source_rows"]
    assert {"grc_quality", "grc_issues"} <= set(side_headers)
    rows = [row[0] for row in side.iter_rows(min_row=2, values_only=True)]
    assert rows == list(range(2, contacts.max_row + 1))
    explained = {row[0] for row in book["Lisez-moi"].iter_rows(values_only=True)}
    assert {"Colonnes grc", "grc_quality", "grc_source_rows"} <= explained
    assert export.read_bytes() == before


def test_keep_columns_original_in_csv_writes_grc_columns_to_a_side_file_and_reruns(tmp_path: Path) -> None:
    import pandas as pd

    generated = generate_export(80, seed=6)
    export = tmp_path / "export.xlsx"
    write_xlsx(generated.messy, export)
    (tmp_path / "grc.toml").write_text('keep_columns = "original"\n', encoding="utf-8")
    for _ in range(2):  # a cron job runs it again: both files are grc's own, replaced without --force
        result = runner.invoke(app, ["clean", str(export), "-o", str(tmp_path / "propre.csv"), "-q"])
        assert result.exit_code == 0, result.output
    contacts = pd.read_csv(tmp_path / "propre.csv", sep=";", dtype=str, encoding="utf-8-sig")
    side = pd.read_csv(tmp_path / "propre-grc.csv", sep=";", dtype=str, encoding="utf-8-sig")
    assert list(contacts.columns) == list(generated.messy.columns)
    assert len(side) == len(contacts) and side.columns[1] == "grc_source_rows"
    wrong = runner.invoke(app, ["clean", str(export), "--keep-columns", "toutes", "-q"])
    assert wrong.exit_code == 2 and "all, original" in wrong.stderr
