"""The outcome-finding service: one party's questions about a space too large to enumerate, answered by search.

``OutcomeFinder(scenario, party)`` answers, without an array as long as the outcome space:

* ``utility_of(position)`` — the party's utility of one outcome (rounded to 10 decimals, computed exactly as
  enumeration computes it);
* ``best()`` / ``max_utility`` / ``min_utility`` — the party's best outcome and its extreme utilities;
* ``at_least(t)`` — the outcome with the lowest utility ≥ ``t``, ties by lowest position (the best outcome of
  highest position when none reaches ``t``): what ``PartyView.at_least`` gives on an enumerated space;
* ``window(low, high, k)`` — the first ``k`` outcomes with ``low ≤ utility ≤ high`` in (utility, position) order;
* ``argmax(score, ...)`` — the outcome maximising a score among those worth at least a floor.

Every question is a depth-first branch and bound over the issues in order (bounds from
:mod:`accord.space.bounds`: per-issue contributions for additive utilities, live rectangles for hyper-rectangle
ones), with the last few issues evaluated together as one block, exactly, by the utility's own vectorised code.
Hard constraints are exact: a branch that a constraint rules out is cut, and a block's infeasible outcomes are
skipped. Ties are compared on (utility, position), so a completed search gives exactly the enumerated answer.

A search stops after ``budget`` nodes (expansions and blocks). On a space that small searches finish (any space
of up to about ``budget × BLOCK`` outcomes) the answers are exact; on a larger one an answer is the best found
within the budget: it always meets the question's condition (e.g. utility ≥ ``t``), but a closer outcome may
exist. ``stopped`` counts the searches the budget stopped.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Callable
from functools import cached_property

import numpy as np

from accord.model import Scenario
from accord.space.bounds import bounds_for
from accord.space.large import LargeSpace

DECIMALS = 10
"""Utilities are rounded to 10 decimals, as the analysis and enumeration round them."""
SLACK = 1e-9
"""Safety margin of every bound comparison (covers rounding to 10 decimals and summation order)."""
BLOCK = 1024
"""Outcomes evaluated together at a leaf: the last issues whose sizes multiply to at most this."""
SEARCH_BUDGET = 200
"""Nodes (expansions and blocks) one search visits at most."""
MEMO = 100_000
"""Answers to ``at_least`` remembered per party (sessions on one scenario ask the same targets again)."""


class OutcomeFinder:
    """One party's outcome-finding service over ``scenario`` (any size, no outcome array)."""

    def __init__(self, scenario: Scenario, party: int, budget: int = SEARCH_BUDGET, block: int = BLOCK) -> None:
        self.scenario = scenario
        self.issues = scenario.issues
        self.utility = scenario.parties[party].utility
        self.space = LargeSpace(scenario.issues, scenario.constraints)
        self.bounds = bounds_for(self.utility, self.issues)
        self.budget = int(budget)
        self.stopped = 0
        sizes = [issue.size for issue in self.issues]
        head, tail = len(sizes), 1
        while head > 0 and tail * sizes[head - 1] <= block:
            head -= 1
            tail *= sizes[head]
        self.head = head
        """Issues searched one by one; the rest form the leaf block."""
        grids = np.meshgrid(*[np.arange(s) for s in sizes[head:]], indexing="ij")
        self.tail_values = np.stack([g.ravel() for g in grids], axis=1) if grids else np.zeros((1, 0), np.int64)
        self.offsets = np.arange(tail, dtype=np.int64)
        self._constraints = _ConstraintTables(scenario, sizes)
        self._seeds: dict = {}
        self._known: list[tuple[float, int]] = []
        self._at_least: dict[float, int | None] = {}

    # -- scoring ----------------------------------------------------------------------------------------------
    def utilities_of(self, values: np.ndarray) -> np.ndarray:
        """Rounded utilities of outcomes given as ``(n, n_issues)`` value indices."""
        return np.round(self.utility.evaluate(self.issues, values), DECIMALS)

    def utility_of(self, position: int) -> float:
        """The party's (rounded) utility of the outcome at ``position``."""
        return float(self.utilities_of(self.space.value_indices([position]))[0])

    def feasible(self, position: int) -> bool:
        """Whether the hard constraints allow the outcome at ``position``."""
        return bool(self.space.feasible(self.space.value_indices([position]))[0])

    # -- questions --------------------------------------------------------------------------------------------
    def seed(self, best: tuple[float, int] | None = None, worst: float | None = None,
             known: list[tuple[float, int]] = ()) -> None:
        """Start from facts known exactly (e.g. from the exact analysis): a best outcome ``(utility, position)``,
        the lowest utility, and outcomes ``known`` as (utility, position), e.g. the frontier's. The searches for the
        best outcome then only look for a lower position; a search for an outcome near a utility starts from the
        nearest known one (so a search the budget stops still answers well)."""
        self._seeds = {"best": best, "worst": worst}
        self._known = sorted(known)

    @cached_property
    def _best(self) -> tuple[float, int]:
        return _found(self._run(_Extreme(1.0, last=False, seed=self._seeds.get("best"))).best)

    def best(self) -> int:
        """The position of the party's best outcome (lowest position among ties)."""
        return self._best[1]

    @cached_property
    def max_utility(self) -> float:
        return self._best[0]

    @cached_property
    def top_last(self) -> int:
        """The best outcome of highest position (what an ascending order ends with)."""
        known = self._seeds.get("best")
        return _found(self._run(_Extreme(1.0, last=True, seed=known)).best)[1]

    @cached_property
    def min_utility(self) -> float:
        """The party's lowest utility over the feasible outcomes."""
        if self._seeds.get("worst") is not None:
            return self._seeds["worst"]
        return -_found(self._run(_Extreme(-1.0, last=False)).best)[0]

    def first_at_least(self, target: float) -> int | None:
        """The outcome with the lowest utility ≥ ``target`` (ties: lowest position), or ``None``."""
        if target not in self._at_least:
            if len(self._at_least) >= MEMO:
                self._at_least.clear()
            i = bisect_left(self._known, (target, -1))
            start = self._known[i] if i < len(self._known) else None
            found = self._run(_AtLeast(target, start)).best
            self._at_least[target] = None if found is None else found[1]
        return self._at_least[target]

    def at_least(self, target: float) -> int:
        """:meth:`first_at_least`, or the best outcome of highest position when none reaches ``target``."""
        found = self.first_at_least(target)
        return self.top_last if found is None else found

    def window(self, low: float, high: float, k: int) -> list[int]:
        """The first ``k`` outcomes with ``low ≤ utility ≤ high``, in (utility, position) order."""
        if k < 1:
            return []
        return [p for _, p in self._run(_Window(low, high, k)).found]

    def argmax(self, score: Callable[[np.ndarray, np.ndarray], np.ndarray],
               upper: Callable[[int, list[int], np.ndarray], np.ndarray], floor: float) -> int | None:
        """The outcome with utility ≥ ``floor`` maximising ``score(values, utilities)`` (ties: lowest utility, then
        lowest position). ``upper(depth, prefix, high)`` bounds the score of each value of issue ``depth`` after the
        values ``prefix``, given the bounds ``high`` on the party's utility there."""
        found = self._run(_Argmax(score, upper, floor)).best
        return None if found is None else found[2]

    # -- the search -------------------------------------------------------------------------------------------
    def _run(self, query):
        search = _Search(self, query)
        search.visit(0, self.bounds.root(), 0, [], self._constraints.root)
        if search.stopped:
            self.stopped += 1
        return query


def _found(best: tuple | None) -> tuple:
    """An extreme search's answer; ``ValueError`` when the constraints rule out every outcome."""
    if best is None:
        raise ValueError("the constraints rule out every outcome")
    return best


class _ConstraintTables:
    """Per issue and value, which constraints the value keeps matching, and which constraints are complete."""

    def __init__(self, scenario: Scenario, sizes: list[int]) -> None:
        n = len(scenario.constraints)
        self.any = n > 0
        self.root = np.ones(n, dtype=bool)
        self.ok = [np.ones((size, n), dtype=bool) for size in sizes]
        last = np.full(n, -1)
        for c, constraint in enumerate(scenario.constraints):
            for position, indices in constraint.forbid:
                column = np.zeros(sizes[position], dtype=bool)
                column[list(indices)] = True
                self.ok[position][:, c] &= column
                last[c] = max(last[c], position)
        self.closed = [last <= depth for depth in range(len(sizes))]


class _Search:
    def __init__(self, finder: OutcomeFinder, query) -> None:
        self.finder = finder
        self.query = query
        self.nodes = 0
        self.stopped = False

    def visit(self, depth: int, state, start: int, values: list[int], matched: np.ndarray) -> None:
        finder = self.finder
        self.nodes += 1
        if depth == finder.head:
            block = np.empty((len(finder.offsets), len(finder.issues)), dtype=np.int64)
            block[:, :depth] = values
            block[:, depth:] = finder.tail_values
            feasible = finder.space.feasible(block) if finder._constraints.any else None
            utilities = np.round(finder.bounds.leaf(state, depth, finder.tail_values), DECIMALS)
            self.query.leaves(utilities, block, start, feasible)
            return
        states, low, high = finder.bounds.expand(state, depth)
        stride = finder.space.strides[depth]
        extra = self.query.child_bounds(depth, values, low, high)
        constraints = finder._constraints
        if constraints.any:
            matched_children = matched[None, :] & constraints.ok[depth]
            dead = (matched_children & constraints.closed[depth][None, :]).any(axis=1)
        for v in self.query.order(low, high):
            if self.nodes >= finder.budget:
                self.stopped = True
                return
            if constraints.any and dead[v]:
                continue
            child = start + int(v) * stride
            if self.query.hopeless(float(low[v]), float(high[v]), child, child + stride - 1,
                                   None if extra is None else float(extra[v])):
                continue
            self.visit(depth + 1, states[v], child, values + [int(v)],
                       matched_children[v] if constraints.any else matched)


class _Extreme:
    """Maximise ``sign × utility``; ties by lowest position (highest when ``last``). ``best`` = (value, position)."""

    def __init__(self, sign: float, last: bool, seed: tuple[float, int] | None = None) -> None:
        self.sign, self.last = sign, last
        self.best: tuple[float, int] | None = seed

    def child_bounds(self, depth, values, low, high):
        return None

    def order(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        top = high if self.sign > 0 else -low
        index = np.arange(len(top))
        return np.lexsort((-index if self.last else index, -top))

    def hopeless(self, low: float, high: float, start: int, end: int, extra) -> bool:
        if self.best is None:
            return False
        top = high if self.sign > 0 else -low
        value, position = self.best
        if top + SLACK < value:
            return True
        return top + SLACK <= value and (end < position if self.last else start > position)

    def leaves(self, utilities: np.ndarray, block: np.ndarray, start: int, feasible) -> None:
        scores = self.sign * utilities
        if feasible is not None:
            if not feasible.any():
                return
            scores = np.where(feasible, scores, -np.inf)
        value = float(scores.max())
        tied = np.flatnonzero(scores == value)
        position = start + int(tied[-1] if self.last else tied[0])
        if (self.best is None or value > self.best[0]
                or (value == self.best[0] and (position > self.best[1] if self.last else position < self.best[1]))):
            self.best = (value, position)


class _AtLeast:
    """The lowest utility ≥ ``target``, ties by lowest position. ``best`` = (utility, position)."""

    def __init__(self, target: float, start: tuple[float, int] | None = None) -> None:
        self.target = target
        self.best: tuple[float, int] | None = start

    def child_bounds(self, depth, values, low, high):
        return None

    def order(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        return np.lexsort((np.arange(len(low)), np.maximum(low - self.target, 0.0)))

    def hopeless(self, low: float, high: float, start: int, end: int, extra) -> bool:
        if high + SLACK < self.target:
            return True
        if self.best is None:
            return False
        value, position = self.best
        return low - SLACK > value or (low - SLACK >= value and start > position)

    def leaves(self, utilities: np.ndarray, block: np.ndarray, start: int, feasible) -> None:
        ok = utilities >= self.target
        if feasible is not None:
            ok &= feasible
        if not ok.any():
            return
        value = float(utilities[ok].min())
        position = start + int(np.flatnonzero(ok & (utilities == value))[0])
        if self.best is None or (value, position) < self.best:
            self.best = (value, position)


class _Window:
    """The first ``k`` outcomes with ``low ≤ utility ≤ high`` in (utility, position) order: ``found``."""

    def __init__(self, low: float, high: float, k: int) -> None:
        self.low, self.high, self.k = low, high, k
        self.found: list[tuple[float, int]] = []

    def child_bounds(self, depth, values, low, high):
        return None

    def order(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        return np.lexsort((np.arange(len(low)), np.maximum(low - self.low, 0.0)))

    def hopeless(self, low: float, high: float, start: int, end: int, extra) -> bool:
        if high + SLACK < self.low or low - SLACK > self.high:
            return True
        if len(self.found) < self.k:
            return False
        value, position = self.found[-1]
        return low - SLACK > value or (low - SLACK >= value and start > position)

    def leaves(self, utilities: np.ndarray, block: np.ndarray, start: int, feasible) -> None:
        ok = (utilities >= self.low) & (utilities <= self.high)
        if feasible is not None:
            ok &= feasible
        picked = np.flatnonzero(ok)
        if not picked.size:
            return
        picked = picked[np.lexsort((picked, utilities[picked]))][:self.k]
        new = [(float(utilities[i]), start + int(i)) for i in picked]
        if len(self.found) >= self.k:
            new = [item for item in new if item < self.found[-1]]
            if not new:
                return
        self.found = sorted(self.found + new)[:self.k]


class _Argmax:
    """The outcome with utility ≥ ``floor`` of highest score, ties by (utility, position): ``best`` =
    (score, utility, position) with the score negated for ordering."""

    def __init__(self, score, upper, floor: float) -> None:
        self.score, self.upper, self.floor = score, upper, floor
        self.best: tuple[float, float, int] | None = None

    def child_bounds(self, depth, values, low, high):
        return self.upper(depth, values, high)

    def order(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        return np.lexsort((np.arange(len(high)), -high))

    def hopeless(self, low: float, high: float, start: int, end: int, extra) -> bool:
        if high + SLACK < self.floor:
            return True
        return self.best is not None and extra + SLACK < -self.best[0]

    def leaves(self, utilities: np.ndarray, block: np.ndarray, start: int, feasible) -> None:
        ok = utilities >= self.floor
        if feasible is not None:
            ok &= feasible
        picked = np.flatnonzero(ok)
        if not picked.size:
            return
        scores = self.score(block[picked], utilities[picked])
        top = scores.max()
        tied = picked[scores == top]
        i = tied[np.lexsort((tied, utilities[tied]))[0]]
        candidate = (-float(top), float(utilities[i]), start + int(i))
        if self.best is None or candidate < self.best:
            self.best = candidate


class OwnUtilities:
    """One party's utility by position, scored on demand (and remembered): what ``PartyView.utility_list`` is on a
    space too large to enumerate (``utilities[position]`` is a plain float).

    ``size`` is the number of positions, however large; Python's ``len()`` cannot give more than ``sys.maxsize``
    (2^63 - 1), so past that it raises an ``OverflowError`` that says to use ``size`` (or the view's
    ``n_outcomes``), and truth tests do not go through it."""

    __slots__ = ("_finder", "_known")

    def __init__(self, finder: OutcomeFinder) -> None:
        self._finder = finder
        self._known: dict[int, float] = {}

    def __getitem__(self, position: int) -> float:
        known = self._known.get(position)
        if known is None:
            known = self._known[position] = self._finder.utility_of(position)
        return known

    @property
    def size(self) -> int:
        return self._finder.space.size

    def __len__(self) -> int:
        if self.size > sys.maxsize:
            raise OverflowError(f"len() cannot count {self.size:.3g} outcomes (at most {sys.maxsize}); "
                                "use .size or the view's n_outcomes")
        return self.size

    def __bool__(self) -> bool:
        return self.size > 0


def score_outcomes(scenario: Scenario, values: np.ndarray) -> np.ndarray:
    """``(n, n_parties)`` rounded utilities of outcomes given as value indices (every party scores each offer)."""
    out = np.empty((values.shape[0], len(scenario.parties)))
    for k, party in enumerate(scenario.parties):
        out[:, k] = party.utility.evaluate(scenario.issues, values)
    return np.round(out, DECIMALS)
