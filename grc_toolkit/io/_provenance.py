"""Know the files grc wrote, so that re-running a command replaces its own output and nothing else.

Every output carries a mark naming the input file(s) it was written from:

- a workbook in its document properties (custom property ``grc_inputs``, kept by Excel and LibreOffice);
  a workbook saved again by a person has a modification date after its creation date, which xlsxwriter
  sets equal;
- a CSV, which has nowhere to hold it, in a small hidden file beside it (``.export-clean.csv.grc``) that
  also holds the CSV's SHA-256, so a CSV edited since is told apart.

:func:`check_replaceable` refuses to write over an existing file unless it bears the mark of the same
input(s) and is unchanged since: a file from another export (``visitors.csv`` then ``visitors.xlsx``
both give ``visitors-clean.xlsx``), a file grc did not write, or a result a person has edited.
Inputs are compared by file name (case-insensitive), so a folder moved or a share mounted elsewhere
still re-runs quietly.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from xml.etree import ElementTree

from grc_toolkit.errors import OutputExistsError

#: Custom document properties of a workbook (and keys of a CSV's mark): the input names as a person
#: reads them (cut to Excel's 255 characters), and the key grc compares.
INPUTS_PROPERTY = "grc_inputs"
KEY_PROPERTY = "grc_inputs_key"
_MAX_TEXT_PROPERTY = 255
_MARK_SUFFIX = ".grc"
_MAX_PART = 1 << 20  # docProps parts are a few hundred bytes; never read a huge one
_NAMESPACES = {
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "dcterms": "http://purl.org/dc/terms/",
}


@dataclass(frozen=True)
class Mark:
    """What an output says of its origin: the input names (for messages) and the key compared."""

    inputs: str
    key: str

    def properties(self) -> dict[str, str]:
        return {INPUTS_PROPERTY: self.inputs, KEY_PROPERTY: self.key}


class _Unknown(Enum):
    NOT_GRC = "not_grc"  # not written by grc, or its mark is lost
    EDITED = "edited"  # written by grc, changed since


def mark_of(inputs: Sequence[Path]) -> Mark:
    """The mark of an output written from ``inputs``: file names only, compared without case or order.

    Examples:
        >>> first, second = mark_of([Path("a/Visitors.csv")]), mark_of([Path("b/visitors.CSV")])
        >>> first.inputs, first.key == second.key, first.key == mark_of([Path("visitors.xlsx")]).key
        ('Visitors.csv', True, False)
    """
    names = [path.name for path in inputs]
    shown = " + ".join(names)
    if len(shown) > _MAX_TEXT_PROPERTY:
        shown = shown[: _MAX_TEXT_PROPERTY - 1] + "…"
    key = hashlib.sha256("\n".join(sorted(name.casefold() for name in names)).encode()).hexdigest()
    return Mark(shown, key)


def csv_mark_path(target: Path) -> Path:
    """The hidden file beside a CSV output that says grc wrote it: ``.export-clean.csv.grc``."""
    return target.with_name(f".{target.name}{_MARK_SUFFIX}")


def write_csv_mark(target: Path, mark: Mark) -> None:
    """Record beside ``target`` (already in place) that grc wrote it, with its SHA-256."""
    path = csv_mark_path(target)
    temp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        temp.write_text(json.dumps({**mark.properties(), "sha256": _sha256(target)}), encoding="utf-8")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def check_replaceable(target: Path, mark: Mark) -> None:
    """Raise :class:`OutputExistsError` unless ``target`` is absent or grc's unchanged output of the same input."""
    if not target.is_file():
        return
    found = _workbook_mark(target) if target.suffix.lower() == ".xlsx" else _csv_mark(target)
    if found is _Unknown.NOT_GRC:
        raise OutputExistsError(
            f"{target} existe déjà et n'a pas été écrit par grc : choisissez un autre nom avec -o, "
            "ou ajoutez --force pour le remplacer.",
            f"{target} already exists and was not written by grc: choose another name with -o, "
            "or add --force to replace it.",
        )
    if found is _Unknown.EDITED:
        raise OutputExistsError(
            f"{target} a été modifié depuis que grc l'a écrit : choisissez un autre nom avec -o, "
            "ou ajoutez --force pour le remplacer (les modifications seront perdues).",
            f"{target} was changed since grc wrote it: choose another name with -o, "
            "or add --force to replace it (the changes will be lost).",
        )
    if found.key != mark.key:
        raise OutputExistsError(
            f"{target} existe déjà et a été écrit par grc à partir de {found.inputs or '?'}, pas de "
            f"{mark.inputs or '?'} : choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer.",
            f"{target} already exists and was written by grc from {found.inputs or '?'}, not from "
            f"{mark.inputs or '?'}: choose another name with -o, or add --force to replace it.",
        )


def _workbook_mark(path: Path) -> Mark | _Unknown:
    """The workbook's mark; EDITED when saved again since (its modification date then passes its creation)."""
    try:
        with zipfile.ZipFile(path) as archive:
            custom, core = _part(archive, "docProps/custom.xml"), _part(archive, "docProps/core.xml")
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return _Unknown.NOT_GRC
    found = {
        prop.get("name"): prop.findtext("vt:lpwstr", "", _NAMESPACES)
        for prop in custom.iterfind("cp:property", _NAMESPACES)
    }
    if not found.get(KEY_PROPERTY):
        return _Unknown.NOT_GRC
    created = core.findtext("dcterms:created", None, _NAMESPACES)
    if created is None or created != core.findtext("dcterms:modified", None, _NAMESPACES):
        return _Unknown.EDITED
    return Mark(found.get(INPUTS_PROPERTY) or "", found[KEY_PROPERTY] or "")


def _part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    if archive.getinfo(name).file_size > _MAX_PART:
        raise KeyError(name)
    return ElementTree.fromstring(archive.read(name))


def _csv_mark(path: Path) -> Mark | _Unknown:
    """The mark beside a CSV; EDITED when the CSV's content no longer has the recorded SHA-256."""
    try:
        saved = json.loads(csv_mark_path(path).read_text(encoding="utf-8"))
        mark, digest = Mark(str(saved[INPUTS_PROPERTY]), str(saved[KEY_PROPERTY])), saved["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return _Unknown.NOT_GRC
    return mark if digest == _sha256(path) else _Unknown.EDITED


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
