"""``grc`` in a real terminal, typed as a person would (tmux: a detached session, send-keys, capture-pane).

CliRunner sees no terminal: rich's progress display, its colours, the width of the help panels and a Ctrl-C
sent by the terminal only show here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from grc_toolkit.testing import generate_export

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed: no terminal to type in")


class Terminal:
    def __init__(self, session: str, folder: Path) -> None:
        self.session, self.folder = session, folder

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30, check=True)
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", self.session)

    def type(self, line: str, timeout: float = 120) -> tuple[int, str]:
        """Type ``line`` and Enter; wait for it to end; return its exit code and what it printed."""
        self.tmux("send-keys", "-t", self.session, "clear; tmux clear-history", "Enter")
        time.sleep(0.3)
        marker = f"fin-{uuid.uuid4().hex[:8]}"
        self.tmux("send-keys", "-t", self.session, f"{line}; echo {marker}=$?", "Enter")
        return self.wait(marker, timeout)

    def wait(self, marker: str, timeout: float = 120) -> tuple[int, str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            for row in screen.splitlines():
                if row.startswith(f"{marker}="):
                    printed = screen.split(f"; echo {marker}=$?", 1)[1].split(f"{marker}=", 1)[0]
                    return int(row.split("=", 1)[1]), printed.strip("\n")
            time.sleep(0.2)
        raise AssertionError(f"no end of command in the terminal:\n{self.screen()}")


@pytest.fixture()
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A 100-column shell in ``tmp_path`` where ``grc`` is this working copy's command."""
    launcher = tmp_path / "bin" / "grc"
    launcher.parent.mkdir()
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "from grc_toolkit.commands import main; main()" "$@"\n')
    launcher.chmod(0o755)
    session = f"grc-test-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": f"{launcher.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "LANG": "fr_FR.UTF-8",
        "LC_ALL": "",
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "GRC_HISTORY": os.environ["GRC_HISTORY"],  # tests/conftest.py: never the real home's history
        "GRC_SUPPRESSION": os.environ["GRC_SUPPRESSION"],
        "PS1": "$ ",
    }
    command = ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "50", "-c", str(tmp_path)]
    for name, value in env.items():
        command[3:3] = ["-e", f"{name}={value}"]
    subprocess.run([*command, "sh"], check=True, timeout=30)
    try:
        yield Terminal(session, tmp_path)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, timeout=30)


def test_grc_alone_shows_the_french_help(terminal: Terminal) -> None:
    code, printed = terminal.type("grc")
    assert code == 0
    assert "Utilisation : grc [OPTIONS] COMMANDE [ARGUMENTS]..." in printed
    assert "Commandes" in printed and "Afficher cette aide et quitter." in printed
    assert "Usage" not in printed and "Show this" not in printed


def test_clean_help_reads_in_french_with_an_example(terminal: Terminal) -> None:
    code, printed = terminal.type("grc clean -h")
    assert code == 0
    for words in ("Utilisation : grc clean [OPTIONS] FICHIER", "SEUIL", "COLONNE=CHAMP", "Exemple : grc clean"):
        assert words in printed
    for words in ("<", "Usage", "Show this", "[default", "range"):
        assert words not in printed


def test_an_error_is_one_line_right_under_the_command(terminal: Terminal) -> None:
    code, printed = terminal.type("grc clean absent.csv")
    assert code == 3
    assert printed == "Fichier introuvable : absent.csv. Vérifiez le chemin et le nom du fichier."
    code, printed = terminal.type("grc clean --zzz")
    assert code == 2
    assert printed.splitlines() == [
        "Option inconnue : --zzz.",
        "Utilisation : grc clean [OPTIONS] FICHIER (aide : grc clean -h)",
    ]


def test_ctrl_c_in_the_terminal_prints_one_line(terminal: Terminal) -> None:
    generate_export(3000, seed=5).messy.to_csv(terminal.folder / "export.csv", sep=";", index=False)
    terminal.tmux("send-keys", "-t", terminal.session, "clear; tmux clear-history", "Enter")
    time.sleep(0.3)
    terminal.tmux("send-keys", "-t", terminal.session, "grc clean export.csv; echo fin=$?", "Enter")
    time.sleep(1.5)
    terminal.tmux("send-keys", "-t", terminal.session, "C-c")
    code, printed = terminal.wait("fin")
    if code == 0:
        pytest.skip("grc finished before the Ctrl-C")
    assert code == 130
    assert "Traceback" not in printed
    assert printed.splitlines()[-1].endswith("Interrompu.")


def test_forget_shows_the_rows_and_asks_in_french_before_erasing(terminal: Terminal) -> None:
    (terminal.folder / "export.csv").write_text(
        "Nom;Prénom;Email;Téléphone\nDupont;Jean;jean.dupont@gmail.com;06 45 68 76 61\n"
        "DUPONT;Jean;jp.dupont@free.fr;0645687661\nMartin;Anne;anne.martin@orange.fr;06 98 76 54 32\n",
        encoding="utf-8",
    )
    terminal.tmux("send-keys", "-t", terminal.session, "clear; tmux clear-history", "Enter")
    time.sleep(0.3)
    terminal.tmux("send-keys", "-t", terminal.session, "grc forget export.csv --phone 0645687661; echo fin=$?", "Enter")
    deadline = time.monotonic() + 60
    while "[o/N]" not in terminal.screen():
        assert time.monotonic() < deadline, terminal.screen()
        time.sleep(0.2)
    screen = terminal.screen()
    assert "Ligne" in screen and "Courriel" in screen  # the rows found, with French headers
    assert "jean.dupont@gmail.com" in screen and "jp.dupont@free.fr" in screen  # both of Jean's rows
    assert "anne.martin@orange.fr" not in screen
    assert not (terminal.folder / "export-forgotten.csv").exists()  # nothing done before the answer
    terminal.tmux("send-keys", "-t", terminal.session, "o", "Enter")
    code, printed = terminal.wait("fin")
    assert code == 0, printed
    assert "2 ligne(s) retirée(s)" in printed and "Traceback" not in printed
    kept = (terminal.folder / "export-forgotten.csv").read_text(encoding="utf-8-sig")
    assert "Martin" in kept and "Dupont" not in kept and "DUPONT" not in kept
    # Enter alone says no: nothing written
    (terminal.folder / "export-forgotten.csv").unlink()
    terminal.tmux("send-keys", "-t", terminal.session, "clear; tmux clear-history", "Enter")
    time.sleep(0.3)
    terminal.tmux(
        "send-keys",
        "-t",
        terminal.session,
        "grc forget export.csv --email anne.martin@orange.fr; echo fin2=$?",
        "Enter",
    )
    while "[o/N]" not in terminal.screen():
        assert time.monotonic() < deadline + 60, terminal.screen()
        time.sleep(0.2)
    terminal.tmux("send-keys", "-t", terminal.session, "Enter")
    code, printed = terminal.wait("fin2")
    assert code == 0 and "Rien n'a été effacé." in printed
    assert not (terminal.folder / "export-forgotten.csv").exists()


def test_a_long_run_shows_each_stage_with_its_percent_and_time_left(terminal: Terminal) -> None:
    generate_export(6000, seed=8).messy.to_csv(terminal.folder / "export.csv", sep=";", index=False)
    terminal.tmux("send-keys", "-t", terminal.session, "clear; tmux clear-history", "Enter")
    time.sleep(0.3)
    terminal.tmux("send-keys", "-t", terminal.session, "grc clean export.csv; echo fin=$?", "Enter")
    seen: set[str] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        screen = terminal.screen()
        seen.update(row.strip() for row in screen.splitlines() if "/4)" in row)
        if any(row.startswith("fin=") for row in screen.splitlines()):
            break
        time.sleep(0.05)
    code, printed = terminal.wait("fin")
    assert code == 0
    shown = "\n".join(sorted(seen))
    # the stage, its number of four, how far it is and the time it has left, in French
    assert re.search(r"Nettoyage \(2/4\) .* \d+\u202f%", shown), shown
    assert re.search(r"Recherche des doublons \(3/4\) .* \d+\u202f% · reste \d+ s", shown), shown
    assert "left" not in shown and "Cleaning" not in shown
    # a transient display: once the run ends, the summary stands alone, no bar left behind
    assert "/4)" not in printed and "reste" not in printed
