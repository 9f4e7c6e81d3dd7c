"""Workbooks (xlsx, xlsm, xlsb, xls, ods) through python-calamine, cells turned into the text a person sees.

The grid is a list of rows of ``str`` cells; row ``i`` is spreadsheet row ``i + 1`` (the empty area
above and left of the data is kept, so numbering stays true).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import python_calamine as calamine

from grc_toolkit.errors import InputError


def encrypted_error(name: str) -> InputError:
    return InputError(
        f"Le fichier {name} est protégé par mot de passe : ouvrez-le dans Excel, retirez le mot de passe "
        "puis réessayez.",
        f"{name} is password-protected: open it in Excel, remove the password and try again.",
    )


def corrupt_error(name: str) -> InputError:
    return InputError(
        f"Le fichier {name} est endommagé ou n'est pas un vrai classeur : ouvrez-le dans Excel (ou "
        "LibreOffice), enregistrez-le à nouveau au format .xlsx puis réessayez.",
        f"{name} is damaged or not a real workbook: open it in Excel (or LibreOffice), save it again "
        "as .xlsx and try again.",
    )


#: How well a sheet's grid looks like the contact table (compared as a tuple, higher is better).
SheetScore = Callable[[list[list[str]]], tuple[int, ...]]


def read_workbook(
    path: Path, sheet: str | int | None, score: SheetScore | None = None
) -> tuple[list[list[str]], str, list[str]]:
    """Return the grid of the chosen sheet, its name and the names of the other sheets holding data.

    ``sheet`` names the sheet; by default every visible sheet holding data (hidden ones only when
    no visible one has data) is scored with ``score`` and the best wins, the first one on a tie.
    """
    name = str(path)
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise encrypted_error(name) from None
    except PermissionError:
        raise
    except (calamine.CalamineError, OSError, ValueError):
        raise corrupt_error(name) from None
    try:
        with workbook:
            if sheet is None:
                return _best_sheet(workbook, name, score or (lambda grid: ()))
            grid, sheet_name = _read_sheet(workbook, name, sheet)
            return grid, sheet_name, []
    except calamine.PasswordError:
        raise encrypted_error(name) from None
    except (calamine.CalamineError, ValueError):
        raise corrupt_error(name) from None


def _best_sheet(
    workbook: calamine.CalamineWorkbook, name: str, score: SheetScore
) -> tuple[list[list[str]], str, list[str]]:
    """A Notice, a list of drop-down values or a pivot table may come before the contacts."""
    worksheets = [meta.name for meta in workbook.sheets_metadata if meta.typ == calamine.SheetTypeEnum.WorkSheet]
    visible = {meta.name for meta in workbook.sheets_metadata if meta.visible == calamine.SheetVisibleEnum.Visible}
    for group in ([s for s in worksheets if s in visible], [s for s in worksheets if s not in visible]):
        best: tuple[list[list[str]], str] | None = None
        best_rank: tuple[int, ...] | None = None  # scored only once a second sheet holds data
        with_data = []
        for sheet_name in group:
            rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            if not _has_data(rows):
                continue
            with_data.append(sheet_name)
            grid = _to_grid(rows)
            if best is None:
                best = (grid, sheet_name)
                continue
            best_rank = score(best[0]) if best_rank is None else best_rank
            rank = score(grid)
            if rank > best_rank:
                best, best_rank = (grid, sheet_name), rank
        if best is not None:
            return best[0], best[1], [other for other in with_data if other != best[1]]
    raise InputError(
        f"Aucune feuille de {name} ne contient de données : vérifiez que vous avez choisi le bon fichier.",
        f"No sheet of {name} holds data: check that you picked the right file.",
    )


def _read_sheet(workbook: calamine.CalamineWorkbook, name: str, sheet: str | int) -> tuple[list[list[str]], str]:
    worksheets = [meta.name for meta in workbook.sheets_metadata if meta.typ == calamine.SheetTypeEnum.WorkSheet]
    sheet_name = _resolve_sheet(workbook.sheet_names, worksheets, name, sheet)
    rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    if not _has_data(rows):
        raise InputError(
            f"La feuille « {sheet_name} » de {name} est vide : choisissez une autre feuille "
            f"(disponibles : {_listing(worksheets)}).",
            f"Sheet '{sheet_name}' of {name} is empty: choose another sheet (available: {_listing(worksheets)}).",
        )
    return _to_grid(rows), sheet_name


def _resolve_sheet(all_names: list[str], worksheets: list[str], name: str, sheet: str | int) -> str:
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 0 <= sheet < len(worksheets):
            return worksheets[sheet]
    else:
        wanted = str(sheet).strip().casefold()
        for candidate in [str(sheet)] + all_names:
            if candidate in worksheets and candidate.strip().casefold() == wanted:
                return candidate
    raise InputError(
        f"La feuille « {sheet} » n'existe pas dans {name}. Feuilles disponibles : {_listing(worksheets)}.",
        f"Sheet '{sheet}' does not exist in {name}. Available sheets: {_listing(worksheets)}.",
    )


def _listing(names: list[str]) -> str:
    return ", ".join(f"« {sheet_name} »" for sheet_name in names) or "aucune"


def _has_data(rows: Sequence[Sequence[object]]) -> bool:
    return any(cell not in ("", None) and str(cell).strip() for row in rows for cell in row)


def _to_grid(rows: Sequence[Sequence[object]]) -> list[list[str]]:
    return [[cell if type(cell) is str else cell_text(cell) for cell in row] for row in rows]


def cell_text(value: object) -> str:
    """The text a person sees for a typed cell.

    Examples:
        >>> [cell_text(v) for v in (612345678.0, 12.5, 0.1 + 0.2, 1e20, True, None)]
        ['612345678', '12.5', '0.3', '100000000000000000000', 'true', '']
        >>> cell_text(dt.datetime(2024, 3, 5, 14, 30)), cell_text(dt.date(2024, 3, 5)), cell_text(dt.time(9, 5))
        ('2024-03-05 14:30', '2024-03-05', '09:05')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return f"{value.date().isoformat()} {_time_text(value.time())}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return _time_text(value)
    if isinstance(value, dt.timedelta):
        return _duration_text(value)
    return str(value)


def _float_text(value: float) -> str:
    if not math.isfinite(value):
        return ""
    # Excel shows 15 significant digits: 0.1 + 0.2 is 0.3 there, 612345678.0 is 612345678.
    rounded = float(f"{value:.15g}")
    if rounded.is_integer() and abs(rounded) < 1e15:
        return str(int(rounded))
    text = format(Decimal(repr(rounded)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _time_text(value: dt.time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def _duration_text(value: dt.timedelta) -> str:
    minutes, seconds = divmod(int(value.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if seconds else f"{hours}:{minutes:02d}"
