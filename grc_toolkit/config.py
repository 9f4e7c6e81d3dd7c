"""Options of each stage as frozen dataclasses, built from the command line or a ``grc.toml`` file.

A ``grc.toml`` beside the input file (or given with ``--config``) may hold::

    lang = "fr"                  # fr | en: the workbook's language
    keep_columns = "original"    # all | original: only the input's columns in Contacts

    [read]
    sheet = "Contacts"
    encoding = "cp1252"

    [clean]
    region = "FR"
    phone_format = "e164"     # e164 | international | national
    country_format = "name"   # name | iso2
    keep_mlle = false

    [dedupe]
    enabled = true
    engine = "grc"            # grc | splink

    [columns]
    "Tel. port." = "mobile"
    "Remarques" = "-"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from grc_toolkit.cleaners.phones import PHONE_FORMATS
from grc_toolkit.errors import ConfigError

COUNTRY_FORMATS = ("name", "iso2")
LANGS = ("fr", "en")
#: The columns of the written contacts: the input's then grc's (``all``), or only the input's (``original``,
#: a strict re-import; grc's in a side sheet or file).
KEEP_COLUMNS = ("all", "original")
#: What scores the candidate pairs of dedupe: grc's own model, or Splink's (DuckDB, in-process).
DEDUPE_ENGINES = ("grc", "splink")


@dataclass(frozen=True)
class ReadOptions:
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None


@dataclass(frozen=True)
class CleanOptions:
    region: str = "FR"
    phone_format: str = "e164"
    country_format: str = "name"
    keep_mlle: bool = False
    check_dns: bool = False
    dayfirst: bool = True


@dataclass(frozen=True)
class DedupeOptions:
    """``auto``: probability above which compatible pairs are merged; ``review``: above which the
    others go to the review sheet; ``floor``: every two members of a group must reach it (and be
    possibly one person by their names), so a chain cannot join two people; ``strong``: in files that
    record birth dates, a probability above it overrules the name and place rules (not the household veto)."""

    enabled: bool = True
    auto: float = 0.9
    review: float = 0.5
    floor: float = 0.05
    strong: float = 0.999
    #: at most this many pending pairs in the À vérifier sheet, the most worth deciding (0: all of them)
    review_limit: int = 200
    #: what scores the candidate pairs: grc's own model, or Splink's (opt-in while it is measured, issue 9)
    engine: str = "grc"

    def __post_init__(self) -> None:
        _check_choice("engine", self.engine, DEDUPE_ENGINES)
        if not 0 < self.floor <= self.auto <= self.strong <= 1 or not 0 < self.review <= self.auto:
            raise ConfigError(
                "Seuils de doublons incohérents : il faut 0 < --review <= --auto <= 1.",
                "Inconsistent duplicate thresholds: 0 < --review <= --auto <= 1 is required.",
            )
        if self.review_limit < 0:
            raise ConfigError(
                "--review-limit doit être un nombre de paires positif (0 : toutes).",
                "--review-limit must be a positive number of pairs (0: all of them).",
            )


@dataclass(frozen=True)
class Config:
    read: ReadOptions = field(default_factory=ReadOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    dedupe: DedupeOptions = field(default_factory=DedupeOptions)
    columns: dict[str, str] = field(default_factory=dict)
    lang: str = "fr"
    keep_columns: str = "all"

    def __post_init__(self) -> None:
        _check_choice("keep_columns", self.keep_columns, KEEP_COLUMNS)
        _check_choice("phone_format", self.clean.phone_format, PHONE_FORMATS)
        _check_choice("country_format", self.clean.country_format, COUNTRY_FORMATS)
        _check_choice("lang", self.lang, LANGS)
        if len(self.clean.region) != 2 or not self.clean.region.isalpha():
            raise ConfigError(
                f"Région « {self.clean.region} » invalide : donnez un code pays à deux lettres (ex. FR, BE).",
                f'Invalid region "{self.clean.region}": give a two-letter country code (e.g. FR, BE).',
            )


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        allowed = ", ".join(choices)
        raise ConfigError(
            f"Valeur « {value} » invalide pour {name} : choisissez parmi {allowed}.",
            f'Invalid value "{value}" for {name}: choose one of {allowed}.',
        )


def _section(cls: type[Any], data: dict[str, Any], name: str) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"grc.toml : clé(s) inconnue(s) dans [{name}] : {', '.join(unknown)}. "
            f"Clés possibles : {', '.join(sorted(known))}.",
            f"grc.toml: unknown key(s) in [{name}]: {', '.join(unknown)}. Known keys: {', '.join(sorted(known))}.",
        )
    return cls(**data)


def load_config(path: str | Path) -> Config:
    """Read a ``grc.toml`` file into a :class:`Config`."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(
            f"Fichier de configuration {path.name} introuvable : vérifiez le chemin donné à --config.",
            f"Configuration file {path.name} not found: check the path given to --config.",
        ) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"{path.name} n'est pas un fichier TOML valide ({error}) : corrigez-le ou retirez-le.",
            f"{path.name} is not valid TOML ({error}): fix it or remove it.",
        ) from error
    unknown = sorted(set(data) - {"read", "clean", "dedupe", "columns", "lang", "keep_columns"})
    if unknown:
        raise ConfigError(
            f"grc.toml : section(s) inconnue(s) : {', '.join(unknown)} (attendu : read, clean, dedupe, columns).",
            f"grc.toml: unknown section(s): {', '.join(unknown)} (expected: read, clean, dedupe, columns).",
        )
    try:
        return Config(
            read=_section(ReadOptions, data.get("read", {}), "read"),
            clean=_section(CleanOptions, data.get("clean", {}), "clean"),
            dedupe=_section(DedupeOptions, data.get("dedupe", {}), "dedupe"),
            columns={str(k): str(v) for k, v in data.get("columns", {}).items()},
            lang=str(data.get("lang", "fr")),
            keep_columns=str(data.get("keep_columns", "all")),
        )
    except TypeError as error:
        raise ConfigError(f"grc.toml invalide : {error}.", f"Invalid grc.toml: {error}.") from error


def with_overrides(config: Config, **changes: Any) -> Config:
    """A copy of ``config`` with the given section fields replaced (``None`` values are ignored).

    A name that is no field of any section is refused, so a typo cannot pass unnoticed.

    Examples:
        >>> with_overrides(Config(), region="BE", auto=0.95).clean.region
        'BE'
        >>> with_overrides(Config(), regoin="BE")
        Traceback (most recent call last):
        ...
        TypeError: with_overrides() got unknown setting(s): regoin
    """
    sections_of = ("read", "clean", "dedupe")
    known = {"lang", "columns", "keep_columns"} | {
        f.name for name in sections_of for f in fields(getattr(config, name))
    }
    unknown = sorted(set(changes) - known)
    if unknown:
        raise TypeError(f"with_overrides() got unknown setting(s): {', '.join(unknown)}")
    sections: dict[str, Any] = {}
    for section_name in ("read", "clean", "dedupe"):
        section = getattr(config, section_name)
        mine = {k: v for k, v in changes.items() if v is not None and k in {f.name for f in fields(section)}}
        if mine:
            sections[section_name] = replace(section, **mine)
    top = {k: v for k, v in changes.items() if v is not None and k in {"lang", "columns", "keep_columns"}}
    return replace(config, **sections, **top)
