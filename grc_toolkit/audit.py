"""A network's files side by side (``grc audit``), and the pseudonymised file an office can send (``grc share``).

Each file is read, cleaned and scored in its own process; a file grc cannot read is reported, the others go on.
The overlap between offices is counted on keyed hashes (:mod:`grc_toolkit.linkage`), from raw exports and shared
files alike.
"""

from __future__ import annotations

import glob
import json
import secrets
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from grc_toolkit.api import clean_file
from grc_toolkit.config import Config, load_config
from grc_toolkit.errors import ConfigError, GrcError, InputError
from grc_toolkit.io import write_table
from grc_toolkit.io.readers import TEXT_SUFFIXES, WORKBOOK_SUFFIXES
from grc_toolkit.linkage import KEY_COLUMNS, PERSON_COLUMN, Overlap, hash_keys, key_id, linkage_keys, overlap
from grc_toolkit.parallel import worker_context
from grc_toolkit.pipeline import PipelineResult
from grc_toolkit.quality import assess, record_dimensions, record_quality
from grc_toolkit.results import INVALID, QualityProblem, QualityReport
from grc_toolkit.schema import ACTIVITY_DATE_FIELDS, PHONE_FIELDS

#: The sheets of a shared file: its rows, and the office's quality computed before pseudonymising.
SHARE_SHEET = "Partage"
SHARE_QUALITY_SHEET = "Qualité grc"
#: The columns of a shared file besides the hashed keys (never a name, an email or a phone).
SHARE_FIELDS = ("postal_code", "country", *ACTIVITY_DATE_FIELDS, "consent")
SHARE_QUALITY = "grc_quality"
SUFFIXES = TEXT_SUFFIXES | WORKBOOK_SUFFIXES


@dataclass(frozen=True)
class OfficeAudit:
    """One office's row: its :class:`QualityReport` (with ``office``), a few counts (``figures``), whether it
    came from an ``export`` or a ``share`` file, and its hashed keys (kept out of :meth:`to_dict`)."""

    report: QualityReport
    figures: dict[str, float]
    source: str
    keys: pd.DataFrame = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = self.report.to_dict()
        data["source"] = self.source
        data["figures"] = dict(self.figures)
        return data


@dataclass(frozen=True)
class FileFailure:
    """A file the audit could not read: its name, the French and English message, the exit code it would have."""

    file: str
    message: str
    message_en: str
    exit_code: int
    kind: str

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        message = self.message_en if lang == "en" else self.message
        return {"file": self.file, "code": self.exit_code, "kind": self.kind, "message": message}


@dataclass(frozen=True)
class AuditReport:
    """``files`` in the order given (folders' files sorted by name), ``failures`` the files not read, ``overlap``
    the people shared between the offices read."""

    files: tuple[OfficeAudit, ...]
    failures: tuple[FileFailure, ...]
    overlap: Overlap

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "files": [office.to_dict() for office in self.files],
            "errors": [failure.to_dict(lang) for failure in self.failures],
            "overlap": self.overlap.to_dict(),
        }


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files, folders (their CSV/Excel/ODS files, sorted by name; not their subfolders) and globs, in the order
    given, each file once. A path matching nothing is refused."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            matches = sorted(p for p in path.iterdir() if p.is_file() and _wanted(p))
        elif path.exists():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(str(given)) if Path(p).is_file() and _wanted(Path(p)))
        if not matches:
            raise InputError(
                f"{given} : aucun fichier CSV ou Excel trouvé (vérifiez le chemin ou le motif).",
                f"{given}: no CSV or Excel file found (check the path or the pattern).",
            )
        found.extend(m for m in matches if m not in found)
    return found


def _wanted(path: Path) -> bool:
    name = path.name
    return path.suffix.lower() in SUFFIXES and not name.startswith((".", "~$"))


def office_config(path: Path, config_path: Path | None = None) -> Config:
    """``config_path`` when given, else the ``grc.toml`` beside ``path``, else the defaults."""
    if config_path is not None:
        return load_config(config_path)
    beside = path.parent / "grc.toml"
    return load_config(beside) if beside.is_file() else Config()


def office_name(path: Path, config: Config) -> str:
    """The ``office`` of the file's ``grc.toml``, else the file's name without its extension (nor ``-partage``)."""
    if config.office:
        return config.office.strip()
    stem = path.stem
    return stem.removesuffix("-partage") or stem


def _figures(result: PipelineResult, report: QualityReport) -> dict[str, float]:
    """Invalid emails and phones (cells), the share of rows that said yes to messages, the stale rows."""
    invalid = {"email": 0, "phone": 0}
    for match in result.mapping.matches:
        kind = "email" if match.field == "email" else "phone" if match.field in PHONE_FIELDS else ""
        if kind:
            invalid[kind] += result.field_counts.get(match.column, {}).get(INVALID, 0)
    cleaned = result.cleaned
    assert cleaned is not None
    consent = result.mapping.column_of("consent")
    said_yes = int((cleaned.data[consent] == "oui").sum()) if consent else 0
    stale = sum(problem.count for problem in report.problems if problem.code == "stale")
    return {
        "invalid_emails": invalid["email"],
        "invalid_phones": invalid["phone"],
        "consent_rate": round(100 * said_yes / result.rows_in, 1) if result.rows_in else 0.0,
        "stale": stale,
    }


def _clean_and_score(
    path: Path, config: Config, as_of: date | None, stage: Callable[[str], None]
) -> tuple[PipelineResult, QualityReport, dict[str, float]]:
    done = clean_file(path, config, write=False, on_stage=stage)
    report = assess(
        done.result,
        done.table.frame,
        config.quality,
        file=path.name,
        as_of=as_of or date.today(),
        as_of_source="option" if as_of is not None else "today",
        office=office_name(path, config),
    )
    return done.result, report, _figures(done.result, report)


def is_shared_file(path: Path) -> bool:
    """True for a workbook written by ``grc share`` (its two sheets)."""
    if path.suffix.lower() != ".xlsx":
        return False
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        names = set(book.sheetnames)
        book.close()
    except Exception:  # not a workbook grc can open: the reader will say why
        return False
    return {SHARE_SHEET, SHARE_QUALITY_SHEET} <= names


def audit_one(
    path: Path, config: Config, key: bytes, as_of: date | None = None, stage: Callable[[str], None] | None = None
) -> OfficeAudit:
    """One file's row of the audit: a raw export is cleaned and scored in memory, a shared file read as sent."""
    stage = stage or (lambda name: None)
    if is_shared_file(path):
        stage("read")
        return read_shared(path, key)
    result, report, figures = _clean_and_score(path, config, as_of, stage)
    stage("link")
    return OfficeAudit(report, figures, "export", hash_keys(linkage_keys(result), key))


def _work(
    path: Path, config: Config, key: bytes, as_of: date | None, number: int, queue: Any
) -> OfficeAudit | FileFailure:
    """A worker process's job: one file's audit, or its failure as data."""
    try:
        return audit_one(path, config, key, as_of, lambda name: queue.put((number, name)) if queue else None)
    except GrcError as error:
        return FileFailure(path.name, error.message, error.message_en, error.exit_code, error.kind)
    except Exception as error:  # a bug or a file no reader expected: name it, never its content
        name = type(error).__name__
        return FileFailure(
            path.name,
            f"Erreur inattendue ({name}) en lisant {path.name} : relancez grc score sur ce fichier avec --debug.",
            f"Unexpected error ({name}) reading {path.name}: run grc score on this file with --debug.",
            3,
            "unexpected",
        )


def audit_files(
    paths: Sequence[str | Path],
    *,
    key: bytes | None = None,
    config_path: Path | None = None,
    as_of: date | None = None,
    jobs: int | None = None,
    on_progress: Callable[[int, str], None] | None = None,
) -> AuditReport:
    """Audit the files of ``paths`` (:func:`expand_paths`) in ``jobs`` processes (1: in this process).

    Without ``key`` the raw exports are hashed with a random key that lives only for this run (shared files then
    need the network's key). ``on_progress(number, stage)`` is called here, in file order numbers, as each
    file's worker reaches a stage (``read``, ``clean``, ``link``, ``done``)."""
    files = expand_paths(paths)
    configs = [office_config(path, config_path) for path in files]
    if key is None and any(is_shared_file(path) for path in files):
        raise ConfigError(
            "Des fichiers de partage (grc share) sont dans la liste : donnez la clé du réseau avec --key.",
            "Shared files (grc share) are in the list: give the network's key with --key.",
        )
    secret = key if key is not None else secrets.token_bytes(32)
    progress = on_progress or (lambda number, name: None)
    outcomes = _run(files, configs, secret, as_of, jobs, progress)
    audits = [outcome for outcome in outcomes if isinstance(outcome, OfficeAudit)]
    failures = tuple(outcome for outcome in outcomes if isinstance(outcome, FileFailure))
    audits = _unique_offices(audits)
    together = overlap([a.report.office or a.report.file for a in audits], [a.keys for a in audits])
    return AuditReport(tuple(audits), failures, together)


def _run(
    files: list[Path],
    configs: list[Config],
    key: bytes,
    as_of: date | None,
    jobs: int | None,
    progress: Callable[[int, str], None],
) -> list[OfficeAudit | FileFailure]:
    if jobs == 1 or len(files) == 1:
        outcomes = []
        for number, (path, config) in enumerate(zip(files, configs, strict=True)):
            outcomes.append(audit_one_safely(path, config, key, as_of, number, progress))
            progress(number, "done")
        return outcomes
    # workers start from a fresh server process, not from a fork of this one: a fork copies whatever threads
    # hold here (Arrow's pool, a Spark session's) in a state the child may crash on
    context = worker_context()
    # each worker cleans its file in its own process alone: the processors are the files'
    configs = [replace(config, clean=replace(config.clean, jobs=1)) for config in configs]
    with context.Manager() as manager, ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        queue = manager.Queue()
        futures: dict[Future[OfficeAudit | FileFailure], int] = {
            pool.submit(_work, path, config, key, as_of, number, queue): number
            for number, (path, config) in enumerate(zip(files, configs, strict=True))
        }
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            _drain(queue, progress)
            for future in finished:
                progress(futures[future], "done")
        _drain(queue, progress)
        return [future.result() for future in futures]


def audit_one_safely(
    path: Path, config: Config, key: bytes, as_of: date | None, number: int, progress: Callable[[int, str], None]
) -> OfficeAudit | FileFailure:
    class _Queue:
        def put(self, item: tuple[int, str]) -> None:
            progress(*item)

    return _work(path, config, key, as_of, number, _Queue())


def _drain(queue: Any, progress: Callable[[int, str], None]) -> None:
    while not queue.empty():
        number, name = queue.get_nowait()
        progress(number, name)
    time.sleep(0)


def _unique_offices(audits: list[OfficeAudit]) -> list[OfficeAudit]:
    """Two files of one office keep their rows apart: the second and later ones get their file name added."""
    seen: dict[str, int] = {}
    for audit in audits:
        office = audit.report.office or audit.report.file
        seen[office] = seen.get(office, 0) + 1
    out = []
    for audit in audits:
        office = audit.report.office or audit.report.file
        if seen[office] > 1:
            audit = replace(audit, report=replace(audit.report, office=f"{office} ({audit.report.file})"))
        out.append(audit)
    return out


def share_frame(result: PipelineResult, config: Config, key: bytes, as_of: date) -> pd.DataFrame:
    """The rows an office can send: hashed keys, its own person number, postcode, country, activity dates,
    consent and each row's quality score; no name, email, phone or address."""
    cleaned = result.cleaned
    assert cleaned is not None
    frame = hash_keys(linkage_keys(result), key)
    for name in SHARE_FIELDS:
        column = result.mapping.column_of(name)
        if column is not None:
            frame[name] = cleaned.data[column].astype(str).to_numpy()
    dims = record_dimensions(cleaned, result.mapping, as_of=as_of, retention_years=config.quality.retention_years)
    frame[SHARE_QUALITY] = record_quality(dims, config.quality.record_weights).round(1).to_numpy()
    return frame.reset_index(drop=True)


def share_file(
    path: str | Path,
    key: bytes,
    config: Config | None = None,
    *,
    output: str | Path | None = None,
    as_of: date | None = None,
    force: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> tuple[Path, OfficeAudit]:
    """Write ``FILE-partage.xlsx`` beside the export (or ``output``): :func:`share_frame` and a sheet with the
    office's quality (counts only, and the key's fingerprint, never the key). Returns the path and the audit row
    it holds."""
    path = Path(path)
    config = config or Config()
    result, report, figures = _clean_and_score(path, config, as_of, on_stage or (lambda name: None))
    target = Path(output) if output is not None else path.with_name(f"{path.stem}-partage.xlsx")
    if target.suffix.lower() != ".xlsx":
        raise ConfigError(
            "grc share écrit un classeur .xlsx (deux feuilles) : donnez un nom en .xlsx à --output.",
            "grc share writes an .xlsx workbook (two sheets): give --output a name ending in .xlsx.",
        )
    rows = share_frame(result, config, key, as_of or date.today())
    quality = {**report.to_dict(), "figures": figures, "key_id": key_id(key)}
    sheet = pd.DataFrame(
        {"champ": list(quality), "valeur": [json.dumps(v, ensure_ascii=False) for v in quality.values()]}
    )
    write_table(target, {SHARE_SHEET: rows, SHARE_QUALITY_SHEET: sheet}, protect=path, force=force)
    return target, OfficeAudit(report, figures, "share", rows)


def read_shared(path: Path, key: bytes) -> OfficeAudit:
    """A ``grc share`` workbook as an audit row, named by the office that wrote it; refused when it was hashed
    with another key."""
    try:
        sheets = pd.read_excel(
            path, sheet_name=[SHARE_SHEET, SHARE_QUALITY_SHEET], dtype=str, keep_default_na=False, engine="calamine"
        )
        quality = {row["champ"]: json.loads(row["valeur"]) for _, row in sheets[SHARE_QUALITY_SHEET].iterrows()}
    except (ValueError, KeyError, OSError) as error:
        raise InputError(
            f"{path.name} ressemble à un fichier de partage grc mais ne se lit pas ({type(error).__name__}) : "
            "demandez à l'office de le refaire avec grc share.",
            f"{path.name} looks like a grc shared file but cannot be read ({type(error).__name__}): ask the office "
            "to make it again with grc share.",
        ) from None
    if quality.get("key_id") != key_id(key):
        raise ConfigError(
            f"{path.name} a été fait avec une autre clé que celle de --key : utilisez la clé du réseau partout.",
            f"{path.name} was made with another key than --key's: use the network's key everywhere.",
        )
    rows = sheets[SHARE_SHEET]
    for column in (PERSON_COLUMN, *KEY_COLUMNS.values()):
        if column not in rows:
            rows[column] = ""
    problems = tuple(QualityProblem(**problem) for problem in quality["problems"])
    fields = {name: quality[name] for name in QualityReport.__dataclass_fields__ if name in quality}
    report = QualityReport(**{**fields, "problems": problems, "file": path.name})
    if not report.office:
        report = replace(report, office=office_name(path, Config()))
    return OfficeAudit(report, dict(quality.get("figures", {})), "share", rows)
