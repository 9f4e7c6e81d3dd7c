"""Where the table sits in a sheet's grid: its header row (below titles, filters), the totals and
notes under it, and how much a sheet looks like a contact table.

Nothing here drops a row silently: every row left out comes back as a :data:`Note` (French,
English) naming it by its spreadsheet row number.
"""

from __future__ import annotations

import bisect
import re

from grc_toolkit.errors import InputError
from grc_toolkit.mapping import match_header
from grc_toolkit.schema import NAME_FIELDS, PHONE_FIELDS, SOURCE_ROWS

HEADER_SEARCH_ROWS = 20
#: A note for the report: French, English.
Note = tuple[str, str]
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
_PERSON_FIELDS = frozenset({"email", *PHONE_FIELDS, *NAME_FIELDS, "address"})

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d")
_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def nonblank_rows(grid: list[list[str]]) -> list[int]:
    """Positions of the rows holding something."""
    return [position for position, row in enumerate(grid) if "".join(row).strip()]


def filled_cells(row: list[str]) -> list[str]:
    """The row's non-empty cells, stripped."""
    return [text for text in (cell.strip() for cell in row) if text]


def sheet_score(grid: list[list[str]], header_row: int | None) -> tuple[int, ...]:
    """How much a sheet looks like the contacts: grc's own Contacts sheet first (a workbook grc wrote,
    read again), then contact fields its header names, then fields, then rows.

    A Notice (a paragraph), a sheet of drop-down values (Civilité, Pays) or a pivot table (Ville,
    Nombre) names no field that identifies a person; the contacts name several.
    """
    nonblank = nonblank_rows(grid)
    if not nonblank or (header_row is not None and not 0 <= header_row <= len(grid)):
        return (0, 0, 0, 0)
    header_index = find_header_row(grid, nonblank, "", header_row, [])
    if header_index is None:
        return (0, 0, 0, len(nonblank))
    own = int(SOURCE_ROWS in (header_text(cell) for cell in grid[header_index]))
    fields = _fields_named(grid[header_index])
    rows = len(nonblank) - bisect.bisect_right(nonblank, header_index)
    return (own, len(fields & _PERSON_FIELDS), len(fields), rows)


def _fields_named(cells: list[str]) -> set[str]:
    """The contact fields a header row names (``Nom``, ``E-mail``...)."""
    return {found[0] for cell in cells if (found := match_header(header_text(cell)))}


def sheet_note(chosen: str, others: list[str]) -> Note:
    french = ", ".join(f"« {other} »" for other in others)
    english = ", ".join(f"'{other}'" for other in others)
    return (
        f"feuille « {chosen} » lue, celle qui contient le tableau de contacts (autres feuilles non lues : "
        f"{french} ; --sheet pour en choisir une autre)",
        f"sheet '{chosen}' read, the one holding the contact table (other sheets not read: {english}; "
        "--sheet to choose another)",
    )


def rows_note(positions: list[int], where_fr: str, where_en: str) -> Note:
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


def footer_size(grid: list[list[str]], positions: list[int], header_index: int | None) -> int:
    """How many of the last rows are a total or a note under the table, not contacts.

    A total names itself in its first cell (``Total``, ``Total : 12``, ``Nombre de contacts : 0``)
    and holds only numbers besides. A note (``Export du 12/03/2024 par Marie``, ``Exporté le |
    12/03/2024``) is one or two cells with a date or an export word, below a blank row that ends the
    table. Only the last rows are looked at.
    """
    last = len(positions)
    kinds = {}
    for rank in range(last - 1, max(0, last - _MAX_FOOTER_ROWS) - 1, -1):
        cells = filled_cells(grid[positions[rank]])
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


def find_header_row(
    grid: list[list[str]], nonblank: list[int], name: str, header_row: int | None, notes: list[Note]
) -> int | None:
    """0-based row of the header, or None when the file has none.

    The header is the first of the first rows that looks like one. Rows above it are titles, a
    period, filters...; but a row as wide as the table is data, and is skipped only to reach a
    header naming two contact fields or more (``Nom``, ``Email``): a row of a table of figures
    that happens to hold words never becomes the header of the rows above it. Failing that, see
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
    filled = [filled_cells(grid[position]) for position in candidates]
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


def header_text(cell: str) -> str:
    return _SPACES.sub(" ", cell.replace("\ufeff", "")).strip()
