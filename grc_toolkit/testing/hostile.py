"""Hostile files, built on the fly (small on disk): zip bombs, sparse sheets, XML entities, odd CSVs.

Used by ``tests/test_hostile_files.py`` and ``benchmarks/hardening.py``. Each writes ``path`` and returns it. All
names are invented.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import xlsxwriter

__all__ = [
    "binary_junk",
    "deep_quotes_csv",
    "entity_xlsx",
    "huge_cell_csv",
    "lying_size_xlsx",
    "many_parts_zip",
    "nul_bytes_csv",
    "one_column_csv",
    "repeated_ods",
    "sparse_xlsx",
    "wide_csv",
    "zip_bomb_xlsx",
]

SHEET = "xl/worksheets/sheet1.xml"
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"
_HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>'
)


def _template() -> bytes:
    """A real two-row workbook whose sheet part the builders replace."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Contacts")
    sheet.write_row(0, 0, ["Nom", "Email"])
    sheet.write_row(1, 0, ["Dupont", "jean.dupont@exemple.fr"])
    workbook.close()
    return buffer.getvalue()


def _with_sheet(
    path: Path, write_sheet: object, *, replace: dict[str, bytes] | None = None, zip64: bool = False, level: int = 9
) -> Path:
    """The template with its sheet part streamed by ``write_sheet(handle)`` (and other parts replaced)."""
    source = zipfile.ZipFile(io.BytesIO(_template()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in source.infolist():
            if info.filename == SHEET:
                with out.open(SHEET, "w", force_zip64=zip64) as handle:
                    write_sheet(handle)  # type: ignore[operator]
            else:
                out.writestr(info.filename, (replace or {}).get(info.filename, source.read(info.filename)))
    return path


def zip_bomb_xlsx(path: Path, unzipped: int = 1_400_000_000, *, references: bool = False, level: int = 9) -> Path:
    """An xlsx whose sheet inflates to ``unzipped`` bytes of one repeated row (ratio near 300), or with
    ``references`` each row numbered (``r="A12"``: ratio near 16, as an ordinary export's). ``level``: zlib's
    (1 builds faster, 9 squeezes more)."""

    def write(handle: io.BufferedWriter) -> None:
        handle.write(_SHEET_HEAD + _HEADER_ROW)
        written, row = 0, 2
        block = b'<row><c t="inlineStr"><is><t>Dupont</t></is></c><c t="inlineStr"><is><t>a@b.fr</t></is></c></row>'
        block *= 10_000
        while written < unzipped:
            if references:
                block = b"".join(
                    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Dupont</t></is></c>'
                    b'<c r="B%d" t="inlineStr"><is><t>a@b.fr</t></is></c></row>' % (n, n, n)
                    for n in range(row, row + 10_000)
                )
                row += 10_000
            handle.write(block)
            written += len(block)
        handle.write(_SHEET_TAIL)

    return _with_sheet(path, write, zip64=unzipped > 2_000_000_000, level=level)


def sparse_xlsx(path: Path, last_cell: str = "XFD1048576") -> Path:
    """Three cells: a header, one contact, and one far away (calamine lays out the grid between them)."""
    row = "".join(ch for ch in last_cell if ch.isdigit())

    def write(handle: io.BufferedWriter) -> None:
        handle.write(
            _SHEET_HEAD
            + _HEADER_ROW
            + b'<row r="2"><c r="A2" t="inlineStr"><is><t>Dupont</t></is></c></row>'
            + f'<row r="{row}"><c r="{last_cell}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
            + _SHEET_TAIL
        )

    return _with_sheet(path, write)


def entity_xlsx(path: Path, levels: int = 10) -> Path:
    """ "Billion laughs": nested entity declarations in the shared strings, one used in a cell."""
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels))
    strings = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
        f"<si><t>Nom</t></si><si><t>&lol{levels - 1};</t></si></sst>"
    ).encode()

    def write(handle: io.BufferedWriter) -> None:
        handle.write(
            _SHEET_HEAD
            + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>'
            + _SHEET_TAIL
        )

    return _with_sheet(path, write, replace={"xl/sharedStrings.xml": strings})


def lying_size_xlsx(path: Path, unzipped: int = 200_000_000) -> Path:
    """A zip bomb whose directory says its sheet is 1 kB: the size must be counted, not believed."""
    zip_bomb_xlsx(path, unzipped)
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            named = data[name_at : name_at + len(name)] == name
            if named and struct.unpack_from("<I", data, at + size_at)[0] != 0xFFFFFFFF:
                struct.pack_into("<I", data, at + size_at, 1000)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def many_parts_zip(path: Path, parts: int = 20_000) -> Path:
    """An xlsx whose directory claims ``parts`` entries (the end record is rewritten; the file stays small)."""
    path.write_bytes(_template())
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, at + 8, min(parts, 0xFFFE), min(parts, 0xFFFE))
    path.write_bytes(bytes(data))
    return path


def repeated_ods(path: Path, rows: int = 1_048_575, columns: int = 90) -> Path:
    """An ODS whose one contact row is repeated ``rows`` times, its cell ``columns`` times: a few hundred bytes."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="Contacts"><table:table-row><table:table-cell '
        'office:value-type="string"><text:p>Nom</text:p></table:table-cell></table:table-row>'
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{columns}" office:value-type="string"><text:p>Dupont</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def wide_csv(path: Path, columns: int = 300, rows: int = 200) -> Path:
    """``columns`` columns: a few contact fields first, then ``Champ 5``... filled with short values."""
    header = ["Nom", "Prénom", "Email", "Téléphone"] + [f"Champ {n}" for n in range(5, columns + 1)]
    lines = [";".join(header)]
    for row in range(rows):
        cells = [f"Martin{row}", "Léa", f"lea.martin{row}@exemple.fr", f"06{row:08d}"]
        lines.append(";".join(cells + [f"v{row}-{n}" for n in range(5, columns + 1)]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def nul_bytes_csv(path: Path, rows: int = 100) -> Path:
    """A CSV with NUL bytes scattered in its cells (a CRM's export gone wrong)."""
    lines = ["Nom;Email;Ville"] + [f"Dur\x00and{n};d{n}@exemple.fr\x00;Lyon" for n in range(rows)]
    path.write_bytes(("\n".join(lines) + "\n").encode())
    return path


def huge_cell_csv(path: Path, megabytes: int = 50) -> Path:
    """One contact whose note is ``megabytes`` MB long (a pasted history)."""
    note = ("appel client, rappel demandé; " * (megabytes * 1024 * 1024 // 30 + 1))[: megabytes << 20]
    path.write_text(f'Nom;Email;Note\nDupont;jean@exemple.fr;"{note}"\n', encoding="utf-8")
    return path


def one_column_csv(path: Path, lines: int = 1_000_000, value: str = "{n}") -> Path:
    """``lines`` lines of one column (``value`` with ``{n}`` the line number)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Identifiant\n")
        handle.writelines(value.format(n=n) + "\n" for n in range(lines))
    return path


def deep_quotes_csv(path: Path, depth: int = 100_000) -> Path:
    """Cells made of quotes doubled over and over, and one quote never closed at the end."""
    quoted = '"' + '""' * depth + '"'
    path.write_text(f'Nom;Email\n{quoted};a@exemple.fr\nDupont;"b@exemple.fr\n', encoding="utf-8")
    return path


def binary_junk(path: Path, size: int = 1_000_000, seed: int = 0) -> Path:
    """Random bytes under a spreadsheet's name."""
    path.write_bytes(random.Random(seed).randbytes(size))
    return path
