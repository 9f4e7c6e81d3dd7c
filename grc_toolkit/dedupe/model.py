"""The Fellegi-Sunter model: what each comparison level says about two records being one person.

How much a level says is learnt from the file itself:

* ``u`` (how often two different people agree at that level) from random pairs of the file, blended
  with a default worth a few thousand pairs;
* ``m`` (how often one person's two records agree at that level) from pairs that other fields prove to
  be one person (same email and phone, same full name and address...), with a default when the file
  has too few of them;
* the share of matches among candidates (the prior) by expectation-maximisation with ``m`` and ``u`` held.

A pair's match weight is the sum of ``log2(m / u)`` over its fields, corrected for how common a shared
name is in the file, and turned into a probability with the prior.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from grc_toolkit.dedupe.compare import FIELDS, LEVELS, compare


@dataclass(frozen=True)
class Model:
    """Learnt weights: per field, ``m`` and ``u`` probabilities of each level, and the match prior."""

    m: dict[str, np.ndarray]
    u: dict[str, np.ndarray]
    prior: float
    iterations: int = 0
    history: list[float] = field(default_factory=list)

    def weights(self, name: str) -> np.ndarray:
        return np.log2(self.m[name] / self.u[name])

    def to_dict(self) -> dict[str, object]:
        return {
            "prior": self.prior,
            "iterations": self.iterations,
            "weights": {name: [round(float(w), 2) for w in self.weights(name)] for name in FIELDS},
        }


#: How often two different people agree, before the file says: blended into ``u`` so that a small file
#: (a few dozen rows, where random pairs are too few and may be the same person) still weighs sensibly.
DEFAULT_U: dict[str, tuple[float, ...]] = {
    "last": (0.97, 0.02, 0.007, 0.003),
    "first": (0.95, 0.02, 0.02, 0.01),
    "civility": (0.5, 0.5),
    "email": (0.9998, 0.0001, 0.0001),
    "phone": (0.9998, 0.0001, 0.0001),
    "postal_code": (0.95, 0.04, 0.01),
    "address": (0.997, 0.002, 0.001),
    "birth_date": (0.998, 0.0019, 0.0001),
    "personal_id": (0.9999, 0.00009, 0.00001),
    # two different records rarely name one organisation, unless both are its staff (colleagues share it)
    "organisation": (0.99, 0.008, 0.002),
}
PRIOR_PAIRS = 2_000


def estimate_u(records: pd.DataFrame, *, samples: int = 200_000, seed: int = 0) -> dict[str, np.ndarray]:
    """How often two random records (nearly always two different people) agree at each level.

    Measured on random pairs of the file, blended with :data:`DEFAULT_U` worth ``PRIOR_PAIRS`` pairs: at most
    ``samples``, and 30 per record for a small file (a 2,000-row office file needs 60,000 pairs, not 200,000,
    to see how often strangers agree: a third of that run's time, for the same groups on the public sets).
    """
    n = len(records)
    rng = np.random.default_rng(seed)
    size = min(samples, max(50_000, 30 * n), max(n * (n - 1) // 2, 1))
    left, right = rng.integers(0, n, size), rng.integers(0, n, size)
    keep = left != right
    levels = compare(records, left[keep], right[keep])
    u = {}
    for name in FIELDS:
        level = levels[name].to_numpy()
        counts = np.bincount(level[level >= 0], minlength=LEVELS[name])[: LEVELS[name]]
        blended = counts + PRIOR_PAIRS * np.asarray(DEFAULT_U[name])
        u[name] = blended / blended.sum()
    return u


def _frequencies(levels: np.ndarray, count: int, weights: np.ndarray | None) -> np.ndarray:
    present = levels >= 0
    weighted = weights[present] if weights is not None else None
    counts = np.bincount(levels[present], weights=weighted, minlength=count)[:count].astype(float)
    smoothed = counts + 0.5  # smoothing: no level is impossible
    return smoothed / smoothed.sum()


def _log_odds(levels: pd.DataFrame, model: Model) -> np.ndarray:
    total = np.zeros(len(levels))
    for name in FIELDS:
        level = levels[name].to_numpy()
        present = level >= 0
        total[present] += model.weights(name)[level[present]]
    for name in ("last", "first", "organisation"):  # a shared common name says less than a shared rare one
        frequency = levels.get(f"{name}_frequency")
        if frequency is not None:
            exact = levels[name].to_numpy() == LEVELS[name] - 1
            u_exact = np.maximum(frequency.to_numpy()[exact], model.u[name][-1] / 10)
            total[exact] += np.log2(model.u[name][-1] / u_exact)
    return total


def _anchors(levels: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per field, the pairs that at least two strong agreements not involving that field prove to be one
    person (same email, same phone, same birth date, same full name, same street address and postcode)."""
    level = {name: levels[name].to_numpy() for name in FIELDS}
    strong = {
        "email": level["email"] == 2,
        "phone": level["phone"] == 2,
        "birth_date": level["birth_date"] == 2,
        "personal_id": level["personal_id"] == 2,
        "names": (level["last"] == 3) & (level["first"] == 3),
        "place": (level["address"] == 2) & (level["postal_code"] == 2),
    }
    uses = {"last": "names", "first": "names", "address": "place", "postal_code": "place"}
    anchors = {}
    for name in FIELDS:
        excluded = uses.get(name, name)
        count = sum(agree.astype(np.int8) for key, agree in strong.items() if key != excluded)
        anchors[name] = count >= 2
    return anchors


#: ``m`` used when the file has too few sure pairs to measure it (e.g. no phone column).
DEFAULT_M: dict[str, tuple[float, ...]] = {
    "last": (0.02, 0.04, 0.09, 0.85),
    "first": (0.03, 0.05, 0.07, 0.85),
    "civility": (0.05, 0.95),
    "email": (0.15, 0.05, 0.8),
    "phone": (0.15, 0.05, 0.8),
    "postal_code": (0.05, 0.03, 0.92),
    "address": (0.1, 0.1, 0.8),
    "birth_date": (0.03, 0.07, 0.9),
    "personal_id": (0.05, 0.05, 0.9),
    # one organisation's name is written many ways (a legal form, a branch's name, a word left out)
    "organisation": (0.1, 0.3, 0.6),
}
MIN_ANCHORS = 30


def train(levels: pd.DataFrame, u: dict[str, np.ndarray], *, iterations: int = 50) -> Model:
    """Measure ``m`` on sure pairs of the file, then the share of matches among candidates.

    ``m`` of a field is measured on pairs that are surely one person by other fields (same email and
    phone for names and places; same phone and names for emails...), so it is learnt from the file
    without the label switching plain EM suffers on blocked pairs. The prior is then found by
    expectation-maximisation with ``m`` and ``u`` held.
    """
    anchors = _anchors(levels)
    m = {}
    for name in FIELDS:
        sure = anchors[name] & (levels[name].to_numpy() >= 0)
        if sure.sum() >= MIN_ANCHORS:
            m[name] = _frequencies(levels[name].to_numpy()[sure], LEVELS[name], None)
        else:
            m[name] = np.asarray(DEFAULT_M[name])
    prior, history = 0.1, []
    model = Model(m, u, prior)
    odds = _log_odds(levels, model)
    for _ in range(iterations):
        posterior = 1 / (1 + np.exp2(-np.clip(odds + np.log2(prior / (1 - prior)), -60, 60)))
        new_prior = float(np.clip(posterior.mean(), 1e-6, 1 - 1e-6))
        history.append(new_prior)
        if abs(new_prior - prior) < 1e-6:
            prior = new_prior
            break
        prior = new_prior
    return Model(m, u, prior, len(history), history)


def match_probability(levels: pd.DataFrame, model: Model) -> np.ndarray:
    """Probability that each pair is one person, from its levels and the learnt model."""
    weight = _log_odds(levels, model) + np.log2(model.prior / (1 - model.prior))
    return 1 / (1 + np.exp2(-np.clip(weight, -60, 60)))
