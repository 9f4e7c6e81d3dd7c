"""Docs stay honest: every command has help, the README names every command and option, its examples run."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from grc_toolkit.commands import app
from grc_toolkit.config import Config, load_config
from grc_toolkit.testing import generate_export, write_xlsx

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)
COMMANDS = sorted(COMMAND.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert COMMAND.commands[name].help


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    assert f"grc {name}" in README
    for parameter in COMMAND.commands[name].params:
        for option in parameter.opts:
            if option.startswith("--") and option != "--help":
                assert option in README, f"{name} {option} is not documented"


def test_readme_quick_start_has_the_two_commands() -> None:
    section = README.split("## Démarrage rapide", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)
    assert commands[:2] == [
        "pip install . && grc clean samples/visitors-sample.csv",
        'pip install -e ".[test,spark]" && pytest',
    ]
    # CI runs that same command: the same extras installed, then pytest
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install --quiet --disable-pip-version-check -e ".[test,spark]"' in ci
    assert "\npython -m pytest\n" in ci


def _fenced(section_title: str, language: str) -> str:
    """The first ```language block of the README section titled ``section_title``."""
    section = README.split(f"## {section_title}", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(rf"```{language}\n(.*?)\n```", section, flags=re.S)
    assert blocks, f"no {language} block in the README section {section_title!r}"
    return str(blocks[0])


def test_readme_library_snippet_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The snippet of "Utiliser la bibliothèque", run as written beside a small office export."""
    snippet = _fenced("Utiliser la bibliothèque", "python")
    monkeypatch.chdir(tmp_path)
    write_xlsx(generate_export(20, seed=3).messy, tmp_path / "export.xlsx")
    namespace: dict[str, object] = {}
    exec(compile(snippet, "README.md (Utiliser la bibliothèque)", "exec"), namespace)
    assert (tmp_path / "export-clean.xlsx").exists()  # as its comment says


def test_readme_toml_example_loads(tmp_path: Path) -> None:
    """The ``grc.toml`` of the README: every key known, every value accepted and read as written."""
    example = _fenced("Fichier de configuration `grc.toml`", "toml")
    path = tmp_path / "grc.toml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    written = tomllib.loads(example)
    assert config.lang == written["lang"]
    for section in ("read", "clean", "dedupe"):
        for key, value in written[section].items():
            assert getattr(getattr(config, section), key) == value, f"[{section}] {key}"
    assert config.columns == written["columns"]
    assert config != Config()  # the example changes something
