"""What a person reads around the commands: help, usage and errors in French (English on request), plain words.

Every help page is walked (``grc``, ``grc -h``, each command's ``--help`` and ``-h``); none may show a line of
click's or typer's English, nor a programmer's type (``<path>``, ``<float range>``), and each ends with an example.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from grc_toolkit.commands import app
from grc_toolkit.commands._language import ENGLISH, HELP_OPTION
from grc_toolkit.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OUTPUT_EXISTS, EXIT_USAGE
from grc_toolkit.testing import generate_export

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "visitors-sample.csv"
COMMAND = typer.main.get_command(app)
COMMANDS = sorted(COMMAND.commands)  # type: ignore[attr-defined]
HELP_PAGES = [[], ["-h"], ["--help"], *([name, flag] for name in COMMANDS for flag in ("--help", "-h"))]
runner = CliRunner()

# What click and typer print by themselves, and programmers' words: none may reach a French reader.
ENGLISH_WORDS = [
    "Usage:",
    "Show this message",
    "and exit",
    "Commands",
    "Error",
    "Try '",
    "for help",
    "[default:",
    "[required]",
    "No such option",
    "Missing argument",
    "Invalid value",
    "install-completion",
    "show-completion",
    "Example:",
    "COMMAND [",
    "ARGS",
]
TYPES = ["<", ">", "TEXT", "INTEGER", "FLOAT", "PATH", "x<=", "x>=", "{file}", "list[", "bool"]
FRENCH_WORDS = ["Utilisation", "Afficher", "Exemple", "Fichier", "obligatoire", "Commandes", "FICHIER", "Erreur"]
METAVARS = {
    "audit": ["CHEMINS...", "FICHIER", "DATE", "NOMBRE", "SCORE"],
    "clean": ["FICHIER", "FEUILLE", "LIGNE", "COLONNE=CHAMP", "SEUIL", "LANGUE", "ENCODAGE", "SÉPARATEUR", "PAYS"],
    "columns": ["FICHIER", "FEUILLE", "LIGNE", "COLONNE=CHAMP"],
    "dedupe": ["FICHIERS...", "FICHIER", "SEUIL", "COLONNE=CHAMP"],
    "explain": ["FICHIER", "LIGNE", "COLONNE=CHAMP"],
    "export": ["FICHIER", "DESTINATION", "CHAMP=VALEUR", "CHAMP", "DURÉE", "DATE", "FEUILLE", "COLONNE=CHAMP"],
    "retention": ["FICHIER", "DURÉE", "DATE", "FEUILLE", "COLONNE=CHAMP"],
    "score": ["FICHIER", "FEUILLE", "LIGNE", "COLONNE=CHAMP", "DATE", "SCORE"],
    "share": ["FICHIER", "DATE"],
    "history": ["NOM", "FICHIER", "LANGUE"],
    "forget": ["FICHIER", "ADRESSE", "NUMÉRO", "LANGUE"],
}


def _flat(text: str) -> str:
    """The help's words without the panels' borders and line breaks (rich wraps long help texts)."""
    return re.sub(r"[│\s]+", " ", text)


def _invoke(args: list[str], **env: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", **env})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", HELP_PAGES, ids=lambda args: " ".join(["grc", *args]))
def test_every_help_page_is_french_with_plain_words_and_an_example(args: list[str]) -> None:
    code, out, err = _invoke(args)
    assert code == 0, err
    assert err == ""
    assert out.lstrip().startswith("Utilisation : grc")
    for word in [*ENGLISH_WORDS, *TYPES]:
        assert word not in out, f"{word!r} in the help of grc {' '.join(args)}:\n{out}"
    assert HELP_OPTION in _flat(out)
    if args and args[0] in COMMANDS:
        assert f"Exemple : grc {args[0]} " in out
        for metavar in METAVARS[args[0]]:
            assert metavar in out
    else:
        assert "Commandes" in out and "-h" in out


@pytest.mark.parametrize("how", ["--lang en", "LANG", "LC_ALL"])
@pytest.mark.parametrize("args", HELP_PAGES, ids=lambda args: " ".join(["grc", *args]))
def test_every_help_page_is_english_on_request(args: list[str], how: str) -> None:
    if how == "--lang en":
        in_command = bool(args) and args[0] in COMMANDS
        code, out, err = _invoke([*args, "--lang", "en"] if in_command else ["--lang", "en", *args])
    else:
        code, out, err = _invoke(args, **{how: "en_US.UTF-8"})
    assert code == 0, err
    assert out.lstrip().startswith("Usage: grc")
    for word in [*FRENCH_WORDS, *TYPES]:
        assert word not in out, f"{word!r} in the English help of grc {' '.join(args)}:\n{out}"
    if args and args[0] in COMMANDS:
        assert f"Example: grc {args[0]} " in out
        assert "FILE" in out


def test_every_help_text_has_its_english_twin() -> None:
    for name, command in [("grc", COMMAND), *COMMAND.commands.items()]:  # type: ignore[attr-defined]
        for text in (command.help, command.epilog):
            assert not text or text in ENGLISH, f"{name}: no English for {text!r}"
        for param in command.params:
            for text in (param.help, param.metavar):  # type: ignore[attr-defined]
                assert not text or text in ENGLISH, f"{name} {param.opts}: no English for {text!r}"


def test_grc_alone_shows_the_help_and_succeeds() -> None:
    code, out, _ = _invoke([])
    assert code == 0
    assert "Commandes" in out and "clean" in out


@pytest.mark.parametrize(
    ("args", "french", "english"),
    [
        (["clean", "--zzz"], "Option inconnue : --zzz.", "Unknown option: --zzz."),
        (["clean", "--json-out"], "Option inconnue : --json-out. Vouliez-vous dire --json ?", "Did you mean --json?"),
        (["clean"], "Il manque FICHIER.", "Missing FILE."),
        (["clean", "x.csv", "--auto", "abc"], "Valeur invalide pour --auto : donnez un nombre", "give a number"),
        (["explain", "x.csv", "3", "b"], "Valeur invalide pour LIGNE : donnez un nombre entier.", "whole number"),
        (["clean", "a.csv", "b.csv"], "Argument en trop : b.csv.", "Unexpected extra argument: b.csv."),
        (["clean", "x.csv", "-o"], "L'option -o attend une valeur", "Option -o needs a value"),
        (
            ["nettoie"],
            "Commande inconnue : nettoie. Commandes : audit, clean, columns, dedupe, explain, export, forget, "
            "history, retention, score, share.",
            "Unknown command",
        ),
    ],
)
def test_usage_errors_are_one_french_line_and_the_usage(args: list[str], french: str, english: str) -> None:
    code, out, err = _invoke(args)
    assert code == EXIT_USAGE
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(french), err
    assert len(lines) <= 2 and all(line.startswith("Utilisation : grc") for line in lines[1:]), err
    for word in ENGLISH_WORDS:
        assert word not in err
    code, _, err = _invoke(args, LANG="en_US.UTF-8")
    assert code == EXIT_USAGE
    assert english in err.splitlines()[0], err


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    target = tmp_path / "export.csv"
    shutil.copy(SAMPLE, target)
    return target


def test_json_error_object_on_stdout_with_the_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _invoke(["clean", "dossier/absent.csv", "--json"])
    message = "Fichier introuvable : dossier/absent.csv. Vérifiez le chemin et le nom du fichier."
    assert code == EXIT_INPUT
    assert json.loads(out) == {"error": {"code": EXIT_INPUT, "message": message, "kind": "input"}}
    assert err == message + "\n"  # one line, no blank line before it

    code, out, _ = _invoke(["clean", "absent.csv", "--zzz", "--json"])
    assert code == EXIT_USAGE
    assert json.loads(out) == {"error": {"code": EXIT_USAGE, "message": "Option inconnue : --zzz.", "kind": "usage"}}

    code, out, _ = _invoke(["clean", "absent.csv", "--lang", "de", "--json"])
    assert code == EXIT_USAGE and json.loads(out)["error"]["kind"] == "usage"


def test_json_error_when_the_output_belongs_to_someone_else(export: Path) -> None:
    export.with_name("export-clean.xlsx").write_bytes(b"not grc's")
    code, out, err = _invoke(["clean", str(export), "--json", "--no-dedupe"])
    assert code == EXIT_OUTPUT_EXISTS
    error = json.loads(out)["error"]
    assert error["code"] == EXIT_OUTPUT_EXISTS and error["kind"] == "output_exists"
    assert err == error["message"] + "\n"


def test_an_error_has_no_blank_line_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress display ends with an empty line when stderr is no terminal: it must not show there."""
    monkeypatch.chdir(tmp_path)
    code, out, err = _invoke(["clean", "absent.csv"])
    assert code == EXIT_INPUT
    assert err == "Fichier introuvable : absent.csv. Vérifiez le chemin et le nom du fichier.\n"


def test_an_unwritable_output_folder_is_said_before_the_work(export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import grc_toolkit.commands.clean as clean_command

    real_open = os.open

    def read_only_folder(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Read-only folder")
        return real_open(path, flags, *args)

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the export was read and cleaned before the output folder was checked")

    monkeypatch.setattr(os, "open", read_only_folder)
    monkeypatch.setattr(clean_command, "clean_file", no_work)
    code, _, err = _invoke(["clean", str(export)])
    assert code == EXIT_INPUT
    assert err == (
        f"Impossible d'écrire {export.with_name('export-clean.xlsx')} : fermez le fichier s'il est ouvert dans "
        "Excel, vérifiez que le dossier n'est pas en lecture seule, puis réessayez.\n"
    )
    code, _, err = _invoke(["clean", str(export), "-o", "sortie/propre.xlsx"])
    assert code == EXIT_INPUT
    assert err.startswith("Impossible d'écrire sortie/propre.xlsx : le dossier « sortie » n'existe pas.")


def test_ctrl_c_during_the_work_prints_one_line(export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import grc_toolkit.commands.clean as clean_command

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(clean_command, "clean_file", interrupted)
    assert _invoke(["clean", str(export)])[::2] == (EXIT_INTERRUPTED, "Interrompu.\n")
    code, out, err = _invoke(["clean", str(export), "--json", "--lang", "en"])
    assert (code, err) == (EXIT_INTERRUPTED, "Interrupted.\n")
    assert json.loads(out)["error"] == {"code": 130, "message": "Interrupted.", "kind": "interrupted"}


_STOP_AT_IMPORT = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "pandas":
            raise KeyboardInterrupt

sys.meta_path.insert(0, Interrupt())
sys.argv = ["grc", "clean", "export.csv"]
from grc_toolkit.commands import main
main()
"""


def test_ctrl_c_while_python_loads_prints_one_line() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "fr_FR.UTF-8", "LC_ALL": ""}
    done = subprocess.run(
        [sys.executable, "-c", _STOP_AT_IMPORT], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert (done.returncode, done.stderr) == (EXIT_INTERRUPTED, "Interrompu.\n")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is a POSIX signal")
@pytest.mark.parametrize("after", [0.3, 0.8, 2.0])
def test_a_real_ctrl_c_at_any_moment_prints_one_line(tmp_path: Path, after: float) -> None:
    """SIGINT, as a terminal's Ctrl-C sends it, while grc loads, reads or cleans: one line, no traceback."""
    export = tmp_path / "export.csv"
    generate_export(3000, seed=5).messy.to_csv(export, sep=";", index=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "fr_FR.UTF-8", "LC_ALL": ""}
    code = "from grc_toolkit.commands import main; import sys; sys.argv = ['grc', *sys.argv[1:]]; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "clean", str(export), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip(f"grc finished within {after} s, before the signal")
    assert (process.returncode, err) == (EXIT_INTERRUPTED, "Interrompu.\n")
