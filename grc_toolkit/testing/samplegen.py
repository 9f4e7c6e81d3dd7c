"""Make realistic, messy visitor exports of a French tourism office, together with their true clean values.

Tests may not use outside data, so they build it here: :func:`generate_export` invents people (80 % French,
the rest from nearby countries, the United States and French overseas departments), writes each of them one
to four times as an office's CRM would, then dirties every cell the way real exports are dirty (case, spaces,
mojibake, phone formats, Excel artefacts, country and consent spellings...). ``truth`` holds what grc should
output for each messy cell, so a test can score a cleaner cell by cell.

Everything is drawn from ``random.Random`` seeded from ``seed``: the same arguments give the same frames.
People, duplicates and truth do not depend on ``noise``; only the messy spelling does.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

import pandas as pd

__all__ = ["HEADER_SETS", "SAMPLE_SEED", "TRUTH_COLUMNS", "GeneratedExport", "generate_export", "sample_export"]

from grc_toolkit.testing._noise import _messy_row, _Noise, _truth_row
from grc_toolkit.testing._people import _make_people, _make_rows

_T = TypeVar("_T")

#: Canonical columns of ``GeneratedExport.truth``, in order.
TRUTH_COLUMNS: tuple[str, ...] = (
    "email", "phone", "postal_code", "city", "country", "consent",
    "civility", "last_name", "first_name", "contact_date",
)  # fmt: skip

#: Header sets an office may export: canonical field -> header, in export order.
HEADER_SETS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "civility": "Civilité", "last_name": "Nom", "first_name": "Prénom", "email": "Email",
        "phone": "Téléphone", "address": "Adresse", "postal_code": "Code postal", "city": "Ville",
        "country": "Pays", "contact_date": "Date de contact", "consent": "Optin newsletter", "source": "Source",
    },
    "en": {
        "civility": "Title", "last_name": "Last name", "first_name": "First name", "email": "E-mail",
        "phone": "Phone", "address": "Address", "postal_code": "Zip", "city": "City", "country": "Country",
        "contact_date": "Last contact", "consent": "Newsletter opt-in", "source": "Source",
    },
    "crm": {
        "record_id": "N° contact", "civility": "CIVILITE", "last_name": "NOM", "first_name": "PRENOM",
        "email": "COURRIEL", "phone": "TEL PORTABLE", "address": "ADRESSE 1", "postal_code": "CP",
        "city": "COMMUNE", "country": "PAYS", "contact_date": "DATE CREATION", "consent": "OPTIN",
        "source": "ORIGINE",
    },
}  # fmt: skip


@dataclass(frozen=True, eq=False)
class GeneratedExport:
    """A messy export, the clean value of each of its cells, and who each row is.

    ``messy`` holds only ``str`` cells. ``truth`` has the same index and the columns of
    :data:`TRUTH_COLUMNS`. ``person_id`` (same index) says which person a row belongs to: rows sharing it
    are duplicates. ``header_fields`` maps each messy header to the canonical field it holds (``Source`` is
    not a canonical field and is left out).
    """

    messy: pd.DataFrame
    truth: pd.DataFrame
    person_id: pd.Series
    header_fields: Mapping[str, str] = field(default_factory=dict)


def _check_arguments(n_people: int, duplicate_rate: float, noise: float, columns: str) -> None:
    if n_people < 0:
        raise ValueError(f"n_people must be >= 0, not {n_people}")
    if not 0.0 <= duplicate_rate <= 1.0:
        raise ValueError(f"duplicate_rate must be between 0 and 1, not {duplicate_rate}")
    if noise < 0.0:
        raise ValueError(f"noise must be >= 0, not {noise}")
    if columns not in HEADER_SETS:
        raise ValueError(f"columns must be one of {sorted(HEADER_SETS)}, not {columns!r}")


def generate_export(
    n_people: int = 200,
    *,
    seed: int = 0,
    duplicate_rate: float = 0.25,
    noise: float = 1.0,
    columns: Literal["fr", "en", "crm"] = "fr",
) -> GeneratedExport:
    """Invent ``n_people`` visitors and the messy export an office would hold about them.

    ``duplicate_rate`` of the people appear two to four times (each copy with its own noise, sometimes
    without email or phone, sometimes an older contact date); some people share a household (same address,
    phone and surname) or a name (namesakes elsewhere in France) without being duplicates. ``noise`` scales
    every kind of mess: 0 gives an export whose cells equal ``truth``, 2 doubles every rate. ``columns``
    picks the header set (:data:`HEADER_SETS`); ``"crm"`` adds a unique ``N° contact`` column.

    In ``truth``, a cell holding two emails or two phones has the first one as its value; a blank country
    still has the person's country (grc infers it), a blank civility or consent stays "".

    Examples:
        >>> export = generate_export(30, seed=1)
        >>> len(export.messy) == len(export.truth) == len(export.person_id)
        True
        >>> export.truth.columns.tolist()[:3]
        ['email', 'phone', 'postal_code']
        >>> clean = generate_export(30, seed=1, noise=0)
        >>> bool((clean.messy["Code postal"] == clean.truth["postal_code"]).all())
        True
    """
    _check_arguments(n_people, duplicate_rate, noise, columns)
    people = _make_people(random.Random(f"grc-samplegen:{seed}:people"), n_people)
    rows = _make_rows(random.Random(f"grc-samplegen:{seed}:rows"), people, duplicate_rate)
    noise_rng = random.Random(f"grc-samplegen:{seed}:noise")
    used = {person.email for person in people}
    cells = [_messy_row(_Noise(noise_rng, noise), row, used) for row in rows]

    headers = HEADER_SETS[columns]
    index = pd.RangeIndex(len(rows))
    data: dict[str, list[str]] = {}
    if "record_id" in headers:
        ids = random.Random(f"grc-samplegen:{seed}:ids").sample(range(100_000, 1_000_000), len(rows))
        data[headers["record_id"]] = [str(record_id) for record_id in ids]
    for name, header in headers.items():
        if name != "record_id":
            data[header] = [row_cells[name] for row_cells in cells]
    messy = pd.DataFrame(data, index=index, columns=list(headers.values()))
    truth_rows = [_truth_row(row) for row in rows]
    truth = pd.DataFrame({name: [t[name] for t in truth_rows] for name in TRUTH_COLUMNS}, index=index)
    person_id = pd.Series([row.person.person_id for row in rows], index=index, name="person_id", dtype="int64")
    header_fields = {header: name for name, header in headers.items() if name != "source"}
    return GeneratedExport(messy, truth, person_id, header_fields)


#: Seed of the export committed as ``samples/visitors-sample.csv`` and ``.xlsx``.
SAMPLE_SEED = 2024


def sample_export() -> GeneratedExport:
    """The export behind ``samples/visitors-sample.*`` (about 300 rows), truth included.

    ``scripts/make_samples.py`` writes it; tests that read the sample files compare with its ``truth``.

    Examples:
        >>> sample_export().messy.shape[1]
        12
    """
    return generate_export(200, seed=SAMPLE_SEED)
