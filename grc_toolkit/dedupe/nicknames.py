"""Nicknames and short forms of first names: Cathy is Catherine, Manu is Emmanuel, Bob is Robert.

The table (``data/given_name_variants.csv``, built by ``scripts/build_given_name_variants.py`` from
github.com/carltonnorthern/nicknames and French short forms written for grc; see ``data/ATTRIBUTION.md``)
lists full names and their short forms as name keys (:func:`~grc_toolkit.cleaners.names.name_key`). Two first
names are one when one is a listed short form of the other, or both are short forms of one name (Bob and Rob,
for Robert); never two full names that share a short form (Christophe and Christine, both Chris). And two
names of the table that it does not make one are two names, not a typo of one (:func:`distinct_given_names`).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd


@cache
def name_groups() -> dict[str, frozenset[str]]:
    """Per first name key of the table, the full names it stands for: itself, and the names it is a short form of.

    Read once per process.

    Examples:
        >>> sorted(name_groups()["manu"]), sorted(name_groups()["emmanuel"])
        (['emmanuel', 'emmanuelle', 'manu'], ['emmanuel'])
    """
    raw = resources.files("grc_toolkit").joinpath("data", "given_name_variants.csv").read_text(encoding="utf-8")
    groups: dict[str, set[str]] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        name, variant = row["name"], row["variant"]
        groups.setdefault(name, {name})
        groups.setdefault(variant, {variant}).add(name)
    return {key: frozenset(names) for key, names in groups.items()}


def _in_table(keys: np.ndarray) -> np.ndarray:
    return np.asarray(pd.Series(keys, dtype=object).isin(name_groups().keys()), dtype=bool)


def same_given_name(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair of first name keys, whether the table makes them one name: the same name, one a short form
    of the other, or two short forms of one name. Blank keys are no name.

    Computed once per distinct pair of names that are both in the table.

    Examples:
        >>> left = np.array(["cathy", "bob", "chris", "christophe", "jean phi", "anne", ""], dtype=object)
        >>> right = np.array(["catherine", "rob", "christine", "christine", "jean philippe", "anne", ""], dtype=object)
        >>> same_given_name(left, right).tolist()
        [True, True, True, False, True, True, False]
    """
    left, right = np.asarray(left, dtype=object), np.asarray(right, dtype=object)
    groups = name_groups()
    known = _in_table(left) & _in_table(right)
    same = (left == right) & (left != "")
    maybe = np.flatnonzero(known & ~same)
    pairs = set(zip(left[maybe], right[maybe], strict=True))
    table = {(a, b): not groups[a].isdisjoint(groups[b]) for a, b in pairs}
    same[maybe] = [table[pair] for pair in zip(left[maybe], right[maybe], strict=True)]
    return same


def distinct_given_names(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair of first name keys, whether both are names of the table that it does not make one: two real
    names (Christophe / Christine), which a typo of a rare spelling would not explain.

    Examples:
        >>> left = np.array(["christophe", "cathy", "christophe", "chrstophe"], dtype=object)
        >>> right = np.array(["christine", "catherine", "christophe", "christine"], dtype=object)
        >>> distinct_given_names(left, right).tolist()
        [True, False, False, False]
    """
    left, right = np.asarray(left, dtype=object), np.asarray(right, dtype=object)
    return _in_table(left) & _in_table(right) & ~same_given_name(left, right)
