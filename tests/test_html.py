"""The HTML page of ``grc audit``: self-contained (nothing fetched), every value escaped, drawn by a real browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from grc_toolkit.history import DIMENSIONS, append, read
from grc_toolkit.present.html import GRADE_COLOURS, audit_html

HOSTILE = "<script>alert(1)</script>"
OFFICES = [("Vannes", 81.2, "B"), ("Auray & Carnac", 66.0, "C"), (HOSTILE, 38.5, "E")]


def _file(office: str, score: float, grade: str) -> dict[str, object]:
    return {
        "file": f"{office[:6]}.xlsx",
        "office": office,
        "rows": 1200,
        "people": 1100,
        "score": score,
        "grade": grade,
        "dimensions": {name: score - 10 + 4 * index for index, name in enumerate(DIMENSIONS)},
        "problems": [
            {
                "code": "default_value",
                "column": "Pays",
                "field": "country",
                "value": "France",
                "share": 0.92,
                "count": 1100,
            },
            {"code": "stale", "column": "", "field": "", "value": "", "share": 0.3, "count": 360},
        ],  # fmt: skip
        "record_score": 70.0,
        "as_of": "2025-07-01",
        "retention_years": 3,
    }


AUDIT = {
    "files": [_file(*office) for office in OFFICES],
    "overlap": {
        "offices": [office for office, _, _ in OFFICES],
        "pairs": [{"a": "Vannes", "b": "Auray & Carnac", "people": 42}],
        "three_or_more": 3,
    },
}


@pytest.fixture
def page(tmp_path: Path) -> str:
    path = tmp_path / "h.sqlite"
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for run in range(3):
        files = [{**file, "score": float(str(file["score"])) - 6 + 3 * run} for file in AUDIT["files"]]  # type: ignore[attr-defined]
        append(path, files, "audit", when=start + timedelta(days=45 * run))
    return audit_html(AUDIT, read(path), made_on=date(2025, 7, 2))


def test_the_page_fetches_nothing(page: str) -> None:
    lowered = page.lower()
    for forbidden in ("http", "<script src", "<link", "url(", "@import", "<img", "<iframe", "src="):
        assert forbidden not in lowered, forbidden
    assert "<script" not in lowered.replace(HOSTILE.lower(), "")  # not even an inline script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the hostile office is shown as text
    assert HOSTILE not in page


def test_every_office_its_grade_and_the_charts_are_there(page: str) -> None:
    for office in ("Vannes", "Auray &amp; Carnac"):
        assert page.count(office) >= 4  # table, score chart, heat map, overlap (and the trend's legend)
    assert page.count('class="bar"') == 3
    assert page.count('class="cell"') == 3 * len(DIMENSIONS)
    assert page.count('class="trend"') == 3
    assert "Qualité des fichiers de contacts" in page and "Bilan du 2025-07-02" in page
    assert "Pays : « France » sur 92 % des lignes" in page  # the problems in the words of grc score
    assert "81,2" in page and "@media print" in page and "size:A4" in page
    assert ">42<" in page and "3 personnes sont dans trois fichiers ou plus." in page


def test_english_and_without_history() -> None:
    page = audit_html(AUDIT, None, lang="en")
    assert 'lang="en"' in page and "Quality of the contact files" in page and "Main problems:" in page
    assert "Qualité" not in page and 'class="trend"' not in page and "No history yet" in page
    single = audit_html({"files": [_file("Vannes", 80.0, "B")], "overlap": {"offices": ["Vannes"], "pairs": []}})
    assert "Un seul office" in single


# --- in a real browser ------------------------------------------------------------------------------------


def _browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium absent: install Debian's chromium package (.ci/run does) to draw the page for real")
    return found


def _chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # any request outside the page would fail
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run([browser, *flags, *args], capture_output=True, text=True, timeout=60, check=False)


def _pixels(png: bytes) -> np.ndarray:
    """The RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes), without an imaging library."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data = 8, b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, body = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(data), dtype=np.uint8).reshape(height, stride + 1)
    image = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        kind, line = int(raw[y, 0]), raw[y, 1:]
        if kind == 0:
            row = line.copy()
        elif kind == 1:
            row = np.cumsum(line.reshape(width, channels), axis=0, dtype=np.uint8).reshape(stride)
        elif kind == 2:
            row = line + previous
        else:
            row = _unfilter_slowly(kind, line.tolist(), previous.tolist(), channels)
        image[y] = row
        previous = row
    return image.reshape(height, width, channels)[:, :, :3]


def _unfilter_slowly(kind: int, line: list[int], above: list[int], channels: int) -> np.ndarray:
    out = [0] * len(line)
    for i, value in enumerate(line):
        left = out[i - channels] if i >= channels else 0
        up = above[i]
        if kind == 3:
            out[i] = (value + (left + up) // 2) & 0xFF
        else:
            corner = above[i - channels] if i >= channels else 0
            estimate = left + up - corner
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
            nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            out[i] = (value + nearest) & 0xFF
    return np.array(out, dtype=np.uint8)


def test_headless_chromium_draws_the_page_with_its_charts(page: str, tmp_path: Path) -> None:
    browser = _browser()
    html_file = tmp_path / "audit.html"
    html_file.write_text(page, encoding="utf-8")
    shot = tmp_path / "audit.png"
    url = html_file.as_uri()
    drawn = _chromium(browser, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", url)
    assert shot.is_file(), drawn.stderr[-2000:]
    pixels = _pixels(shot.read_bytes())
    assert pixels.shape == (1600, 1200, 3)
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) > 50, "the screenshot is (nearly) blank"
    for grade in ("B", "C", "E"):  # each bar's grade colour is on screen
        target = np.array([int(GRADE_COLOURS[grade][i : i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(colours.astype(int) - target).max(axis=1) <= 6).any(), grade
    dom = _chromium(browser, tmp_path, "--dump-dom", url).stdout
    assert len(re.findall(r"<svg\b", dom)) >= 3 + 3  # three charts, and the legend's swatches
    assert dom.count('class="bar"') == 3 and dom.count('class="trend"') == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "<script>" not in dom  # text, never run
