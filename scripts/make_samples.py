"""Write the sample exports of the README's quick start: ``samples/visitors-sample.csv`` and ``.xlsx``.

Both hold :func:`grc_toolkit.testing.sample_export` (about 300 rows, French headers), written by
:mod:`grc_toolkit.testing.writers` the way offices hand them over:

* the CSV as a French Windows CRM exports it: cp1252, ``;`` between fields, CRLF line ends;
* the workbook with a title row and a blank row above the header, and what Excel does to typed-in
  values: postcodes and bare phone numbers stored as numbers (``1000``, ``612345678``), ``dd/mm/yyyy``
  dates stored as dates, serial dates as plain numbers.

Run it after changing the generator, then commit the samples::

    python scripts/make_samples.py              # writes into samples/
    python scripts/make_samples.py /tmp/out     # somewhere else

The output is byte-stable: two runs give the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's grc_toolkit, not an installed one
from grc_toolkit.testing import sample_export, write_csv, write_xlsx  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CSV_NAME = "visitors-sample.csv"
XLSX_NAME = "visitors-sample.xlsx"


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else SAMPLES
    out_dir.mkdir(parents=True, exist_ok=True)
    messy = sample_export().messy
    write_csv(messy, out_dir / CSV_NAME)
    write_xlsx(messy, out_dir / XLSX_NAME)
    print(f"{len(messy)} lignes écrites dans {out_dir / CSV_NAME} et {out_dir / XLSX_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
