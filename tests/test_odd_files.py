"""Files nobody here made (issue 7): the shapes offices really keep, each once a crash."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from grc_toolkit.api import clean_file, dedupe_files
from grc_toolkit.commands import app
from grc_toolkit.config import Config, DedupeOptions
from grc_toolkit.io import read_table
from grc_toolkit.pipeline import run
from grc_toolkit.schema import ISSUES, QUALITY, SOURCE_ROWS

runner = CliRunner()


@pytest.mark.parametrize(
    "content",
    [
        "email\na@b.fr\nc@d.fr\ne@f.fr\n",  # a newsletter list: no two rows share a blocking key
        "Email;Ville\na@b.fr;Paris\nc@d.fr;Lyon\n",
        "Société;Ville\nHôtel du Port;Vannes\nCamping des Pins;Carnac\n",
        "a,b\n1,2\n3,4\n",  # no recognised column at all
    ],
)
def test_rows_sharing_nothing_are_cleaned_and_written(tmp_path: Path, content: str) -> None:
    source = tmp_path / "export.csv"
    source.write_text(content, encoding="utf-8")
    run = clean_file(source, output=tmp_path / "out.xlsx")
    assert run.result.rows_out == content.count("\n") - 1
    assert (tmp_path / "out.xlsx").exists()
    assert run.result.review.empty
    rows = sorted(int(r) for cell in run.result.data[SOURCE_ROWS] for r in str(cell).split(" ; "))
    assert rows == list(range(2, content.count("\n") + 1))


def test_a_header_only_export_is_a_valid_empty_export(tmp_path: Path) -> None:
    source = tmp_path / "mars.csv"
    source.write_text("Nom;Email\n", encoding="utf-8")
    for output in (tmp_path / "out.csv", tmp_path / "out.xlsx"):
        result = runner.invoke(app, ["clean", str(source), "-o", str(output), "--json"])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert (report["rows_in"], report["rows_out"]) == (0, 0)
        written = read_table(output)
        assert written.frame.empty
        assert list(written.frame.columns) == ["Nom", "Email", SOURCE_ROWS, QUALITY, ISSUES]


@pytest.mark.parametrize(
    "content",
    ["Nom;Email\nNombre de contacts : 0\n", "Export CRM du 01/02/2024\n\nNom;Email\n\n\nExporté le;01/02/2024\n"],
)
def test_a_header_with_only_a_total_or_a_note_is_an_empty_export(tmp_path: Path, content: str) -> None:
    source = tmp_path / "mars.csv"
    source.write_text(content, encoding="utf-8")
    run = clean_file(source, output=tmp_path / "out.csv")
    assert run.report.rows_out == 0
    assert any("laissée de côté" in warning for warning in run.report.warnings)


@pytest.mark.parametrize("content", ["Export CRM du 01/02/2024\n", "\n;;\n"])
def test_no_header_at_all_stays_an_error(tmp_path: Path, content: str) -> None:
    source = tmp_path / "export.csv"
    source.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(source)])
    assert result.exit_code == 3
    assert not (tmp_path / "export-clean.xlsx").exists()


def test_the_pipeline_and_dedupe_files_take_zero_rows(tmp_path: Path) -> None:
    empty = pd.DataFrame({"Nom": pd.Series([], dtype=object), "Courriel": pd.Series([], dtype=object)})
    result = run(empty, Config(dedupe=DedupeOptions(enabled=True)), source_rows=pd.Series([], dtype="int64"))
    assert (result.rows_in, result.rows_out, len(result.data)) == (0, 0, 0)
    first, second = tmp_path / "janvier.csv", tmp_path / "fevrier.csv"
    first.write_text("Nom;Email\n", encoding="utf-8")
    second.write_text("Nom;Courriel\nRoux;anne@exemple.fr\n", encoding="utf-8")
    both = dedupe_files([first, second], output=tmp_path / "out.xlsx")
    assert both.result.rows_out == 1
    alone = dedupe_files([first], output=tmp_path / "alone.csv")
    assert alone.result.rows_out == 0 and (tmp_path / "alone.csv").exists()


def test_the_chosen_sheet_and_the_rows_left_out_are_shown(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    notice = workbook.active
    notice.title = "Notice"
    notice["A1"] = "Merci de ne pas modifier les colonnes de ce classeur, il est importé chaque mois dans le CRM."
    contacts = workbook.create_sheet("Contacts")
    for row in (["Nom", "Email"], ["Roux", "anne@exemple.fr"], ["Blanc", "paul@exemple.fr"], ["Total", 2]):
        contacts.append(row)
    source = tmp_path / "classeur.xlsx"
    workbook.save(source)
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "Feuille" in result.output and "Contacts" in result.output
    assert "ligne 4" in result.output
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "out.csv"), "--json", "--lang", "en"])
    report = json.loads(result.stdout)
    assert (report["sheet"], report["rows_in"]) == ("Contacts", 2)
    assert "1 row under the table (total or note) left out: row 4" in report["warnings"]


def test_header_row_zero_reads_a_file_without_header(tmp_path: Path) -> None:
    source = tmp_path / "musees.csv"
    source.write_text("Musei,2011,2010\nLouvre,8.8,8.9\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(source), "--header-row", "0", "-o", str(tmp_path / "o.csv"), "--json"])
    assert result.exit_code == 0, result.output
    assert (json.loads(result.stdout)["rows_in"], json.loads(result.stdout)["header_row"]) == (2, 0)
    result = runner.invoke(app, ["columns", str(source), "--header-row", "0", "--json"])
    assert result.exit_code == 0, result.output
    assert "Colonne 1" in result.stdout and "Musei" not in json.loads(result.stdout)[0]["column"]


def test_a_workbook_with_formulas_and_merged_cells_is_cleaned(tmp_path: Path) -> None:
    """A desk workbook: a merged title over the table, a formula cell, a merged cell inside the table."""
    source = tmp_path / "accueil.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Contacts accueil 2024"])
    sheet.merge_cells("A1:C1")
    sheet.append(["Nom", "Email", "Ville"])
    sheet.append(["Dupont", "jean.dupont@orange.fr", "Vannes"])
    sheet.append(["Martin", '=LOWER("ANNE.MARTIN@FREE.FR")', "Vannes"])
    sheet.append(["Durand", "paul.durand@gmail.com", "Carnac"])
    sheet.merge_cells("C4:C5")
    book.save(source)
    done = clean_file(source, output=tmp_path / "out.xlsx")
    assert done.table.left_out == ((1, "title"),)
    rows = sorted(int(r) for cell in done.result.data[SOURCE_ROWS] for r in str(cell).split(" ; "))
    assert rows == [3, 4, 5]


def test_namesakes_at_two_house_numbers_of_one_street_stay_two_people() -> None:
    """12 and 48 rue de la Paix are two homes: the house numbers must reach the comparison."""
    frame = pd.DataFrame(
        {
            "Nom": ["DUPONT", "DUPONT", "DUPONT"],
            "Prénom": ["Jean", "Jean", "Jean"],
            "Adresse": ["12 rue de la Paix", "48 rue de la Paix", "12, Rue de la Paix"],
            "Code postal": ["75002", "75002", "75002"],
            "Ville": ["Paris", "Paris", "Paris"],
        }
    )
    result = run(frame)
    assert sorted(result.data[SOURCE_ROWS]) == ["2 ; 4", "3"]


def test_namesakes_in_two_towns_stay_two_people_unless_something_of_their_own_is_shared() -> None:
    """A Martine MOULIN in Besançon and one in Charleville, nothing else in common: two people (a move
    with no mailbox, phone or birth date to show it is for a person to decide); a third
    row with Besançon's mobile is her, wherever she lives now."""
    frame = pd.DataFrame(
        {
            "Nom": ["MOULIN", "MOULIN", "MOULIN", "BLANC", "NOIR"],
            "Prénom": ["Martine", "Martine", "Martine", "Paul", "Anne"],
            "Téléphone": ["06 43 85 13 37", "", "0643851337", "", ""],
            "Code postal": ["25000", "08000", "69002", "25000", "08000"],
            "Ville": ["Besançon", "Charleville-Mézières", "Lyon", "Besançon", "Charleville-Mézières"],
        }
    )
    result = run(frame)
    assert sorted(result.data[SOURCE_ROWS]) == ["2 ; 4", "3", "5", "6"]
    pairs = result.search.pairs.set_index(["left", "right"])
    assert pairs.loc[(0, 1), "rule"] == "places_differ" and pairs.loc[(0, 1), "possible"]
    assert pairs.loc[(0, 2), "rule"] == ""
