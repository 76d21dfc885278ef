"""Everything a session needs that depends only on the scenario, computed once and cached.

``prepare(scenario)`` builds the outcome space, the utility matrix (rounded like the analysis), each party's
utility column sorted once, the Pareto frontier and the Nash and Kalai–Smorodinsky points. Sessions on the same
scenario reuse it, so a tournament pays for it once per scenario (and once per worker process: a
:class:`Prepared` pickles as its scenario and is rebuilt, from the cache, on the other side).

A scenario too large to enumerate is prepared without enumerating (:func:`prepare_large`): no utility matrix, an
outcome-finding service per party (:class:`accord.space.search.OutcomeFinder`), and the frontier, Nash and
Kalai–Smorodinsky points from the exact analysis beyond enumeration. Positions are then C-order indices in the
cartesian product (the same as enumeration's when no hard constraint applies).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from accord.analysis import pareto_mask, rounded_utilities, solve
from accord.analysis.analyze import rounded_reservations
from accord.model import Scenario
from accord.space import OutcomeSpace, scenario_space
from accord.space.large import LargeSpace
from accord.space.outcomes import enumerable
from accord.space.search import OutcomeFinder, score_outcomes


@dataclass(frozen=True, eq=False)
class PartyColumn:
    """One party's utilities in the forms strategies use, all read-only and shared by every session.

    ``utility_list``, ``order`` and ``sorted_utility`` are read-only memoryviews of ``utility``, the positions
    sorted by ascending utility (ties by position) and the sorted utilities: indexing one gives a plain Python
    ``float``/``int`` and ``bisect`` works on them, with no copy of the column per session.
    """

    utility: np.ndarray
    order_array: np.ndarray
    sorted_array: np.ndarray
    utility_list: memoryview
    order: memoryview
    sorted_utility: memoryview


@dataclass(frozen=True, eq=False)
class Prepared:
    """A scenario ready to negotiate on. Arrays are read-only.

    On a space too large to enumerate (``finders`` set) ``utilities`` is ``None`` and ``columns`` empty; every
    party's outcome-finding service is in ``finders``. ``nash_point`` is the Nash point's utilities."""

    scenario: Scenario
    space: OutcomeSpace | LargeSpace = field(repr=False)
    utilities: np.ndarray | None = field(repr=False)
    columns: tuple[PartyColumn, ...] = field(repr=False)
    reservations: tuple[float, ...]
    discounts: tuple[float | None, ...]
    frontier: np.ndarray = field(repr=False)
    nash: int | None
    kalai_smorodinsky: int | None
    nash_point: tuple[float, ...] | None = None
    finders: tuple[OutcomeFinder, ...] | None = field(default=None, repr=False)

    @property
    def n_outcomes(self) -> int:
        return self.space.size if self.utilities is None else self.utilities.shape[0]

    @property
    def n_parties(self) -> int:
        return len(self.scenario.parties)

    @property
    def searches(self) -> bool:
        """Whether the space is too large to enumerate (strategies search it)."""
        return self.finders is not None

    def scores(self, positions) -> np.ndarray:
        """``(n, n_parties)`` utilities of the outcomes at ``positions``."""
        if self.utilities is not None:
            return self.utilities[np.asarray(positions, dtype=np.int64)]
        return score_outcomes(self.scenario, self.space.value_indices(positions))

    def __reduce__(self):
        return (prepare_large if self.searches else prepare, (self.scenario,))


def _readonly(array: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(array)
    array.flags.writeable = False
    return array


def ascending(values: np.ndarray) -> np.ndarray:
    """Positions sorted by ascending value, ties by ascending position.

    Values in [0, 1] rounded to 10 decimals sort as one unique integer key (value, position) — a fast unstable
    sort gives the stable order; anything else falls back to a stable sort."""
    n = values.size
    low, high = (values.min(), values.max()) if n else (0.0, 0.0)
    if n and 0.0 <= low and high <= 1.0 and n < 2**26:
        key = np.rint(values * 1e10).astype(np.int64) * np.int64(n) + np.arange(n, dtype=np.int64)
        return np.argsort(key)
    return np.argsort(values, kind="stable")


def _column(values: np.ndarray) -> PartyColumn:
    values = _readonly(values)
    order = _readonly(ascending(values))
    ranked = _readonly(values[order])
    return PartyColumn(values, order, ranked, memoryview(values), memoryview(order), memoryview(ranked))


def fits(scenario: Scenario) -> bool:
    """Whether ``scenario``'s outcomes can be enumerated (count and utility-matrix size within the limits)."""
    return enumerable(scenario)


@lru_cache(maxsize=16)
def prepare_large(scenario: Scenario) -> Prepared:
    """The session-independent part of simulating ``scenario`` without enumerating it (any size; cached)."""
    from accord.analysis.analyze import analyze
    from accord.analysis.method_choice import search_method

    method = search_method(scenario)
    if method is None:  # no exact search applies: a space too large to enumerate is refused as enumeration words it
        scenario_space(scenario)
        method = "branch-and-bound"  # a small space searched on purpose (tests): the method says what it needs
    analysis = analyze(scenario, method)
    finders = []
    for k in range(len(scenario.parties)):
        finder = OutcomeFinder(scenario, k)
        best = analysis.best[k]
        finder.seed(best=(best.utilities[k], best.position), worst=analysis.worst[k].utilities[k],
                    known=[(deal.utilities[k], deal.position) for deal in analysis.frontier_deals])
        finders.append(finder)
    nash, ks = analysis.solutions.get("nash"), analysis.solutions.get("kalai_smorodinsky")
    return Prepared(
        scenario=scenario,
        space=LargeSpace(scenario.issues, scenario.constraints),
        utilities=None,
        columns=(),
        reservations=tuple(float(r) for r in rounded_reservations(scenario)),
        discounts=tuple(p.discount for p in scenario.parties),
        frontier=_readonly(np.asarray(analysis.pareto_points, dtype=float)),
        nash=None if nash is None else nash.position,
        kalai_smorodinsky=None if ks is None else ks.position,
        nash_point=None if nash is None else tuple(float(u) for u in nash.utilities),
        finders=tuple(finders),
    )


@lru_cache(maxsize=16)
def prepare(scenario: Scenario) -> Prepared:
    """The cached, session-independent part of simulating ``scenario`` (without enumerating when it is too large
    to: :func:`prepare_large`)."""
    if not fits(scenario):
        return prepare_large(scenario)
    space = scenario_space(scenario)
    utilities = _readonly(rounded_utilities(scenario, space))
    reservations = rounded_reservations(scenario)
    columns = tuple(_column(utilities[:, k]) for k in range(utilities.shape[1]))
    on_front = np.flatnonzero(pareto_mask(utilities))
    frontier = _readonly(np.unique(utilities[on_front], axis=0))
    # Nash and Kalai–Smorodinsky lie on the frontier (ties go to the larger sum, so a dominated outcome never
    # wins); solving over the frontier's positions, in ascending order, gives the analysis's choice.
    chosen = solve(utilities[on_front], reservations, which=("nash", "kalai_smorodinsky"))
    chosen = {k: (int(on_front[v]) if v is not None else None) for k, v in chosen.items()}
    return Prepared(
        scenario=scenario,
        space=space,
        utilities=utilities,
        columns=columns,
        reservations=tuple(float(r) for r in reservations),
        discounts=tuple(p.discount for p in scenario.parties),
        frontier=frontier,
        nash=chosen["nash"],
        kalai_smorodinsky=chosen["kalai_smorodinsky"],
        nash_point=None if chosen["nash"] is None else tuple(float(u) for u in utilities[chosen["nash"]]),
    )
