"""The history of runs: each ``clean``, ``score`` and ``audit`` appends its figures to a SQLite file.

One row per file per run: when (UTC), which command, the office (the file's name when no office is given), the
file's name, its counts, score, grade, the six dimensions and the problems' codes with their counts. Never a
cell's content, a column header or a path beyond the file's name: the history holds no personal data.

Two runs may write at once (two scheduled tasks, two coordinators on a shared folder): each append is one
``BEGIN IMMEDIATE`` transaction, which takes SQLite's write lock before reading anything, with a busy timeout,
so the second waits for the first instead of failing or losing a row.

    append(path, [report.to_dict()], "score")
    frame = read(path, office="Vannes")
    trends(frame)  # one row per office: last score, grade, scores over time, runs, first and last date
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Any

import pandas as pd

from grc_toolkit.errors import GrcError

SCHEMA_VERSION = 1
COMMANDS = ("clean", "score", "audit")
DIMENSIONS = ("completeness", "validity", "uniqueness", "consistency", "freshness", "consent")
#: The columns of a history row, in order; ``problems`` is JSON: ``[{"code", "field", "count"}]``.
COLUMNS = (
    "run_id",
    "run_at",
    "command",
    "office",
    "file",
    "rows",
    "people",
    "score",
    "grade",
    *DIMENSIONS,
    "record_score",
    "clean_quality",
    "as_of",
    "problems",
)
BUSY_TIMEOUT_SECONDS = 30.0
SPARKS = "▁▂▃▄▅▆▇█"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    run_at TEXT NOT NULL,
    command TEXT NOT NULL,
    office TEXT NOT NULL,
    file TEXT NOT NULL,
    rows INTEGER,
    people INTEGER,
    score REAL,
    grade TEXT,
    {", ".join(f"{name} REAL" for name in DIMENSIONS)},
    record_score REAL,
    clean_quality REAL,
    as_of TEXT,
    problems TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS runs_office ON runs (office, run_at);
"""


class HistoryError(GrcError):
    """The history cannot be read or written (folder read-only, not a grc history, a newer grc's)."""

    kind = "history"


def default_path() -> Path:
    """Where the history lives: ``GRC_HISTORY`` when set, else the user's data folder.

    Linux ``$XDG_DATA_HOME/grc/history.sqlite`` (``~/.local/share/grc/``), Windows ``%APPDATA%\\grc\\``,
    macOS ``~/Library/Application Support/grc/``."""
    given = os.environ.get("GRC_HISTORY")
    if given:
        return Path(given).expanduser()
    return data_folder() / "history.sqlite"


def data_folder() -> Path:
    """grc's folder in the user's data folder (the history, the suppression list): Linux
    ``$XDG_DATA_HOME/grc`` (``~/.local/share/grc``), Windows ``%APPDATA%\\grc``, macOS
    ``~/Library/Application Support/grc``."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "grc"


def rows_of(reports: Iterable[Mapping[str, Any]], command: str) -> list[dict[str, Any]]:
    """The history rows of one run's reports (``QualityReport``, audit file or ``CleanReport`` ``to_dict()``).

    Only figures are kept: a problem's ``column`` and ``value`` and a clean issue's ``row`` are left out.

    Examples:
        >>> row = rows_of([{"file": "a.csv", "office": None, "rows_in": 3, "rows_out": 2, "quality": 71.5,
        ...                 "issues": [{"code": "email.role", "row": 2, "column": "Mail"}]}], "clean")[0]
        >>> row["office"], row["people"], row["score"], row["clean_quality"], row["problems"]
        ('a.csv', 2, None, 71.5, '[{"code": "email.role", "field": "", "count": 1}]')
    """
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}")
    return [_row(report) for report in reports]


def _row(report: Mapping[str, Any]) -> dict[str, Any]:
    file = PurePath(str(report.get("file") or "")).name
    dimensions = report.get("dimensions") or {}
    if "issues" in report and "problems" not in report:  # a CleanReport: its issues' codes, counted
        counts: dict[str, int] = {}
        for issue in report["issues"]:
            counts[str(issue["code"])] = counts.get(str(issue["code"]), 0) + 1
        problems = [{"code": code, "field": "", "count": count} for code, count in sorted(counts.items())]
    else:
        problems = [
            {"code": str(p["code"]), "field": str(p.get("field") or ""), "count": int(p.get("count") or 0)}
            for p in report.get("problems") or []
        ]
    return {
        "office": str(report.get("office") or file),
        "file": file,
        "rows": _number(report.get("rows", report.get("rows_in")), int),
        "people": _number(report.get("people", report.get("rows_out")), int),
        "score": _number(report.get("score"), float),
        "grade": report.get("grade"),
        **{name: _number(dimensions.get(name), float) for name in DIMENSIONS},
        "record_score": _number(report.get("record_score"), float),
        "clean_quality": _number(report.get("quality"), float),
        "as_of": report.get("as_of"),
        "problems": json.dumps(problems, ensure_ascii=False),
    }


def _number(value: Any, kind: type[int] | type[float]) -> Any:
    return None if value is None else kind(value)


def append(
    path: str | os.PathLike[str] | None,
    reports: Sequence[Mapping[str, Any]],
    command: str,
    *,
    when: datetime | None = None,
) -> int:
    """Append one run's reports to the history at ``path`` (:func:`default_path` when None); the rows written.

    The folder and the file are created when missing. Raises :class:`HistoryError` when it cannot be written."""
    target = Path(path) if path is not None else default_path()
    rows = rows_of(reports, command)
    stamp = (when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    run_id = uuid.uuid4().hex
    names = ("run_id", "run_at", "command", *COLUMNS[3:])
    insert = f"INSERT INTO runs ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    with _errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)) as db:
            db.execute("BEGIN IMMEDIATE")  # the write lock, before the schema is even looked at
            try:
                _ensure_schema(db, target)
                db.executemany(insert, [(run_id, stamp, command, *(row[n] for n in names[3:])) for row in rows])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
    return len(rows)


def _ensure_schema(db: sqlite3.Connection, target: Path) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)  # executescript would COMMIT first and drop the lock
    found = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if found is None:
        db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    elif int(found[0]) > SCHEMA_VERSION:
        raise _newer(target)


def read(path: str | os.PathLike[str] | None = None, office: str | None = None) -> pd.DataFrame:
    """The history's rows, oldest first, as a frame with :data:`COLUMNS` (empty when there is no history yet).

    ``office`` keeps one office's rows (its name, or the file's name for runs without an office; any case)."""
    target = Path(path) if path is not None else default_path()
    if not target.exists():
        return _frame([])
    with _errors(target):
        uri = target.resolve().as_uri() + "?mode=ro"  # reading never creates a file
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)) as db:
            version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if version is not None and int(version[0]) > SCHEMA_VERSION:
                raise _newer(target)
            rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM runs ORDER BY run_at, id").fetchall()
    frame = _frame(rows)
    if office is not None:  # "Évian" and "évian" alike (SQLite's lower() folds ASCII only)
        frame = frame[frame["office"].str.casefold() == office.casefold()].reset_index(drop=True)
    return frame


def _frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for name in ("score", *DIMENSIONS, "record_score", "clean_quality"):
        frame[name] = pd.to_numeric(frame[name]).astype("float64")
    for name in ("rows", "people"):
        frame[name] = pd.to_numeric(frame[name]).astype("Int64")
    return frame


def trends(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per office of a :func:`read` frame: ``office``, ``runs``, ``first``, ``last`` (dates),
    ``score`` and ``grade`` of its last scored run, ``scores`` (its scores, oldest first), ``sparkline``."""
    summaries = []
    for office, runs in frame.groupby("office", sort=True):
        scored = runs[runs["score"].notna()]
        scores = [float(value) for value in scored["score"]]
        summaries.append(
            {
                "office": office,
                "runs": len(runs),
                "first": str(runs["run_at"].iloc[0])[:10],
                "last": str(runs["run_at"].iloc[-1])[:10],
                "score": scores[-1] if scores else None,
                "grade": scored["grade"].iloc[-1] if scores else None,
                "scores": scores,
                "sparkline": sparkline(scores),
            }
        )
    columns = ["office", "runs", "first", "last", "score", "grade", "scores", "sparkline"]
    return pd.DataFrame(summaries, columns=columns, dtype=object)  # object: a missing score stays None


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A :func:`read` frame as plain rows (``grc history --json``): missing figures are None, problems a list."""
    rows = []
    for row in frame.astype(object).to_dict("records"):
        plain = {str(key): (None if _missing(value) else value) for key, value in row.items()}
        plain["problems"] = json.loads(plain["problems"] or "[]")
        rows.append(plain)
    return rows


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def sparkline(scores: Sequence[float], width: int = 12) -> str:
    """The last ``width`` scores as bars on the fixed 0-100 scale (the same height means the same score).

    Examples:
        >>> sparkline([0, 40, 62.5, 100])
        '▁▄▆█'
        >>> sparkline([])
        ''
    """
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, int(score / 100 * len(SPARKS))))] for score in scores[-width:])


@contextmanager
def _errors(target: Path) -> Iterator[None]:
    try:
        yield
    except (OSError, sqlite3.Error) as error:
        raise HistoryError(
            f"Historique impossible à lire ou écrire : {target} ({_reason(error, 'fr')}).",
            f"History cannot be read or written: {target} ({_reason(error, 'en')}).",
        ) from error


def _reason(error: Exception, lang: str) -> str:
    if isinstance(error, PermissionError):
        return "accès refusé" if lang == "fr" else "permission denied"
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return "ce n'est pas un historique grc" if lang == "fr" else "not a grc history"
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return "occupé par un autre passage" if lang == "fr" else "busy with another run"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def _newer(target: Path) -> HistoryError:
    return HistoryError(
        f"Historique écrit par une version plus récente de grc : {target}. Mettez grc à jour.",
        f"History written by a newer version of grc: {target}. Update grc.",
    )
