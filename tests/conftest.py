"""Every test writes its history of runs (``grc clean``, ``grc score``) in a folder of its own, never in the
home folder of whoever runs the tests; module- and session-scoped fixtures too (they run before a test's own)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _history_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRC_HISTORY", str(tmp_path_factory.mktemp("history") / "history.sqlite"))
        # the suppression list of erased people: never the user's own (an empty folder: no list)
        patch.setenv("GRC_SUPPRESSION", str(tmp_path_factory.mktemp("rgpd") / "suppression.csv"))
        yield


@pytest.fixture(autouse=True)
def _history_in_a_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("GRC_HISTORY", str(tmp_path_factory.mktemp("history") / "history.sqlite"))
    monkeypatch.setenv("GRC_SUPPRESSION", str(tmp_path_factory.mktemp("rgpd") / "suppression.csv"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Spark's tests first: pytest-xdist hands their group to one worker at the start, beside the other worker's
    tests, instead of leaving two minutes of Spark alone at the end of the run."""
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)
