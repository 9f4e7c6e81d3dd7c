"""Read a contact export (CSV/TSV/TXT, xlsx/xlsm/xlsb/xls, ods) into a table of text cells.

Nothing is parsed: every cell comes back as the text a person sees ("" when empty), so postcodes
and phone numbers keep their leading zeros. The format is decided by the file's content (a
``.csv`` that is really an xlsx is read as xlsx), the sheet holding the contacts is chosen, the
header row is found below title rows and totals or notes under the table are left out
(``_layout``), each said in the warnings; each data row keeps its spreadsheet row number for the
report. The input is only ever opened for reading.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from grc_toolkit.errors import InputError
from grc_toolkit.io import _archives, _layout, _text_files, _workbooks
from grc_toolkit.io._layout import Note

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
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


@dataclass(frozen=True, eq=False)
class Table:
    """A sheet read as text.

    ``frame``: one column per header (names made unique and non-empty), every cell a ``str``
    ("" when empty; dtype ``str`` on pandas 3, ``object`` on pandas 2.2), with a RangeIndex.
    ``source_rows``: the spreadsheet row number of each frame row (same index), header counted.
    ``header_row``: 1-based row of the header, 0 when the file has none (columns are then named
    ``Colonne 1``...). ``warnings``: short French notes for the report (every row left out is named
    there by its number), ``warnings_en`` the same in English. ``left_out``: each row of the file
    that is not a contact, as data: ``(row, reason)`` with reason ``title`` (above the header),
    ``blank`` (an empty row inside the table) or ``footer`` (a total or note under it). Every row of
    the file is the header, a ``source_rows`` entry or a ``left_out`` entry, but for blank rows
    outside the table (above the header, after the last contact).
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
    left_out: tuple[tuple[int, str], ...] = ()


def read_table(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    max_unzipped_mb: int | None = None,
) -> Table:
    """Read a CSV/Excel/ODS file into a :class:`Table` of text cells.

    ``sheet`` (name or 0-based index), ``encoding``, ``delimiter`` and ``header_row`` (1-based, 0
    for a file without header) override detection. Without ``sheet``, the sheet whose header names
    the most contact fields is read (then the one with most rows). Raises :class:`InputError` with
    a French message for every file a user can get wrong (missing, empty, corrupt, encrypted...),
    and for a zipped workbook that would take unbounded time or memory (a zip bomb, a sheet
    reaching XFD1048576, past ``max_unzipped_mb`` unzipped: see :mod:`grc_toolkit.io._archives`).
    """
    path = Path(path)
    head = _read_head(path)
    file_format = _detect_format(path, head)
    notes: list[Note] = []
    used_encoding: str | None
    used_delimiter: str | None
    with _collector_paused():
        if file_format == "csv":
            limit = _archives.DEFAULT_MAX_UNZIPPED if max_unzipped_mb is None else max_unzipped_mb << 20
            grid, used_encoding, used_delimiter = _read_text_grid(path, encoding, delimiter, notes, limit)
            sheet_name = None
        else:
            if file_format in ("xlsx", "ods"):
                limit = _archives.DEFAULT_MAX_UNZIPPED if max_unzipped_mb is None else max_unzipped_mb << 20
                _archives.check_archive(path, file_format, limit)
            grid, sheet_name, others = _workbooks.read_workbook(
                path, sheet, lambda candidate: _layout.sheet_score(candidate, header_row)
            )
            used_encoding = used_delimiter = None
            if others:
                notes.append(_layout.sheet_note(sheet_name, others))
        frame, source_rows, header, left_out = _build_frame(grid, path.name, header_row, notes)
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
        left_out=left_out,
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
    name = str(path)  # as the user wrote it: a name alone would hide a wrong folder
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
    name, suffix = str(path), path.suffix.lower()
    if not head:
        raise _empty_error(name)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(path)
    if head.startswith(_CFB_MAGIC):
        if _ENCRYPTED_STREAM in _read_prefix(path, 4_000_000):
            raise _workbooks.encrypted_error(name)
        return "xls"
    if head.startswith(_GZIP_MAGIC) and _text_inside_gzip(path):
        return "csv"  # export.csv.gz: a CSV compressed as many exports and archives keep them
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
    name = str(path)  # as the user wrote it: a name alone would hide a wrong folder
    _archives.check_members(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            mimetype = b""
            if "mimetype" in members:
                with archive.open("mimetype") as part:
                    mimetype = part.read(80)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError, RuntimeError, EOFError):
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


_GZIP_MAGIC = b"\x1f\x8b"


def _text_inside_gzip(path: Path) -> bool:
    """``export.csv.gz`` (``.txt.gz``, ``.tsv.gz``): a text file gzip-compressed."""
    inner = Path(path.name[: -len(".gz")]).suffix.lower() if path.name.lower().endswith(".gz") else ""
    return inner in TEXT_SUFFIXES


def _gunzip(path: Path, name: str, limit: int) -> bytes:
    """The text of a gzip-compressed CSV, inflated as a stream and refused past ``limit`` bytes (a few kilobytes
    can inflate to gigabytes: :mod:`grc_toolkit.io._archives`)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts: list[bytes] = []
    size = 0
    started = False
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                while chunk:
                    out = inflater.decompress(chunk, 1 << 24)
                    size += len(out)
                    if size > limit:
                        raise InputError(
                            f"{name} ferait plus de {limit >> 20} Mo une fois décompressé : découpez le fichier, ou "
                            "relevez la limite dans grc.toml ([read] max_unzipped_mb), puis réessayez.",
                            f"{name} would be over {limit >> 20} MB unzipped: split the file, or raise the limit in "
                            "grc.toml ([read] max_unzipped_mb), then try again.",
                        )
                    parts.append(out)
                    chunk = inflater.unconsumed_tail
                started = True
                if inflater.eof:  # a second member (concatenated gzip files) starts over
                    rest = inflater.unused_data
                    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    started = False
                    if rest:
                        handle.seek(handle.tell() - len(rest))
        if started:  # cut short: the end of the compressed stream never came
            raise EOFError
    except (OSError, zlib.error, EOFError):
        raise _workbooks.corrupt_error(name) from None
    return b"".join(parts)


def _read_text_grid(
    path: Path, encoding: str | None, delimiter: str | None, notes: list[Note], limit: int
) -> tuple[list[list[str]], str, str]:
    name = str(path)  # as the user wrote it: a name alone would hide a wrong folder
    try:
        raw = _gunzip(path, name, limit) if _read_prefix(path, 2) == _GZIP_MAGIC else path.read_bytes()
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
) -> tuple[pd.DataFrame, pd.Series, int, tuple[tuple[int, str], ...]]:
    """Cut the grid at the header row, drop blank rows, totals and notes under the table and empty
    unnamed columns, name the columns. Every row left out is named in ``notes`` and returned."""
    nonblank = _layout.nonblank_rows(grid)
    if not nonblank:
        raise _empty_error(name)
    header_index = _layout.find_header_row(grid, nonblank, name, header_row, notes)
    above: list[int] = []
    if header_index is None:
        header: list[str] = []
        positions = nonblank
    else:
        header = [_layout.header_text(cell) for cell in grid[header_index]]
        positions = nonblank[bisect.bisect_right(nonblank, header_index) :]
        above = nonblank[: bisect.bisect_left(nonblank, header_index)]
        if above:
            notes.append(
                _layout.rows_note(
                    above,
                    f"au-dessus de l'en-tête (ligne {header_index + 1})",
                    f"above the header (row {header_index + 1})",
                )
            )
    footer = _layout.footer_size(grid, positions, header_index)
    left_out = [(position + 1, "title") for position in above]
    if footer:
        notes.append(
            _layout.rows_note(positions[-footer:], "sous le tableau (total ou note)", "under the table (total or note)")
        )
        left_out += [(position + 1, "footer") for position in positions[-footer:]]
        positions = positions[:-footer]
    start = -1 if header_index is None else header_index
    blank = sorted(set(range(start + 1, positions[-1])) - set(positions)) if positions else []
    if blank:
        notes.append(_layout.rows_note(blank, "vide", "empty"))
        left_out += [(position + 1, "blank") for position in blank]
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
    return frame, source_rows, 0 if header_index is None else header_index + 1, tuple(sorted(left_out))


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
                "aucune ligne de contact sous l'en-tête : export vide, le fichier écrit n'a que les colonnes",
                "no contact row under the header: an empty export, the file written has only the columns",
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
