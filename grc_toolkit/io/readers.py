"""Read a contact export (CSV/TSV/TXT, xlsx/xlsm/xlsb/xls, ods) into a table of text cells.

Nothing is parsed: every cell comes back as the text a person sees ("" when empty), so postcodes
and phone numbers keep their leading zeros. The format is decided by the file's content (a
``.csv`` that is really an xlsx is read as xlsx), the header row is found below title rows, and
each data row keeps its spreadsheet row number for the report. The input is only ever opened
for reading.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from grc_toolkit.errors import InputError
from grc_toolkit.io import _text_files, _workbooks
from grc_toolkit.mapping import match_header

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
HEADER_SEARCH_ROWS = 20
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_BINARY_KINDS = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "image PNG"),
    (b"\xff\xd8\xff", "image JPEG"),
    (b"GIF8", "image GIF"),
    (b"\x1f\x8b", "archive gzip"),
    (b"Rar!", "archive RAR"),
    (b"7z\xbc\xaf", "archive 7z"),
    (b"{\\rtf", "document RTF"),
)
_NUMBER_LIKE = re.compile(r"[\d\s.,:/+\-()%€]+")
_EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
# First cell of a total row under the table: "Total", "TOTAL : 12", "Nombre de contacts : 12"...
_TOTAL_LABEL = re.compile(
    r"^(?:(?:sous[- ]?|grand )?total(?:\s+(?:g[ée]n[ée]ral|contacts?|fiches?|lignes?|inscrits?))?|somme|effectif"
    r"|(?:nombre|nb|nbre|count|records?)\b[^@\d]*|\d[\d\s]*\s(?:contacts?|fiches?|lignes?|enregistrements?)\b[^@\d]*)"
    r"\s*:?\s*[\d\s.,]*$",
    re.IGNORECASE,
)
# A note under the table: "Export du 12/03/2024 par Marie", "Généré par le CRM", "Source : ..."
_NOTE_WORDS = re.compile(
    r"\b(?:export\w*|extrait|extraction|g[ée]n[ée]r\w*|[ée]dit[ée]\w*|imprim\w*"
    r"|print\w*|source|mis\w* à jour|page \d+|l[ée]gende|confidenti\w*)\b",
    re.IGNORECASE,
)
_NOTE_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_MAX_FOOTER_ROWS = 10
# Fields that say a sheet lists people (a list of countries or of communes, a pivot by city do not).
_PERSON_FIELDS = frozenset({"email", "phone", "mobile", "landline", "last_name", "first_name", "full_name", "address"})

#: A note for the report: French, English.
Note = tuple[str, str]
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d")
_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


@dataclass(frozen=True, eq=False)
class Table:
    """A sheet read as text.

    ``frame``: one column per header (names made unique and non-empty), every cell a ``str``
    ("" when empty; dtype ``str`` on pandas 3, ``object`` on pandas 2.2), with a RangeIndex.
    ``source_rows``: the spreadsheet row number of each frame row (same index), header counted.
    ``header_row``: 1-based row of the header, 0 when the file has none (columns are then named
    ``Colonne 1``...). ``warnings``: short French notes for the report (every row left out is named
    there by its number), ``warnings_en`` the same in English.
    """

    frame: pd.DataFrame
    source_rows: pd.Series
    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header_row: int
    warnings: tuple[str, ...] = ()
    warnings_en: tuple[str, ...] = ()


def read_table(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
) -> Table:
    """Read a CSV/Excel/ODS file into a :class:`Table` of text cells.

    ``sheet`` (name or 0-based index), ``encoding``, ``delimiter`` and ``header_row`` (1-based, 0
    for a file without header) override detection. Without ``sheet``, the sheet whose header names
    the most contact fields is read (then the one with most rows). Raises :class:`InputError` with
    a French message for every file a user can get wrong (missing, empty, corrupt, encrypted...).
    """
    path = Path(path)
    head = _read_head(path)
    file_format = _detect_format(path, head)
    notes: list[Note] = []
    used_encoding: str | None
    used_delimiter: str | None
    with _collector_paused():
        if file_format == "csv":
            grid, used_encoding, used_delimiter = _read_text_grid(path, encoding, delimiter, notes)
            sheet_name = None
        else:
            grid, sheet_name, others = _workbooks.read_workbook(
                path, sheet, lambda candidate: _sheet_score(candidate, header_row)
            )
            used_encoding = used_delimiter = None
            if others:
                notes.append(_sheet_note(sheet_name, others))
        frame, source_rows, header = _build_frame(grid, path.name, header_row, notes)
    return Table(
        frame=frame,
        source_rows=source_rows,
        path=path,
        format=file_format,
        encoding=used_encoding,
        delimiter=used_delimiter,
        sheet=sheet_name,
        header_row=header,
        warnings=tuple(french for french, _ in notes),
        warnings_en=tuple(english for _, english in notes),
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of cells are built.

    Rows and cells hold no reference cycles, but each new list triggers collections that walk all
    the previous ones: on a million rows that is more than a third of the reading time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_head(path: Path) -> bytes:
    name = path.name
    try:
        with path.open("rb") as handle:
            return handle.read(8192)
    except FileNotFoundError:
        raise InputError(
            f"Fichier introuvable : {name}. Vérifiez le chemin et le nom du fichier.",
            f"File not found: {name}. Check the path and the file name.",
        ) from None
    except IsADirectoryError:
        raise _directory_error(name) from None
    except PermissionError:
        if path.is_dir():
            raise _directory_error(name) from None
        raise _unreadable_error(name) from None
    except OSError:
        raise _unreadable_error(name) from None


def _directory_error(name: str) -> InputError:
    return InputError(
        f"{name} est un dossier, pas un fichier : indiquez le fichier CSV ou Excel à lire.",
        f"{name} is a folder, not a file: give the CSV or Excel file to read.",
    )


def _unreadable_error(name: str) -> InputError:
    return InputError(
        f"Impossible de lire {name} : accès refusé. Fermez-le s'il est ouvert dans un autre programme "
        "ou vérifiez vos droits sur le fichier.",
        f"Cannot read {name}: access denied. Close it if another program has it open, or check your "
        "rights on the file.",
    )


def _empty_error(name: str) -> InputError:
    return InputError(
        f"Le fichier {name} est vide : exportez à nouveau vos contacts puis réessayez.",
        f"{name} is empty: export your contacts again and try again.",
    )


def _unsupported_error(name: str, kind: str) -> InputError:
    return InputError(
        f"Format non pris en charge pour {name} ({kind}) : enregistrez le fichier au format .xlsx, .xls, "
        ".ods ou .csv puis réessayez.",
        f"Unsupported format for {name} ({kind}): save the file as .xlsx, .xls, .ods or .csv and try again.",
    )


def _detect_format(path: Path, head: bytes) -> str:
    """Decide by content first ("xlsx", "ods", "xls" or "csv"), by the extension only for text."""
    name, suffix = path.name, path.suffix.lower()
    if not head:
        raise _empty_error(name)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(path)
    if head.startswith(_CFB_MAGIC):
        if _ENCRYPTED_STREAM in _read_prefix(path, 4_000_000):
            raise _workbooks.encrypted_error(name)
        return "xls"
    for magic, kind in _BINARY_KINDS:
        if head.startswith(magic):
            raise _unsupported_error(name, kind)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<html" in lowered[:512]:
        raise InputError(
            f"{name} est en fait une page web ou un fichier XML, pas un vrai classeur : ouvrez-le dans "
            "Excel, enregistrez-le au format .xlsx puis réessayez.",
            f"{name} is really a web page or XML file, not a real workbook: open it in Excel, save it as "
            ".xlsx and try again.",
        )
    if suffix in TEXT_SUFFIXES or suffix in WORKBOOK_SUFFIXES:
        return "csv"
    raise _unsupported_error(name, f"extension {suffix or 'absente'}")


def _read_prefix(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _zip_format(path: Path) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in members else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise _workbooks.corrupt_error(name) from None
    if {"xl/workbook.xml", "xl/workbook.bin"} & members:
        return "xlsx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if "word/document.xml" in members or mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise _unsupported_error(name, "document texte")
    if "ppt/presentation.xml" in members:
        raise _unsupported_error(name, "présentation")
    raise InputError(
        f"{name} est une archive compressée (.zip) : décompressez-la puis donnez le fichier CSV ou Excel "
        "qu'elle contient.",
        f"{name} is a compressed archive (.zip): extract it and give the CSV or Excel file inside.",
    )


def _read_text_grid(
    path: Path, encoding: str | None, delimiter: str | None, notes: list[Note]
) -> tuple[list[list[str]], str, str]:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError:
        raise _unreadable_error(name) from None
    text, used_encoding = _text_files.decode_bytes(raw, name, encoding)
    if "\x00" in text:
        count = text.count(chr(0))
        notes.append((f"caractères nuls retirés : {count}", f"NUL characters removed: {count}"))
        text = text.replace("\x00", "")
    _text_files.check_is_text(text, name)
    if not text.strip():
        raise _empty_error(name)
    used_delimiter = _text_files.normalise_delimiter(delimiter) if delimiter else _text_files.sniff_delimiter(text)
    return _text_files.parse_text(text, name, used_delimiter), used_encoding, used_delimiter


def _build_frame(
    grid: list[list[str]], name: str, header_row: int | None, notes: list[Note]
) -> tuple[pd.DataFrame, pd.Series, int]:
    """Cut the grid at the header row, drop blank rows, totals and notes under the table and empty
    unnamed columns, name the columns. Every row left out is named in ``notes``."""
    nonblank = _nonblank(grid)
    if not nonblank:
        raise _empty_error(name)
    header_index = _header_index(grid, nonblank, name, header_row, notes)
    if header_index is None:
        header: list[str] = []
        positions = nonblank
    else:
        header = [_header_text(cell) for cell in grid[header_index]]
        positions = nonblank[bisect.bisect_right(nonblank, header_index) :]
        above = nonblank[: bisect.bisect_left(nonblank, header_index)]
        if above:
            notes.append(
                _rows_note(
                    above,
                    f"au-dessus de l'en-tête (ligne {header_index + 1})",
                    f"above the header (row {header_index + 1})",
                )
            )
    footer = _footer_size(grid, positions, header_index)
    if footer:
        notes.append(
            _rows_note(positions[-footer:], "sous le tableau (total ou note)", "under the table (total or note)")
        )
        positions = positions[:-footer]
    data = [grid[position] for position in positions]
    width = max(len(header), max(map(len, data), default=0))
    if any(len(row) != width for row in data):
        data = [row if len(row) == width else row + [""] * (width - len(row)) for row in data]
    header += [""] * (width - len(header))
    cells = pd.DataFrame(data, columns=range(width), dtype=object) if data else pd.DataFrame(columns=range(width))
    keep = [i for i in range(width) if header[i] or any(cell.strip() for cell in cells[i])]
    _note_problems(data, header, header_index, notes)
    frame = cells[keep].astype(str)
    frame.columns = _unique_names([header[i] or f"Colonne {i + 1}" for i in keep])
    source_rows = pd.Series(np.array(positions, dtype="int64") + 1, index=frame.index, name="source_row")
    return frame, source_rows, 0 if header_index is None else header_index + 1


def _nonblank(grid: list[list[str]]) -> list[int]:
    return [position for position, row in enumerate(grid) if "".join(row).strip()]


def _filled(row: list[str]) -> list[str]:
    return [text for text in (cell.strip() for cell in row) if text]


def _sheet_score(grid: list[list[str]], header_row: int | None) -> tuple[int, ...]:
    """How much a sheet looks like the contacts: contact fields its header names, then fields, then rows.

    A Notice (a paragraph), a sheet of drop-down values (Civilité, Pays) or a pivot table (Ville,
    Nombre) names no field that identifies a person; the contacts name several.
    """
    nonblank = _nonblank(grid)
    if not nonblank or (header_row is not None and not 0 <= header_row <= len(grid)):
        return (0, 0, 0)
    header_index = _header_index(grid, nonblank, "", header_row, [])
    if header_index is None:
        return (0, 0, len(nonblank))
    fields = _fields_named(grid[header_index])
    rows = len(nonblank) - bisect.bisect_right(nonblank, header_index)
    return (len(fields & _PERSON_FIELDS), len(fields), rows)


def _fields_named(cells: list[str]) -> set[str]:
    """The contact fields a header row names (``Nom``, ``E-mail``...)."""
    return {found[0] for cell in cells if (found := match_header(_header_text(cell)))}


def _sheet_note(chosen: str, others: list[str]) -> Note:
    french = ", ".join(f"« {other} »" for other in others)
    english = ", ".join(f"'{other}'" for other in others)
    return (
        f"feuille « {chosen} » lue, celle qui contient le tableau de contacts (autres feuilles non lues : "
        f"{french} ; --sheet pour en choisir une autre)",
        f"sheet '{chosen}' read, the one holding the contact table (other sheets not read: {english}; "
        "--sheet to choose another)",
    )


def _rows_note(positions: list[int], where_fr: str, where_en: str) -> Note:
    count, rows = len(positions), _row_ranges([position + 1 for position in positions])
    if count == 1:
        return (f"1 ligne {where_fr} laissée de côté : ligne {rows}", f"1 row {where_en} left out: row {rows}")
    return (
        f"{count} lignes {where_fr} laissées de côté : lignes {rows}",
        f"{count} rows {where_en} left out: rows {rows}",
    )


def _row_ranges(rows: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``1-3, 7``."""
    parts: list[str] = []
    start = previous = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if row is not None:
            start = previous = row
    return ", ".join(parts)


def _footer_size(grid: list[list[str]], positions: list[int], header_index: int | None) -> int:
    """How many of the last rows are a total or a note under the table, not contacts.

    A total names itself in its first cell (``Total``, ``Total : 12``, ``Nombre de contacts : 0``)
    and holds only numbers besides. A note (``Export du 12/03/2024 par Marie``, ``Exporté le |
    12/03/2024``) is one or two cells with a date or an export word, below a blank row that ends the
    table. Only the last rows are looked at.
    """
    last = len(positions)
    kinds = {}
    for rank in range(last - 1, max(0, last - _MAX_FOOTER_ROWS) - 1, -1):
        cells = _filled(grid[positions[rank]])
        if _TOTAL_LABEL.match(cells[0]) and all(_NUMBER_LIKE.fullmatch(text) for text in cells[1:]):
            kinds[rank] = "total"
        elif _is_note(cells):
            kinds[rank] = "note"
        else:
            break
    above = [-1 if header_index is None else header_index, *positions]  # above[rank]: the row over rank
    size = 0
    for rank in range(last - 1, min(kinds, default=last) - 1, -1):
        below_a_gap = any(positions[gap] > above[gap] + 1 for gap in range(min(kinds), rank + 1))
        if kinds[rank] == "note" and not below_a_gap:
            break
        size += 1
    return size


def _is_note(cells: list[str]) -> bool:
    """``Export du 12/03/2024 par Marie``; ``Exporté le | 12/03/2024``; not ``Dupont | 12/03/2024``."""
    if len(cells) > 2 or any("@" in text for text in cells):
        return False
    if len(cells) == 1:
        return bool(_NOTE_WORDS.search(cells[0]) or _NOTE_DATE.search(cells[0]))
    return bool(_NOTE_WORDS.search(cells[0]))


def _note_problems(data: list[list[str]], header: list[str], header_index: int | None, notes: list[Note]) -> None:
    header_width = max((i + 1 for i, text in enumerate(header) if text), default=0)
    overflow = sum(1 for row in data if len(row) > header_width and any(cell.strip() for cell in row[header_width:]))
    if overflow and header_index is not None:
        if overflow == 1:
            notes.append(("1 ligne avait plus de colonnes que l'en-tête", "1 row had more columns than the header"))
        else:
            notes.append(
                (
                    f"{overflow} lignes avaient plus de colonnes que l'en-tête",
                    f"{overflow} rows had more columns than the header",
                )
            )
    if not data:
        notes.append(
            (
                "le fichier ne contient que la ligne d'en-tête, aucune donnée",
                "the file holds only the header row, no data",
            )
        )
    if header_index is not None and any("@" in text for text in header):
        notes.append(
            (
                f"la ligne d'en-tête (ligne {header_index + 1}) contient une adresse e-mail : "
                "le fichier n'a peut-être pas d'en-tête (--header-row 0)",
                f"the header row (row {header_index + 1}) holds an e-mail address: the file may have no "
                "header (--header-row 0)",
            )
        )


def _header_index(
    grid: list[list[str]], nonblank: list[int], name: str, header_row: int | None, notes: list[Note]
) -> int | None:
    """0-based row of the header, or None when the file has none.

    The header is the first of the first rows that looks like one. Rows above it are titles, a
    period, filters...; but a row as wide as the table is data, and is skipped only to reach a
    header naming two contact fields or more (``Nom``, ``Email``): a row of a table of figures that happens to
    hold words never becomes the header of the rows above it. Failing that, see
    :func:`_first_row_header`. ``header_row`` (1-based, 0: no header) settles any doubt.
    """
    if header_row is not None:
        if not 0 <= header_row <= len(grid):
            raise InputError(
                f"La ligne d'en-tête {header_row} n'existe pas dans {name}, qui compte {len(grid)} lignes : "
                f"indiquez un numéro entre 1 et {len(grid)} (0 si le fichier n'a pas d'en-tête).",
                f"Header row {header_row} does not exist in {name}, which has {len(grid)} rows: give a "
                f"number between 1 and {len(grid)} (0 if the file has no header).",
            )
        return header_row - 1 if header_row else None
    candidates = nonblank[: HEADER_SEARCH_ROWS + 6]
    filled = [_filled(grid[position]) for position in candidates]
    widest_above = 0
    for rank, position in enumerate(candidates):
        if position >= HEADER_SEARCH_ROWS:
            break
        cells = filled[rank]
        if _looks_like_header(cells, [len(row) for row in filled[rank + 1 : rank + 6]]) and (
            widest_above < max(2, 0.5 * len(cells)) or len(_fields_named(cells)) >= 2
        ):
            return position
        widest_above = max(widest_above, len(cells))
    return _first_row_header(filled[0], candidates[0], notes)


def _first_row_header(cells: list[str], position: int, notes: list[Note]) -> int | None:
    """No row looks like a header: the first row is, and the notes say so, unless it is plainly
    data (only numbers, an e-mail address or a phone number), then the file has no header."""
    if all(_NUMBER_LIKE.fullmatch(text) for text in cells) or any(_is_contact_value(text) for text in cells):
        notes.append(
            (
                "aucune ligne d'en-tête : toutes les lignes sont lues comme des contacts, colonnes nommées "
                "« Colonne 1 », « Colonne 2 »… (--header-row N si l'en-tête est la ligne N)",
                "no header row: every row is read as a contact, columns named 'Colonne 1', 'Colonne 2'… "
                "(--header-row N if the header is row N)",
            )
        )
        return None
    notes.append(
        (
            f"la ligne {position + 1} est prise comme en-tête sans en avoir l'air : si elle n'en est pas "
            "un, indiquez --header-row N (0 si le fichier n'a pas d'en-tête)",
            f"row {position + 1} is taken as the header though it does not look like one: if it is not, "
            "give --header-row N (0 if the file has no header)",
        )
    )
    return position


def _is_contact_value(text: str) -> bool:
    """An e-mail address or a phone number: what no header cell is."""
    if _EMAIL_LIKE.search(text):
        return True
    return bool(_NUMBER_LIKE.fullmatch(text) and len(_DIGITS.findall(text)) >= 8 and not _DATE.fullmatch(text))


def _looks_like_header(cells: list[str], following: list[int]) -> bool:
    """Many filled, mostly non-numeric, distinct cells, about as many as the data rows below, no
    e-mail address or phone number."""
    if not cells:
        return False
    data_width = max(following, default=len(cells))
    if len(cells) < 2 and data_width > 1:
        return False
    if len(cells) < 0.5 * data_width:
        return False
    if any(_is_contact_value(text) for text in cells):
        return False
    words = sum(1 for text in cells if not _NUMBER_LIKE.fullmatch(text))
    return words >= 0.6 * len(cells) and len(set(cells)) >= 0.5 * len(cells)


def _header_text(cell: str) -> str:
    return _SPACES.sub(" ", cell.replace("\ufeff", "")).strip()


def _unique_names(names: list[str]) -> list[str]:
    """``Email, Email`` -> ``Email, Email (2)``, never colliding with a name already present."""
    taken: set[str] = set()
    unique = []
    for candidate in names:
        text, number = candidate, 1
        while text in taken:
            number += 1
            text = f"{candidate} ({number})"
        taken.add(text)
        unique.append(text)
    return unique
