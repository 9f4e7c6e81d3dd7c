"""Docs stay honest: every command has help, the README names every command and option."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from grc_toolkit.commands import app

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
        'pip install -e ".[test]" && pytest',
    ]
