"""Splink's engine behind the seam: blocking, comparison and the Fellegi-Sunter model on DuckDB, in-process.

:func:`score_pairs` takes the same comparison view as grc's own engine
(:func:`~grc_toolkit.dedupe.records.prepare_records`) and gives the same
:class:`~grc_toolkit.dedupe.engine.ScoredPairs`: Splink proposes and scores the candidate pairs, and grc's
levels (:func:`~grc_toolkit.dedupe.compare.compare`) are computed on those pairs, so the rules, the grouping
and the review read them unchanged.

The Splink settings are built from the fields the file actually has (:func:`splink_settings`), so nobody writes
them: names by Jaro-Winkler with term-frequency adjustments, email, phone digits, postcode, town, street address
(house numbers kept), birth date and organisation (its key, and the rare words of its name). Training, as
Splink's documentation lays it out: u from random pairs of the file, the share of matches (lambda) from
deterministic rules, m by expectation-maximisation on blocked pairs where the file has enough of them, else
Splink's default m (an exact match is 95 % of one person's pairs).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import ColumnExpression, DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from grc_toolkit.dedupe.blocking import candidate_pairs, either_order, numbered_street, rarest_words
from grc_toolkit.dedupe.compare import compare, compare_in_chunks
from grc_toolkit.dedupe.engine import ScoredPairs
from grc_toolkit.dedupe.model import Model, estimate_u, match_probability, train
from grc_toolkit.dedupe.nicknames import name_groups
from grc_toolkit.progress import part

#: Records sharing a blocking value beyond this many make a block of ~``cap²/2`` pairs (MARTIN + JEAN in
#: a million rows): such a value blocks nothing, and the other rules still find its people.
BLOCK_CAP = 200
#: Each blocking rule may propose at most this many pairs per record: its most common values are dropped
#: until it does, so candidates grow linearly with the file (surname + town alone made 18.9M pairs at 1M).
PAIRS_PER_RECORD = 3
#: ... but a small file keeps every block up to :data:`BLOCK_CAP`.
MIN_PAIRS_PER_RULE = 50_000
#: Expectation-maximisation needs pairs that are mostly one person and numerous enough to measure m.
MIN_EM_PAIRS = 500
#: Random pairs u is measured on: Splink's default; each million costs about two seconds at 20,000 records.
U_PAIRS = 1e6
#: Share of one person's pairs that the deterministic rules find, for Splink's estimate of lambda.
DETERMINISTIC_RECALL = 0.7
#: Fewer pairs than this are scored with grc's level weights rather than a Splink prediction each.
SPLINK_BATCH = 1_000
#: Splink's input columns: grc's features, "" turned into NULL (which Splink compares as "unknown").
COLUMNS = (
    "first",
    "last",
    "email",
    "phone",
    "postal_code",
    "city",
    "address",
    "birth_date",
    "personal_id",
    "organisation",
)
#: Splink's input column of the full names each record's first name stands for (its nicknames' level).
NICKNAMES = "first_names"


def _blank_as_null(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.astype(str) != "", None)


def _capped(key: pd.Series, cap: int, budget: int) -> pd.Series:
    """A blocking key, NULL where blank, shared by more than ``cap`` records, or among the most common
    values beyond what ``budget`` pairs allow (rare values first: they say the most)."""
    key = _blank_as_null(key)
    sizes = key.value_counts()
    sizes = sizes[(sizes > 1) & (sizes <= cap)].sort_values(kind="stable")
    kept = sizes[(sizes * (sizes - 1) // 2).cumsum() <= budget]
    return key.where(key.isin(kept.index), None)


def _name_comparison(name: str, other: str, *, nicknames: bool = False) -> cl.CustomComparison:
    """Splink's ``NameComparison`` levels (exact with term frequencies, Jaro-Winkler 0.92 / 0.88 / 0.7) plus
    first and last names swapped between the two records, which exports do (``NOM, Prénom`` read backwards),
    and for first names a nickname (:data:`NICKNAMES`: Cathy / Catherine, Bob / Rob)."""
    nickname = [cll.ArrayIntersectLevel(NICKNAMES, 1).configure(label_for_charts="Surnom")] if nicknames else []
    return cl.CustomComparison(
        output_column_name=name,
        comparison_levels=[
            cll.NullLevel(name),
            cll.ExactMatchLevel(name).configure(tf_adjustment_column=name),
            cll.ColumnsReversedLevel(name, other, symmetrical=True),
            *nickname,
            *(cll.JaroWinklerLevel(name, threshold) for threshold in (0.92, 0.88, 0.7)),
            cll.ElseLevel(),
        ],
    )


def _given_name_groups(first: pd.Series) -> pd.Series:
    """Per record, the full names its first name stands for (:func:`~grc_toolkit.dedupe.nicknames.name_groups`),
    as a sorted list; NULL when the name is not in the nickname table. Two records share one when their first
    names are one by the table."""
    groups = name_groups()
    lists = {value: sorted(groups[value]) for value in first.unique() if value in groups}
    return first.map(lists).astype(object).where(first.isin(lists.keys()), None)


def splink_input(
    records: pd.DataFrame, *, cap: int = BLOCK_CAP, pairs_per_record: int = PAIRS_PER_RECORD
) -> pd.DataFrame:
    """Splink's input table: ``unique_id`` (record position), the compared columns and the blocking keys
    (``block_*``, NULL where blank or too common)."""
    table = pd.DataFrame({name: _blank_as_null(records[name]) for name in COLUMNS})
    table.insert(0, "unique_id", np.arange(len(records), dtype=np.int64))
    table[NICKNAMES] = _given_name_groups(records["first"])
    # the words few of the file's organisations carry, as a list Splink intersects
    rare = records["organisation_rare"] if "organisation_rare" in records else pd.Series("", index=records.index)
    table["organisation_rare"] = _blank_as_null(rare).map(lambda words: None if words is None else words.split())
    table["numbered_street"] = _blank_as_null(numbered_street(records["address"]))
    last, first = records["last_phonetic"], records["first_phonetic"]
    # a postcode where the file has one, else the town (lists that only keep a town)
    postal = records["postal_code"].where(records["postal_code"] != "", records["city"])
    birth = records["birth_date"].where(records["birth_date"].str.len() == 8, "")
    initials = either_order(records["last"].str.slice(0, 1), records["first"].str.slice(0, 1))
    keys = {
        "email": records["email"],
        "phone": records["phone"],
        "personal_id": records["personal_id"],
        "names": either_order(records["last"], records["first"]),
        "birth_date": records["birth_date"].where(records["birth_date"].str.len() == 8, ""),
        "surname_postcode": (records["last"] + "|" + postal).where((records["last"] != "") & (postal != ""), ""),
        # a typo in either name breaks an exact key, not always both French phonetic codes
        "phonetic_names": either_order(last, first),
        "first_postcode": (first + "|" + postal).where((first != "") & (postal != ""), ""),
        "email_local": records["email_local"].where(records["email_local"].str.len() >= 5, ""),
        # typos in both names, even swapped, rarely touch both first letters: initials with a place or a year
        "initials_postcode": (initials + "|" + postal).where((initials != "") & (postal != ""), ""),
        "initials_birth_year": (initials + "|" + birth.str.slice(0, 4)).where((initials != "") & (birth != ""), ""),
        # one name left blank or mistyped beyond its phonetic code: the other with the birth year
        "surname_birth_year": (last + "|" + birth.str.slice(0, 4)).where((last != "") & (birth != ""), ""),
        "first_birth_year": (first + "|" + birth.str.slice(0, 4)).where((first != "") & (birth != ""), ""),
        # a mistyped year (1974 / 1984) keeps the day, the month and the surname's initial
        "birth_day_initial": (records["last"].str.slice(0, 1) + "|" + birth.str.slice(4)).where(
            (records["last"] != "") & (birth != ""), ""
        ),
        # an organisation's two rarest words: a chain's or a town's name never blocks alone
        "organisation": rarest_words(records["organisation"]),
        # a house number and its street's rarest word: one place spelt two ways (av / avenue, a type left out)
        "numbered_street": numbered_street(records["address"]),
    }
    for name, key in keys.items():
        table[f"block_{name}"] = _capped(key, cap, max(pairs_per_record * len(records), MIN_PAIRS_PER_RULE))
    return table


def _present(table: pd.DataFrame, column: str) -> bool:
    return bool(table[column].notna().any())


def _rule_names(table: pd.DataFrame) -> list[str]:
    """The blocking rules the file can use, in Splink's order (its ``match_key``): keys not all blank."""
    return [
        column.removeprefix("block_")
        for column in table.columns
        if column.startswith("block_") and _present(table, column)
    ]


def _exact_or_one_off(column: str) -> cl.CustomComparison:
    """The same value, or one mistyped character (a phone's digit, an identity number's)."""
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column),
            cll.LevenshteinLevel(column, 1),
            cll.ElseLevel(),
        ],
    )


#: How each backend reads a birth date written ``YYYYMMDD`` (DuckDB's strptime, Spark's Java patterns).
DATE_FORMATS = {"duckdb": "%Y%m%d", "spark": "yyyyMMdd"}


def splink_settings(table: pd.DataFrame, backend: str = "duckdb", *, detailed: bool = False) -> SettingsCreator:
    """Splink settings for the columns and blocking keys ``table`` (:func:`splink_input`) actually fills, in
    the SQL of ``backend`` (``duckdb`` or ``spark``: a model saved from one does not load on the other as it
    is, so each builds its own from Splink's comparison library and :func:`carry_parameters` carries the
    trained numbers). ``detailed``: predictions keep each comparison's match weight (``mw_*``)."""
    candidates = {
        "first": _name_comparison("first", "last", nicknames=True),
        "last": _name_comparison("last", "first"),
        "email": cl.EmailComparison("email"),
        "phone": _exact_or_one_off("phone"),
        "postal_code": cl.CustomComparison(
            output_column_name="postal_code",
            comparison_levels=[
                cll.NullLevel("postal_code"),
                cll.ExactMatchLevel("postal_code"),
                cll.ExactMatchLevel(ColumnExpression("postal_code").substr(1, 2)).configure(
                    label_for_charts="Même département"
                ),
                cll.ElseLevel(),
            ],
        ),
        "city": cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
        # a house number and its street's rarest word alike: one place with its street type left out or
        # abbreviated ("1401 s hamlin" / "1401 south hamlin avenue")
        "address": cl.CustomComparison(
            output_column_name="address",
            comparison_levels=[
                cll.NullLevel("address"),
                cll.ExactMatchLevel("address"),
                cll.JaroWinklerLevel("address", 0.95),
                cll.ExactMatchLevel("numbered_street").configure(label_for_charts="Même numéro, même rue"),
                cll.JaroWinklerLevel("address", 0.85),
                cll.ElseLevel(),
            ],
        ),
        "birth_date": cl.DateOfBirthComparison(
            "birth_date", input_is_string=True, datetime_format=DATE_FORMATS[backend]
        ),
        "personal_id": _exact_or_one_off("personal_id"),
        # the key (legal forms and little words gone), a shared chain's name weighing less than a rare one
        "organisation": cl.CustomComparison(
            output_column_name="organisation",
            comparison_levels=[
                cll.NullLevel("organisation"),
                cll.ExactMatchLevel("organisation").configure(tf_adjustment_column="organisation"),
                cll.JaroWinklerLevel("organisation", 0.92),
                # a word few organisations of the file carry (El Valor Kiddy Kare / KKP Kiddy Kare)
                cll.ArrayIntersectLevel("organisation_rare", 1).configure(label_for_charts="Mot rare commun"),
                cll.JaroWinklerLevel("organisation", 0.8),
                cll.ElseLevel(),
            ],
        ),
    }
    comparisons: list[ComparisonCreator | dict[str, Any]] = [
        comparison for name, comparison in candidates.items() if _present(table, name)
    ]
    rules: list[BlockingRuleCreator | dict[str, Any]] = [block_on(f"block_{name}") for name in _rule_names(table)]
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=rules,
        retain_intermediate_calculation_columns=detailed,
        retain_matching_columns=False,
    )


#: Rules that admit very few false matches, for lambda: a contact or a birth date, with the names.
DETERMINISTIC_RULES = (
    ("email", "last"),
    ("phone", "last", "first"),
    ("birth_date", "last", "first"),
    ("address", "last", "first"),
    ("address", "organisation"),
)


def _deterministic_rules(table: pd.DataFrame) -> list[BlockingRuleCreator | str]:
    """The deterministic rules that find at least one pair in ``table`` (lambda from none would be 0)."""
    return [block_on(*columns) for columns in DETERMINISTIC_RULES if _pairs_sharing(table, columns)]


def _pairs_sharing(table: pd.DataFrame, columns: tuple[str, ...]) -> int:
    """How many pairs of records share all of ``columns`` (none blank)."""
    counts = table.dropna(subset=list(columns)).groupby(list(columns)).size()
    return int((counts * (counts - 1) // 2).sum())


def shipped_m() -> dict[str, Any]:
    """The m probabilities shipped with grc (``data/splink_m.json``, built by ``scripts/train_splink_model.py``;
    its ``trained_on`` says from what): where a file is too small for expectation-maximisation, they replace
    Splink's generic defaults."""
    path = resources.files("grc_toolkit") / "data" / "splink_m.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _start_from_shipped_m(linker: Linker) -> int:
    """Set every comparison level's m to the shipped one (matched by comparison and level label); returns how
    many levels were set. Expectation-maximisation, where the file allows it, starts from there."""
    shipped = shipped_m()["m"]
    count = 0
    for comparison in linker._settings_obj.comparisons:
        levels = shipped.get(comparison.output_column_name, {})
        for level in comparison.comparison_levels:
            if not level.is_null_level and level.label_for_charts in levels:
                level.m_probability = levels[level.label_for_charts]
                count += 1
    return count


#: The shipped u counts as this many random pairs of the file (a 30-row file has 435 pairs, some of them one
#: person: its own u is mostly the shipped one; a 2,000-row file's is mostly its own).
SHIPPED_U_PAIRS = 20_000


def _blend_shipped_u(linker: Linker, pairs: float) -> None:
    """Blend each level's u measured on ``pairs`` random pairs of the file with the shipped one."""
    shipped = shipped_m().get("u", {})
    for comparison in linker._settings_obj.comparisons:
        levels = shipped.get(comparison.output_column_name, {})
        for level in comparison.comparison_levels:
            if level.is_null_level or level.label_for_charts not in levels:
                continue
            if level._u_probability is None:  # never seen among the file's random pairs
                level.u_probability = levels[level.label_for_charts]
                continue
            measured = float(level.u_probability or 0.0)
            blended = (measured * pairs + levels[level.label_for_charts] * SHIPPED_U_PAIRS) / (pairs + SHIPPED_U_PAIRS)
            level.u_probability = blended


def _train(linker: Linker, table: pd.DataFrame, *, shipped: bool = True) -> list[str]:
    """Train ``linker`` on the file itself, from the shipped m (:func:`shipped_m`) unless ``shipped`` is
    False; returns the EM sessions run (their blocking columns)."""
    if shipped:
        _start_from_shipped_m(linker)
    n = len(table)
    deterministic = _deterministic_rules(table)
    if deterministic:  # else Splink's default lambda (1 in 10,000 random pairs)
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=DETERMINISTIC_RECALL)
    pairs = min(U_PAIRS, max(n * (n - 1) / 2, 1.0))
    linker.training.estimate_u_using_random_sampling(max_pairs=pairs, seed=0)
    if shipped:
        _blend_shipped_u(linker, pairs)
    sessions = []
    # each session learns m of the fields its blocking rule does not use
    # a file of organisations: their names' weights learnt on pairs at one address (people's files do without:
    # a household shares an address)
    places = (("address",),) if _present(table, "organisation") else ()
    for columns in (
        ("first", "last"),
        ("email",),
        ("phone",),
        ("postal_code", "birth_date"),
        ("organisation",),
        *places,
    ):
        if not all(_present(table, column) for column in columns):
            continue
        if _pairs_sharing(table, columns) < MIN_EM_PAIRS:
            continue
        before = linker._settings_obj.core_model_settings.copy()  # type: ignore[no-untyped-call]
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(*columns), max_pairs=2e6)
        except ValueError:
            # EM may drive a level no pair of this block shows to m = 0, which Splink refuses: the session
            # teaches nothing sound, the model from before it stays. All of it: Splink's session works on the
            # linker's own settings, and a failed one leaves them with the share of matches adjusted to its
            # blocked pairs and without the comparisons of its blocking columns (on the public historical set:
            # 0.98 instead of 0.00004, no birth date nor postcode compared, 11,000 wrong pairs grouped)
            linker._settings_obj.core_model_settings = before
            continue
        sessions.append("+".join(columns))
    return sessions


def carry_parameters(source: Linker, target: Linker) -> list[str]:
    """Give ``target`` the trained numbers of ``source`` (the share of matches, and each level's m and u,
    matched by comparison and level label): one model on two backends. Returns the levels ``target`` has and
    ``source`` does not (left at Splink's defaults), as ``comparison: level``."""
    trained = {
        (comparison.output_column_name, level.label_for_charts): (level._m_probability, level._u_probability)
        for comparison in source._settings_obj.comparisons
        for level in comparison.comparison_levels
        if not level.is_null_level
    }
    missing = []
    for comparison in target._settings_obj.comparisons:
        for level in comparison.comparison_levels:
            key = (comparison.output_column_name, level.label_for_charts)
            if level.is_null_level:
                continue
            if key not in trained:
                missing.append(f"{key[0]}: {key[1]}")
                continue
            level._m_probability, level._u_probability = trained[key]
    target._settings_obj._probability_two_random_records_match = (
        source._settings_obj._probability_two_random_records_match
    )
    return missing


def linker_for(table: pd.DataFrame, backend: str = "duckdb", *, detailed: bool = False) -> tuple[Linker, Any]:
    """An untrained Splink linker of ``table`` (:func:`splink_input`) on ``backend`` and its database API:
    DuckDB in this process, or Spark (:func:`grc_toolkit.spark.session`)."""
    if backend == "spark":
        from splink import SparkAPI

        from grc_toolkit.spark import session, use_duckdb_similarities

        db_api: Any = SparkAPI(spark_session=session())  # type: ignore[no-untyped-call]
        use_duckdb_similarities(db_api.spark)
    else:
        db_api = DuckDBAPI()
    settings = splink_settings(table, backend, detailed=detailed)
    return Linker(_register(db_api, table), settings, log_level=logging.ERROR), db_api


def _register(db_api: Any, frame: pd.DataFrame) -> Any:
    """``frame`` as a table of ``db_api``'s database; on Spark made a Spark frame by Arrow first (Splink's own
    conversion of a pandas frame fills its blanks in a way pandas deprecates)."""
    if isinstance(db_api, DuckDBAPI):
        return db_api.register(frame)
    return db_api.register(db_api.spark.createDataFrame(frame))


@dataclass(frozen=True)
class SplinkModel(Model):
    """Splink's trained model (``settings``: Splink's own JSON document) beside grc's level weights
    learnt on the same candidate pairs, which explanations still read."""

    settings: dict[str, Any] = field(default_factory=dict)
    em_sessions: list[str] = field(default_factory=list)
    weights_table: list[dict[str, object]] = field(default_factory=list)
    share_among_candidates: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "engine": "splink",
            "probability_two_random_records_match": self.settings.get("probability_two_random_records_match"),
            "share_of_matches_among_candidates": self.share_among_candidates,
            "em_sessions": self.em_sessions,
            "comparisons": self.weights_table,
            "levels": super().to_dict(),
        }


def _weights_table(linker: Linker) -> list[dict[str, object]]:
    """Per Splink comparison, its levels and their match weights (``log2(m / u)``), defaults included.

    Splink 5 has no public accessor for the parameters in force (``save_model_to_json`` leaves out the
    defaults of untrained levels): this reads the records its own match-weights chart is drawn from.
    """
    table: dict[str, list[dict[str, object]]] = {}
    for detailed in linker._settings_obj._parameters_as_detailed_records:
        record = asdict(detailed)
        if record.get("is_null_level") or record.get("comparison_name") == "probability_two_random_records_match":
            continue
        weight = record.get("log2_bayes_factor")
        table.setdefault(str(record["comparison_name"]), []).append(
            {"level": record.get("label_for_charts", ""), "weight": None if weight is None else round(float(weight), 2)}
        )
    return [{"field": name, "levels": levels} for name, levels in table.items()]


@dataclass(frozen=True)
class SplinkScoredPairs(ScoredPairs):
    """Scored pairs whose probabilities come from a trained Splink linker, which also scores extra pairs.

    Grouping asks about pairs Splink never proposed, a handful at a time and thousands of times: those small
    batches are scored with grc's level weights learnt on Splink's own candidates (the model beside Splink's),
    since one Splink prediction per question took 50,000 historical rows past ten minutes; large batches go
    to Splink.

    Splink's probabilities are re-based on the share of matches among the candidates (:func:`candidate_shift`);
    the rules' overrule reads the same without the evidence of the place comparisons (``overrule_probability``,
    :data:`PLACE_COMPARISONS`): with it, a ≥ 0.999 overrule merged two namesakes of one postcode and surname 103
    times in the life-events export (Splink gives a postcode 12.5 bits there); without it, the first names that
    typos and nicknames change are still overruled by names and birth dates (``historical_50k`` 0.763 -> 0.803)."""

    linker: Linker | None = None
    db_api: Any = None  # DuckDBAPI or SparkAPI
    shift: float = 0.0  # log2 odds from Splink's share of matches among all pairs to the candidates' one

    def score(self, left: np.ndarray, right: np.ndarray) -> pd.DataFrame:
        levels = compare(self.records, left, right)
        if len(left) < SPLINK_BATCH and self.model is not None:
            probability = match_probability(levels, self.model)
            return levels.assign(left=left, right=right, probability=probability)
        probability, places = self._probability(left, right)
        shifted = _shifted(probability, self.shift)
        return levels.assign(
            left=left, right=right, probability=shifted, overrule_probability=_without(shifted, places)
        )

    def _probability(self, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.linker is None or self.db_api is None or not len(left):
            return np.zeros(len(left)), np.zeros(len(left))
        low, high = np.minimum(left, right).astype(np.int64), np.maximum(left, right).astype(np.int64)
        return _predict_pairs(self.linker, self.db_api, low, high)


#: The comparisons that two people of one home, one street or one town agree on: their evidence never overrules a
#: rule that sees two people (a household, namesakes), only the rest of it may.
PLACE_COMPARISONS = ("postal_code", "city", "address")


def _predict_pairs(linker: Linker, db_api: Any, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Splink's ``match_probability`` of the pairs ``low``-``high`` (``low`` < ``high``), whatever its own
    blocking rules would propose, and the match weight (bits) its place comparisons gave each, 0 when negative
    (:data:`PLACE_COMPARISONS`, term-frequency adjustments included; the linker keeps its intermediate columns)."""
    if not len(low):
        return np.zeros(0), np.zeros(0)
    wanted = pd.DataFrame({"match_key": "0", "join_key_l": low, "join_key_r": high}).drop_duplicates()
    registered = _register(db_api, wanted)
    linker.table_management.register_blocked_pairs_for_predict(registered)
    predicted = linker.inference.predict(warning_mode="never")
    scored = _as_pandas(predicted, _place_columns)
    # grouping may ask many times: keep DuckDB's memory flat (the pairs' table is ours, not Splink's)
    predicted.drop_table_from_database_and_remove_from_cache()
    registered.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
    probability, places = _lookup(scored, low, high, ["match_probability", "place_weight"])
    return probability, places


def _place_columns(columns: list[str]) -> list[str]:
    """The pair's ids, probability and the sum of its place comparisons' match weights, as SQL expressions."""
    weights = [
        f"coalesce({name}, 0)"
        for name in columns
        if name.startswith("mw_") and name.removeprefix("mw_").removeprefix("tf_adj_") in PLACE_COMPARISONS
    ]
    place = "greatest(" + " + ".join(weights) + ", 0)" if weights else "0.0"
    return ["unique_id_l", "unique_id_r", "match_probability", f"cast({place} as double) as place_weight"]


def _without(probability: np.ndarray, bits: np.ndarray) -> np.ndarray:
    """``probability`` with ``bits`` of evidence taken off its log2 odds."""
    return _shifted(probability, -bits)


def _lookup(scored: pd.DataFrame, left: np.ndarray, right: np.ndarray, columns: list[str]) -> list[np.ndarray]:
    """``columns`` of each pair (``left`` < ``right``) in Splink's scored pairs, 0 for pairs it did not return."""
    index = pd.MultiIndex.from_arrays([scored["unique_id_l"].astype(np.int64), scored["unique_id_r"].astype(np.int64)])
    at = index.get_indexer(pd.MultiIndex.from_arrays([left, right]))
    found = at >= 0
    looked_up = []
    for column in columns:
        values = np.zeros(len(left))
        values[found] = scored[column].to_numpy(dtype=float)[at[found]]
        looked_up.append(values)
    return looked_up


def score_pairs(records: pd.DataFrame, backend: str = "duckdb") -> ScoredPairs:
    """Block, compare and score the candidate pairs of ``records`` with Splink on ``backend`` (``duckdb``,
    in-process, or ``spark``), trained on the file itself."""
    none = np.empty(0, dtype=np.int64)
    table = splink_input(records)
    settings = splink_settings(table, backend)
    if len(records) < 2 or not settings.comparisons or not settings.blocking_rules_to_generate_predictions:
        nothing = compare(records, none, none).assign(left=none, right=none, probability=np.empty(0))
        return ScoredPairs(nothing, None, {}, records)
    linker, db_api = linker_for(table, "duckdb", detailed=True)
    with part(0.0, 0.4):
        sessions = _train(linker, table)
    if backend == "spark":
        # trained in-process, predicted on Spark: training reads a bounded number of pairs (a million random
        # ones for u, two million blocked ones per EM session) whatever the file's size, which DuckDB does in
        # seconds and Spark's many small jobs in minutes (84 s for u alone on 60 rows in local mode); the
        # prediction, which grows with the file, is what moves
        trained = linker
        linker, db_api = linker_for(table, "spark", detailed=True)
        carry_parameters(trained, linker)
    with part(0.4, 1.0):
        return scored_by(records, linker, db_api, sessions)


def predictions(linker: Linker) -> pd.DataFrame:
    """Splink's scored candidate pairs of a trained ``linker``, as a pandas frame."""
    return _as_pandas(linker.inference.predict(warning_mode="never"))


def _as_pandas(table: Any, select: Callable[[list[str]], list[str]] | None = None) -> pd.DataFrame:
    """A Splink table as a pandas frame, or only the SQL expressions ``select(its columns)`` gives (computed in
    the database: a prediction keeps dozens of intermediate columns); from Spark through Arrow
    (:func:`grc_toolkit.spark.to_pandas`)."""
    if not isinstance(table.db_api, DuckDBAPI):
        from grc_toolkit.spark import to_pandas

        frame = table.as_spark_dataframe()
        return to_pandas(frame if select is None else frame.selectExpr(*select(list(frame.columns))))
    if select is None:
        return table.as_pandas_dataframe()  # type: ignore[no-any-return,unused-ignore]
    relation = table.as_duckdbpyrelation()
    return relation.project(", ".join(select(list(relation.columns)))).df()


def scored_by(records: pd.DataFrame, linker: Linker, db_api: Any, sessions: list[str]) -> ScoredPairs:
    """grc's candidate pairs (:func:`~grc_toolkit.dedupe.blocking.candidate_pairs`) scored by a trained
    ``linker``, with grc's levels beside (what the rules, the grouping and the review read).

    grc's blocking, not Splink's own rules (:func:`splink_settings`; still what :func:`predictions` uses): on
    the public historical set it finds 74 % of true pairs where Splink's rules found 65 % (F1 0.745 -> 0.763),
    and on ``fake_1000``, the FEBRL sets, the life-events export and the 20k development file, as much or more."""
    with part(0.0, 0.1):
        candidates = candidate_pairs(records)
    low, high = candidates.left.astype(np.int64), candidates.right.astype(np.int64)
    with part(0.1, 0.4):
        splink_probability, places = _predict_pairs(linker, db_api, low, high)
    per_pass = candidates.per_pass
    with part(0.4, 0.9):
        levels = compare_in_chunks(records, low, high)
    prior = float(linker._settings_obj._probability_two_random_records_match)
    shift = candidate_shift(splink_probability, prior)
    probability = _shifted(splink_probability, shift)
    pairs = levels.assign(
        left=low, right=high, probability=probability, overrule_probability=_without(probability, places)
    )
    pairs = pairs.sort_values(["left", "right"], ignore_index=True)
    if not len(pairs):
        return SplinkScoredPairs(pairs, None, per_pass, records, linker, db_api)
    grc = train(levels, estimate_u(records))
    model = SplinkModel(
        grc.m,
        grc.u,
        grc.prior,
        grc.iterations,
        grc.history,
        settings=linker.misc.save_model_to_json(),
        em_sessions=sessions,
        weights_table=_weights_table(linker),
        share_among_candidates=round(float(_shifted(np.array([prior]), shift)[0]), 6),
    )
    return SplinkScoredPairs(pairs, model, per_pass, records, linker, db_api, shift)


def _log2_odds(probability: np.ndarray | float) -> np.ndarray:
    p = np.clip(probability, 1e-15, 1 - 1e-15)
    return np.asarray(np.log2(p) - np.log2(1 - p))


def _shifted(probability: np.ndarray, shift: float | np.ndarray) -> np.ndarray:
    """``probability`` with ``shift`` (bits, one or one per pair) added to its log2 odds."""
    if not len(probability) or not np.any(shift):
        return probability
    return np.asarray(1 / (1 + np.exp2(-np.clip(_log2_odds(probability) + shift, -60, 60))))


def candidate_shift(probability: np.ndarray, prior: float, *, iterations: int = 500) -> float:
    """log2 odds from Splink's share of matches among all pairs of the file (``prior``, from deterministic
    rules) to the share among the candidate pairs it scored (``probability``), found by
    expectation-maximisation with each pair's Bayes factor held, as grc's own model finds its prior.

    A candidate pair is drawn from the candidates, not from all pairs of the file: on ``fake_1000`` Splink's
    prior was 0.0008 of all pairs where the answer key gives 0.004, two bits missing on every pair."""
    if not len(probability):
        return 0.0
    evidence = _log2_odds(probability) - _log2_odds(prior)
    share = 0.1
    for _ in range(iterations):
        posterior = 1 / (1 + np.exp2(-np.clip(evidence + _log2_odds(share), -60, 60)))
        new = float(np.clip(posterior.mean(), 1e-6, 1 - 1e-6))
        done = abs(new - share) < 1e-9
        share = new
        if done:
            break
    return float(_log2_odds(share) - _log2_odds(prior))


def backend_differences(first: pd.DataFrame, second: pd.DataFrame, tolerance: float = 1e-6) -> pd.DataFrame:
    """The pairs two backends' predictions (:func:`predictions` of one model) do not score alike: proposed by
    one only, or with probabilities more than ``tolerance`` apart, each with the comparisons whose match
    weight differs (``first: weight / second: weight``), which names the similarity the backends compute
    differently (Jaro-Winkler, a date parsed)."""
    key = ["unique_id_l", "unique_id_r"]
    both = first.merge(second, on=key, how="outer", suffixes=("_1", "_2"), indicator=True)
    apart = (both["match_probability_1"] - both["match_probability_2"]).abs() > tolerance
    rows = both[(both["_merge"] != "both") | apart]
    weights = sorted(
        column.removesuffix("_1") for column in both.columns if column.startswith("mw_") and column.endswith("_1")
    )
    report = []
    for _, row in rows.iterrows():
        differing = [
            f"{name.removeprefix('mw_')}: {row[name + '_1']:.3f} / {row[name + '_2']:.3f}"
            for name in weights
            if abs(float(row[name + "_1"] or 0) - float(row[name + "_2"] or 0)) > tolerance
        ]
        report.append(
            {
                "left": int(row["unique_id_l"]),
                "right": int(row["unique_id_r"]),
                "probability_1": row["match_probability_1"],
                "probability_2": row["match_probability_2"],
                "proposed_by": {"both": "both", "left_only": "first", "right_only": "second"}[str(row["_merge"])],
                "differs": "; ".join(differing),
            }
        )
    return pd.DataFrame(report, columns=["left", "right", "probability_1", "probability_2", "proposed_by", "differs"])
