"""Every test writes its history of runs (``grc clean``, ``grc score``) in a folder of its own, never in the
home folder of whoever runs the tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _history_in_a_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("GRC_HISTORY", str(tmp_path_factory.mktemp("history") / "history.sqlite"))
