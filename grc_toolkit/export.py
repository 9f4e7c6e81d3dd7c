"""``grc export``: from an export (raw or already cleaned) to the file a campaign or a partner imports.

The road: :func:`~grc_toolkit.api.clean_file` (read, clean, deduplicate: one person is one row) ->
:func:`grc_toolkit.people.people` (each person's fields under canonical names) -> :func:`select` (who may be
written to, and why the others may not) -> :func:`preflight` (what Brevo or Mailchimp would refuse) ->
:mod:`grc_toolkit.presets` (their columns and formats) -> the files, and a rejects file beside them that
names every person left out with one reason.

Who goes, by default (RGPD, CNIL): marketing email needs prior consent, so only people whose merged consent is
``oui``; a prospect's data goes after 3 years without contact, so only people whose last contact is within the
retention period (``--retention``, ``[quality] retention_years``). ``everyone=True`` (``--all``) checks neither,
and the report says so. Each person left out gets the first reason that applies, in :data:`REASONS`' order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from grc_toolkit.api import CleanRun, clean_file
from grc_toolkit.cleaners.emails import clean_emails
from grc_toolkit.config import Config
from grc_toolkit.errors import ConfigError
from grc_toolkit.io import check_writable, write_table
from grc_toolkit.io.writers import neutralise_formula
from grc_toolkit.people import fields_present, people
from grc_toolkit.presets import PLATFORMS, PRESETS, brevo, mailchimp, phones
from grc_toolkit.results import CORRECTED, FLAG, VALID
from grc_toolkit.retention import Period
from grc_toolkit.schema import GRC_COLUMNS
from grc_toolkit.segments import Filter, segment_names, segment_values

#: Why a person is left out, in the order they are looked for (a person gets the first that applies).
REASONS = (
    "filter",  # kept out by --where
    "consent.refused",  # consent "non"
    "consent.missing",  # consent blank
    "consent.no_column",  # the file has no consent column
    "retention.expired",  # last contact before the retention period
    "retention.undated",  # the file has contact dates, this person none
    "email.missing",
    "email.invalid",
    "email.unsafe",  # starts with = + - @: a spreadsheet would run it
    "email.role",  # contact@, info@...: Mailchimp refuses them, they reach a desk
    "email.disposable",  # yopmail...
    "email.duplicate",  # another person of the export has it: the platform would merge them
)
#: What a run may warn about (their wording: :mod:`grc_toolkit.present.export`).
WARNINGS = (
    "everyone",  # --all: consent and retention not checked
    "no_consent_column",
    "no_date_column",  # retention cannot be checked
    "retention_off",  # --retention none
    "undated_kept",  # --keep-undated
    "no_where_column",  # a --where names a field the file does not have: only blanks can match it
    "no_split_column",  # --split-by names a field the file does not have
    "nobody",  # nobody exported
)
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class ExportOptions:
    """What ``grc export`` writes: ``to`` (:data:`~grc_toolkit.presets.PRESETS`), the date the retention is
    counted at, the ``retention`` period (None: not checked), ``everyone`` (``--all``), ``keep_undated``,
    ``filters`` (``--where``) and ``split_by`` (a field of :data:`~grc_toolkit.segments.SPLIT_FIELDS`)."""

    to: str = "csv"
    as_of: date = field(default_factory=date.today)
    as_of_source: str = "today"
    retention: Period | None = field(default_factory=lambda: Period.years(3))
    everyone: bool = False
    keep_undated: bool = False
    filters: tuple[Filter, ...] = ()
    split_by: str | None = None

    def __post_init__(self) -> None:
        if self.to not in PRESETS:
            raise ConfigError(
                f"--to « {self.to} » inconnu : choisissez brevo, mailchimp, csv ou xlsx.",
                f"Unknown --to '{self.to}': choose brevo, mailchimp, csv or xlsx.",
            )


@dataclass(frozen=True)
class Selection:
    """Per person (position in the pipeline's ``data``): ``reason`` ("" when exported) and ``detail`` (what the
    reason's sentence cites: the filter, the last contact date, the rows of the person who kept an address);
    ``emails``: each address as checked (what a platform file holds); ``warnings``: codes of :data:`WARNINGS`."""

    reason: pd.Series
    detail: pd.Series
    emails: pd.Series
    warnings: tuple[str, ...]

    @property
    def kept(self) -> pd.Index:
        return self.reason.index[self.reason == ""]

    def counts(self) -> dict[str, int]:
        counted = self.reason.value_counts()
        return {code: int(counted.get(code, 0)) for code in REASONS}


class Verdicts:
    """Each person's reason so far ("" while they go) and what it cites; a person keeps the first reason given."""

    def __init__(self, index: pd.Index) -> None:
        self.reason = pd.Series("", index=index, dtype=object)
        self.detail = pd.Series("", index=index, dtype=object)

    @property
    def going(self) -> np.ndarray:
        return (self.reason == "").to_numpy()

    def leave_out(self, mask: pd.Series, code: str, said: pd.Series | str = "") -> None:
        """Give ``code`` (and ``said``) to the people of ``mask`` who have no reason yet."""
        chosen = mask.to_numpy(dtype=bool) & self.going
        self.reason[chosen] = code
        self.detail[chosen] = said[chosen] if isinstance(said, pd.Series) else said


def select(persons: pd.DataFrame, present: frozenset[str], options: ExportOptions) -> Selection:
    """Who goes (``reason`` ""), who does not and why: ``--where`` filters, then consent and retention (unless
    ``everyone``), then, for Brevo and Mailchimp, :func:`preflight`."""
    verdicts = Verdicts(persons.index)
    warnings: list[str] = []
    for condition in options.filters:
        verdicts.leave_out(~condition.matches(persons), "filter", condition.text)
    if any(condition.field not in present for condition in options.filters):
        warnings.append("no_where_column")
    if options.everyone:
        warnings.append("everyone")
    else:
        _consent(persons, present, verdicts, warnings)
        _retention(persons, present, options, verdicts, warnings)
    emails = preflight(persons, verdicts) if options.to in PLATFORMS else persons["email"]
    if options.split_by is not None and options.split_by not in present:
        warnings.append("no_split_column")
    if not verdicts.going.any():
        warnings.append("nobody")
    return Selection(verdicts.reason, verdicts.detail, emails, tuple(warnings))


def _consent(persons: pd.DataFrame, present: frozenset[str], verdicts: Verdicts, warnings: list[str]) -> None:
    if "consent" not in present:
        warnings.append("no_consent_column")
        verdicts.leave_out(pd.Series(True, index=persons.index), "consent.no_column")
        return
    verdicts.leave_out(persons["consent"] == "non", "consent.refused")
    verdicts.leave_out(persons["consent"] != "oui", "consent.missing")


def _retention(
    persons: pd.DataFrame, present: frozenset[str], options: ExportOptions, verdicts: Verdicts, warnings: list[str]
) -> None:
    if options.retention is None:
        warnings.append("retention_off")
        return
    if "last_contact" not in present:
        warnings.append("no_date_column")
        return
    last = persons["last_contact"]
    dates = last.dt.strftime("%Y-%m-%d").fillna("").astype(object)
    verdicts.leave_out(last < options.retention.since(options.as_of), "retention.expired", dates)
    if options.keep_undated:
        warnings.append("undated_kept")
    else:
        verdicts.leave_out(last.isna(), "retention.undated")


def preflight(persons: pd.DataFrame, verdicts: Verdicts) -> pd.Series:
    """What Brevo or Mailchimp would refuse or should not get: no address, an invalid one, one a spreadsheet
    would run as a formula, a role (``contact@``) or throwaway (``yopmail``) address, an address an earlier
    person of the export already has (the first one, in the export's order, keeps it). Returns each address as
    checked (cleaned again: what the file holds)."""
    checked = clean_emails(persons["email"])
    emails = checked.values.where(checked.status.isin([VALID, CORRECTED]), "").astype(object)
    flags = checked.extra[FLAG] if FLAG in checked.extra else pd.Series("", index=persons.index)
    verdicts.leave_out(persons["email"] == "", "email.missing")
    verdicts.leave_out(emails == "", "email.invalid")
    verdicts.leave_out(emails.str.startswith(_FORMULA_START), "email.unsafe")
    verdicts.leave_out(flags == "email.role", "email.role")
    verdicts.leave_out(flags == "email.disposable", "email.disposable")
    keys = emails.str.lower()
    first = keys[verdicts.going].drop_duplicates(keep="first")
    holder = pd.Series(persons["source_rows"][first.index].to_numpy(), index=first.to_numpy())
    repeated = pd.Series(~persons.index.isin(first.index), index=persons.index)
    verdicts.leave_out(repeated, "email.duplicate", keys.map(holder).astype(object).fillna(""))
    return emails


@dataclass(frozen=True)
class OutputFile:
    """One file written: its path, its segment (``--split-by``; None for a single file) and its rows."""

    path: str
    segment: str | None
    rows: int


@dataclass(frozen=True)
class ExportReport:
    """What ``grc export`` did, as data (the terminal summary and ``--json`` are made from :meth:`to_dict`)."""

    file: str
    to: str
    rows: int
    people: int
    exported: int
    left_out: int
    reasons: dict[str, int]
    adjustments: dict[str, int]
    outputs: tuple[OutputFile, ...]
    rejects: str | None
    as_of: str
    as_of_source: str
    retention: str | None
    everyone: bool
    filters: tuple[str, ...]
    split_by: str | None
    warnings: tuple[str, ...]
    #: people on the suppression list (erased, ``grc forget``) found in the file and left out before anything
    #: else, and their rows (counted in ``rows``, never in ``people``)
    erased_people: int = 0
    erased_rows: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "to": self.to,
            "rows": self.rows,
            "people": self.people,
            "exported": self.exported,
            "left_out": self.left_out,
            "reasons": dict(self.reasons),
            "adjustments": dict(self.adjustments),
            "outputs": [{"path": o.path, "segment": o.segment, "rows": o.rows} for o in self.outputs],
            "rejects": self.rejects,
            "as_of": self.as_of,
            "as_of_source": self.as_of_source,
            "retention": self.retention,
            "all": self.everyone,
            "where": list(self.filters),
            "split_by": self.split_by,
            "warnings": list(self.warnings),
            "erased_people": self.erased_people,
            "erased_rows": self.erased_rows,
        }


@dataclass(frozen=True)
class ExportRun:
    """An export's report, its files' frames (path -> frame, as written), the rejects file's frame, who went and
    why the others did not (``selection``, by position in ``people``, one row per person) and the pipeline run."""

    report: ExportReport
    files: dict[Path, pd.DataFrame]
    rejects: pd.DataFrame
    selection: Selection
    people: pd.DataFrame
    clean: CleanRun


def default_export_path(path: str | Path, to: str) -> Path:
    """``export.xlsx`` -> ``export-brevo.csv``, ``export-mailchimp.csv``, ``export-export.csv`` or ``.xlsx``.

    Examples:
        >>> default_export_path("dossier/visiteurs.xlsx", "brevo").as_posix()
        'dossier/visiteurs-brevo.csv'
        >>> default_export_path("visiteurs.csv", "xlsx").name
        'visiteurs-export.xlsx'
    """
    source = Path(path)
    name = to if to in PLATFORMS else "export"
    return source.with_name(f"{source.stem}-{name}{'.xlsx' if to == 'xlsx' else '.csv'}")


def rejects_path(output: Path) -> Path:
    """``export-brevo.csv`` -> ``export-brevo-rejets.csv`` (an ``.xlsx`` output, an ``.xlsx`` rejects file)."""
    return output.with_name(f"{output.stem}-rejets{output.suffix}")


def check_output_format(output: Path, to: str) -> None:
    """A platform's file is CSV (Mailchimp imports CSV only; Brevo CSV or xlsx); ``--to xlsx`` writes xlsx."""
    suffix = output.suffix.lower()
    allowed = {"brevo": (".csv", ".txt", ".xlsx"), "mailchimp": (".csv", ".txt"), "csv": (".csv", ".txt", ".tsv"),
               "xlsx": (".xlsx",)}[to]  # fmt: skip
    if suffix not in allowed:
        raise ConfigError(
            f"--to {to} écrit un fichier {' ou '.join(allowed)} : choisissez un autre nom pour -o ({output.name}).",
            f"--to {to} writes a {' or '.join(allowed)} file: choose another name for -o ({output.name}).",
        )


def export_config(config: Config, to: str) -> Config:
    """The pipeline's settings for an export: duplicates always merged (one person, one row); a platform's
    phones in E.164."""
    clean = replace(config.clean, phone_format="e164") if to in PLATFORMS else config.clean
    return replace(config, clean=clean, dedupe=replace(config.dedupe, enabled=True))


def export_file(
    path: str | Path,
    config: Config | None = None,
    options: ExportOptions | None = None,
    *,
    output: str | Path | None = None,
    write: bool = True,
    force: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> ExportRun:
    """Clean ``path`` and write what ``options`` ask (one file, or one per segment) and its rejects file beside
    it; the export is never modified, an existing output replaced only as :func:`~grc_toolkit.io.write_table`
    allows (``force``)."""
    from grc_toolkit.present.export import rejects_sheet  # wording lives in present

    config, options = config or Config(), options or ExportOptions()
    target = Path(output) if output is not None else default_export_path(path, options.to)
    check_output_format(target, options.to)
    stage = on_stage or (lambda name: None)
    done = clean_file(path, export_config(config, options.to), write=False, on_stage=stage)
    stage("select")
    persons, present = people(done.result), fields_present(done.result)
    selection = select(persons, present, options)
    frames, adjustments, segments = _files(done, persons, present, selection, options, target)
    period = options.retention.words(config.lang) if options.retention is not None else ""
    worded = rejects_sheet(persons, selection, present, config.lang, period=period, as_of=options.as_of.isoformat())
    rejects = neutralised(worded)
    rejects_target = rejects_path(target)
    if write:
        stage("write")
        _write(frames, rejects_target, rejects, options, [Path(path)], force, config.lang)
    kept = len(selection.kept)
    report = ExportReport(
        file=Path(path).name,
        to=options.to,
        rows=done.result.rows_in + len(done.result.removed),
        people=len(persons),
        exported=kept,
        left_out=len(persons) - kept,
        reasons=selection.counts(),
        adjustments=adjustments,
        outputs=tuple(OutputFile(str(p), segments[p], len(f)) for p, f in frames.items()),
        rejects=str(rejects_target),
        as_of=options.as_of.isoformat(),
        as_of_source=options.as_of_source,
        retention=options.retention.code if options.retention is not None else None,
        everyone=options.everyone,
        filters=tuple(f.text for f in options.filters),
        split_by=options.split_by,
        warnings=selection.warnings,
        erased_people=done.result.removed_people,
        erased_rows=len(done.result.removed),
    )
    return ExportRun(report, frames, rejects, selection, persons, done)


def _files(
    done: CleanRun,
    persons: pd.DataFrame,
    present: frozenset[str],
    selection: Selection,
    options: ExportOptions,
    target: Path,
) -> tuple[dict[Path, pd.DataFrame], dict[str, int], dict[Path, str | None]]:
    """The frame of each file (one, or one per segment), what the platform preset adjusted, each file's segment."""
    kept = selection.kept
    data = done.result.data
    adjustments: dict[str, int] = {}
    if options.to in PLATFORMS:
        numbers = phones(data.loc[kept], done.result.mapping)
        build = brevo if options.to == "brevo" else mailchimp
        preset = build(persons.loc[kept], selection.emails[kept], numbers, present)
        whole, adjustments = preset.frame, preset.adjustments
    else:
        own = [column for column in data.columns if column not in GRC_COLUMNS]
        whole = data.loc[kept, own].reset_index(drop=True)
    whole = neutralised(whole)
    if options.split_by is None:
        return {target: whole}, adjustments, {target: None}
    values = segment_values(persons.loc[kept], options.split_by).reset_index(drop=True)
    names = segment_names(values, options.split_by, taken=frozenset({"rejets"}))
    frames: dict[Path, pd.DataFrame] = {}
    segments: dict[Path, str | None] = {}
    for value, name in names.items():
        path = target.with_name(f"{target.stem}-{name}{target.suffix}")
        frames[path] = whole[(values == value).to_numpy()].reset_index(drop=True)
        segments[path] = value
    return frames, adjustments, segments


def _write(
    frames: dict[Path, pd.DataFrame],
    rejects_target: Path,
    rejects: pd.DataFrame,
    options: ExportOptions,
    inputs: list[Path],
    force: bool,
    lang: str,
) -> None:
    """Check every file can be written before writing any (an existing file not grc's stops the run whole),
    then write the rejects file and each export file."""
    for target in [rejects_target, *frames]:
        check_writable(target, protect=inputs, force=force)
    delimiter = "," if options.to == "mailchimp" else ";"
    sheet = "Contacts"
    write_table(rejects_target, {"Rejets" if lang != "en" else "Rejects": rejects}, protect=inputs, force=force)
    for target, frame in frames.items():
        write_table(target, {sheet: frame}, protect=inputs, force=force, csv_delimiter=delimiter)


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell a spreadsheet would run as a formula (``=``, ``@``, ``+`` or ``-`` not starting a number
    or a phone number) prefixed with ``'``, in every format: a file sent to a platform or a partner is opened
    and exported again elsewhere, where an xlsx string would become a CSV cell.

    Examples:
        >>> neutralised(pd.DataFrame({"Nom": ["=HYPERLINK(1)", "Zoé", "+33612345678", "@x"]}))["Nom"].tolist()
        ["'=HYPERLINK(1)", 'Zoé', '+33612345678', "'@x"]
    """
    safe = frame.copy()
    safe.columns = [neutralise_formula(str(column)) for column in frame.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position].fillna("").astype(str)
        safe.iloc[:, position] = column.map({value: neutralise_formula(value) for value in column.unique()})
    return safe


__all__ = [
    "REASONS",
    "WARNINGS",
    "ExportOptions",
    "ExportReport",
    "ExportRun",
    "OutputFile",
    "Selection",
    "Verdicts",
    "check_output_format",
    "default_export_path",
    "export_config",
    "export_file",
    "neutralised",
    "preflight",
    "rejects_path",
    "select",
]
