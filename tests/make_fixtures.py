"""Regenerate the tiny files under tests/fixtures/good and tests/fixtures/bad.

Run ``python tests/make_fixtures.py`` after changing it and commit the files. Besides the
project's own dependencies it needs ``xlwt`` (old .xls), ``odfpy`` (.ods) and
``msoffcrypto-tool`` (password-protected .xlsx); they are imported here only, never by the package.
All names and addresses below are invented.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"

ROWS = [
    ["Nom", "Prénom", "Email", "Téléphone", "Code postal", "Ville"],
    ["Lefèvre", "Hélène", "helene.lefevre@exemple.fr", "0612345678", "01000", "Bourg-en-Bresse"],
    ["Dubœuf", "François", "f.duboeuf@exemple.fr", "+33 6 98 76 54 32", "77000", "Melun"],
    ["Çelik", "Zoë", "NA", "null", "09100", "Pamiers"],
]


def _csv_text(rows: list[list[str]], delimiter: str, newline: str = "\n") -> str:
    return newline.join(delimiter.join(row) for row in rows) + newline


def make_good() -> None:
    GOOD.mkdir(parents=True, exist_ok=True)
    text = _csv_text(ROWS, ";")
    (GOOD / "utf8_bom_semicolon.csv").write_bytes("\ufeff".encode() + text.encode())
    (GOOD / "cp1252_semicolon.csv").write_bytes(_csv_text(ROWS, ";", "\r\n").encode("cp1252"))
    (GOOD / "mac_roman.csv").write_bytes(_csv_text(ROWS, ";", "\r").encode("mac_roman"))
    (GOOD / "utf16_tab.txt").write_bytes(_csv_text(ROWS, "\t", "\r\n").encode("utf-16"))
    (GOOD / "tab.tsv").write_bytes(_csv_text(ROWS, "\t").encode())
    (GOOD / "pipe.txt").write_bytes(_csv_text(ROWS, "|").encode())
    (GOOD / "comma_quoted.csv").write_bytes(
        b'Nom,Adresse,Email\r\n"Dupont, Jean","12 rue des Lilas\r\nB\xc3\xa2t. B",jean@exemple.fr\r\n'
        b'"Martin ""Jo""",,jo@exemple.fr\r\n'
    )
    (GOOD / "title_rows.csv").write_bytes(
        b"Export contacts OT Melun 2024;;;\n;;;\nNom;Email;Email;\nRoux;a@exemple.fr;b@exemple.fr;\n"
        b";;;\nBlanc;c@exemple.fr;;\n"
    )
    (GOOD / "ragged.csv").write_bytes(
        b"Nom;Email;Ville;;\nA;a@exemple.fr\nB;b@exemple.fr;Paris;;x;y\n\n;;\nC\x00;c@exemple.fr;Lyon\n;;;;\n\n"
    )
    (GOOD / "header_only.csv").write_bytes(b"Nom;Email;Ville\r\n")
    _write_xlsx(GOOD / "typed.xlsx")
    _write_xls(GOOD / "legacy.xls")
    _write_ods(GOOD / "calc.ods")
    (GOOD / "really_xlsx.csv").write_bytes((GOOD / "typed.xlsx").read_bytes())
    (GOOD / "really_csv.xlsx").write_bytes(text.encode())


def _write_xlsx(path: Path) -> None:
    import openpyxl  # noqa: PLC0415

    workbook = openpyxl.Workbook()
    hidden = workbook.active
    hidden.title = "Cachée"
    hidden["A1"] = "ne pas lire"
    hidden.sheet_state = "hidden"
    workbook.create_sheet("Vide")
    sheet = workbook.create_sheet("Contacts")
    sheet["A1"] = "Export contacts OT Melun 2024"
    sheet.append([])
    sheet.append(["Nom", "Téléphone", "Code postal", "Inscrit le", "Visite", "Heure", "Optin", "Note", "Calcul"])
    sheet.append(
        [
            "Lefèvre",
            612345678,
            "01000",
            dt.date(2024, 3, 5),
            dt.datetime(2024, 3, 5, 14, 30),
            dt.time(9, 5),
            True,
            12.5,
            "=1/0",
        ]
    )
    sheet.append(["Dubœuf", 33698765432, 77000, dt.datetime(2024, 1, 2), None, None, False, 0.1, None])
    other = workbook.create_sheet("Autres")
    other.append(["Email", "Ville"])
    other.append(["x@exemple.fr", "Melun"])
    workbook.save(path)


def _write_xls(path: Path) -> None:
    import xlwt  # noqa: PLC0415

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Feuil1")
    for row_number, row in enumerate(ROWS):
        for column, value in enumerate(row):
            sheet.write(row_number, column, value)
    sheet.write(1, 6, 612345678)
    workbook.save(str(path))


def _write_ods(path: Path) -> None:
    import pandas as pd  # noqa: PLC0415

    frame = pd.DataFrame(ROWS[1:], columns=ROWS[0])
    frame["Visites"] = [3, 1, 2]
    frame.to_excel(path, index=False, engine="odf", sheet_name="Contacts")


def make_bad() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    (BAD / "empty.csv").write_bytes(b"")
    (BAD / "blank_lines.csv").write_bytes(b"\r\n;;;\r\n  \r\n")
    (BAD / "document.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    (BAD / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    (BAD / "photo_named.csv").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(64)))
    (BAD / "notes.json").write_bytes(b'{"nom": "x"}\n')
    (BAD / "webpage.xls").write_bytes(b"<html><body><table><tr><td>Nom</td></tr></table></body></html>\n")
    random.seed(20240305)
    (BAD / "garbage.csv").write_bytes(bytes(random.randrange(256) for _ in range(3000)))
    (BAD / "unclosed_quote.csv").write_bytes(
        b'Nom;Ville\nA;"Paris\n' + b"".join(b"L%d;Melun\n" % number for number in range(80))
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("contacts.csv", "Nom;Email\n")
    (BAD / "archive.zip").write_bytes(archive.getvalue())
    (BAD / "zipped_contacts.csv").write_bytes(archive.getvalue())
    document = io.BytesIO()
    with zipfile.ZipFile(document, "w") as zipped:
        zipped.writestr("[Content_Types].xml", "<Types/>")
        zipped.writestr("word/document.xml", "<document/>")
    (BAD / "letter.docx").write_bytes(document.getvalue())
    valid = GOOD / "typed.xlsx"
    (BAD / "truncated.xlsx").write_bytes(valid.read_bytes()[:1500])
    _write_empty_xlsx(BAD / "no_data.xlsx")
    _write_encrypted(valid, BAD / "password.xlsx")


def _write_empty_xlsx(path: Path) -> None:
    import openpyxl  # noqa: PLC0415

    workbook = openpyxl.Workbook()
    workbook.active.title = "Feuil1"
    workbook.save(path)


def _write_encrypted(source: Path, path: Path) -> None:
    import msoffcrypto  # noqa: PLC0415

    with source.open("rb") as plain, path.open("wb") as encrypted:
        msoffcrypto.OfficeFile(plain).encrypt("secret", encrypted)


if __name__ == "__main__":
    make_good()
    make_bad()
