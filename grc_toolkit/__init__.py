"""grc: clean, deduplicate and score the visitor files of tourism offices.

The library is usable without the command line::

    from grc_toolkit import clean_file
    done = clean_file("export.xlsx")       # writes export-clean.xlsx beside it
    done.report.to_dict()                  # what `grc clean --json` prints

Each stage returns data (rule codes, positions, :class:`Issue` objects); :mod:`grc_toolkit.present`
words them in French or English::

    from grc_toolkit import present, run
    result = run(frame)                    # result.issues: Issue(code, row, column)
    present.contacts(result, "en")         # the records, grc_issues in English
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below are imported on first use: `grc` starts (and answers Ctrl-C) before pandas loads
    from grc_toolkit.api import CleanRun, clean_file, output_sheets, read_file, score_file
    from grc_toolkit.audit import AuditReport, OfficeAudit, audit_files, share_file
    from grc_toolkit.config import CleanOptions, Config, DedupeOptions, QualityOptions, ReadOptions, load_config
    from grc_toolkit.errors import ConfigError, GrcError, InputError, MappingError, OutputError, OutputExistsError
    from grc_toolkit.export import ExportOptions, ExportReport, ExportRun, export_file
    from grc_toolkit.io import Table, read_table, write_table
    from grc_toolkit.linkage import Overlap, read_key
    from grc_toolkit.mapping import ColumnMapping, map_columns
    from grc_toolkit.pipeline import PipelineResult, run
    from grc_toolkit.report import CleanReport
    from grc_toolkit.results import FieldResult, Issue, QualityProblem, QualityReport
    from grc_toolkit.retention import Period
    from grc_toolkit.retention_report import RetentionOptions, RetentionReport, RetentionRun, retention_file

_LAZY = {
    "AuditReport": "grc_toolkit.audit",
    "OfficeAudit": "grc_toolkit.audit",
    "audit_files": "grc_toolkit.audit",
    "share_file": "grc_toolkit.audit",
    "Overlap": "grc_toolkit.linkage",
    "read_key": "grc_toolkit.linkage",
    "CleanRun": "grc_toolkit.api",
    "clean_file": "grc_toolkit.api",
    "output_sheets": "grc_toolkit.api",
    "read_file": "grc_toolkit.api",
    "score_file": "grc_toolkit.api",
    "CleanOptions": "grc_toolkit.config",
    "Config": "grc_toolkit.config",
    "DedupeOptions": "grc_toolkit.config",
    "QualityOptions": "grc_toolkit.config",
    "ReadOptions": "grc_toolkit.config",
    "load_config": "grc_toolkit.config",
    "ExportOptions": "grc_toolkit.export",
    "ExportReport": "grc_toolkit.export",
    "ExportRun": "grc_toolkit.export",
    "export_file": "grc_toolkit.export",
    "Period": "grc_toolkit.retention",
    "RetentionOptions": "grc_toolkit.retention_report",
    "RetentionReport": "grc_toolkit.retention_report",
    "RetentionRun": "grc_toolkit.retention_report",
    "retention_file": "grc_toolkit.retention_report",
    "ConfigError": "grc_toolkit.errors",
    "GrcError": "grc_toolkit.errors",
    "InputError": "grc_toolkit.errors",
    "MappingError": "grc_toolkit.errors",
    "OutputError": "grc_toolkit.errors",
    "OutputExistsError": "grc_toolkit.errors",
    "Table": "grc_toolkit.io",
    "read_table": "grc_toolkit.io",
    "write_table": "grc_toolkit.io",
    "ColumnMapping": "grc_toolkit.mapping",
    "map_columns": "grc_toolkit.mapping",
    "PipelineResult": "grc_toolkit.pipeline",
    "run": "grc_toolkit.pipeline",
    "CleanReport": "grc_toolkit.report",
    "FieldResult": "grc_toolkit.results",
    "Issue": "grc_toolkit.results",
    "QualityProblem": "grc_toolkit.results",
    "QualityReport": "grc_toolkit.results",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'grc_toolkit' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "AuditReport",
    "OfficeAudit",
    "Overlap",
    "audit_files",
    "read_key",
    "share_file",
    "CleanOptions",
    "CleanReport",
    "CleanRun",
    "ColumnMapping",
    "Config",
    "ConfigError",
    "DedupeOptions",
    "ExportOptions",
    "ExportReport",
    "ExportRun",
    "FieldResult",
    "GrcError",
    "InputError",
    "Issue",
    "MappingError",
    "OutputError",
    "OutputExistsError",
    "Period",
    "PipelineResult",
    "QualityOptions",
    "QualityProblem",
    "QualityReport",
    "ReadOptions",
    "RetentionOptions",
    "RetentionReport",
    "RetentionRun",
    "Table",
    "__version__",
    "clean_file",
    "export_file",
    "load_config",
    "map_columns",
    "output_sheets",
    "read_file",
    "read_table",
    "retention_file",
    "run",
    "score_file",
    "write_table",
]
