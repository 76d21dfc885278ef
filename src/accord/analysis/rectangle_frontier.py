"""Exact frontier of hyper-rectangle (GENIUS 2014) scenarios of any size (method ``branch-and-bound``).

Depth-first search over the issues, most-constrained first. At each node a rectangle is *decided* (it earns
its utility or not whatever the unassigned issues are) or *undecided*; the undecided ones give each party's
bounds. The values of the next issue are grouped into classes that leave every rectangle in the same state,
so a class is one branch carrying how many outcomes it stands for; an issue no undecided rectangle bounds is
one class. A node is cut only when a frontier point already found is at least as good as its bound for
every party and better for one (after the rounding), so ties with the frontier are explored and counted.
A node with no undecided rectangle is a leaf: all its outcomes share one exactly computed utility vector.
Nodes are expanded in batches (one vectorised step each), the best-bounded batch first. A party's upper bound
charges each undecided inclusive rectangle to the last issue it bounds, where only one value is chosen. A node
is also cut when a node met before with the same undecided rectangles at the same depth earns safely more (see
``_Seen``).
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
CHUNK = 64
"""Nodes expanded together (one vectorised step); the best-bounded chunk is searched first."""
_ROUNDING_SLACK = 1e-11


def is_rectangular(scenario: Scenario) -> bool:
    """Whether every party's utility is a sum of hyper-rectangles and no hard constraint applies."""
    return all(isinstance(p.utility, RectangleSum) for p in scenario.parties) and not scenario.constraints


@dataclass(frozen=True)
class Rectangles:
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
    gains: tuple                    # per search position: rectangles ending there, their best and worst share
    loose: tuple[np.ndarray, np.ndarray]  # (n_rect, n_parties) best and worst share of exclusive rectangles

    @classmethod
    def of(cls, scenario: Scenario, order: np.ndarray | None = None) -> Rectangles:
        """The rectangles of ``scenario`` with the issues searched in ``order`` (default: the issues bounding
        the most rectangles first)."""
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
        order = np.argsort(-bounded.sum(axis=1), kind="stable") if order is None else np.asarray(order, dtype=np.int64)
        bounded = bounded[order]
        last = np.array([np.flatnonzero(bounded[:, r]).max() if bounded[:, r].any() else -1 for r in range(n_rect)],
                        dtype=np.int64)
        inside = [inside[i] for i in order]
        exclusive = np.array([b.exclusive for _, b in boxes], dtype=bool)
        return cls(order, inside, [np.flatnonzero(bounded[s]) for s in range(len(issues))],
                   last, exclusive, utility,
                   np.array([j for j, _ in boxes], dtype=np.int64),
                   np.array([p.utility.normalizer for p in scenario.parties], dtype=float),
                   np.array([issues[i].size for i in order], dtype=np.int64),
                   _gains(inside, last, exclusive, utility),
                   (np.maximum(utility, 0.0) * exclusive[:, None], np.minimum(utility, 0.0) * exclusive[:, None]))

    def span(self, undecided: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
        """The least and the most the ``undecided`` rectangles (rows) can still add after ``depth`` issues. Each
        inclusive rectangle is charged to the last issue it bounds, where only one value is taken; exclusive
        rectangles are charged whole."""
        weights = undecided.astype(float)
        low, high = weights @ self.loose[1], weights @ self.loose[0]
        m, k = len(undecided), len(self.normalizer)
        for position in range(depth, len(self.sizes)):
            gain = self.gains[position]
            if gain is None:
                continue
            rows, best, worst = gain
            mine = weights[:, rows]
            high = high + (mine @ best).reshape(m, -1, k).max(axis=1)
            low = low + (mine @ worst).reshape(m, -1, k).min(axis=1)
        return low, high

    def state(self, inside: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Of nodes whose ``inside`` rows are given after ``depth`` issues: the utility the decided rectangles
        earn, the undecided rectangles, and the least and the most these can still add (all unnormalised)."""
        decided = ~inside | (self.last < depth)[None, :]
        earned = np.where(self.exclusive[None, :], ~inside, inside) & decided
        undecided = ~decided
        least, most = self.span(undecided, depth)
        return earned @ self.utility, undecided, least, most

    def bounds(self, inside: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lower and upper utility bounds (unrounded) of nodes whose ``inside`` rows are given after ``depth``
        issues, and which of them have no undecided rectangle."""
        base, undecided, least, most = self.state(inside, depth)
        low, high = base + least, base + most
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
        return self.utilities_of(out)

    def utilities_of(self, sums: np.ndarray) -> np.ndarray:
        """The rounded utilities of final sums (one row per outcome, or one vector): divided by each party's
        normaliser and clipped to [0, 1] as enumeration does."""
        return np.round(np.clip(sums / self.normalizer, 0.0, 1.0), DECIMALS)

    def classes(self, inside: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The next issue's values grouped, for each node (row of ``inside``), by the rectangles they leave
        alive: each class's parent row, ``inside`` row, size and first value index (classes in parent order)."""
        table = self.inside[depth]
        b, size = len(inside), len(table)
        columns = self.bounding[depth]
        if columns.size == 0:
            return (np.arange(b), inside.copy(), np.full(b, size, dtype=np.int64), np.zeros(b, dtype=np.int64))
        children = (inside[:, None, :] & table[None, :, :]).reshape(b * size, -1)
        packed = np.packbits(children[:, columns], axis=1)
        packed = np.pad(packed, ((0, 0), (0, -packed.shape[1] % 8)))
        words = np.ascontiguousarray(packed).view(np.uint64)
        parent = np.repeat(np.arange(b), size)
        value = np.tile(np.arange(size), b)
        order = np.lexsort((value,) + tuple(words.T) + (parent,))
        keys = np.column_stack([parent[order], words[order]])
        starts = np.flatnonzero(np.append(True, (keys[1:] != keys[:-1]).any(axis=1)))
        sizes = np.diff(np.append(starts, len(order)))
        picked = order[starts]
        return parent[picked], children[picked], sizes.astype(np.int64), value[picked]


def _gains(inside: list[np.ndarray], last: np.ndarray, exclusive: np.ndarray, utility: np.ndarray) -> tuple:
    """Per search position, the inclusive rectangles ending there and what each adds for each value and party
    (best share, worst share), as ``(rows, (n_rows, n_values * n_parties) twice)``; ``None`` where none ends."""
    out = []
    for position, table in enumerate(inside):
        rows = np.flatnonzero((last == position) & ~exclusive)
        if not rows.size:
            out.append(None)
            continue
        share = table.T[rows][:, :, None] * utility[rows][:, None, :]
        out.append((rows, np.maximum(share, 0.0).reshape(len(rows), -1), np.minimum(share, 0.0).reshape(len(rows), -1)))
    return tuple(out)


class _Seen:
    """Nodes met so far, by depth and undecided rectangles (same remaining issues and rectangles: the same
    completions), with the utility their decided rectangles earn. A node is hopeless when one met with the same
    key earns at least as much for every party and, for some party, more by a gap that survives the clip to
    [0, 1] and the rounding whatever the completion: each completion of it is then strictly dominated."""

    def __init__(self, normalizer: np.ndarray, limit: int = 1_000_000, per_key: int = 32) -> None:
        self.table: dict[bytes, np.ndarray] = {}
        self.normalizer, self.limit, self.per_key, self.size = normalizer, limit, per_key, 0

    def hopeless(self, depth: int, base: np.ndarray, undecided: np.ndarray, least: np.ndarray,
                 most: np.ndarray) -> np.ndarray:
        """For each node (row), whether a node met before makes it hopeless; the others are remembered."""
        out = np.zeros(len(base), dtype=bool)
        keys = np.packbits(undecided, axis=1)
        gap = MARGIN * self.normalizer
        for i in range(len(base)):
            key = depth.to_bytes(2, "little") + keys[i].tobytes()
            met = self.table.get(key)
            if met is not None:
                # met rows: earned base, then the least it can reach; b never reaches the clip at 1 in a column
                # that gives the strict part, and the met node never falls to the clip at 0 there.
                below_top = base[i] + most[i] <= self.normalizer - gap
                strict = (met[:, 0] - base[i] > gap) & (met[:, 1] >= gap) & below_top
                if ((met[:, 0] >= base[i]).all(axis=1) & strict.any(axis=1)).any():
                    out[i] = True
                    continue
            if self.size < self.limit and (met is None or len(met) < self.per_key):
                row = np.stack([base[i], base[i] + least[i]])[None]
                self.table[key] = row if met is None else np.concatenate([met, row])
                self.size += 1
        return out


class _Front:
    """The frontier found so far: distinct vectors, their counts and C-order-first outcomes. With ``focus`` (a
    column) only the points with the largest value in that column are wanted."""

    def __init__(self, k: int, focus: int | None = None) -> None:
        self.points = np.empty((0, k))
        self.entries: dict[tuple[float, ...], list] = {}
        self.focus = focus

    def beats(self, bounds: np.ndarray) -> np.ndarray:
        """For each bound vector, whether a found point is ≥ it everywhere and > it somewhere (or, with a
        focus, larger in the focus column)."""
        if len(self.points) == 0:
            return np.zeros(len(bounds), dtype=bool)
        geq = (self.points[None, :, :] >= bounds[:, None, :]).all(axis=2)
        gt = (self.points[None, :, :] > bounds[:, None, :]).any(axis=2)
        out = (geq & gt).any(axis=1)
        if self.focus is not None:
            out |= bounds[:, self.focus] < self.points[0, self.focus]
        return out

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
        if self.focus is not None:
            keep &= self.points[:, self.focus] >= vector[self.focus]
        for dropped in self.points[~keep]:
            del self.entries[tuple(float(v) for v in dropped)]
        self.points = np.vstack([self.points[keep], vector[None, :]])


def rectangle_frontier(scenario: Scenario, signs: np.ndarray | None = None, focus: int | None = None) -> ExactFrontier:
    """The exact frontier of ``scenario`` (every utility a RectangleSum, no constraints); with ``signs`` the
    frontier of the utilities times ``signs``; with ``focus`` only its points largest in that column."""
    model = Rectangles.of(scenario)
    k, n = len(scenario.parties), len(scenario.issues)
    signs = np.ones(k) if signs is None else np.asarray(signs, dtype=float)
    front = _Front(k, focus)
    seen = _Seen(model.normalizer) if (signs > 0).all() else None
    root = np.ones((1, len(model.exclusive)), dtype=bool)
    low, high, done = model.bounds(root, 0)
    stack = [_Batch(0, root, np.array([1], dtype=object), np.zeros((1, 0), dtype=np.int64),
                    _signed_bound(low, high, signs), done)]
    nodes = 0
    while stack:
        batch = stack.pop()
        batch = batch.take(~front.beats(batch.bound))
        leaf = batch.done | (batch.depth == n)
        if leaf.any():
            rest = int(np.prod(model.sizes[batch.depth:], dtype=object))
            for i in np.flatnonzero(leaf):
                firsts = tuple(int(v) for v in batch.chosen[i]) + (0,) * (n - batch.depth)
                front.add(model.exact(batch.inside[i]) * signs + 0.0, batch.counts[i] * rest,
                          _in_issue_order(model.order, firsts))
            batch = batch.take(~leaf)
        if len(batch.inside) == 0:
            continue
        parent, inside, sizes, values = model.classes(batch.inside, batch.depth)
        nodes += len(inside)
        if nodes > MAX_NODES:
            raise ScenarioError(f"the branch and bound needs more than {MAX_NODES:,} nodes", source=scenario.name,
                                fix="reduce the issues or rectangles")
        low, high, done = model.bounds(inside, batch.depth + 1)
        bounds = _signed_bound(low, high, signs)
        alive = np.flatnonzero(~front.beats(bounds))
        if seen is not None and alive.size:
            base, undecided, least, most = model.state(inside[alive], batch.depth + 1)
            alive = alive[~seen.hopeless(batch.depth + 1, base, undecided, least, most)]
        priority = bounds[alive].sum(axis=1)
        order = np.argsort(priority, kind="stable") if focus is None else np.lexsort((priority, bounds[alive, focus]))
        picked = alive[order]
        children = _Batch(batch.depth + 1, inside[picked], batch.counts[parent[picked]] * sizes[picked].astype(object),
                          np.column_stack([batch.chosen[parent[picked]], values[picked]]), bounds[picked],
                          done[picked])
        for start in range(0, len(picked), CHUNK):
            stack.append(children.take(slice(start, start + CHUNK)))
    vectors = np.array(list(front.entries), dtype=float).reshape(-1, k)
    entries = list(front.entries.values())
    return frontier_of(vectors, [e[0] for e in entries],
                       np.array([e[1] for e in entries], dtype=np.int64).reshape(len(entries), n))


@dataclass(frozen=True)
class _Batch:
    """Search nodes at one depth: live rectangles, outcome counts, chosen first values, bounds, leaf flags."""

    depth: int
    inside: np.ndarray
    counts: np.ndarray
    chosen: np.ndarray
    bound: np.ndarray
    done: np.ndarray

    def take(self, rows) -> _Batch:
        return _Batch(self.depth, self.inside[rows], self.counts[rows], self.chosen[rows], self.bound[rows],
                      self.done[rows])


def _signed_bound(low: np.ndarray, high: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """Rounded upper bounds of the signed utilities: never below the rounded utility of any completion."""
    return np.round(np.where(signs > 0, high, -low) + _ROUNDING_SLACK, DECIMALS)


def _in_issue_order(order: np.ndarray, by_search: tuple[int, ...]) -> tuple[int, ...]:
    out = [0] * len(order)
    for s, issue in enumerate(order):
        out[int(issue)] = by_search[s]
    return tuple(out)
