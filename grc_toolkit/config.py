"""Options of each stage as frozen dataclasses, built from the command line or a ``grc.toml`` file.

A ``grc.toml`` beside the input file (or given with ``--config``) may hold::

    office = "OT de Vannes"      # the office's name in grc audit (the file's name otherwise)
    lang = "fr"                  # fr | en: the workbook's language
    keep_columns = "original"    # all | original: only the input's columns in Contacts
    suppression = "rgpd/suppression.csv"   # the erased people's list (relative to grc.toml), see grc forget

    [read]
    sheet = "Contacts"
    encoding = "cp1252"
    max_unzipped_mb = 2048      # a zipped workbook larger than this once unzipped is refused

    [clean]
    region = "FR"
    phone_format = "e164"     # e164 | international | national
    country_format = "name"   # name | iso2
    keep_mlle = false
    jobs = 0                  # processes cleaning a large file (0: one per processor)

    [dedupe]
    enabled = true
    engine = "grc"            # grc | splink | spark

    [columns]
    "Tel. port." = "mobile"
    "Remarques" = "-"

    [quality]
    retention_years = 3       # CNIL: a prospect without contact for 3 years is no longer fresh
    default_share = 0.6       # one value in this share of a column's rows looks like a form's default
    [quality.record_weights]
    reachable = 35
    [quality.file_weights]
    completeness = 20
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
DEDUPE_ENGINES = ("grc", "splink", "spark")


@dataclass(frozen=True)
class ReadOptions:
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None
    #: a zipped workbook (xlsx, ods) larger than this once unzipped is refused (see grc_toolkit.io._archives)
    max_unzipped_mb: int = 2048

    def __post_init__(self) -> None:
        size = self.max_unzipped_mb
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise ConfigError(
                "[read] max_unzipped_mb attend un nombre entier de mégaoctets, au moins 1 (par défaut 2048).",
                "[read] max_unzipped_mb needs a whole number of megabytes, 1 or more (2048 by default).",
            )


@dataclass(frozen=True)
class CleanOptions:
    region: str = "FR"
    phone_format: str = "e164"
    country_format: str = "name"
    keep_mlle: bool = False
    check_dns: bool = False
    dayfirst: bool = True
    #: processes that clean a file of 30,000 rows or more, each its own rows (0: one per processor)
    jobs: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.jobs, int) or isinstance(self.jobs, bool) or self.jobs < 0:
            raise ConfigError(
                "--jobs attend un nombre entier, 0 (un par processeur) ou plus.",
                "--jobs needs a whole number, 0 (one per processor) or more.",
            )


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


#: What a record's score (0-100) weighs: can the office reach the person, does it know who and where they are,
#: may it write to them, and are they still a fresh contact (``grc score``, README "Qualité d'un fichier").
RECORD_WEIGHTS: dict[str, float] = {"reachable": 35, "identified": 20, "located": 15, "consent": 15, "fresh": 15}
#: What a file's score (0-100) weighs, dimension by dimension.
FILE_WEIGHTS: dict[str, float] = {
    "completeness": 20,
    "validity": 20,
    "uniqueness": 15,
    "consistency": 15,
    "freshness": 15,
    "consent": 15,
}


@dataclass(frozen=True)
class QualityOptions:
    """How ``grc score`` weighs a record and a file, how old a contact may be, and when a column's most
    frequent value looks like a form's default (``default_share`` of at least ``default_min_rows`` filled rows;
    ``country_default_share`` for the country, the civility and the consent, where one value often fills most rows:
    most of a French office's visitors do live in France, most contacts are women, most say yes)."""

    record_weights: dict[str, float] = field(default_factory=lambda: dict(RECORD_WEIGHTS))
    file_weights: dict[str, float] = field(default_factory=lambda: dict(FILE_WEIGHTS))
    retention_years: int = 3
    default_share: float = 0.6
    country_default_share: float = 0.9
    default_min_rows: int = 50

    def __post_init__(self) -> None:
        # a partial table keeps the other weights' defaults
        object.__setattr__(self, "record_weights", _weights("record_weights", self.record_weights, RECORD_WEIGHTS))
        object.__setattr__(self, "file_weights", _weights("file_weights", self.file_weights, FILE_WEIGHTS))
        if (
            isinstance(self.retention_years, bool)
            or not isinstance(self.retention_years, int)
            or self.retention_years < 1
        ):
            raise ConfigError(
                "[quality] retention_years doit être un nombre entier d'années, au moins 1 (3 : la limite de la CNIL).",
                "[quality] retention_years must be a whole number of years, at least 1 (3: the CNIL's limit).",
            )
        for name in ("default_share", "country_default_share"):
            share = getattr(self, name)
            if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
                raise ConfigError(
                    f"[quality] {name} doit être une part entre 0 et 1 (ex. 0.6).",
                    f"[quality] {name} must be a share between 0 and 1 (e.g. 0.6).",
                )
        if isinstance(self.default_min_rows, bool) or not isinstance(self.default_min_rows, int):
            raise ConfigError(
                "[quality] default_min_rows doit être un nombre de lignes.",
                "[quality] default_min_rows must be a number of rows.",
            )


def _weights(name: str, given: dict[str, float], defaults: dict[str, float]) -> dict[str, float]:
    """``given`` over ``defaults``; an unknown name, a negative weight or all of them at 0 are refused."""
    if not isinstance(given, dict):
        raise ConfigError(
            f"grc.toml : [quality.{name}] doit être une table de poids (ex. reachable = 35).",
            f"grc.toml: [quality.{name}] must be a table of weights (e.g. reachable = 35).",
        )
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise ConfigError(
            f"grc.toml : poids inconnu(s) dans [quality.{name}] : {', '.join(unknown)}. "
            f"Poids possibles : {', '.join(defaults)}.",
            f"grc.toml: unknown weight(s) in [quality.{name}]: {', '.join(unknown)}. "
            f"Known weights: {', '.join(defaults)}.",
        )
    weights = {**defaults, **given}
    for key, weight in weights.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise ConfigError(
                f"grc.toml : le poids {key} de [quality.{name}] doit être un nombre positif ou nul.",
                f"grc.toml: the weight {key} of [quality.{name}] must be a number, zero or more.",
            )
    if sum(weights.values()) <= 0:
        raise ConfigError(
            f"grc.toml : au moins un poids de [quality.{name}] doit être supérieur à 0.",
            f"grc.toml: at least one weight of [quality.{name}] must be above 0.",
        )
    return {key: float(weight) for key, weight in weights.items()}


@dataclass(frozen=True)
class Config:
    read: ReadOptions = field(default_factory=ReadOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    dedupe: DedupeOptions = field(default_factory=DedupeOptions)
    quality: QualityOptions = field(default_factory=QualityOptions)
    columns: dict[str, str] = field(default_factory=dict)
    lang: str = "fr"
    keep_columns: str = "all"
    office: str | None = None
    #: the suppression list of erased people (:mod:`grc_toolkit.suppression`); None: GRC_SUPPRESSION, else the
    #: user's data folder
    suppression: str | None = None

    def __post_init__(self) -> None:
        if self.office is not None and (not isinstance(self.office, str) or not self.office.strip()):
            raise ConfigError(
                'grc.toml : office doit être le nom de l\'office, entre guillemets (ex. office = "OT de Vannes").',
                'grc.toml: office must be the office\'s name, in quotes (e.g. office = "OT de Vannes").',
            )
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
    top_level = {"read", "clean", "dedupe", "quality", "columns", "lang", "keep_columns", "office", "suppression"}
    unknown = sorted(set(data) - top_level)
    if unknown:
        raise ConfigError(
            f"grc.toml : section(s) inconnue(s) : {', '.join(unknown)} "
            "(attendu : read, clean, dedupe, quality, columns).",
            f"grc.toml: unknown section(s): {', '.join(unknown)} (expected: read, clean, dedupe, quality, columns).",
        )
    try:
        return Config(
            read=_section(ReadOptions, data.get("read", {}), "read"),
            clean=_section(CleanOptions, data.get("clean", {}), "clean"),
            dedupe=_section(DedupeOptions, data.get("dedupe", {}), "dedupe"),
            quality=_section(QualityOptions, data.get("quality", {}), "quality"),
            columns={str(k): str(v) for k, v in data.get("columns", {}).items()},
            lang=str(data.get("lang", "fr")),
            keep_columns=str(data.get("keep_columns", "all")),
            office=data.get("office"),
            suppression=_suppression(data.get("suppression"), path),
        )
    except TypeError as error:
        raise ConfigError(f"grc.toml invalide : {error}.", f"Invalid grc.toml: {error}.") from error


def _suppression(value: Any, config_path: Path) -> str | None:
    """grc.toml's ``suppression`` path, relative to grc.toml's folder."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            "grc.toml : suppression doit être le chemin de la liste d'opposition, entre guillemets "
            '(ex. suppression = "rgpd/suppression.csv").',
            "grc.toml: suppression must be the path of the suppression list, in quotes "
            '(e.g. suppression = "rgpd/suppression.csv").',
        )
    return str(config_path.parent / Path(value).expanduser())


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
    known = {"lang", "columns", "keep_columns", "suppression"} | {
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
    top = {
        k: v for k, v in changes.items() if v is not None and k in {"lang", "columns", "keep_columns", "suppression"}
    }
    return replace(config, **sections, **top)
