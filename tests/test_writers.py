"""write_table: round trips through read_table, formula neutralisation, atomic writes, errors."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grc_toolkit.errors import EXIT_OUTPUT_EXISTS, OutputError, OutputExistsError
from grc_toolkit.io import default_output_path, read_table, write_table, writers

CONTACTS = pd.DataFrame(
    {
        "Nom": ["Lefèvre", "Dubœuf", 'Martin "Jo"', "  espaces  "],
        "Code postal": ["01000", "09100", "", "2A004"],
        "Téléphone": ["0612345678", "+33 6 98 76 54 32", "+33612345678", "-12.5"],
        "Adresse": ["12 rue des Lilas\nBât. B", "a;b,c", "NA", "null"],
    }
)
FORMULAS = ['=HYPERLINK("http://x")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "\tTAB", "\r=1"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_keeps_every_cell(tmp_path: Path, suffix: str) -> None:
    path = write_table(tmp_path / f"out{suffix}", {"Contacts": CONTACTS})
    table = read_table(path)
    assert table.frame.astype(object).equals(CONTACTS.astype(object))
    assert table.source_rows.tolist() == [2, 3, 4, 5]
    assert _leftovers(tmp_path) == []


def test_csv_is_utf8_bom_semicolon_crlf(tmp_path: Path) -> None:
    path = write_table(tmp_path / "out.csv", {"Contacts": CONTACTS.head(1)})
    expected = 'Nom;Code postal;Téléphone;Adresse\r\nLefèvre;01000;0612345678;"12 rue des Lilas\nBât. B"\r\n'
    assert path.read_bytes() == "\ufeff".encode() + expected.encode()


def test_formulas_are_neutralised(tmp_path: Path) -> None:
    frame = pd.DataFrame({"Nom": FORMULAS, "Note": ["ok"] * len(FORMULAS)})
    csv_values = read_table(write_table(tmp_path / "out.csv", {"A": frame})).frame["Nom"].tolist()
    assert csv_values == ["'" + value for value in FORMULAS]
    xlsx = write_table(tmp_path / "out.xlsx", {"A": frame})
    assert read_table(xlsx).frame["Nom"].tolist() == FORMULAS  # stored as text, never evaluated
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    assert {sheet.cell(row, 1).data_type for row in range(2, len(FORMULAS) + 2)} == {"s"}


def test_xlsx_layout_and_number_cells(tmp_path: Path) -> None:
    frame = CONTACTS.assign(grc_quality=[90, 75, 40, 100], score=[0.5, 1.0, float("nan"), 2.25])
    path = write_table(tmp_path / "out.xlsx", {"Contacts": frame, "Rapport": pd.DataFrame({"Champ": ["email"]})})
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Contacts", "Rapport"]
    sheet = workbook["Contacts"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F5"
    assert sheet["A1"].font.b is True
    assert sheet["B2"].value == "01000" and sheet["B2"].data_type == "s"
    assert sheet["E2"].value == 90 and sheet["E2"].data_type == "n"
    assert sheet["F4"].value is None
    assert 8 <= sheet.column_dimensions["D"].width <= writers.MAX_COLUMN_WIDTH + 1


def test_sheet_names_are_made_valid() -> None:
    names = writers._sheet_names(["Rapport: 2024/03", "x" * 40, "X" * 40, ""])
    assert names == ["Rapport- 2024-03", "x" * 31, "X" * 27 + " (2)", "Feuille 4"]


def test_failure_mid_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writers, "_write_sheet", explode)
    with pytest.raises(RuntimeError):
        write_table(tmp_path / "out.xlsx", {"A": CONTACTS})
    assert sorted(path.name for path in tmp_path.iterdir()) == []
    existing = tmp_path / "old.xlsx"
    existing.write_bytes(b"previous")
    with pytest.raises(RuntimeError):
        write_table(existing, {"A": CONTACTS}, force=True)
    assert existing.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []


def test_locked_output_becomes_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(*args: object) -> None:
        raise PermissionError("open in Excel")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match="fermez le fichier s'il est ouvert dans Excel") as caught:
        write_table(tmp_path / "out.csv", {"A": CONTACTS})
    assert "out.csv" in caught.value.message_en
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_output_errors(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(b"Nom\nA\n")
    with pytest.raises(OutputError, match="fichier d'entrée"):
        write_table(tmp_path / "." / "export.csv", {"A": CONTACTS}, protect=source)
    assert source.read_bytes() == b"Nom\nA\n"
    with pytest.raises(OutputError, match="n'existe pas"):
        write_table(tmp_path / "absent" / "out.xlsx", {"A": CONTACTS})
    with pytest.raises(OutputError, match=".xlsx ou .csv"):
        write_table(tmp_path / "out.pdf", {"A": CONTACTS})
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(OutputError, match="c'est un dossier"):
        write_table(tmp_path / "folder.xlsx", {"A": CONTACTS})
    with pytest.raises(OutputError, match="encodage"):
        write_table(tmp_path / "out.csv", {"A": pd.DataFrame({"Nom": ["😀"]})}, csv_encoding="cp1252")
    assert _leftovers(tmp_path) == []


def test_default_output_path() -> None:
    assert default_output_path(Path("d/export.xlsx")) == Path("d/export-clean.xlsx")
    assert default_output_path("export.csv") == Path("export-clean.xlsx")
    assert default_output_path("export.csv", suffix="-doublons", ext=".csv") == Path("export-doublons.csv")


_CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff", max_codepoint=0x2FFF)
    | st.sampled_from(["\n", "\t", '"', ";", ",", "0", " "]),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=8))
def test_round_trip_property(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    frame = pd.DataFrame(
        {"Id": [f"id{i}" for i in range(len(rows))], "A": [a for a, _ in rows], "B": [b for _, b in rows]}
    )
    for suffix in (".xlsx", ".csv"):
        table = read_table(write_table(tmp_path / f"prop{suffix}", {"S": frame}))
        expected = frame if suffix == ".xlsx" else frame.map(writers.neutralise_formula)
        assert table.frame.astype(object).equals(expected.astype(object))


# Existing outputs: grc replaces its own unchanged output of the same input, and nothing else unless forced.


def _sources(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "in").mkdir()
    first, second = tmp_path / "in" / "visitors.csv", tmp_path / "in" / "visitors.xlsx"
    first.write_bytes(b"Nom\nA\n")
    second.write_bytes(b"not read here")
    return first, second


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_re_run_on_the_same_input_replaces_its_own_output(tmp_path: Path, suffix: str) -> None:
    source, _ = _sources(tmp_path)
    target = tmp_path / f"visitors-clean{suffix}"
    write_table(target, {"A": CONTACTS.head(1)}, protect=source)
    write_table(target, {"A": CONTACTS}, protect=source)
    assert len(read_table(target).frame) == len(CONTACTS)
    # the same export seen from elsewhere (another folder, other case) is the same input
    moved = tmp_path / "VISITORS.CSV"
    moved.write_bytes(source.read_bytes())
    write_table(target, {"A": CONTACTS}, protect=moved)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_output_of_another_input_is_not_replaced_without_force(tmp_path: Path, suffix: str) -> None:
    csv_source, xlsx_source = _sources(tmp_path)
    target = tmp_path / f"visitors-clean{suffix}"
    write_table(target, {"A": CONTACTS}, protect=csv_source)
    before = target.read_bytes()
    with pytest.raises(OutputExistsError) as caught:
        write_table(target, {"A": CONTACTS.head(1)}, protect=xlsx_source)
    assert caught.value.exit_code == EXIT_OUTPUT_EXISTS == 4
    assert caught.value.message == (
        f"{target} existe déjà et a été écrit par grc à partir de visitors.csv, pas de "
        "visitors.xlsx : choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer."
    )
    assert "written by grc from visitors.csv, not from visitors.xlsx" in caught.value.message_en
    assert target.read_bytes() == before
    write_table(target, {"A": CONTACTS.head(1)}, protect=xlsx_source, force=True)
    assert len(read_table(target).frame) == 1
    with pytest.raises(OutputExistsError):  # now it is the xlsx export's output
        write_table(target, {"A": CONTACTS}, protect=csv_source)


@pytest.mark.parametrize("name", ["notes.xlsx", "notes.csv", "broken.xlsx"])
def test_a_file_grc_did_not_write_is_not_replaced_without_force(tmp_path: Path, name: str) -> None:
    source, _ = _sources(tmp_path)
    target = tmp_path / name
    if name == "notes.xlsx":
        workbook = openpyxl.Workbook()
        workbook.active.append(["Nom", "Notes"])
        workbook.save(target)
    else:
        target.write_bytes(b"Nom;Notes\r\nMartin;rappeler\r\n")
    before = target.read_bytes()
    with pytest.raises(OutputExistsError, match="n'a pas été écrit par grc"):
        write_table(target, {"A": CONTACTS}, protect=source)
    assert target.read_bytes() == before
    write_table(target, {"A": CONTACTS}, protect=source, force=True)
    write_table(target, {"A": CONTACTS}, protect=source)  # grc's own now
    assert _leftovers(tmp_path) == []


def test_an_edited_workbook_is_not_replaced_without_force(tmp_path: Path) -> None:
    source, _ = _sources(tmp_path)
    target = tmp_path / "visitors-clean.xlsx"
    write_table(target, {"Contacts": CONTACTS}, protect=source)
    workbook = openpyxl.load_workbook(target)  # a person fills in a sheet and saves, as in Excel
    workbook.active["A2"] = "corrigé à la main"
    workbook.properties.created = datetime(2026, 1, 5, 9, 30)  # grc wrote it some time before the save
    workbook.save(target)
    before = target.read_bytes()
    with pytest.raises(OutputExistsError, match="a été modifié depuis que grc l'a écrit"):
        write_table(target, {"Contacts": CONTACTS}, protect=source)
    assert target.read_bytes() == before


def test_an_edited_or_unmarked_csv_is_not_replaced_without_force(tmp_path: Path) -> None:
    source, _ = _sources(tmp_path)
    target = tmp_path / "visitors-clean.csv"
    write_table(target, {"A": CONTACTS}, protect=source)
    assert sorted(path.name for path in tmp_path.iterdir()) == [".visitors-clean.csv.grc", "in", target.name]
    with target.open("ab") as handle:
        handle.write(b"Ajout;;;\r\n")
    with pytest.raises(OutputExistsError, match="a été modifié"):
        write_table(target, {"A": CONTACTS}, protect=source)
    (tmp_path / ".visitors-clean.csv.grc").unlink()
    with pytest.raises(OutputExistsError, match="n'a pas été écrit par grc"):
        write_table(target, {"A": CONTACTS}, protect=source)


def test_several_inputs_are_the_same_inputs_in_any_order(tmp_path: Path) -> None:
    first, second = _sources(tmp_path)
    target = tmp_path / "visitors-dedupe.xlsx"
    write_table(target, {"A": CONTACTS}, protect=[first, second])
    write_table(target, {"A": CONTACTS}, protect=[second, first])
    with pytest.raises(OutputExistsError, match="à partir de visitors.xlsx \\+ visitors.csv, pas de visitors.csv "):
        write_table(target, {"A": CONTACTS}, protect=[first])


def test_a_cell_longer_than_excel_allows_is_never_cut_silently(tmp_path: Path) -> None:
    """xlsxwriter cuts a cell at 32,767 characters without a word: grc refuses and points to CSV."""
    note = "appel " * 6000  # 36,000 characters: a long call history
    frame = pd.DataFrame({"Nom": ["Dupont"], "Historique": [note]})
    with pytest.raises(OutputError, match=r"« Historique » de la ligne 2 .*\(-o contacts\.csv\)"):
        write_table(tmp_path / "contacts.xlsx", {"Contacts": frame})
    assert not (tmp_path / "contacts.xlsx").exists()
    write_table(tmp_path / "contacts.csv", {"Contacts": frame})
    assert note.strip() in (tmp_path / "contacts.csv").read_text(encoding="utf-8-sig")


def test_a_sheet_past_excels_last_row_is_refused_not_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writers, "XLSX_ROW_LIMIT", 4)  # a header and three rows
    frame = pd.DataFrame({"Nom": ["a", "b", "c", "d"]})
    with pytest.raises(OutputError) as raised:
        write_table(tmp_path / "big.xlsx", {"Contacts": frame[:2], "Modifications": frame})
    assert "« Modifications » aurait 4 lignes, plus que la limite d'Excel (3)" in str(raised.value)
    assert "-o big.csv" in str(raised.value)
    assert not (tmp_path / "big.xlsx").exists()
    write_table(tmp_path / "fits.xlsx", {"Contacts": frame[:3]})  # three rows fit


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_cell_that_looks_like_rich_text_xml_is_written_as_typed(tmp_path: Path, suffix: str) -> None:
    """xlsxwriter copies ``<r>...</r>`` into the file as XML: ``<r>x</x></r>`` made the workbook unreadable."""
    texts = ["<r>oops</x></r>", "<r><t>gras</t></r>", "<r>", "ok"]
    frame = pd.DataFrame({"<r>Nom</r>": texts, "Note": ["", "<r>a</r>", "b", "c"]})
    target = write_table(tmp_path / f"out{suffix}", {"Contacts": frame})
    again = read_table(target).frame
    assert list(again.columns) == ["<r>Nom</r>", "Note"]
    assert again["<r>Nom</r>"].tolist() == texts and again["Note"].tolist() == ["", "<r>a</r>", "b", "c"]
