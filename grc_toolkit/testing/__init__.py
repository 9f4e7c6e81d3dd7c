"""Test helpers: realistic messy exports with their true clean values, and writers that save them as offices do.

Not used by grc itself; tests, benchmarks and ``scripts/make_samples.py`` build their data here, since tests
may not depend on outside files (as pyjanitor's ``janitor.testing_utils``)::

    from grc_toolkit.testing import generate_export, write_csv

    export = generate_export(500, seed=7, columns="crm")
    write_csv(export.messy, tmp_path / "export.csv")
"""

from grc_toolkit.testing.samplegen import (
    HEADER_SETS,
    SAMPLE_SEED,
    TRUTH_COLUMNS,
    GeneratedExport,
    generate_export,
    sample_export,
)
from grc_toolkit.testing.writers import write_csv, write_xlsx

__all__ = [
    "HEADER_SETS",
    "SAMPLE_SEED",
    "TRUTH_COLUMNS",
    "GeneratedExport",
    "generate_export",
    "sample_export",
    "write_csv",
    "write_xlsx",
]
