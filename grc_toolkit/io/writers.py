"""Write cleaned tables to .xlsx (styled, one sheet per table) or .csv (first table only).

Writes are atomic: the file is built under a temporary name in the target folder, then moved
into place with :func:`os.replace`, so a failure never leaves a half-written file behind and an
existing output stays intact until the new one is complete. A run killed outright (SIGKILL, power cut)
leaves its temporary file; the next run on the same output removes it once it holds the output's lock.

Formula injection: text is never run as a formula. In xlsx every text cell is stored as a string
(``write_string``), which a spreadsheet displays but never evaluates. CSV has no cell types, so a
cell that a spreadsheet would evaluate (starting with ``=``, ``@``, a tab or a carriage return, or
with ``+``/``-`` when it is not a plain number or phone number such as ``+33612345678`` or
``-12.5``) is written with a leading apostrophe, as the OWASP "CSV injection" advice recommends.

Existing files: every output is marked with the input it was written from (see
:mod:`grc_toolkit.io._provenance`); an existing file is replaced only when it is grc's unchanged output of
the same input, or with ``force=True`` (``--force``), so a cron job re-runs without a prompt while another
export's result, an edited result or a file grc did not write is never replaced silently.
"""

from __future__ import annotations

import contextlib
import csv
import math
import numbers
import os
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.worksheet import Worksheet

from grc_toolkit.errors import OutputError
from grc_toolkit.io._provenance import Mark, check_replaceable, mark_of, write_csv_mark
from grc_toolkit.progress import part, report

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
MAX_COLUMN_WIDTH = 50
_WIDTH_SAMPLE_ROWS = 1000
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = re.compile(r"[=@\t\r+\-]")
_SIGNED_NUMBER = re.compile(r"[+\-][\d\s.,()/]*")
#: the characters :data:`_FORMULA_START` matches, for a vectorised first look
_FORMULA_FIRST = frozenset("=@\t\r+-")
_WORKBOOK_OPTIONS = {
    # Streams rows to a temporary file: flat memory on 1M-row files, and about as fast as the
    # in-memory mode (which is ~10% quicker but holds every cell until close()).
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


@dataclass(frozen=True)
class SheetLayout:
    """How a sheet of a workbook helps its reader, by column header: ``choices``, the words a drop-down list
    offers in that column (one of them, or blank; anything else is refused with ``refusal``); ``hidden``,
    columns kept for grc (read back later) but hidden and grey; ``highlight``, one flag per data row, cells
    drawn on a pale yellow background (a value grc changed); ``links``, one target per data row
    (``"'Contacts'!C12"``, blank for none), cells that take the reader to that cell; ``wrapped``, columns of
    long text shown wide and wrapped (a sheet of explanations). CSV ignores it."""

    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    refusal: str = ""
    highlight: Mapping[str, Sequence[bool] | np.ndarray] = field(default_factory=dict)
    links: Mapping[str, Sequence[str]] = field(default_factory=dict)
    wrapped: frozenset[str] = frozenset()


def default_output_path(input_path: str | Path, suffix: str = "-clean", ext: str = ".xlsx") -> Path:
    """The output beside the input: ``export.csv`` -> ``export-clean.xlsx``.

    Examples:
        >>> default_output_path("dossier/export.csv").as_posix()
        'dossier/export-clean.xlsx'
    """
    source = Path(input_path)
    return source.with_name(f"{source.stem}{suffix}{ext}")


def write_table(
    path: str | Path,
    sheets: Mapping[str, pd.DataFrame],
    *,
    csv_delimiter: str = ";",
    csv_encoding: str = "utf-8-sig",
    protect: str | Path | Sequence[str | Path] | None = None,
    force: bool = False,
    layouts: Mapping[str, SheetLayout] | None = None,
) -> Path:
    """Write ``sheets`` to ``path`` (.xlsx, or .csv/.tsv/.txt for the first sheet) and return it.

    ``protect`` is the input file (or files): writing over it is refused, and the output is marked as written
    from it. An existing ``path`` is replaced only when grc wrote it from the same input(s) and it is unchanged
    since, or when ``force`` is true; otherwise :class:`OutputExistsError` (exit code 4). Raises
    :class:`OutputError` with a French message when the file cannot be written (missing folder, no rights,
    file open in Excel). ``layouts``, by sheet name, add drop-down lists and hidden columns (xlsx only).
    """
    target = Path(path)
    if not sheets:
        raise ValueError("write_table needs at least one sheet")
    suffix = target.suffix.lower()
    inputs = _inputs(protect)
    _check_format(target)
    _check_target(target, inputs)
    mark = mark_of(inputs)
    if not force:
        check_replaceable(target, mark)
    if suffix == ".xlsx":
        _check_row_limits(target, sheets)
        _check_cell_sizes(target, sheets)
        _write_atomically(target, lambda temp: _write_xlsx(temp, sheets, mark, layouts or {}))
    else:
        frame = next(iter(sheets.values()))
        delimiter = "\t" if suffix == ".tsv" and csv_delimiter == ";" else csv_delimiter
        _write_atomically(target, lambda temp: _write_csv(temp, frame, delimiter, csv_encoding, target.name))
        try:
            write_csv_mark(target, mark)
        except OSError:
            raise _write_error(target) from None
    return target


def write_page(
    path: str | Path,
    text: str,
    *,
    protect: str | Path | Sequence[str | Path] | None = None,
    force: bool = False,
) -> Path:
    """Write a self-contained HTML page (``grc audit --html``) with the same rules as :func:`write_table`: never
    over an input, atomic, and an existing page replaced only when grc wrote it from the same inputs and nobody
    changed it since (its mark sits in a hidden file beside it, as a CSV's does), or with ``force``."""
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise OutputError(
            f"Format de page non pris en charge pour {target} : choisissez un nom en .html.",
            f"Unsupported page format for {target}: choose a name ending in .html.",
        )
    inputs = _inputs(protect)
    _check_target(target, inputs)
    mark = mark_of(inputs)
    if not force:
        check_replaceable(target, mark)

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    _write_atomically(target, write)
    try:
        write_csv_mark(target, mark)
    except OSError:
        raise _write_error(target) from None
    return target


def check_writable(
    path: str | Path, protect: str | Path | Sequence[str | Path] | None = None, *, force: bool = False
) -> None:
    """Raise the writer's own error now if ``path`` could not be written later: unsupported format, the input
    itself, a missing folder, a folder, a folder without write permission, or (without ``force``) someone else's
    file. Commands call it before the work starts, so it is said at once, not after the whole file is cleaned."""
    target = Path(path)
    inputs = _inputs(protect)
    _check_format(target)
    _check_target(target, inputs)
    if not force:
        check_replaceable(target, mark_of(inputs))
    _open_temp(target).unlink(missing_ok=True)  # the writer's first step, tried now (read-only folder, network share)


def temp_pattern(target: Path) -> re.Pattern[str]:
    """The names of the temporary files ``target`` is built under: ``.export-clean.xlsx.1a2b3c4d.tmp`` (and
    ``.export-clean.csv.grc.1a2b3c4d.tmp`` for a CSV's mark)."""
    return re.compile(rf"\.{re.escape(target.name)}(?:\.grc)?\.[0-9a-f]{{8}}\.tmp")


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary files a killed run left beside ``target`` (SIGKILL, power cut: no ``finally`` ran) and
    return them. Only the holder of ``target``'s lock may call it (:func:`grc_toolkit.io.lock.output_lock`):
    no other grc is then building ``target``."""
    pattern = temp_pattern(target)
    removed = []
    try:
        names = [entry.name for entry in os.scandir(target.parent) if pattern.fullmatch(entry.name)]
    except OSError:
        return []
    for name in names:
        with contextlib.suppress(OSError):
            (target.parent / name).unlink()
            removed.append(target.parent / name)
    return removed


def _open_temp(target: Path) -> Path:
    """Create the empty temporary file ``target`` is built under (beside it), or raise the writer's error."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: never reuse an existing file; 0o666 lets the umask give the usual permissions.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError:
        raise _write_error(target) from None
    return temp


def _inputs(protect: str | Path | Sequence[str | Path] | None) -> list[Path]:
    return [] if protect is None else [Path(protect)] if isinstance(protect, str | Path) else list(map(Path, protect))


def _check_format(target: Path) -> None:
    if target.suffix.lower() != ".xlsx" and target.suffix.lower() not in CSV_SUFFIXES:
        raise OutputError(
            f"Format de sortie non pris en charge pour {target} : choisissez un nom en .xlsx ou .csv.",
            f"Unsupported output format for {target}: choose a name ending in .xlsx or .csv.",
        )


def _check_target(target: Path, inputs: Sequence[Path]) -> None:
    if any(same_file(target, path) for path in inputs):
        raise OutputError(
            f"Le fichier de sortie {target} est le fichier d'entrée : choisissez un autre nom pour ne "
            "pas écraser l'original.",
            f"The output {target} is the input file: choose another name so the original is not overwritten.",
        )
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            f"Impossible d'écrire {target} : le dossier « {folder} » n'existe pas. "
            "Créez-le ou choisissez un autre dossier.",
            f"Cannot write {target}: folder '{folder}' does not exist. Create it or choose another folder.",
        )
    if target.is_dir():
        raise OutputError(
            f"Impossible d'écrire {target} : c'est un dossier. Choisissez un nom de fichier.",
            f"Cannot write {target}: it is a folder. Choose a file name.",
        )


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (the same file under two names, or one that does not exist yet)."""
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _write_error(target: Path) -> OutputError:
    return OutputError(
        f"Impossible d'écrire {target} : fermez le fichier s'il est ouvert dans Excel, vérifiez "
        "que le dossier n'est pas en lecture seule, puis réessayez.",
        f"Cannot write {target}: close the file if it is open in Excel, check that the folder is "
        "not read-only, then try again.",
    )


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Build the file under a temporary name beside ``target``, then move it into place."""
    temp = _open_temp(target)
    try:
        write(temp)
        os.replace(temp, target)
    except (OSError, XlsxWriterException):
        raise _write_error(target) from None
    finally:
        temp.unlink(missing_ok=True)


def _write_csv(temp: Path, frame: pd.DataFrame, delimiter: str, encoding: str, name: str) -> None:
    safe = frame.copy()
    safe.columns = [neutralise_formula(str(column)) for column in frame.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if column.dtype.kind in "biuf":
            continue
        try:
            starts = column.str[:1].isin(_FORMULA_FIRST)  # cheap first: most cells start otherwise
        except AttributeError:  # no text at all in this column
            continue
        if not starts.any():
            continue
        first = column[starts]
        risky = ~first.str.fullmatch(_SIGNED_NUMBER, na=False)
        if risky.any():
            marked = risky[risky].index
            safe.iloc[safe.index.get_indexer(marked), position] = "'" + first[marked].astype(str)
    try:
        safe.to_csv(
            temp, sep=delimiter, index=False, encoding=encoding, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
        )
    except (UnicodeEncodeError, LookupError):
        raise OutputError(
            f"Certaines valeurs de {name} ne peuvent pas être écrites avec l'encodage « {encoding} » : utilisez utf-8.",
            f"Some values of {name} cannot be written with encoding '{encoding}': use utf-8.",
        ) from None


def neutralise_formula(text: str) -> str:
    """Prefix with ``'`` a text a spreadsheet would evaluate as a formula (CSV only).

    Examples:
        >>> [neutralise_formula(t) for t in ("=SUM(A1)", "@cmd", "+33612345678", "-12.5", "-x", "Zoé")]
        ["'=SUM(A1)", "'@cmd", '+33612345678', '-12.5', "'-x", 'Zoé']
    """
    if _FORMULA_START.match(text) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _write_xlsx(temp: Path, sheets: Mapping[str, pd.DataFrame], mark: Mark, layouts: Mapping[str, SheetLayout]) -> None:
    workbook = xlsxwriter.Workbook(str(temp), _WORKBOOK_OPTIONS)
    try:
        for name, value in mark.properties().items():
            workbook.set_custom_property(name, value)
        header_format = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1})
        formats = _Formats(
            header=header_format,
            hidden=workbook.add_format({"font_color": "#808080", "bg_color": "#F2F2F2"}),
            changed=workbook.add_format({"bg_color": CHANGED_COLOUR}),
            link=workbook.add_format({"font_color": "#0563C1", "underline": 1}),
            wrapped=workbook.add_format({"text_wrap": True, "valign": "top"}),
        )
        # progress: each sheet in proportion to its cells, then the workbook zipped (about a fifth of the time)
        total, done = max(sum(frame.size for frame in sheets.values()), 1), 0
        for sheet_name, (given, frame) in zip(_sheet_names(list(sheets)), sheets.items(), strict=True):
            sheet = workbook.add_worksheet(sheet_name)
            layout = layouts.get(given, SheetLayout())
            with part(0.8 * done / total, 0.8 * (done + frame.size) / total):
                _write_sheet(sheet, frame, layout, formats)
            done += frame.size
    except BaseException:
        with contextlib.suppress(Exception):
            workbook.close()  # releases xlsxwriter's own temporary files; the output is discarded
        raise
    workbook.close()


#: Excel keeps at most this many characters in a cell; xlsxwriter would cut a longer value silently.
XLSX_CELL_LIMIT = 32_767


#: Excel's last row: a sheet holds the header and at most this many rows less one; xlsxwriter drops the rest silently.
XLSX_ROW_LIMIT = 1_048_576


def _check_row_limits(target: Path, sheets: Mapping[str, pd.DataFrame]) -> None:
    """Refuse a workbook a sheet of which would lose rows past Excel's limit (a 300k-row export's Modifications
    can pass a million lines): nothing is cut without a word; a CSV output holds every contact."""
    for sheet_name, frame in sheets.items():
        if len(frame) + 1 > XLSX_ROW_LIMIT:
            rows, limit = (f"{n:,}".replace(",", "\u202f") for n in (len(frame), XLSX_ROW_LIMIT - 1))
            raise OutputError(
                f"La feuille « {sheet_name} » aurait {rows} lignes, plus que la limite d'Excel ({limit}) : "
                f"écrivez le résultat en CSV (-o {target.stem}.csv), qui garde toutes les lignes.",
                f"Sheet '{sheet_name}' would have {len(frame):,} rows, more than Excel's limit "
                f"({XLSX_ROW_LIMIT - 1:,}): write the result as CSV (-o {target.stem}.csv), which keeps every row.",
            )


def _check_cell_sizes(target: Path, sheets: Mapping[str, pd.DataFrame]) -> None:
    """Refuse a workbook that would cut a cell (a long call history, a note): CSV keeps it whole."""
    for sheet_name, frame in sheets.items():
        for position in range(frame.shape[1]):
            column = frame.iloc[:, position]
            if column.dtype.kind in "biufb":
                continue
            try:
                lengths = column.str.len().fillna(0).to_numpy()
            except AttributeError:  # no text in this column
                continue
            if len(lengths) and lengths.max() > XLSX_CELL_LIMIT:
                row = int(lengths.argmax()) + 2  # the header is row 1
                name = str(frame.columns[position])
                raise OutputError(
                    f"La cellule « {name} » de la ligne {row} (feuille « {sheet_name} ») dépasse "
                    "32 767 caractères, la limite d'Excel : écrivez le résultat en CSV "
                    f"(-o {target.stem}.csv), qui garde la valeur entière.",
                    f"Cell '{name}' of row {row} (sheet '{sheet_name}') is longer than {XLSX_CELL_LIMIT} "
                    f"characters, Excel's limit: write the result as CSV (-o {target.stem}.csv), which keeps it whole.",
                )


def _sheet_names(names: list[str]) -> list[str]:
    """Excel sheet names: 31 characters, no ``[]:*?/\\``, unique regardless of case."""
    unique: list[str] = []
    for position, name in enumerate(names, start=1):
        base = _SHEET_NAME_FORBIDDEN.sub("-", str(name)).strip().strip("'")[:31] or f"Feuille {position}"
        candidate, number = base, 1
        while candidate.casefold() in {taken.casefold() for taken in unique}:
            number += 1
            candidate = f"{base[: 31 - len(str(number)) - 3]} ({number})"
        unique.append(candidate)
    return unique


#: The background of a cell grc changed (Contacts), pale yellow as a highlighter; the Lisez-moi sheet names it.
CHANGED_COLOUR = "#FFF2CC"
#: Excel keeps at most this many hyperlinks in a worksheet; further links are HYPERLINK formulas.
XLSX_LINK_LIMIT = 65_530


@dataclass(frozen=True)
class _Formats:
    header: object
    hidden: object
    changed: object
    link: object
    wrapped: object


def _write_sheet(sheet: Worksheet, frame: pd.DataFrame, layout: SheetLayout, formats: _Formats) -> None:
    headers = [str(column) for column in frame.columns]
    columns = [frame.iloc[:, position].tolist() for position in range(frame.shape[1])]
    for position, (header, values) in enumerate(zip(headers, columns, strict=True)):
        if header in layout.hidden:
            sheet.set_column(position, position, _column_width(header, values), formats.hidden, {"hidden": True})
        elif header in layout.wrapped:
            sheet.set_column(position, position, 100, formats.wrapped)
        else:
            sheet.set_column(position, position, _column_width(header, values))
        write_text(sheet, 0, position, header, formats.header)
        if header in layout.choices:
            sheet.data_validation(
                1,
                position,
                max(len(frame), 1),
                position,
                {"validate": "list", "source": list(layout.choices[header]), "error_message": layout.refusal},
            )
    if headers:
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(frame), 1), len(headers) - 1)
    marks = {p: list(layout.highlight[h]) for p, h in enumerate(headers) if h in layout.highlight}
    links = {p: list(layout.links[h]) for p, h in enumerate(headers) if h in layout.links}
    if marks or links:
        _write_marked_rows(sheet, columns, marks, links, formats)
        return
    write_string, write_number = sheet.write_string, sheet.write_number
    for row_number, row in enumerate(zip(*columns, strict=True), start=1):
        if not row_number % _REPORT_ROWS:
            report(row_number, len(frame))
        for position, value in enumerate(row):
            if type(value) is str:
                if value.startswith("<r>"):
                    write_text(sheet, row_number, position, value)
                elif value:
                    write_string(row_number, position, value)
            elif isinstance(value, bool):
                write_string(row_number, position, "true" if value else "false")
            elif isinstance(value, numbers.Real):
                if math.isfinite(value):
                    write_number(row_number, position, value)
            elif value is not None and not pd.isna(value):
                write_text(sheet, row_number, position, str(value))


#: Rows written between two progress reports.
_REPORT_ROWS = 2048


def _write_marked_rows(
    sheet: Worksheet,
    columns: list[list[object]],
    marks: dict[int, list[bool]],
    links: dict[int, list[str]],
    formats: _Formats,
) -> None:
    """The rows of a sheet where some cells are highlighted or link to another cell (row by row, as
    constant-memory mode needs). Past Excel's 65,530 hyperlinks a link is a ``HYPERLINK`` formula that
    shows the same value."""
    written, rows = 0, len(columns[0]) if columns else 0
    for row_number, row in enumerate(zip(*columns, strict=True), start=1):
        if not row_number % _REPORT_ROWS:
            report(row_number, rows)
        for position, value in enumerate(row):
            cell = _cell_value(value)
            target = links[position][row_number - 1] if position in links else ""
            if target and cell is not None:
                if written < XLSX_LINK_LIMIT:
                    sheet.write_url(row_number, position, f"internal:{target}", formats.link, string=_shown(cell))
                    if isinstance(cell, float):  # the link stays a number, so the column sorts as numbers
                        sheet.write_number(row_number, position, cell, formats.link)
                else:
                    shown = _shown(cell) if isinstance(cell, float) else '"' + str(cell).replace('"', '""') + '"'
                    formula = f'=HYPERLINK("#{target.replace(chr(34), chr(34) * 2)}",{shown})'
                    sheet.write_formula(row_number, position, formula, formats.link, cell)
                written += 1
                continue
            style = formats.changed if position in marks and marks[position][row_number - 1] else None
            if cell is None:
                if style is not None:
                    sheet.write_blank(row_number, position, None, style)
            elif isinstance(cell, float):
                sheet.write_number(row_number, position, cell, style)
            else:
                write_text(sheet, row_number, position, cell, style)


def write_text(sheet: Worksheet, row: int, column: int, text: str, style: object = None) -> None:
    """A text cell, as typed. xlsxwriter copies a text that starts with ``<r>`` and ends with ``</r>`` into the
    file as rich-text XML (a cell ``<r>x</x></r>`` made the whole workbook unreadable, ``<r><t>b</t></r>`` came
    back as ``b``): such a text is written as plain runs (three: xlsxwriter wants more than two), shown as typed."""
    if text.startswith("<r>") and text.endswith("</r>"):
        sheet.write_rich_string(row, column, text[:1], text[1:2], text[2:], *([style] if style is not None else []))
    else:
        sheet.write_string(row, column, text, style)


def _shown(cell: str | float) -> str:
    return str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell)


def _cell_value(value: object) -> str | float | None:
    """A value as the cell it becomes: text, a finite number, or None (blank)."""
    if type(value) is str:
        return value or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Real):
        return float(value) if math.isfinite(value) else None
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return str(value)


def _column_width(header: str, values: list[object]) -> float:
    """Width from the header (plus room for the filter button) and a sample of the values."""
    longest = max((len(str(value)) for value in values[:_WIDTH_SAMPLE_ROWS]), default=0)
    return float(min(MAX_COLUMN_WIDTH, max(8, len(header) + 4, longest + 2)))
