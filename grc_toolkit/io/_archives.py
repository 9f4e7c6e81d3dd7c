"""Look inside a zipped workbook (xlsx, xlsm, xlsb, ods) before calamine parses it: bounded time and memory.

calamine inflates every part it reads and lays each sheet out as a dense grid (about 32 bytes a cell from the
first to the last cell), and a failed allocation aborts the whole process. A few kilobytes can ask for more
than any machine has: a *zip bomb* (a 1.4 GB sheet of one repeated row squeezed into 5 MB), a *sparse sheet*
(a cell in A1 and another in XFD1048576: 17 billion cells), an ODS row repeated a million times, or XML
entity declarations. :func:`check_archive` inflates each part once, as a stream, counting what comes out, and
refuses, with a French :class:`InputError` naming the file and what to do, before calamine sees:

- more than :data:`MAX_MEMBERS` parts (a workbook has a few dozen);
- a part past :data:`BOMB_MIN_BYTES` that inflates more than :data:`MAX_RATIO` times its compressed size
  (exports measure 4 to 20 times: shared strings 4, a sheet 7, a sheet of empty styled cells under 30);
- more than ``max_unzipped`` bytes in all (``[read] max_unzipped_mb``, 2 GiB by default: the generator's
  1M-row export is about 0.5 GB unzipped, 12 columns);
- a ``<!DOCTYPE`` or ``<!ENTITY`` in an XML part (no spreadsheet writes one; "billion laughs");
- a sheet whose grid, from A1 to its farthest cell, would pass :data:`MAX_CELLS` cells, or a spreadsheet's own
  bounds (1,048,576 rows, 16,384 columns);
- an ODS whose repeated rows and cells lay out more filled cells than its XML has bytes (past a million).

The sizes counted are those inflated, not those the archive declares (a header may lie). Sheets of ``.xlsb``
(binary records) get the archive checks but no grid bound.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from grc_toolkit.errors import InputError

#: More parts than any workbook has (an xlsx has about ten, a workbook with many sheets and images a few hundred).
MAX_MEMBERS = 10_000
#: A part inflating more than this many times its compressed size, once past :data:`BOMB_MIN_BYTES`, is a bomb.
MAX_RATIO = 100
BOMB_MIN_BYTES = 16 << 20
#: Default of ``[read] max_unzipped_mb``: all parts inflated together.
DEFAULT_MAX_UNZIPPED = 2 << 30
#: The largest grid a sheet may lay out (rows x columns from A1 to its farthest cell): 1M rows of 40 columns.
MAX_CELLS = 40_000_000
#: An ODS stores a repeated row once: past this many filled cells, more than one per byte of its XML is a bomb
#: (an ordinary sheet spends 50 bytes or more on each cell; LibreOffice repeats a row only when it is identical
#: to the one above).
MIN_REPEATED_CELLS = 1_000_000
#: A spreadsheet's own bounds (Excel, LibreOffice): a sheet past them was not written by one.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
_CHUNK = 16 << 20
_HEAD = 1 << 16
_MAX_CARRY = 64 << 20  # a tag longer than this (no '>' for 64 MB) is no spreadsheet's
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_NOT_CELLS = ("sharedstrings", "styles", "theme", "docprops", "[content_types]", "_rels/", "calcchain", "media/")
# xlsx cell and row tags, any namespace prefix; a cell or row without ` r="..."` follows the previous one.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_LOOSE_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?:>|\s(?![^>]*\br=)[^>]*>)")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?row>")
_ODS_ROW = b"<table:table-row"
_ODS_TABLE = re.compile(rb"<table:table[\s>]")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_CELL_START = re.compile(rb"<table:(?:covered-)?table-cell\b")
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')
_ODS_FILLED = (b"value-type", b"</table:table-cell>", b"</table:covered-table-cell>")


def check_archive(path: Path, file_format: str, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> None:
    """Raise :class:`InputError` unless the zipped workbook at ``path`` can be parsed in bounded time and memory."""
    name = str(path)
    check_members(path)
    try:
        with zipfile.ZipFile(path) as archive, path.open("rb") as raw:
            infos = archive.infolist()
            declared = sum(info.file_size for info in infos)
            if declared > max_unzipped:
                raise _too_big(name, declared, max_unzipped)
            total = 0
            for info in infos:
                total += _check_member(raw, info, name, file_format, total, max_unzipped)
    except (zipfile.BadZipFile, OSError, ValueError, zlib.error, struct.error, EOFError):
        raise corrupt_archive(name) from None


def corrupt_archive(name: str) -> InputError:
    return InputError(
        f"Le fichier {name} est endommagé ou n'est pas un vrai classeur : ouvrez-le dans Excel (ou "
        "LibreOffice), enregistrez-le à nouveau au format .xlsx puis réessayez.",
        f"{name} is damaged or not a real workbook: open it in Excel (or LibreOffice), save it again "
        "as .xlsx and try again.",
    )


def check_members(path: Path) -> None:
    """Refuse an archive of more than :data:`MAX_MEMBERS` parts before zipfile reads its directory."""
    members = _member_count(path)
    if members > MAX_MEMBERS:
        shown = f"{members:,}".replace(",", "\u202f")
        raise _not_a_workbook(str(path), f"{shown} fichiers internes", f"{members:,} inner files")


def _member_count(path: Path) -> int:
    """The entry count of the end-of-central-directory record, read before zipfile builds one object a part."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - (1 << 16) - 22))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return 0  # zipfile says what is wrong
    count = int.from_bytes(tail[at + 10 : at + 12], "little")
    zip64 = tail.rfind(b"PK\x06\x06", 0, at)
    if count == 0xFFFF and zip64 >= 0 and zip64 + 40 <= len(tail):
        count = int.from_bytes(tail[zip64 + 32 : zip64 + 40], "little")
    return count


def _check_member(raw: BinaryIO, info: zipfile.ZipInfo, name: str, file_format: str, before: int, limit: int) -> int:
    """Inflate one part as a stream and return its size; ``before`` bytes were inflated from the other parts.
    A sheet's grid is bounded as it goes."""
    lowered = info.filename.lower()
    grid: _Grid | None = None
    if file_format == "ods" and lowered == "content.xml":
        grid = _OdsGrid()
    elif file_format == "xlsx" and lowered.endswith(".xml") and not any(part in lowered for part in _NOT_CELLS):
        grid = _XlsxGrid()
    out = waiting = 0
    head = b""
    pending: list[bytes] = []
    for out, consumed, chunk in _inflate(raw, info):
        if before + out > limit:
            raise _too_big(name, before + out, limit)
        if out > BOMB_MIN_BYTES and out > MAX_RATIO * max(consumed, 1):
            raise _bomb(name, out, consumed)
        if len(head) < _HEAD:
            head += chunk[: _HEAD - len(head)]
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise _not_a_workbook(
                    name, "des déclarations XML (DOCTYPE) qu'aucun tableur n'écrit", "XML declarations (DOCTYPE)"
                )
        if grid is not None:
            pending.append(chunk)
            waiting += len(chunk)
            if waiting >= _CHUNK:
                grid.feed(b"".join(pending))
                pending, waiting = [], 0
                if grid.out_of_bounds():
                    raise _too_many_cells(name, grid)
    if grid is not None:
        grid.feed(b"".join(pending))
        grid.feed(b"")
        if grid.out_of_bounds():
            raise _too_many_cells(name, grid)
        if isinstance(grid, _OdsGrid) and grid.filled > max(MIN_REPEATED_CELLS, out):
            raise _not_a_workbook(
                name,
                f"des lignes répétées qui font {grid.filled:,} cellules remplies à partir de {out:,} octets".replace(
                    ",", "\u202f"
                ),
                f"repeated rows making {grid.filled:,} filled cells out of {out:,} bytes",
            )
    return out


def _inflate(raw: BinaryIO, info: zipfile.ZipInfo) -> Iterator[tuple[int, int, bytes]]:
    """Yield (bytes out so far, compressed bytes in so far, chunk) of one part, inflated from its raw data: a
    header that understates the size stops neither the count nor calamine, which inflates it all."""
    raw.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(raw.read(30))
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    raw.seek(name_length + extra_length, 1)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return  # calamine refuses other methods itself
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left, produced, consumed = info.compress_size, 0, 0
    while left > 0:
        data = raw.read(min(left, 1 << 16))  # small reads: the ratio is known from the first megabytes
        if not data:
            raise EOFError("truncated part")
        left -= len(data)
        consumed += len(data)
        chunk = data if inflater is None else inflater.decompress(data, _CHUNK)
        while True:
            produced += len(chunk)
            yield produced, consumed, chunk
            if inflater is None or not inflater.unconsumed_tail:
                break
            chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)


class _Grid:
    """The farthest row and column a sheet's cells reach (the grid calamine lays out), fed its XML in chunks."""

    def __init__(self) -> None:
        self.carry = b""
        self.tables: list[tuple[int, int]] = []  # (rows, columns) of each sheet seen

    def size(self) -> tuple[int, int]:
        """The (rows, columns) of the sheet most out of bounds, else of the largest."""
        return max(self.tables + [self.current()], key=lambda size: (_out_of_bounds(*size), size[0] * size[1]))

    def out_of_bounds(self) -> bool:
        return _out_of_bounds(*self.size())

    def current(self) -> tuple[int, int]:
        raise NotImplementedError

    def feed(self, chunk: bytes) -> None:
        raise NotImplementedError


class _XlsxGrid(_Grid):
    """xlsx: each cell names its place (``r="AB12"``); a cell without one follows the previous cell of its row,
    a row without one the previous row. Bounded by the farthest reference plus the widest run without one."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = self.columns = self.loose_rows = self.loose_columns = 0

    def current(self) -> tuple[int, int]:
        return self.rows + self.loose_rows, self.columns + self.loose_columns

    def feed(self, chunk: bytes) -> None:
        data = self.carry + chunk
        cut = data.rfind(b">") + 1 if chunk else len(data)
        if len(data) - cut > _MAX_CARRY:
            raise ValueError("tag too long")
        text, self.carry = data[:cut], data[cut:]
        rows, columns, references = _farthest_reference(text)
        self.rows, self.columns = max(self.rows, rows), max(self.columns, columns)
        prefixed = b":c " in text or b":row" in text
        if prefixed:
            tags = len(_CELL_TAG.findall(text)) + len(_ROW_TAG.findall(text))
        else:
            tags = sum(text.count(tag) for tag in (b"<c ", b"<c>", b"<c/>", b"<row"))
        if tags > references:  # some cells or rows without a reference: laid after the previous one
            widest = max(len(_CELL_TAG.findall(piece)) for piece in _ROW_END.split(text))
            self.loose_columns = max(self.loose_columns, widest)
            self.loose_rows += len(_LOOSE_ROW.findall(text))


def _farthest_reference(text: bytes) -> tuple[int, int, int]:
    """The largest row number and column number among the `` r="AB12"`` references of ``text``, and how many
    references it holds (numpy: a million-row sheet holds tens of millions of them)."""
    size = len(text)
    if size < 4:
        return 0, 0, 0
    data = np.frombuffer(text + b"\0" * 16, dtype=np.uint8)
    quotes = np.flatnonzero(data[3:size] == 34) + 3
    at = quotes[(data[quotes - 1] == 61) & (data[quotes - 2] == 114) & (data[quotes - 3] == 32)]
    if not len(at):
        return 0, 0, 0
    window = data[at[:, None] + 1 + np.arange(14)]
    column = np.zeros(len(at), dtype=np.int64)
    letters = np.zeros(len(at), dtype=np.int64)
    going = np.ones(len(at), dtype=bool)
    for position in range(3):
        going &= (window[:, position] >= 65) & (window[:, position] <= 90)
        column = np.where(going, column * 26 + window[:, position].astype(np.int64) - 64, column)
        letters += going
    digits = np.take_along_axis(window, letters[:, None] + np.arange(11), axis=1)
    row = np.zeros(len(at), dtype=np.int64)
    going[:] = True
    for position in range(11):
        going &= (digits[:, position] >= 48) & (digits[:, position] <= 57)
        row = np.where(going, row * 10 + digits[:, position].astype(np.int64) - 48, row)
    row[going] = 1 << 40  # eleven digits: more than any sheet has rows, calamine cannot place it either
    return int(row.max()), int(column.max()), len(at)


class _OdsGrid(_Grid):
    """ODS: rows and cells repeat (``number-rows-repeated``, ``number-columns-repeated``); the grid reaches the
    last row holding a value and, in each, the last cell holding one. Each table is bounded on its own."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = self.columns = self.position = 0  # position: rows laid out so far in the current table
        self.filled = 0  # cells holding something once every repeat is laid out (at most), all tables

    def current(self) -> tuple[int, int]:
        return self.rows, self.columns

    def feed(self, chunk: bytes) -> None:
        pieces = (self.carry + chunk).split(_ODS_ROW)
        self.carry = b""
        if chunk:  # the last piece may be cut: kept for the next chunk
            last = pieces.pop()
            self.carry = last if not pieces else _ODS_ROW + last
            if len(self.carry) > _MAX_CARRY:
                raise ValueError("row too long")
        for number, piece in enumerate(pieces):
            if number and piece[:1] in (b" ", b">", b"/", b"\n", b"\t", b"\r"):
                self._row(piece)
            self._tables(piece)

    def _tables(self, piece: bytes) -> None:
        for _ in _ODS_TABLE.finditer(piece):
            self.tables.append(self.current())
            self.rows = self.columns = self.position = 0

    def _row(self, piece: bytes) -> None:
        start = piece[: piece.find(b">") + 1]
        repeated = _ROWS_REPEATED.search(start)
        times = int(repeated.group(1)) if repeated else 1
        self.position += times
        if not any(mark in piece for mark in _ODS_FILLED):
            return
        self.rows = max(self.rows, self.position)
        if b"columns-repeated" not in piece:
            width = len(_ODS_CELL_START.findall(piece))
        else:
            width = at = 0
            for cell in _ODS_CELL.finditer(piece):
                found = _COLUMNS_REPEATED.search(cell.group(1))
                at += int(found.group(1)) if found else 1
                if not cell.group(2) or b"value-type" in cell.group(1):
                    width = at
        self.columns = max(self.columns, width)
        self.filled += times * width


def _out_of_bounds(rows: int, columns: int) -> bool:
    return rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS


def _column_number(letters: bytes) -> int:
    """``A`` -> 1, ``XFD`` -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _gigabytes(size: int) -> str:
    return f"{size / (1 << 30):.1f}".replace(".", ",")


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f}".replace(".", ",")


def _bomb(name: str, out: int, consumed: int) -> InputError:
    ratio = out // max(consumed, 1)
    return InputError(
        f"{name} se décompresse plus de {ratio} fois (déjà {_megabytes(out)} Mo pour {_megabytes(consumed)} Mo "
        "lus) : ce n'est pas un classeur ordinaire (fichier piégé ?), grc ne l'ouvre pas. Si c'est bien votre "
        "export, ouvrez-le dans Excel, enregistrez-le au format CSV puis réessayez.",
        f"{name} inflates more than {ratio} times ({_megabytes(out)} MB already from {_megabytes(consumed)} MB "
        "read): not an ordinary workbook (a trap?), grc does not open it. If it really is your export, open it "
        "in Excel, save it as CSV and try again.",
    )


def _too_big(name: str, size: int, limit: int) -> InputError:
    return InputError(
        f"{name} ferait plus de {_gigabytes(size)} Go une fois décompressé, au-delà de la limite de "
        f"{_gigabytes(limit)} Go : enregistrez-le au format CSV depuis Excel (plus rapide à lire), ou relevez la "
        "limite dans grc.toml ([read] max_unzipped_mb), puis réessayez.",
        f"{name} would be over {_gigabytes(size)} GB unzipped, past the {_gigabytes(limit)} GB limit: save it as "
        "CSV from Excel (quicker to read), or raise the limit in grc.toml ([read] max_unzipped_mb), then try again.",
    )


def _not_a_workbook(name: str, what: str, what_en: str) -> InputError:
    return InputError(
        f"{name} contient {what} : ce n'est pas un classeur ordinaire, grc ne l'ouvre pas. Ouvrez-le dans "
        "Excel, enregistrez-le au format .xlsx ou .csv puis réessayez.",
        f"{name} holds {what_en}: not an ordinary workbook, grc does not open it. Open it in Excel, save it "
        "as .xlsx or .csv and try again.",
    )


def _too_many_cells(name: str, grid: _Grid) -> InputError:
    rows, columns = grid.size()
    shown_rows, shown_columns = (f"{n:,}".replace(",", "\u202f") for n in (rows, columns))
    return InputError(
        f"Une feuille de {name} s'étend sur {shown_rows} lignes et {shown_columns} colonnes, plus qu'un tableur "
        f"n'en a (1\u202f048\u202f576 lignes, 16\u202f384 colonnes) ou que grc ne peut ouvrir "
        f"({MAX_CELLS // 1_000_000} millions de cellules) : supprimez les lignes et colonnes vides en bas et à "
        "droite (ou enregistrez la feuille au format CSV) puis réessayez.",
        f"A sheet of {name} spans {rows:,} rows and {columns:,} columns, more than a spreadsheet holds (1,048,576 "
        f"rows, 16,384 columns) or grc can open ({MAX_CELLS // 1_000_000} million cells): delete the empty rows and "
        "columns at the bottom and right (or save the sheet as CSV) and try again.",
    )
