"""Hostile files (issue 13): zip bombs, sparse sheets, repeated ODS rows, XML entities, wide and NUL-ridden CSVs.

Every one is built here, at run time, a few kilobytes on disk. Each must end quickly with a French one-line
:class:`InputError` (exit code 3 at the command line) or be cleaned, never hang, abort or print a traceback.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from grc_toolkit.api import clean_file
from grc_toolkit.commands import app
from grc_toolkit.config import Config, ReadOptions, load_config
from grc_toolkit.errors import EXIT_INPUT, ConfigError, InputError
from grc_toolkit.io import _archives, read_table
from grc_toolkit.schema import SOURCE_ROWS
from grc_toolkit.testing import hostile

FIXTURES = Path(__file__).parent / "fixtures"


def _refused(path: Path, phrase: str, **options: object) -> InputError:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_table(path, **options)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 20, "refused, but not before spending the time a bomb asks for"
    error = caught.value
    assert phrase in error.message, error.message
    assert path.name in error.message and path.name in error.message_en
    assert "\n" not in error.message and error.message != error.message_en
    return error


def test_a_zip_bomb_is_refused_after_a_few_megabytes(tmp_path: Path) -> None:
    bomb = hostile.zip_bomb_xlsx(tmp_path / "bombe.xlsx", 60_000_000)
    assert bomb.stat().st_size < 300_000
    _refused(bomb, "se décompresse plus de")


def test_a_bomb_whose_directory_understates_its_size_is_counted_not_believed(tmp_path: Path) -> None:
    bomb = hostile.lying_size_xlsx(tmp_path / "menteur.xlsx", 60_000_000)
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo(hostile.SHEET).file_size == 1000
    _refused(bomb, "se décompresse plus de")


def test_past_the_unzipped_limit_a_workbook_is_refused_with_the_setting_to_raise(tmp_path: Path) -> None:
    """An ordinary ratio (numbered rows compress 16 times) but more than ``max_unzipped_mb`` once unzipped."""
    big = hostile.zip_bomb_xlsx(tmp_path / "gros.xlsx", 30_000_000, references=True)
    error = _refused(big, "au-delà de la limite", max_unzipped_mb=20)
    assert "max_unzipped_mb" in error.message and "CSV" in error.message
    assert len(read_table(big).frame) > 200_000  # under the default limit, read


def test_the_limit_comes_from_grc_toml(tmp_path: Path) -> None:
    (tmp_path / "grc.toml").write_text("[read]\nmax_unzipped_mb = 5\n", encoding="utf-8")
    assert load_config(tmp_path / "grc.toml").read.max_unzipped_mb == 5
    big = hostile.zip_bomb_xlsx(tmp_path / "gros.xlsx", 8_000_000, references=True)
    with pytest.raises(InputError, match="au-delà de la limite"):
        clean_file(big, load_config(tmp_path / "grc.toml"), write=False)
    for wrong in ('"beaucoup"', "0", "true"):
        (tmp_path / "grc.toml").write_text(f"[read]\nmax_unzipped_mb = {wrong}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="max_unzipped_mb"):
            load_config(tmp_path / "grc.toml")
    assert Config().read == ReadOptions(max_unzipped_mb=2048)


@pytest.mark.parametrize("last", ["XFD1048576", "ZZ1048576", "XFD3000"])
def test_a_sheet_reaching_a_far_cell_is_refused_before_calamine_lays_it_out(tmp_path: Path, last: str) -> None:
    """Three cells, 5 kB: calamine would allocate the whole grid between A1 and the last (550 GB for XFD1048576)
    and the process would abort without a word."""
    _refused(hostile.sparse_xlsx(tmp_path / "creux.xlsx", last), "s'étend sur")


def test_more_rows_than_a_spreadsheet_holds_is_refused_early(tmp_path: Path) -> None:
    """Numbered rows compress like an export's (16 times): past row 1,048,576 no spreadsheet wrote the sheet."""
    started = time.perf_counter()
    long = hostile.zip_bomb_xlsx(tmp_path / "long.xlsx", 150_000_000, references=True, level=1)
    _refused(long, "plus qu'un tableur")
    assert time.perf_counter() - started < 60


def test_a_far_cell_within_the_bound_is_read(tmp_path: Path) -> None:
    table = read_table(hostile.sparse_xlsx(tmp_path / "creux.xlsx", "Z5000"))
    assert table.frame.iloc[0, 0] == "Dupont"


def test_cells_without_references_are_bounded_too(tmp_path: Path) -> None:
    """calamine places a cell without ``r=`` after the previous one: a row of 20 000 of them, then a far row."""

    def write(handle: object) -> None:
        handle.write(  # type: ignore[attr-defined]
            b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData><row>" + b"<c><v>1</v></c>" * 20_000 + b'</row><row r="5000"><c><v>2</v></c></row>'
            b"</sheetData></worksheet>"
        )

    path = hostile._with_sheet(tmp_path / "sans-ref.xlsx", write)
    _refused(path, "s'étend sur")


def test_an_ods_row_repeated_a_million_times_is_refused(tmp_path: Path) -> None:
    _refused(hostile.repeated_ods(tmp_path / "repete.ods", 1_048_575, 90), "s'étend sur")
    _refused(hostile.repeated_ods(tmp_path / "large.ods", 10, 16_384 * 300), "s'étend sur")


def test_an_ods_of_a_few_hundred_bytes_laying_out_millions_of_filled_cells_is_refused(tmp_path: Path) -> None:
    """Within the grid bound (30 million cells) but a million rows of data from 600 bytes: no export is that."""
    _refused(hostile.repeated_ods(tmp_path / "repete.ods", 1_000_000, 30), "lignes répétées")


def test_a_few_repeated_ods_rows_are_read(tmp_path: Path) -> None:
    table = read_table(hostile.repeated_ods(tmp_path / "repete.ods", 3, 2), header_row=1)
    assert table.frame.shape == (3, 2)
    assert set(table.frame.iloc[:, 0]) == {"Dupont"}


def test_xml_entity_declarations_are_refused(tmp_path: Path) -> None:
    _refused(hostile.entity_xlsx(tmp_path / "rires.xlsx"), "DOCTYPE")


def test_an_archive_of_thousands_of_parts_is_refused_before_its_directory_is_read(tmp_path: Path) -> None:
    _refused(hostile.many_parts_zip(tmp_path / "parts.xlsx"), "fichiers internes")


@pytest.mark.parametrize("cut", [100, 1000, 3000, -200, -22])
def test_a_truncated_workbook_is_said_damaged(tmp_path: Path, cut: int) -> None:
    data = (FIXTURES / "good" / "typed.xlsx").read_bytes()
    path = tmp_path / "coupe.xlsx"
    path.write_bytes(data[:cut])
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert "coupe.xlsx" in caught.value.message


def test_the_generated_exports_are_far_from_every_limit(tmp_path: Path) -> None:
    """An ordinary export inflates 4 to 8 times; the generator's 1M-row workbook is about 0.5 GB unzipped."""
    from grc_toolkit.testing import generate_export, write_xlsx

    path = tmp_path / "export.xlsx"
    write_xlsx(generate_export(3000, seed=3).messy, path)
    with zipfile.ZipFile(path) as archive:
        ratios = [info.file_size / info.compress_size for info in archive.infolist() if info.file_size > 100_000]
    assert ratios and max(ratios) < _archives.MAX_RATIO / 5
    _archives.check_archive(path, "xlsx")


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("bombe.xlsx", lambda path: hostile.zip_bomb_xlsx(path, 40_000_000)),
        ("creux.xlsx", hostile.sparse_xlsx),
        ("repete.ods", hostile.repeated_ods),
        ("rires.xlsx", hostile.entity_xlsx),
        ("chiffre.xlsx", lambda path: shutil.copy(FIXTURES / "bad" / "password.xlsx", path)),
        ("bruit.csv", hostile.binary_junk),
    ],
)
def test_grc_clean_says_one_line_and_exits_3(tmp_path: Path, name: str, build: object) -> None:
    path = tmp_path / name
    build(path)  # type: ignore[operator]
    result = CliRunner().invoke(app, ["clean", str(path), "--no-history"], env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    assert result.exit_code == EXIT_INPUT, result.stderr
    assert result.stderr.count("\n") == 1 and name in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not list(tmp_path.glob("*-clean.xlsx"))


def test_three_hundred_columns_are_cleaned_and_all_written(tmp_path: Path) -> None:
    source = hostile.wide_csv(tmp_path / "large.csv", columns=300, rows=60)
    done = clean_file(source, output=tmp_path / "large-clean.xlsx")
    book = openpyxl.load_workbook(tmp_path / "large-clean.xlsx", read_only=True)
    try:  # a read-only workbook keeps its file open until closed
        header = next(book["Contacts"].iter_rows(max_row=1, values_only=True))
    finally:
        book.close()
    assert list(header[:300]) == list(done.table.frame.columns) and len(done.table.frame.columns) == 300
    assert done.result.mapping.column_of("email") == "Email"
    rows = sorted(int(r) for cell in done.result.data[SOURCE_ROWS] for r in str(cell).split(" ; "))
    assert rows == list(range(2, 62))


def test_nul_bytes_are_removed_said_and_the_rows_cleaned(tmp_path: Path) -> None:
    source = hostile.nul_bytes_csv(tmp_path / "nuls.csv", rows=20)
    done = clean_file(source, output=tmp_path / "nuls-clean.csv")
    assert any("caractères nuls retirés : 40" in warning for warning in done.table.warnings)
    assert "\x00" not in (tmp_path / "nuls-clean.csv").read_text(encoding="utf-8-sig")
    assert done.result.rows_in == 20


def test_control_characters_in_workbook_cells_survive_the_round_trip(tmp_path: Path) -> None:
    """A cell holding a NUL or a vertical tab (legal in a CSV, not in XML) is written and read back."""
    source = tmp_path / "controle.csv"
    rows = [f"Dupont{n};note {n} a\x0bb\x01c" if n % 20 == 0 else f"Martin{n};note ordinaire {n}" for n in range(60)]
    source.write_bytes(("Nom;Note\n" + "\n".join(rows) + "\n").encode())
    clean_file(source, output=tmp_path / "controle-clean.xlsx", config=Config())
    again = read_table(tmp_path / "controle-clean.xlsx")
    assert len(again.frame) == 60
    assert again.frame["Note"].iloc[0] == "note 0 a\x0bb\x01c"
