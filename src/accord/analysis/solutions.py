"""Bargaining solutions over the rational outcomes (uᵢ ≥ dᵢ for every party, d = reservation values).

:data:`SOLUTIONS` declares them, one :class:`Solution` record each (name, title, score over the gains, short label);
:func:`solve` returns the position (row) of each chosen outcome, or ``None`` when no outcome is rational. The
reports and the web read names and titles (the terminal report short labels too) from the declarations.
Ties are broken towards the largest utility sum, then the lexicographically largest utility vector (first
party's utility first), then the lowest position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

DECIMALS = 10
"""Utilities and thresholds are rounded to this many decimals before any comparison."""
_TIE = 1e-12


def rational_mask(utilities: np.ndarray, reservation: np.ndarray) -> np.ndarray:
    """Outcomes every party weakly prefers to no deal."""
    reservation = np.asarray(reservation, dtype=float)
    mask = utilities[:, 0] >= reservation[0]
    for column in range(1, utilities.shape[1]):
        mask &= utilities[:, column] >= reservation[column]
    return mask


def _best(scores: np.ndarray, sums: np.ndarray, utilities: np.ndarray) -> int:
    """Row of the best score; ties → largest sum → lexicographically largest utilities → lowest row."""
    best = scores.max()
    tied = np.flatnonzero(scores >= best - _TIE * max(1.0, abs(best)))
    tied = tied[sums[tied] == sums[tied].max()]
    if tied.size > 1:
        keys = [-utilities[tied, j] for j in range(utilities.shape[1] - 1, -1, -1)]
        tied = tied[np.lexsort(keys)]
    return int(tied[0])


def _nash(gains: np.ndarray, reach: np.ndarray) -> np.ndarray:
    return np.prod(gains, axis=1)


def _kalai_smorodinsky(gains: np.ndarray, reach: np.ndarray) -> np.ndarray:
    span = np.where(reach > 0, reach, 1.0)
    ratios = np.where(reach > 0, gains / span, 1.0)
    return ratios.min(axis=1)


def _egalitarian(gains: np.ndarray, reach: np.ndarray) -> np.ndarray:
    return gains.min(axis=1)


def _utilitarian(gains: np.ndarray, reach: np.ndarray) -> np.ndarray:
    return gains.sum(axis=1)


@dataclass(frozen=True)
class Solution:
    """One bargaining solution: ``score(gains, reach)`` scores each rational outcome from its gains over the
    reservation values (``(n, parties)``) and each party's largest gain (``reach``); the best score wins. ``short``
    heads its column where the title does not fit (an 80-column terminal); empty, the title does."""

    name: str
    title: str
    score: Callable[[np.ndarray, np.ndarray], np.ndarray]
    short: str = ""

    def to_json(self) -> dict:
        return {"name": self.name, "title": self.title}


SOLUTIONS: tuple[Solution, ...] = (
    Solution("nash", "Nash", _nash),
    Solution("kalai_smorodinsky", "Kalai–Smorodinsky", _kalai_smorodinsky, short="KS"),
    Solution("egalitarian", "egalitarian", _egalitarian, short="egal."),
    Solution("utilitarian", "utilitarian", _utilitarian, short="util."),
)
_BY_NAME = {solution.name: solution for solution in SOLUTIONS}


def solution_names() -> tuple[str, ...]:
    """The names of the declared solutions, in declaration order."""
    return tuple(_BY_NAME)


def solution_titles() -> dict[str, str]:
    """Each declared solution's title, by name, in declaration order."""
    return {solution.name: solution.title for solution in SOLUTIONS}


def solve(utilities: np.ndarray, reservation: np.ndarray, rational: np.ndarray | None = None,
          which: tuple[str, ...] | None = None) -> dict[str, int | None]:
    """Positions of the requested solutions, by name (every declared one when ``which`` is ``None``; ``None``
    for each when no outcome is rational)."""
    which = solution_names() if which is None else which
    reservation = np.asarray(reservation, dtype=float)
    if rational is None:
        rational = rational_mask(utilities, reservation)
    candidates = np.flatnonzero(rational)
    if candidates.size == 0:
        return {name: None for name in which}
    chosen = utilities[candidates]
    gains = chosen - reservation[None, :]
    reach = gains.max(axis=0)
    sums = chosen.sum(axis=1)
    return {name: int(candidates[_best(_BY_NAME[name].score(gains, reach), sums, chosen)]) for name in which}
