"""Delimited text files (CSV, TSV, TXT): encoding, delimiter and parsing into a grid of text.

The grid is a list of records (lists of ``str`` cells, ragged as in the file): record ``i`` is what
a spreadsheet shows as row ``i + 1`` when it opens the file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import unicodedata
from collections import Counter
from collections.abc import Iterator

from grc_toolkit.errors import InputError

DELIMITERS = (";", ",", "\t", "|")
_DELIMITER_ALIASES = {"tab": "\t", "\\t": "\t", "tabulation": "\t"}
_SAMPLE_CHARS = 65_536
_SAMPLE_RECORDS = 200
# Letters French text uses above ASCII: the encoding that yields most of them wins.
_FRENCH_LETTERS = frozenset("éèêëàâäçîïôöùûüÿœæÉÈÊËÀÂÇÎÏÔÙÛŒÆ«»°€’")
# An unclosed quote makes the rest of the file one cell: its last record then spans many lines.
_MAX_LINES_IN_CELL = 50
# csv.field_size_limit takes a C long (32 bits on Windows).
_C_LONG_MAX = 2**31 - 1


def decode_bytes(raw: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    """Return the text of ``raw`` and the encoding used (detected unless ``encoding`` is given)."""
    if encoding:
        return _decode_as(raw, name, encoding), encoding
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            return _decode_legacy(raw[len(codecs.BOM_UTF8) :])
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_as(raw, name, "utf-32"), "utf-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(raw, name, "utf-16"), "utf-16"
    utf16 = _bomless_utf16(raw[:4096])
    if utf16:
        return _decode_as(raw, name, utf16), utf16
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(raw)


def _decode_as(raw: bytes, name: str, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except LookupError:
        raise InputError(
            f"Encodage inconnu « {encoding} » : utilisez par exemple utf-8, cp1252 ou latin-1.",
            f"Unknown encoding '{encoding}': use for example utf-8, cp1252 or latin-1.",
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            f"Le fichier {name} ne peut pas être lu avec l'encodage « {encoding} » : retirez l'option "
            "d'encodage pour une détection automatique, ou essayez cp1252.",
            f"{name} cannot be read with encoding '{encoding}': drop the encoding option to detect it "
            "automatically, or try cp1252.",
        ) from None


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without BOM shows as a NUL byte beside nearly every ASCII character."""
    if len(head) < 4 or head.count(0) < len(head) // 4:
        return None
    odd_nuls = head[1::2].count(0)
    even_nuls = head[0::2].count(0)
    if odd_nuls > 0.9 * (odd_nuls + even_nuls):
        return "utf-16-le"
    if even_nuls > 0.9 * (odd_nuls + even_nuls):
        return "utf-16-be"
    return None


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    """Not UTF-8: cp1252 (French Windows) unless mac_roman reads clearly more French letters.

    Scored on the first megabyte; latin-1 (which decodes anything) is the last resort when cp1252
    meets one of the five bytes it leaves undefined.
    """
    sample = raw[:1_000_000]
    scores = {}
    for encoding in ("cp1252", "mac_roman"):
        decoded = sample.decode(encoding, errors="replace")
        scores[encoding] = sum(decoded.count(letter) for letter in _FRENCH_LETTERS) - decoded.count("\ufffd")
    order = ["mac_roman", "cp1252"] if scores["mac_roman"] > scores["cp1252"] else ["cp1252", "mac_roman"]
    for encoding in order:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def check_is_text(text: str, name: str) -> None:
    """Refuse binary data: a text export has (almost) no control characters."""
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for char in sample if char not in "\t\n\r\x00" and unicodedata.category(char) == "Cc")
    if sample and (controls > 0.02 * len(sample) or "\ufffd" * 8 in sample):
        raise InputError(
            f"{name} ne contient pas de texte lisible : ce n'est pas un fichier CSV. Exportez vos contacts "
            "au format .csv ou .xlsx puis réessayez.",
            f"{name} holds no readable text: it is not a CSV file. Export your contacts as .csv or .xlsx "
            "and try again.",
        )


def normalise_delimiter(delimiter: str) -> str:
    """Accept one character, or the names ``tab`` / ``\\t``."""
    value = _DELIMITER_ALIASES.get(delimiter.lower(), delimiter)
    if len(value) != 1 or value in '"\r\n':
        raise InputError(
            f"Séparateur invalide « {delimiter} » : indiquez un seul caractère, par exemple ; , | ou tab.",
            f"Invalid delimiter '{delimiter}': give a single character, for example ; , | or tab.",
        )
    return value


def sniff_delimiter(text: str) -> str:
    """Return the delimiter among ``; , tab |``.

    Each candidate splits the first records (quotes respected); the winner gives the same field
    count to most records. Near-ties go to the one giving more columns, then to ``;``.
    """
    sample = text[:_SAMPLE_CHARS]
    truncated = len(text) > len(sample)
    scores = []
    for rank, delimiter in enumerate(DELIMITERS):
        counts = _field_counts(sample, delimiter, truncated)
        if not counts:
            continue
        width, hits = Counter(counts).most_common(1)[0]
        if width > 1:
            scores.append((hits / len(counts), width, -rank, delimiter))
    if not scores:
        return ";"
    best_share = max(score[0] for score in scores)
    close = [score for score in scores if score[0] >= best_share - 0.1]
    best = max(close, key=lambda score: (score[1], score[2]))
    return best[3]


def _field_counts(sample: str, delimiter: str, truncated: bool) -> list[int]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    counts = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                counts.append(len(record))
            if len(counts) >= _SAMPLE_RECORDS:
                return counts
    except csv.Error:
        pass
    if truncated and counts:
        counts.pop()  # the sample may end inside the last record
    return counts


def parse_text(text: str, name: str, delimiter: str) -> list[list[str]]:
    """Split ``text`` into records (lists of cells), quoted newlines kept inside their cell.

    The ``csv`` module is used rather than pandas' C parser: with plain ``str`` cells it is faster
    (no pyarrow), and it takes ragged rows as they come. No cell can be longer than the text, so
    the module's cell size limit (128 KiB by default) is lifted to that length while reading: a
    long note or an embedded image is a cell, not an error. An unclosed quote is recognised by
    what it does: a last cell that swallowed the rest of the file, its quote never closed.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    with _cell_size_limit(len(text) + 1):
        records = list(reader)
        if (
            records
            and any(cell.count("\n") > _MAX_LINES_IN_CELL for cell in records[-1])
            and _ends_inside_quotes(text, delimiter)
        ):
            raise _unclosed_quote(name, len(records))
    return records


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    """Whether the last record's quote is still open at the end of the text (a long note in the
    last row is closed). Read again line by line, only when the last record spans many lines."""
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), delimiter=delimiter, quotechar='"', strict=False)
    last_start = read = 0
    for _record in reader:
        last_start, read = read, reader.line_num
    try:
        list(csv.reader(iter(lines[last_start:]), delimiter=delimiter, quotechar='"', strict=True))
    except csv.Error:  # "unexpected end of data": the quote was never closed
        return True
    return False


@contextlib.contextmanager
def _cell_size_limit(size: int) -> Iterator[None]:
    """Raise ``csv.field_size_limit`` to at least ``size`` for the block, then put it back."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, min(size, _C_LONG_MAX)))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _unclosed_quote(name: str, row: int) -> InputError:
    return InputError(
        f"Guillemet non refermé dans {name} à partir de la ligne {row} : corrigez cette ligne (ou "
        "enregistrez à nouveau le fichier depuis Excel) puis réessayez.",
        f"Unclosed quote in {name} from line {row}: fix that line (or save the file again from Excel) and try again.",
    )
