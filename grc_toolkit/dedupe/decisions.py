"""A person's review decisions, kept by stable record fingerprints so they apply to later exports too.

The ``À vérifier`` sheet lists each doubtful pair with the fingerprints of its two records. A person
writes ``fusionner`` or ``distinct`` in its decision column; ``grc clean FILE --decisions reviewed.xlsx -o new.xlsx``
then merges or separates those pairs, in this export and in every later one, because a fingerprint
depends on who the record is (names, email, phone, postcode), not on its row number.

No decision is lost or guessed: a word outside :data:`MERGE_WORDS` and :data:`DISTINCT_WORDS`, or a pair said
both ways (in one file or across several ``--decisions``), stops the run with the rows to fix
(:class:`~grc_toolkit.errors.ConfigError`, exit code 2) before anything is applied or written; the output is never
one of the decisions files (:func:`check_output`), and the new review sheet carries every decision applied.
:func:`apply_decisions` applies them to the scored pairs in one step, before grouping.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from grc_toolkit.cleaners.text import strip_accents
from grc_toolkit.dedupe.rules import DECIDED_DISTINCT
from grc_toolkit.errors import ConfigError, InputError
from grc_toolkit.io.writers import same_file
from grc_toolkit.present.labels import GROUP_HEADERS, REVIEW_HEADERS, SAID_WORDS, SHEETS

FINGERPRINT_COLUMNS = ("last", "first", "email", "phone", "postal_code")
#: The words the Décision column accepts, compared without case, accents or surrounding spaces. Anything
#: else (``fusioner``, ``oui``, ``?``) stops the run with the rows to fix: ``oui`` or ``non`` answer no
#: question the sheet asks, so they are refused rather than guessed.
MERGE_WORDS = frozenset({"fusionner", "fusionne", "fusion", "merge", "merged", "identique"})
DISTINCT_WORDS = frozenset(
    {"distinct", "distincts", "distincte", "distinctes", "separer", "separe", "separes", "separate"}
    | {"different", "differents", "differente", "differentes"}
)
_SHOWN_ROWS = 10  # rows named in an error before "and N more"
_SHOWN_WORD = 15  # characters of an unknown word shown (it is a word, not a cell of personal data)


@dataclass(frozen=True)
class Decisions:
    """Pairs of fingerprints a person said are one person (``merge``) or two (``distinct``)."""

    merge: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    distinct: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.merge or self.distinct)


@dataclass(frozen=True)
class _Said:
    """One filled Décision cell: the pair, merge or not, and where it was written (file, spreadsheet row)."""

    pair: tuple[str, str]
    merge: bool
    file: str
    row: int


@dataclass(frozen=True)
class _Unknown:
    """A filled Décision cell that cannot be applied: an unknown ``word``, or (``word`` None) a blank fingerprint,
    or (``identical``) ``séparer`` between records that are the same in every field a fingerprint reads."""

    word: str | None
    file: str
    row: int
    identical: bool = False


def fingerprints(records: pd.DataFrame) -> np.ndarray:
    """A 12-character fingerprint per record, from its normalised names, email, phone and postcode, and for a
    record without a name (a hotel, a school) its organisation's key: two sites of one town are two records.

    Examples:
        >>> frame = pd.DataFrame({c: ["x"] for c in FINGERPRINT_COLUMNS})
        >>> fingerprints(frame).tolist() == fingerprints(frame.copy()).tolist()
        True
    """
    # column by column: a row-wise join took 4 s at 100,000 records
    columns = [records[name].astype(str) for name in FINGERPRINT_COLUMNS]
    joined = columns[0]
    for column in columns[1:]:
        joined = joined + "|" + column
    if "organisation" in records:  # people keep the fingerprints earlier runs wrote
        nameless = (records["last"] == "") & (records["first"] == "") & (records["organisation"] != "")
        joined = joined.where(~nameless, joined + "|" + records["organisation"].astype(str))
    table = {value: hashlib.sha1(value.encode("utf-8")).hexdigest()[:12] for value in joined.unique()}
    return joined.map(table).to_numpy(dtype=object)


def _word(text: str) -> str:
    return strip_accents(str(text).strip().lower())


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _header_words(key: str, labels: dict[str, tuple[str, str]] = REVIEW_HEADERS) -> tuple[str, ...]:
    """The review sheet's header ``key`` in both languages, as :func:`read_decisions` compares them."""
    return tuple(_heading(label) for label in labels[key])


def _heading(column: object) -> str:
    return str(column).split(" (")[0].strip().lower()


def read_decisions(sheet: pd.DataFrame, name: str = "", rows: pd.Series | None = None) -> Decisions:
    """Decisions from a reviewed ``À vérifier`` sheet (French or English headers, those grc writes:
    :data:`grc_toolkit.present.labels.REVIEW_HEADERS`). ``rows`` are the sheet's row numbers (header on row 1
    by default). An unknown word in Décision, or a pair said both ways, raises :class:`ConfigError` naming
    the rows: nothing is applied until the sheet is fixed."""
    said, unknown = _read_said(sheet, name, rows)
    _check_words(unknown)
    return _combined(said)


def load_decisions(paths: str | Path | Sequence[str | Path]) -> Decisions:
    """Read and merge the decisions of one or several reviewed workbooks (their ``À vérifier`` or ``To review``
    sheet) or CSV files. Every unknown word of every file is reported at once, then every contradiction
    between them (:class:`ConfigError`, exit code 2); nothing is applied from a file set that has either."""
    said: list[_Said] = []
    unknown: list[_Unknown] = []
    for path in [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]:
        more, wrong = _read_said(*_review_table(path))
        separated, wrong_there = _separated(path)
        said += more + separated
        unknown += wrong + wrong_there
    _check_words(unknown)
    return _combined(said)


def check_output(target: str | Path, paths: str | Path | Sequence[str | Path] | Decisions | None) -> None:
    """Refuse (:class:`ConfigError`, exit code 2, even with ``--force``) to write over a file decisions are
    read from: its decisions would be lost if the run went wrong, and the person's file is theirs to keep."""
    if paths is None or isinstance(paths, Decisions):
        return
    for path in [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]:
        if same_file(Path(target), path):
            raise ConfigError(
                f"Le fichier à écrire {target} est aussi le classeur de décisions (--decisions) : grc ne "
                "l'écrase jamais, même avec --force. Donnez un autre nom avec -o (par exemple "
                f"{_next_name(Path(target))}) : toutes ses décisions y seront reprises.",
                f"The file to write {target} is also the decisions workbook (--decisions): grc never "
                f"overwrites it, even with --force. Give another name with -o (for example "
                f"{_next_name(Path(target))}): all its decisions will be carried into it.",
            )


def _next_name(target: Path) -> str:
    return str(target.with_name(f"{target.stem}-2{target.suffix}"))


def _review_table(path: Path) -> tuple[pd.DataFrame, str, pd.Series]:
    """The review sheet of ``path`` (or the CSV itself), its name and its spreadsheet row numbers."""
    from grc_toolkit.io import read_table

    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        for sheet in SHEETS["review"]:
            try:
                table = read_table(path, sheet=sheet)
            except InputError:
                continue
            if _columns(table.frame):
                return table.frame, path.name, table.source_rows
    table = read_table(path)
    return table.frame, path.name, table.source_rows


def _separated(path: Path) -> tuple[list[_Said], list[_Unknown]]:
    """The ``séparer`` written in the Doublons sheet of a workbook grc wrote: on a group's first line (blank
    Empreinte), every record of the group distinct from every other; on a record's line, that record distinct
    from each other record of its group. A workbook without that sheet or column (an older one) has none."""
    from grc_toolkit.io import read_table

    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return [], []
    for sheet_name in SHEETS["duplicates"]:
        try:
            table = read_table(path, sheet=sheet_name)
        except InputError:
            continue
        columns = {_heading(column): column for column in table.frame.columns}
        found = [
            next((columns[w] for w in _header_words(key, GROUP_HEADERS) if w in columns), None)
            for key in ("decision", "fingerprint", "group_prints")
        ]
        if any(column is None for column in found):
            continue
        decision, own, together = (table.frame[column].fillna("").astype(str) for column in found)
        name = f"{path.name} [{sheet_name}]"  # its rows are not those of the review sheet
        said: list[_Said] = []
        unknown: list[_Unknown] = []
        for text, mine, group, row in zip(decision, own, together, table.source_rows.tolist(), strict=True):
            word = _word(text)
            if not word:
                continue
            if word not in DISTINCT_WORDS:
                unknown.append(_Unknown(text.strip(), name, int(row)))
                continue
            prints = list(dict.fromkeys(group.split()))
            if mine.strip():
                pairs = {pair_key(mine.strip(), other) for other in prints if other != mine.strip()}
            else:
                pairs = {pair_key(a, b) for i, a in enumerate(prints) for b in prints[i + 1 :]}
            if not prints:
                unknown.append(_Unknown(None, name, int(row)))
            elif not pairs:
                unknown.append(_Unknown(text.strip(), name, int(row), identical=True))
            said += [_Said(pair, False, name, int(row)) for pair in sorted(pairs)]
        return said, unknown
    return [], []


def _columns(sheet: pd.DataFrame) -> tuple[object, object, object] | None:
    columns = {_heading(column): column for column in sheet.columns}

    def find(key: str) -> object | None:
        return next((columns[word] for word in _header_words(key) if word in columns), None)

    a, b, decision = find("fingerprint_a"), find("fingerprint_b"), find("decision")
    return None if a is None or b is None or decision is None else (a, b, decision)


def _read_said(sheet: pd.DataFrame, name: str, rows: pd.Series | None) -> tuple[list[_Said], list[_Unknown]]:
    found = _columns(sheet)
    if found is None:
        raise InputError(
            f"{name} n'a pas de feuille « {SHEETS['review'][0]} » avec les colonnes Empreinte A, Empreinte B et "
            "Décision : donnez le classeur produit par grc clean, après avoir rempli la colonne Décision.",
            f"{name} has no '{SHEETS['review'][1]}' sheet with Fingerprint A, Fingerprint B and Decision columns: "
            "give the workbook grc clean wrote, with its Decision column filled in.",
        )
    a, b, decision = found
    numbers = (rows if rows is not None else pd.Series(np.arange(len(sheet)) + 2, index=sheet.index)).tolist()
    said, unknown = [], []
    cells = sheet[decision].fillna("").astype(str)
    prints_a, prints_b = (sheet[column].fillna("").astype(str) for column in (a, b))
    for first, second, text, row in zip(prints_a, prints_b, cells, numbers, strict=True):
        word = _word(text)
        if not word:
            continue
        if _blank(first) or _blank(second):
            unknown.append(_Unknown(None, name, int(row)))
        elif word in MERGE_WORDS or word in DISTINCT_WORDS:
            said.append(_Said(pair_key(first, second), word in MERGE_WORDS, name, int(row)))
        else:
            unknown.append(_Unknown(text.strip(), name, int(row)))
    return said, unknown


def _check_words(unknown: list[_Unknown]) -> None:
    if not unknown:
        return
    shown = [_unknown_words(u) for u in unknown[:_SHOWN_ROWS]]
    more = len(unknown) - len(shown)
    fr = ", ".join(s[0] for s in shown) + (f" et {more} autres" if more else "")
    en = ", ".join(s[1] for s in shown) + (f" and {more} more" if more else "")
    raise ConfigError(
        f"Décision non reconnue : {fr}. Écrivez fusionner ou distinct (ou laissez vide), sans toucher aux "
        "colonnes Empreinte, enregistrez, puis relancez ; rien n'a été appliqué ni écrit.",
        f"Decision not recognised: {en}. Write merge or distinct (or leave it blank), leaving the Fingerprint "
        "columns as they are, save, then run again; nothing was applied or written.",
    )


def _unknown_words(u: _Unknown) -> tuple[str, str]:
    if u.identical:
        return (
            f"{_at(u.file, u.row, 'ligne')} (séparer des fiches identiques : corrigez d'abord l'une d'elles dans "
            "votre logiciel)",
            f"{_at(u.file, u.row, 'row')} (separate identical records: first correct one of them in your software)",
        )
    if u.word is None:
        return f"{_at(u.file, u.row, 'ligne')} (Empreinte vide)", f"{_at(u.file, u.row, 'row')} (blank Fingerprint)"
    return f"{_at(u.file, u.row, 'ligne')} (« {_short(u.word)} »)", f"{_at(u.file, u.row, 'row')} ('{_short(u.word)}')"


def _blank(cell: str) -> bool:
    return not cell.strip()


def _at(file: str, row: int, line: str) -> str:
    return f"{file} {line} {row}" if file else f"{line} {row}"


def _short(word: str) -> str:
    return word if len(word) <= _SHOWN_WORD else word[: _SHOWN_WORD - 1] + "…"


def _combined(said: list[_Said]) -> Decisions:
    """The decisions of every file; a pair said to merge in one place and distinct in another is refused."""
    first: dict[tuple[str, str], _Said] = {}
    clashes: list[tuple[_Said, _Said]] = []
    for one in said:
        earlier = first.setdefault(one.pair, one)
        if earlier.merge != one.merge and not any(c[0].pair == one.pair for c in clashes):
            clashes.append((earlier, one))
    if clashes:
        fr = ", ".join(
            f"{_at(x.file, x.row, 'ligne')} ({SAID_WORDS[x.merge][0]}) contre {_at(y.file, y.row, 'ligne')} "
            f"({SAID_WORDS[y.merge][0]})"
            for x, y in clashes[:_SHOWN_ROWS]
        )
        en = ", ".join(
            f"{_at(x.file, x.row, 'row')} ({SAID_WORDS[x.merge][1]}) against {_at(y.file, y.row, 'row')} "
            f"({SAID_WORDS[y.merge][1]})"
            for x, y in clashes[:_SHOWN_ROWS]
        )
        more = len(clashes) - min(len(clashes), _SHOWN_ROWS)
        raise ConfigError(
            f"Décisions contradictoires pour la même paire : {fr}{f' et {more} autres' if more else ''}. Gardez "
            "une seule décision (corrigez ou videz l'autre cellule), enregistrez, puis relancez ; rien n'a été "
            "appliqué ni écrit.",
            f"Contradictory decisions for the same pair: {en}{f' and {more} more' if more else ''}. Keep one "
            "decision (correct or empty the other cell), save, then run again; nothing was applied or written.",
        )
    merge = frozenset(pair for pair, one in first.items() if one.merge)
    return Decisions(merge, frozenset(first) - merge)


def apply_decisions(
    pairs: pd.DataFrame,
    decisions: Decisions | None,
    prints: np.ndarray,
    score: Callable[[np.ndarray, np.ndarray], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Judged pairs (:func:`~grc_toolkit.dedupe.rules.judge_pairs`) with a person's ``decisions`` applied.

    A pair said to merge becomes compatible and possible, with probability 1, vote 1 and no rule; a pair
    said distinct becomes neither, with vote -1 and rule ``decided_distinct``; both are ``decided``.
    ``prints`` are the records' fingerprints. With ``score`` (the engine's
    :meth:`~grc_toolkit.dedupe.engine.ScoredPairs.score`), the pairs said to merge that blocking did not
    propose are scored and added.
    """
    if not decisions:
        return pairs
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    merge = _decided(prints, left, right, decisions.merge)
    distinct = _decided(prints, left, right, decisions.distinct)
    if score is not None:
        extra_left, extra_right = _forced_pairs(prints, decisions.merge, left, right)
        if len(extra_left):
            forced = score(extra_left, extra_right).assign(
                compatible=False, possible=False, vote=np.int8(0), rule="", decided=False
            )  # judged below, as pairs said to merge
            pairs = pd.concat([pairs, forced], ignore_index=True)
            merge = np.concatenate([merge, np.ones(len(extra_left), dtype=bool)])
            distinct = np.concatenate([distinct, np.zeros(len(extra_left), dtype=bool)])
    vote = np.where(distinct, -1, np.where(merge, 1, pairs["vote"].to_numpy()))
    return pairs.assign(
        probability=np.where(merge, 1.0, pairs["probability"].to_numpy()),
        compatible=(pairs["compatible"].to_numpy(dtype=bool) | merge) & ~distinct,
        possible=(pairs["possible"].to_numpy(dtype=bool) | merge) & ~distinct,
        vote=vote.astype(np.int8),
        rule=np.where(distinct, DECIDED_DISTINCT, np.where(merge, "", pairs["rule"].to_numpy(dtype=object))),
        decided=pairs["decided"].to_numpy(dtype=bool) | merge | distinct,
    )


def _decided(prints: np.ndarray, left: np.ndarray, right: np.ndarray, said: frozenset[tuple[str, str]]) -> np.ndarray:
    if not said:
        return np.zeros(len(left), dtype=bool)
    return np.array([pair_key(a, b) in said for a, b in zip(prints[left], prints[right], strict=True)], dtype=bool)


def _forced_pairs(
    prints: np.ndarray, merge: frozenset[tuple[str, str]], left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs a person said to merge that blocking did not propose (all records of each fingerprint)."""
    if not merge:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    positions = pd.Series(np.arange(len(prints))).groupby(prints).agg(list).to_dict()
    known = set(zip(left.tolist(), right.tolist(), strict=True))
    pairs = {
        (min(x, y), max(x, y))
        for a, b in merge
        for x in positions.get(a, [])
        for y in positions.get(b, [])
        if x != y and (min(x, y), max(x, y)) not in known
    }
    ordered = sorted(pairs)
    return np.array([p[0] for p in ordered], dtype=np.int64), np.array([p[1] for p in ordered], dtype=np.int64)
