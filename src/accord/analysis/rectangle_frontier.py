"""Exact frontier of hyper-rectangle (GENIUS 2014) scenarios of any size (method ``branch-and-bound``).

Depth-first search over the issues, most-constrained first. At each node a rectangle is *decided* (it earns
its utility or not whatever the unassigned issues are) or *undecided*; the undecided ones give each party's
bounds. The values of the next issue are grouped into classes that leave every rectangle in the same state,
so a class is one branch carrying how many outcomes it stands for; an issue no undecided rectangle bounds is
one class. A node is cut only when a frontier point already found is at least as good as its bound for
every party and better for one (after the rounding), so ties with the frontier are explored and counted.
A node with no undecided rectangle is a leaf: all its outcomes share one exactly computed utility vector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.analysis.exact_frontier import MARGIN, ExactFrontier, frontier_of
from accord.analysis.solutions import DECIMALS
from accord.errors import ScenarioError
from accord.model import RectangleSum, Scenario

MAX_NODES = 20_000_000
"""Search nodes at most; beyond this the search stops with an error rather than run for hours."""
_ROUNDING_SLACK = 1e-11
_POWERS = np.left_shift(np.int64(1), np.arange(62, dtype=np.int64))


def is_rectangular(scenario: Scenario) -> bool:
    """Whether every party's utility is a sum of hyper-rectangles and no hard constraint applies."""
    return all(isinstance(p.utility, RectangleSum) for p in scenario.parties) and not scenario.constraints


@dataclass(frozen=True)
class _Rectangles:
    """All parties' rectangles, prepared for the search (issues in search order)."""

    order: np.ndarray               # search position -> issue position
    inside: list[np.ndarray]        # per search position: (n_values, n_rect) value lies in the rectangle's bound
    bounding: list[np.ndarray]      # per search position: the rectangles bounding that issue
    last: np.ndarray                # per rectangle: last search position it bounds (-1: none)
    exclusive: np.ndarray
    utility: np.ndarray             # (n_rect, n_parties), utility in its party's column
    party: np.ndarray
    normalizer: np.ndarray
    sizes: np.ndarray               # per search position

    @classmethod
    def of(cls, scenario: Scenario) -> _Rectangles:
        issues = scenario.issues
        boxes = [(j, r) for j, p in enumerate(scenario.parties) for r in p.utility.rectangles]
        k, n_rect = len(scenario.parties), len(boxes)
        numeric = [np.asarray(i.values if i.is_numeric else range(i.size), dtype=float) for i in issues]
        inside = [np.ones((issue.size, n_rect), dtype=bool) for issue in issues]
        bounded = np.zeros((len(issues), n_rect), dtype=bool)
        utility = np.zeros((n_rect, k))
        for r, (j, box) in enumerate(boxes):
            utility[r, j] = box.utility
            for position, low, high in box.bounds:
                x = numeric[position]
                inside[position][:, r] &= (x >= low) & (x <= high)
                bounded[position, r] = True
        order = np.argsort(-bounded.sum(axis=1), kind="stable")
        bounded = bounded[order]
        last = np.array([np.flatnonzero(bounded[:, r]).max() if bounded[:, r].any() else -1 for r in range(n_rect)],
                        dtype=np.int64)
        return cls(order, [inside[i] for i in order], [np.flatnonzero(bounded[s]) for s in range(len(issues))],
                   last, np.array([b.exclusive for _, b in boxes], dtype=bool), utility,
                   np.array([j for j, _ in boxes], dtype=np.int64),
                   np.array([p.utility.normalizer for p in scenario.parties], dtype=float),
                   np.array([issues[i].size for i in order], dtype=np.int64))

    def bounds(self, inside: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lower and upper utility bounds (unrounded) of nodes whose ``inside`` rows are given after ``depth``
        issues, and which of them have no undecided rectangle."""
        decided = ~inside | (self.last < depth)[None, :]
        earned = np.where(self.exclusive[None, :], ~inside, inside) & decided
        undecided = ~decided
        base = earned @ self.utility
        high = base + undecided @ np.maximum(self.utility, 0.0)
        low = base + undecided @ np.minimum(self.utility, 0.0)
        scale = self.normalizer[None, :]
        return (np.minimum(np.maximum(low / scale, 0.0), 1.0), np.minimum(np.maximum(high / scale, 0.0), 1.0),
                ~undecided.any(axis=1))

    def exact(self, inside: np.ndarray) -> np.ndarray:
        """The rounded utilities of a fully decided node, summed rectangle by rectangle as enumeration does."""
        earned = np.where(self.exclusive, ~inside, inside)
        out = np.zeros(len(self.normalizer))
        for j in range(len(out)):
            mine = self.utility[(self.party == j) & earned, j]
            total = float(np.cumsum(mine)[-1]) if mine.size else 0.0
            out[j] = total
        return np.round(np.clip(out / self.normalizer, 0.0, 1.0), DECIMALS)

    def classes(self, inside: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The next issue's values grouped by the rectangles they leave alive: each class's ``inside`` rows, its
        size and its first value index."""
        table = self.inside[depth]
        children = inside[None, :] & table
        columns = self.bounding[depth]
        if columns.size == 0:
            return children[:1], np.array([len(table)]), np.array([0])
        bits = children[:, columns]
        if columns.size <= 62:
            keys = bits @ _POWERS[:columns.size]
        else:
            packed = np.ascontiguousarray(np.packbits(bits, axis=1))
            keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
        _, first, counts = np.unique(keys, return_index=True, return_counts=True)
        return children[first], counts, first


class _Front:
    """The frontier found so far: distinct vectors, their counts and C-order-first outcomes."""

    def __init__(self, k: int) -> None:
        self.points = np.empty((0, k))
        self.entries: dict[tuple[float, ...], list] = {}

    def beats(self, bounds: np.ndarray) -> np.ndarray:
        """For each bound vector, whether a found point is ≥ it everywhere and > it somewhere."""
        if len(self.points) == 0:
            return np.zeros(len(bounds), dtype=bool)
        geq = (self.points[None, :, :] >= bounds[:, None, :]).all(axis=2)
        gt = (self.points[None, :, :] > bounds[:, None, :]).any(axis=2)
        return (geq & gt).any(axis=1)

    def add(self, vector: np.ndarray, count: int, first: tuple[int, ...]) -> None:
        key = tuple(float(v) for v in vector)
        entry = self.entries.get(key)
        if entry is not None:
            entry[0] += count
            entry[1] = min(entry[1], first)
            return
        if self.beats(vector[None, :])[0]:
            return
        self.entries[key] = [count, first]
        keep = ~((vector[None, :] >= self.points).all(axis=1) & (vector[None, :] > self.points).any(axis=1))
        for dropped in self.points[~keep]:
            del self.entries[tuple(float(v) for v in dropped)]
        self.points = np.vstack([self.points[keep], vector[None, :]])


def rectangle_frontier(scenario: Scenario, signs: np.ndarray | None = None) -> ExactFrontier:
    """The exact frontier of ``scenario`` (every utility a RectangleSum, no constraints); with ``signs`` the
    frontier of the utilities times ``signs``."""
    model = _Rectangles.of(scenario)
    k, n = len(scenario.parties), len(scenario.issues)
    signs = np.ones(k) if signs is None else np.asarray(signs, dtype=float)
    front = _Front(k)
    root = np.ones((1, len(model.exclusive)), dtype=bool)
    low, high, done = model.bounds(root, 0)
    stack = [(0, root[0], 1, (), _signed_bound(low, high, signs)[0], bool(done[0]))]
    nodes = 0
    while stack:
        depth, inside, multiplicity, chosen, bound, done = stack.pop()
        if front.beats(bound[None, :])[0]:
            continue
        if done or depth == n:
            rest = int(np.prod(model.sizes[depth:], dtype=object)) if depth < n else 1
            firsts = chosen + (0,) * (n - depth)
            front.add(model.exact(inside) * signs + 0.0, multiplicity * rest, _in_issue_order(model.order, firsts))
            continue
        children, counts, firsts = model.classes(inside, depth)
        nodes += len(children)
        if nodes > MAX_NODES:
            raise ScenarioError(f"the branch and bound needs more than {MAX_NODES:,} nodes", source=scenario.name,
                                fix="reduce the issues or rectangles")
        low, high, done = model.bounds(children, depth + 1)
        bounds = _signed_bound(low, high, signs)
        alive = np.flatnonzero(~front.beats(bounds))
        for c in alive[np.argsort(bounds[alive].sum(axis=1), kind="stable")]:
            stack.append((depth + 1, children[c], multiplicity * int(counts[c]), chosen + (int(firsts[c]),),
                          bounds[c], bool(done[c])))
    vectors = np.array(list(front.entries), dtype=float).reshape(-1, k)
    entries = list(front.entries.values())
    return frontier_of(vectors, [e[0] for e in entries],
                       np.array([e[1] for e in entries], dtype=np.int64).reshape(len(entries), n))


def _signed_bound(low: np.ndarray, high: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """Rounded upper bounds of the signed utilities: never below the rounded utility of any completion."""
    return np.round(np.where(signs > 0, high, -low) + _ROUNDING_SLACK, DECIMALS)


def _in_issue_order(order: np.ndarray, by_search: tuple[int, ...]) -> tuple[int, ...]:
    out = [0] * len(order)
    for s, issue in enumerate(order):
        out[int(issue)] = by_search[s]
    return tuple(out)


def rectangle_rational_count(scenario: Scenario, reservation: np.ndarray, budget: int = 20_000) -> int | None:
    """The exact number of outcomes every party rates at least its reservation value (after the rounding),
    or ``None`` when the search would visit more than ``budget`` nodes."""
    model = _Rectangles.of(scenario)
    n = len(scenario.issues)
    reservation = np.asarray(reservation, dtype=float)
    total, nodes = 0, 0
    stack = [(0, np.ones(len(model.exclusive), dtype=bool), 1)]
    while stack:
        depth, inside, multiplicity = stack.pop()
        low, high, done = model.bounds(inside[None, :], depth)
        rest = int(np.prod(model.sizes[depth:], dtype=object)) if depth < n else 1
        if done[0] or depth == n:
            total += multiplicity * rest if (model.exact(inside) >= reservation).all() else 0
            continue
        if (low[0] - MARGIN >= reservation).all():
            total += multiplicity * rest
            continue
        if (high[0] < reservation - MARGIN).any():
            continue
        children, counts, _ = model.classes(inside, depth)
        nodes += len(children)
        if nodes > budget:
            return None
        for c in range(len(children)):
            stack.append((depth + 1, children[c], multiplicity * int(counts[c])))
    return total
