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

from grc_toolkit.api import CleanRun, clean_file, output_sheets, read_file
from grc_toolkit.config import CleanOptions, Config, DedupeOptions, ReadOptions, load_config
from grc_toolkit.errors import ConfigError, GrcError, InputError, MappingError, OutputError, OutputExistsError
from grc_toolkit.io import Table, read_table, write_table
from grc_toolkit.mapping import ColumnMapping, map_columns
from grc_toolkit.pipeline import PipelineResult, run
from grc_toolkit.report import CleanReport
from grc_toolkit.results import FieldResult, Issue

__version__ = "0.1.0"

__all__ = [
    "CleanOptions",
    "CleanReport",
    "CleanRun",
    "ColumnMapping",
    "Config",
    "ConfigError",
    "DedupeOptions",
    "FieldResult",
    "GrcError",
    "InputError",
    "Issue",
    "MappingError",
    "OutputError",
    "OutputExistsError",
    "PipelineResult",
    "ReadOptions",
    "Table",
    "__version__",
    "clean_file",
    "load_config",
    "map_columns",
    "output_sheets",
    "read_file",
    "read_table",
    "run",
    "write_table",
]
