"""A uniform random sample of a scenario's feasible outcomes, drawn without enumerating the space.

Each issue's value is drawn independently and uniformly, which is a uniform draw from the cartesian product;
draws a hard constraint forbids are rejected, so what is kept is uniform over the feasible outcomes. Memory and
time are bounded by the sample, never by the outcome count (any size, 10³⁰ included). Deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.model import Scenario
from accord.space.large import LargeSpace
from accord.space.search import score_outcomes

MAX_SAMPLE = 20_000
"""The most outcomes one sample holds."""
MAX_DRAW_ROUNDS = 20
"""Rejection rounds before a sample of a tightly constrained space is returned short (it says how many it holds)."""


@dataclass(frozen=True)
class OutcomeSample:
    """Distinct sampled outcomes: ``values`` (n, issues) value indices, ``utilities`` (n, parties) rounded to
    10 decimals as the analysis rounds them, and how they were drawn."""

    values: np.ndarray
    utilities: np.ndarray
    seed: int
    requested: int

    @property
    def size(self) -> int:
        return int(self.values.shape[0])


def sample_outcomes(scenario: Scenario, size: int, seed: int = 0) -> OutcomeSample:
    """About ``size`` (at most :data:`MAX_SAMPLE`) distinct feasible outcomes drawn uniformly with ``seed``, in
    the order drawn. Fewer when the space holds fewer, or when constraints reject most draws."""
    size = max(0, min(int(size), MAX_SAMPLE))
    rng = np.random.default_rng(seed)
    sizes = np.array([issue.size for issue in scenario.issues], dtype=np.int64)
    kept = np.empty((0, len(sizes)), dtype=np.int64)
    space = LargeSpace(scenario.issues, scenario.constraints)
    for _ in range(MAX_DRAW_ROUNDS):
        if kept.shape[0] >= size:
            break
        draws = rng.integers(0, sizes, size=(max(size, 64), len(sizes)))
        kept = np.concatenate([kept, draws[space.feasible(draws)]])
        _, first = np.unique(kept, axis=0, return_index=True)
        kept = kept[np.sort(first)]
    kept = kept[:size]
    return OutcomeSample(kept, score_outcomes(scenario, kept), int(seed), size)


__all__ = ["MAX_SAMPLE", "OutcomeSample", "sample_outcomes"]
