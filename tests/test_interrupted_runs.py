"""A run killed while it writes leaves the previous output intact; two runs never write one output at once.

Real ``grc clean`` processes: the test waits until the writer's temporary file (``.out.xlsx.<hex>.tmp``) has
been there for two looks in a row (the writability probe made before reading lasts microseconds), then sends
SIGKILL or SIGINT. No sleep decides the outcome.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grc_toolkit.commands import app
from grc_toolkit.errors import EXIT_INTERRUPTED, EXIT_OUTPUT_EXISTS
from grc_toolkit.io import read_table
from grc_toolkit.io.lock import lock_path
from grc_toolkit.io.writers import remove_stale_temps, temp_pattern
from grc_toolkit.testing import generate_export

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ROOT = Path(__file__).resolve().parent.parent
_MAIN = "from grc_toolkit.commands import main; import sys; sys.argv = ['grc', *sys.argv[1:]]; main()"


def _grc(*args: str) -> subprocess.Popen[str]:
    """``grc clean ... -q --no-dedupe --no-history`` in a process of its own (no dedupe: quicker, same writer)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "fr_FR.UTF-8", "LC_ALL": ""}
    return subprocess.Popen(
        [sys.executable, "-c", _MAIN, "clean", *args, "-q", "--no-dedupe", "--no-history"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _temps(target: Path) -> list[Path]:
    pattern = temp_pattern(target)
    return sorted(path for path in target.parent.iterdir() if pattern.fullmatch(path.name))


def _wait_for_the_writer(process: subprocess.Popen[str], target: Path, timeout: float = 240) -> None:
    """Until the same temporary file is seen twice, 50 ms apart: the writer's, not the probe's."""
    deadline = time.monotonic() + timeout
    seen: list[Path] = []
    while time.monotonic() < deadline:
        assert process.poll() is None, f"grc ended before writing: {process.communicate()}"
        now = _temps(target)
        if now and now == seen:
            return
        seen = now
        time.sleep(0.05)
    raise AssertionError("the writer never started")


def _finished(process: subprocess.Popen[str]) -> None:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, (out, err)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``big.csv`` and the ``out.xlsx`` an earlier run wrote from it."""
    folder = tmp_path_factory.mktemp("previous")
    generate_export(2_000, seed=11).messy.to_csv(folder / "big.csv", sep=";", index=False)
    _finished(_grc(str(folder / "big.csv"), "-o", str(folder / "out.xlsx")))
    yield folder


@pytest.fixture
def folder(previous: Path, tmp_path: Path) -> Path:
    for name in ("big.csv", "out.xlsx"):
        shutil.copy2(previous / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_run_stopped_while_writing_leaves_the_previous_output_intact(folder: Path, how: signal.Signals) -> None:
    target = folder / "out.xlsx"
    before = _digest(target)
    process = _grc(str(folder / "big.csv"), "-o", str(target))
    _wait_for_the_writer(process, target)
    process.send_signal(how)
    _, err = process.communicate(timeout=120)

    assert _digest(target) == before, "the previous output was changed by a run that did not finish"
    assert len(read_table(target).frame) > 2_000
    if how == signal.SIGINT:  # Ctrl-C: the writer cleans up after itself, one line, exit code 130
        assert (process.returncode, err) == (EXIT_INTERRUPTED, "Interrompu.\n")
        assert _temps(target) == []
    else:  # nothing runs after SIGKILL: the next run on this output removes what it left
        assert process.returncode == -signal.SIGKILL
        assert len(_temps(target)) == 1
        _finished(_grc(str(folder / "big.csv"), "-o", str(target)))
        assert _temps(target) == []
        assert _digest(target) != before and len(read_table(target).frame) > 2_000


def test_a_second_run_on_the_same_output_is_refused_while_the_first_writes(folder: Path) -> None:
    target = folder / "out.xlsx"
    first = _grc(str(folder / "big.csv"), "-o", str(target))
    try:
        _wait_for_the_writer(first, target)
        second = CliRunner().invoke(
            app,
            ["clean", str(folder / "big.csv"), "-o", str(target), "--no-history"],
            env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""},
        )
        assert second.exit_code == EXIT_OUTPUT_EXISTS
        assert second.stderr == "Un autre grc écrit déjà out.xlsx : attendez qu'il ait fini, puis relancez.\n"
    finally:
        _finished(first)
    assert lock_path(target).exists()  # kept: removing it would let a third run lock a new file
    assert _temps(target) == []


def test_only_this_outputs_temporary_files_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    left = [tmp_path / ".out.xlsx.0123abcd.tmp", tmp_path / ".out.xlsx.grc.89abcdef.tmp"]
    kept = [tmp_path / ".out.csv.0123abcd.tmp", tmp_path / "out.xlsx", tmp_path / ".out.xlsx.lock", tmp_path / "x.tmp"]
    for path in left + kept:
        path.write_bytes(b"")
    assert sorted(remove_stale_temps(target)) == sorted(left)
    assert sorted(tmp_path.iterdir()) == sorted(kept)
