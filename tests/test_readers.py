"""read_table: every format, detection of encoding/delimiter/header, and the bad-input corpus."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from grc_toolkit.errors import InputError
from grc_toolkit.io import Table, read_table
from grc_toolkit.io._text_files import sniff_delimiter

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"

HEADER = ["Nom", "Prénom", "Email", "Téléphone", "Code postal", "Ville"]
FIRST = ["Lefèvre", "Hélène", "helene.lefevre@exemple.fr", "0612345678", "01000", "Bourg-en-Bresse"]
THIRD = ["Çelik", "Zoë", "NA", "null", "09100", "Pamiers"]


def _assert_all_text(table: Table) -> None:
    for column in table.frame.columns:
        assert all(type(value) is str for value in table.frame[column]), column
    assert table.source_rows.index.equals(table.frame.index)


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("utf8_bom_semicolon.csv", "utf-8-sig", ";"),
        ("cp1252_semicolon.csv", "cp1252", ";"),
        ("mac_roman.csv", "mac_roman", ";"),
        ("utf16_tab.txt", "utf-16", "\t"),
        ("tab.tsv", "utf-8", "\t"),
        ("pipe.txt", "utf-8", "|"),
        ("really_csv.xlsx", "utf-8", ";"),
    ],
)
def test_text_files_detect_encoding_and_delimiter(name: str, encoding: str, delimiter: str) -> None:
    table = read_table(GOOD / name)
    assert (table.format, table.encoding, table.delimiter, table.header_row) == ("csv", encoding, delimiter, 1)
    assert list(table.frame.columns) == HEADER
    assert table.frame.iloc[0].tolist() == FIRST
    assert table.frame.iloc[2].tolist() == THIRD  # "NA" and "null" stay text
    assert table.source_rows.tolist() == [2, 3, 4]
    assert table.warnings == ()
    _assert_all_text(table)


@pytest.mark.parametrize("name", ["calc.ods", "legacy.xls"])
def test_other_workbooks(name: str) -> None:
    table = read_table(GOOD / name)
    assert list(table.frame.columns)[:6] == HEADER
    assert table.frame.iloc[0].tolist()[:6] == FIRST
    assert table.source_rows.tolist() == [2, 3, 4]
    _assert_all_text(table)


def test_xlsx_cells_read_as_a_person_sees_them() -> None:
    table = read_table(GOOD / "typed.xlsx")
    assert (table.format, table.sheet, table.header_row) == ("xlsx", "Contacts", 3)  # hidden and empty skipped
    assert table.frame.iloc[0].tolist() == [
        "Lefèvre", "612345678", "01000", "2024-03-05", "2024-03-05 14:30", "09:05", "true", "12.5", "",
    ]  # fmt: skip
    assert table.frame.iloc[1].tolist() == [
        "Dubœuf", "33698765432", "77000", "2024-01-02", "", "", "false", "0.1", "",
    ]  # fmt: skip
    assert table.source_rows.tolist() == [4, 5]
    _assert_all_text(table)


def test_xlsx_by_content_whatever_the_extension() -> None:
    table = read_table(GOOD / "really_xlsx.csv")
    assert table.format == "xlsx"
    assert table.frame.equals(read_table(GOOD / "typed.xlsx").frame)


@pytest.mark.parametrize("sheet", ["Autres", "  autres ", 3])
def test_sheet_by_name_or_index(sheet: str | int) -> None:
    table = read_table(GOOD / "typed.xlsx", sheet=sheet)
    assert table.sheet == "Autres"
    assert table.frame.to_dict("records") == [{"Email": "x@exemple.fr", "Ville": "Melun"}]


@pytest.mark.parametrize("sheet", ["Inconnue", 9])
def test_unknown_sheet_lists_the_available_ones(sheet: str | int) -> None:
    with pytest.raises(InputError) as caught:
        read_table(GOOD / "typed.xlsx", sheet=sheet)
    assert "« Contacts »" in caught.value.message and "« Autres »" in caught.value.message
    assert "typed.xlsx" in caught.value.message


def test_empty_sheet_asked_by_name() -> None:
    with pytest.raises(InputError, match="Vide"):
        read_table(GOOD / "typed.xlsx", sheet="Vide")


def test_title_rows_above_the_header() -> None:
    table = read_table(GOOD / "title_rows.csv")
    assert table.header_row == 3
    assert list(table.frame.columns) == ["Nom", "Email", "Email (2)"]
    assert table.frame["Nom"].tolist() == ["Roux", "Blanc"]
    assert table.source_rows.tolist() == [4, 6]  # the blank row 5 is skipped, numbering kept


def test_header_row_override() -> None:
    table = read_table(GOOD / "title_rows.csv", header_row=4)
    assert list(table.frame.columns) == ["Roux", "a@exemple.fr", "b@exemple.fr"]
    assert table.source_rows.tolist() == [6]
    with pytest.raises(InputError, match="entre 1 et 6"):
        read_table(GOOD / "title_rows.csv", header_row=40)


def test_ragged_rows_nul_bytes_and_blank_rows() -> None:
    table = read_table(GOOD / "ragged.csv")
    assert list(table.frame.columns) == ["Nom", "Email", "Ville", "Colonne 5", "Colonne 6"]
    assert table.frame.to_dict("records") == [
        {"Nom": "A", "Email": "a@exemple.fr", "Ville": "", "Colonne 5": "", "Colonne 6": ""},
        {"Nom": "B", "Email": "b@exemple.fr", "Ville": "Paris", "Colonne 5": "x", "Colonne 6": "y"},
        {"Nom": "C", "Email": "c@exemple.fr", "Ville": "Lyon", "Colonne 5": "", "Colonne 6": ""},
    ]
    assert table.source_rows.tolist() == [2, 3, 6]
    assert "1 ligne avait plus de colonnes que l'en-tête" in table.warnings
    assert any("nuls" in warning for warning in table.warnings)


def test_quoted_newlines_count_as_one_row() -> None:
    table = read_table(GOOD / "comma_quoted.csv")
    assert table.delimiter == ","
    assert table.frame["Nom"].tolist() == ["Dupont, Jean", 'Martin "Jo"']
    assert table.frame["Adresse"].tolist() == ["12 rue des Lilas\r\nBât. B", ""]
    assert table.source_rows.tolist() == [2, 3]


def test_header_only_gives_an_empty_frame_and_a_warning() -> None:
    table = read_table(GOOD / "header_only.csv")
    assert list(table.frame.columns) == ["Nom", "Email", "Ville"]
    assert table.frame.empty and table.source_rows.empty
    assert len(table.warnings) == 1


def test_overrides(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes("Nom,Ville\nZoé,Sète\n".encode("cp1252"))
    table = read_table(path, encoding="latin-1", delimiter=",")
    assert table.frame.to_dict("records") == [{"Nom": "Zoé", "Ville": "Sète"}]
    assert read_table(path, delimiter=";").frame.columns.tolist() == ["Nom,Ville"]
    with pytest.raises(InputError, match="utf-8"):
        read_table(path, encoding="utf-8")
    with pytest.raises(InputError, match="Encodage inconnu"):
        read_table(path, encoding="klingon")
    with pytest.raises(InputError, match="Séparateur invalide"):
        read_table(path, delimiter=";;")


def test_bomless_utf16_and_bare_cr(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("Nom\tVille\r\nZoé\tSète\r\n".encode("utf-16-le"))
    assert read_table(path).frame.to_dict("records") == [{"Nom": "Zoé", "Ville": "Sète"}]
    path.write_bytes(b"Nom;Ville\rA;B\rC;D\r")
    table = read_table(path)
    assert table.frame["Ville"].tolist() == ["B", "D"]
    assert table.source_rows.tolist() == [2, 3]


def test_blank_and_duplicate_headers(tmp_path: Path) -> None:
    path = tmp_path / "headers.csv"
    path.write_text('Email;;Email;" Code\n postal ";Email (2)\na;b;c;d;e\n', encoding="utf-8")
    columns = read_table(path).frame.columns.tolist()
    assert columns == ["Email", "Colonne 2", "Email (2)", "Code postal", "Email (2) (2)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),
        ('a,b,c\n1,"x;y",3\n4,5,6\n', ","),
        ("Titre\n\na\tb\tc\n1\t2\t3\n", "\t"),
        ("a|b\n1|2\n", "|"),
        ("email\nx@exemple.fr\n", ";"),
        ("nom;ville\nDupont, Jean;Paris\nMartin;Lyon\n", ";"),
    ],
)
def test_sniff_delimiter(text: str, expected: str) -> None:
    assert sniff_delimiter(text) == expected


BAD_CASES = {
    "empty.csv": "vide",
    "blank_lines.csv": "vide",
    "document.pdf": "non pris en charge",
    "photo.png": "non pris en charge",
    "photo_named.csv": "non pris en charge",
    "notes.json": "non pris en charge",
    "letter.docx": "non pris en charge",
    "webpage.xls": "page web",
    "garbage.csv": "pas de texte lisible",
    "unclosed_quote.csv": "ligne 2",
    "archive.zip": "archive",
    "zipped_contacts.csv": "archive",
    "truncated.xlsx": "endommagé",
    "no_data.xlsx": "Aucune feuille",
    "password.xlsx": "protégé par mot de passe",
}


def test_bad_corpus_is_fully_covered() -> None:
    assert {path.name for path in BAD.iterdir()} == set(BAD_CASES)


@pytest.mark.parametrize(("name", "phrase"), sorted(BAD_CASES.items()))
def test_bad_inputs_raise_a_french_input_error(name: str, phrase: str) -> None:
    with pytest.raises(InputError) as caught:
        read_table(BAD / name)
    error = caught.value
    assert phrase in error.message
    assert name in error.message and name in error.message_en
    assert error.message != error.message_en
    assert "\n" not in error.message and "Paris" not in error.message  # no cell content


def test_missing_file_directory_and_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="introuvable : absent.csv"):
        read_table("absent.csv")  # the path as given, not resolved
    with pytest.raises(InputError, match=r"introuvable : dossier/absent\.csv"):
        read_table("dossier/absent.csv")  # not the name alone: the wrong folder is seen
    with pytest.raises(InputError, match="dossier"):
        read_table(tmp_path)
    locked = tmp_path / "locked.csv"
    locked.write_text("a;b\n1;2\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match="accès refusé"):
        read_table(locked)


@pytest.mark.parametrize("path", sorted(GOOD.iterdir()) + sorted(BAD.iterdir()), ids=lambda path: path.name)
def test_input_file_is_never_modified(path: Path) -> None:
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    try:
        read_table(path)
    except InputError:
        pass
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_source_rows_are_int_series() -> None:
    table = read_table(GOOD / "cp1252_semicolon.csv")
    assert table.source_rows.dtype == "int64"
    assert isinstance(table.frame.index, pd.RangeIndex)


# Issue 7: files nobody here made.


def test_a_cell_longer_than_the_csv_module_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("a,b\n" + "x" * 1_000_000 + ",y\n", encoding="utf-8")
    limit = csv.field_size_limit()
    table = read_table(path)
    assert table.frame.to_dict("records") == [{"a": "x" * 1_000_000, "b": "y"}]
    assert table.source_rows.tolist() == [2]
    assert csv.field_size_limit() == limit  # the module's setting is put back


def test_a_long_quoted_note_is_a_cell_not_an_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text('Nom;Remarques\nA;"' + "très long, " * 20_000 + '"\nB;court\n', encoding="utf-8")
    table = read_table(path)
    assert table.frame["Nom"].tolist() == ["A", "B"]
    assert len(table.frame["Remarques"].iloc[0]) == len("très long, ") * 20_000


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


CONTACTS = [
    ["Civilité", "Nom", "Prénom", "Email", "Ville"],
    ["Mme", "Roux", "Anne", "anne@exemple.fr", "Melun"],
    ["M.", "Blanc", "Paul", "paul@exemple.fr", "Sens"],
]
NOTICE = [["Ce classeur contient les contacts de l'accueil. Ne pas modifier les colonnes, merci de votre aide."]]
LISTS = [["Civilité", "Pays", "Langue"], *[["Mme", f"Pays {n}", "fr"] for n in range(60)]]
PIVOT = [["Ville", "Nombre"], ["Melun", 1], ["Sens", 1], *[[f"Ville {n}", n] for n in range(40)]]


def test_the_sheet_holding_the_contacts_is_chosen_and_named(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "classeur.xlsx", {"Notice": NOTICE, "Listes": LISTS, "Synthèse": PIVOT, "Contacts": CONTACTS}
    )
    table = read_table(path)
    assert (table.sheet, table.header_row) == ("Contacts", 1)
    assert table.frame["Nom"].tolist() == ["Roux", "Blanc"]
    assert table.source_rows.tolist() == [2, 3]
    assert any("« Contacts »" in w and "« Notice »" in w and "« Listes »" in w for w in table.warnings)
    assert any("'Contacts'" in w and "'Notice'" in w for w in table.warnings_en)
    assert read_table(path, sheet="Notice").sheet == "Notice"  # --sheet still decides


def test_a_single_sheet_has_no_sheet_warning() -> None:
    assert not any("feuille" in warning for warning in read_table(GOOD / "calc.ods").warnings)


@pytest.mark.parametrize(
    "footer",
    [
        [["Total", None, None, 2]],
        [["Total : 2"]],
        [["TOTAL"]],
        [["Nombre de contacts : 2"]],
        [[], [], ["Export du 12/03/2024 par Marie"]],
        [["Total", 2], [], ["Généré par le CRM"]],
        [["Total contacts : 2"], [], ["Exporté le", "12/03/2024"]],
        [["2 contacts"]],
    ],
)
def test_totals_and_notes_under_the_table_are_left_out_and_said(tmp_path: Path, footer: list[list[object]]) -> None:
    path = _workbook(tmp_path / "export.xlsx", {"Contacts": [["Titre : contacts 2024"], [], *CONTACTS, *footer]})
    table = read_table(path)
    assert table.frame["Nom"].tolist() == ["Roux", "Blanc"]
    assert table.source_rows.tolist() == [4, 5]
    left_out = [row + 6 for row, cells in enumerate(footer) if cells]
    rows = ", ".join(map(str, left_out))
    assert f"sous le tableau (total ou note) laissée{'s' if len(left_out) > 1 else ''} de côté : ligne" in (
        " ".join(table.warnings)
    )
    assert any(warning.endswith(rows) and "under the table" in warning for warning in table.warnings_en)
    assert "1 ligne au-dessus de l'en-tête (ligne 3) laissée de côté : ligne 1" in table.warnings


@pytest.mark.parametrize(
    "last",
    [
        ["Total", "Station", "total@exemple.fr", "0102030405"],  # a company called Total
        ["Martin", "", "martin@exemple.fr", ""],
        ["Export", "Jean", "", ""],  # a note word, but no blank row above: a contact
        ["Total Energies", "", "", ""],
    ],
)
def test_a_last_contact_is_not_taken_for_a_footer(tmp_path: Path, last: list[str]) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Nom;Prénom;Email;Téléphone\nA;B;a@exemple.fr;\n" + ";".join(last) + "\n", encoding="utf-8")
    table = read_table(path)
    assert table.source_rows.tolist() == [2, 3]
    assert table.warnings == ()


def test_a_last_contact_after_a_blank_row_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Nom;Visite;Email\nA;01/02/2024;a@exemple.fr\n\nDupont;12/03/2024;\n", encoding="utf-8")
    table = read_table(path)
    assert table.source_rows.tolist() == [2, 4]
    assert table.warnings == ("1 ligne vide laissée de côté : ligne 3",)


def test_a_header_of_years_is_the_header_even_when_a_row_below_has_words(tmp_path: Path) -> None:
    path = tmp_path / "musees.csv"
    path.write_text("Musei,2011,2010\nLouvre,8.8,8.9\nOrsay,n.c.,3.6\nPompidou,3.8,3.6\n", encoding="utf-8")
    table = read_table(path)
    assert (table.header_row, list(table.frame.columns)) == (1, ["Musei", "2011", "2010"])
    assert table.frame["Musei"].tolist() == ["Louvre", "Orsay", "Pompidou"]
    assert table.source_rows.tolist() == [2, 3, 4]
    assert any("--header-row" in warning and "ligne 1" in warning for warning in table.warnings)


def test_a_table_of_numbers_keeps_its_first_row(tmp_path: Path) -> None:
    path = tmp_path / "nombres.csv"
    path.write_text("1;2\n3;4\n5;6\n", encoding="utf-8")
    table = read_table(path)
    assert table.header_row == 0
    assert list(table.frame.columns) == ["Colonne 1", "Colonne 2"]
    assert table.frame["Colonne 1"].tolist() == ["1", "3", "5"]
    assert table.source_rows.tolist() == [1, 2, 3]
    assert any("aucune ligne d'en-tête" in warning for warning in table.warnings)


def test_contacts_without_header_keep_their_first_row(tmp_path: Path) -> None:
    path = tmp_path / "sans_entete.csv"
    path.write_text("Dupont;Jean;jean@exemple.fr\nMartin;Paul;paul@exemple.fr\n", encoding="utf-8")
    table = read_table(path)
    assert (table.header_row, table.source_rows.tolist()) == (0, [1, 2])
    assert table.frame["Colonne 3"].tolist() == ["jean@exemple.fr", "paul@exemple.fr"]


def test_header_row_settles_the_doubt(tmp_path: Path) -> None:
    path = tmp_path / "musees.csv"
    path.write_text("Musei,2011,2010\nLouvre,8.8,8.9\n", encoding="utf-8")
    table = read_table(path, header_row=0)
    assert (table.header_row, table.source_rows.tolist()) == (0, [1, 2])
    assert table.frame["Colonne 1"].tolist() == ["Musei", "Louvre"]
    assert read_table(path, header_row=1).warnings == ()
    table = read_table(GOOD / "title_rows.csv", header_row=4)
    assert "2 lignes au-dessus de l'en-tête (ligne 4) laissées de côté : lignes 1, 3" in table.warnings


def test_title_rows_above_the_header_are_said_by_number() -> None:
    table = read_table(GOOD / "title_rows.csv")
    assert table.warnings == (
        "1 ligne au-dessus de l'en-tête (ligne 3) laissée de côté : ligne 1",
        "1 ligne vide laissée de côté : ligne 5",
    )
    assert table.warnings_en == ("1 row above the header (row 3) left out: row 1", "1 row empty left out: row 5")


def test_a_newsletter_list_wins_over_a_bigger_list_of_communes(tmp_path: Path) -> None:
    communes = [["Code postal", "Ville"], *[[f"{77000 + n}", f"Commune {n}"] for n in range(300)]]
    path = _workbook(tmp_path / "abonnes.xlsx", {"Communes": communes, "Abonnés": [["Email"], ["a@exemple.fr"]]})
    assert read_table(path).sheet == "Abonnés"


def test_sheets_naming_no_field_keep_the_first_one(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "divers.xlsx", {"Un": [["a", "b"], ["1", "2"]], "Deux": [["c", "d"], ["3", "4"]]})
    assert read_table(path).sheet == "Un"


def test_a_filter_block_above_a_header_naming_fields_is_skipped_and_said(tmp_path: Path) -> None:
    path = tmp_path / "extraction.csv"
    path.write_text(
        "Période :;01/01/2024;31/01/2024\nOffice :;Melun;Sens\n\nNom;Email;Ville\nRoux;a@exemple.fr;Melun\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert (table.header_row, table.source_rows.tolist()) == (4, [5])
    assert table.warnings == ("2 lignes au-dessus de l'en-tête (ligne 4) laissées de côté : lignes 1-2",)


def test_contacts_without_header_or_e_mail_keep_their_first_row(tmp_path: Path) -> None:
    path = tmp_path / "sans_entete.csv"
    path.write_text("Dupont;Jean;0612345678;Paris\nMartin;Paul;0698765432;Lyon\n", encoding="utf-8")
    table = read_table(path)
    assert (table.header_row, table.source_rows.tolist()) == (0, [1, 2])


def test_a_long_note_in_the_last_row_is_not_an_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "historique.csv"
    history = "\n".join(f"{day:02d}/03/2024 appel" for day in range(1, 31)) * 3
    path.write_text(f'Nom;Historique;Ville\nA;court;Melun\nB;"{history}";Sens\n', encoding="utf-8")
    table = read_table(path)
    assert table.frame["Historique"].tolist() == ["court", history]
    assert table.frame["Ville"].tolist() == ["Melun", "Sens"]
    assert table.source_rows.tolist() == [2, 3]


def test_every_row_not_read_is_left_out_as_data(tmp_path: Path) -> None:
    """Titles above the header, blank rows inside the table and totals under it: each named, with its reason."""
    path = tmp_path / "export.csv"
    text = "Export du 01/02/2024\n\nNom;Email\nDupont;a@b.fr\n;\nMartin;c@d.fr\n\nTotal;2\n\n"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    assert table.source_rows.tolist() == [4, 6]
    assert table.left_out == ((1, "title"), (5, "blank"), (8, "footer"))
    assert "1 ligne vide laissée de côté : ligne 5" in table.warnings


def test_a_workbook_grc_wrote_is_read_from_its_contacts_sheet(tmp_path: Path) -> None:
    """The Rapport sheet has more rows than a short Contacts sheet: grc's own column decides."""
    from grc_toolkit.api import clean_file

    source = tmp_path / "liste.csv"
    source.write_text("Source\nSalon\n", encoding="utf-8")
    clean_file(source, output=tmp_path / "liste-clean.xlsx")
    again = read_table(tmp_path / "liste-clean.xlsx")
    assert again.sheet == "Contacts"
    assert again.frame["Source"].tolist() == ["Salon"]


def test_a_gzip_compressed_csv_is_read_as_its_csv(tmp_path: Path) -> None:
    import gzip

    text = "Nom;Prénom;Email\nDupont;Jean;jean@free.fr\nMartin;Anne;anne@orange.fr\n"
    plain = tmp_path / "export.csv"
    plain.write_text(text, encoding="cp1252")
    packed = tmp_path / "export.csv.gz"
    packed.write_bytes(gzip.compress(text.encode("cp1252")))
    read, expected = read_table(packed), read_table(plain)
    assert read.format == "csv" and read.encoding == expected.encoding and read.delimiter == ";"
    pd.testing.assert_frame_equal(read.frame, expected.frame)
    # two gzip members one after the other (cat a.gz b.gz) are one file
    double = tmp_path / "double.csv.gz"
    double.write_bytes(gzip.compress(text.encode("utf-8")) + gzip.compress(b"Durand;Paul;paul@sfr.fr\n"))
    assert list(read_table(double).frame["Nom"]) == ["Dupont", "Martin", "Durand"]


def test_a_gzip_bomb_or_a_broken_gzip_is_refused_in_one_line(tmp_path: Path) -> None:
    import gzip

    bomb = tmp_path / "bombe.csv.gz"
    bomb.write_bytes(gzip.compress(b"Nom;Email\n" + b"a;b\n" * (3 << 20), compresslevel=9))
    with pytest.raises(InputError, match="relevez la limite"):
        read_table(bomb, max_unzipped_mb=4)
    broken = tmp_path / "abime.csv.gz"
    broken.write_bytes(bomb.read_bytes()[:200])
    with pytest.raises(InputError):
        read_table(broken)
    other = tmp_path / "photo.gz"  # a gzip that is no CSV: still refused as an archive
    other.write_bytes(gzip.compress(b"\x89PNG...."))
    with pytest.raises(InputError, match="gzip"):
        read_table(other)
