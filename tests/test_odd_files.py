"""Files nobody here made (issue 7): the shapes offices really keep, each once a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from grc_toolkit.api import clean_file
from grc_toolkit.schema import SOURCE_ROWS


@pytest.mark.parametrize(
    "content",
    [
        "email\na@b.fr\nc@d.fr\ne@f.fr\n",  # a newsletter list: no two rows share a blocking key
        "Email;Ville\na@b.fr;Paris\nc@d.fr;Lyon\n",
        "Société;Ville\nHôtel du Port;Vannes\nCamping des Pins;Carnac\n",
        "a,b\n1,2\n3,4\n",  # no recognised column at all
    ],
)
def test_rows_sharing_nothing_are_cleaned_and_written(tmp_path: Path, content: str) -> None:
    source = tmp_path / "export.csv"
    source.write_text(content, encoding="utf-8")
    run = clean_file(source, output=tmp_path / "out.xlsx")
    assert run.result.rows_out == content.count("\n") - 1
    assert (tmp_path / "out.xlsx").exists()
    assert run.result.review.empty
    rows = sorted(int(r) for cell in run.result.data[SOURCE_ROWS] for r in str(cell).split(" ; "))
    assert rows == list(range(2, content.count("\n") + 1))
