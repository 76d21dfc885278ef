"""Exact frontier of hyper-rectangle (GENIUS 2014) scenarios with integer utilities, by dynamic programming over
the issues (the fast path of method ``branch-and-bound``).

The issues are taken one at a time (order: ``issue_order``). After some issues, a rectangle bounded both by a
taken issue and by one still to come is *open*; which open rectangles are still alive is the *state*, and every
partial outcome with the same state has the same completions. Each value class of the next issue (values that
leave the same rectangles alive) moves a state to one state and adds an integer gain vector: an inclusive
rectangle earns when its last bounding issue is taken and it is still alive, an exclusive one when it dies, so
every gain is added once. Per state the search keeps the distinct partial sums (exact integers), how many
partial outcomes reach each (Python ints once they may pass 2⁶²) and the C-order-first of them, and drops a sum
that another sum of the same state dominates: a completion of the dominated one is then dominated too.

The moves between states are built once, then a backward pass gives each state's exact least and most
completion per party and, for a few weightings of the parties, one completion that exists. A partial sum whose
best hope (its sum plus the most) is strictly dominated by an outcome met so far (a sum plus such a completion)
is dropped too. Memory is bounded by the states and the partial sums kept, never by the outcome count; past
``MAX_STATES`` or ``MAX_ROWS`` the caller (``rectangle_search``) turns to another search.

The clip to [0, maxutility] is the one subtlety. A partial sum sure to end clipped is set to the state's
canonical clipped value, so such sums merge. A dominated sum can still end *equal* to its dominator when both
end clipped in every column where they differ; then the frontier vector is right but its count and first
outcome may miss the dropped sum's outcomes. So each frontier vector with a column that can be clipped is
counted again by a second pass that only drops a sum dominated strictly in the columns not clipped there and
keeps only sums that can still reach one of those vectors.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass

import numpy as np

from accord.analysis.exact_frontier import ExactFrontier, frontier_of
from accord.analysis.pareto import pareto_mask
from accord.analysis.rectangle_frontier import Rectangles
from accord.analysis.solutions import DECIMALS
from accord.analysis.sum_dominance import Incumbent, can_reach, dominated
from accord.model import RectangleSum, Scenario

MAX_STATES = 300_000
"""States (alive open rectangles), summed over the issues, at most; beyond, the branch and bound is used."""
MAX_ROWS = 10_000_000
"""Partial sums expanded at one issue at most; beyond, the branch and bound is used instead."""
_EXACT_INTEGERS = 2 ** 52
_SMALL_COUNTS = 2 ** 62
ROUNDED_APART = 10 ** DECIMALS
"""Normalisers up to this keep distinct integer sums apart once utilities are rounded to ``DECIMALS`` places (as
enumeration's are); past it, rounding merges sums the exact searches count apart (the branch and bound answers)."""
_RECORDED = 20_000
"""Rows per issue whose greedy completions are recorded as reached (a spread sample when there are more)."""


def _weights(k: int) -> np.ndarray:
    """Party weightings of the completions whose outcomes a frontier pass records as reached: each party
    alone, all equal, and six fixed mixes (seeded, so runs repeat)."""
    return np.vstack([np.eye(k), np.ones((1, k)), np.random.default_rng(0).random((6, k)) + 0.05])


class TooManyStates(Exception):
    """The programme would need more states or partial sums than its budget (not a user error: the caller
    falls back to the branch and bound)."""


def programme_applies(scenario: Scenario) -> bool:
    """Whether every rectangle utility is an integer (sums are then exact in any order, as enumeration's are) and
    every normaliser at most ``ROUNDED_APART``."""
    rectangular = [p.utility for p in scenario.parties if isinstance(p.utility, RectangleSum)]
    utilities = [r.utility for u in rectangular for r in u.rectangles]
    return all(float(u).is_integer() for u in utilities) and sum(abs(u) for u in utilities) < _EXACT_INTEGERS \
        and all(u.normalizer <= ROUNDED_APART for u in rectangular)


def issue_order(scenario: Scenario) -> np.ndarray:
    """Issues in an order that keeps few rectangles open: repeatedly the issue leaving the fewest open
    rectangles after it (then the one closing most, then the first)."""
    spans = _joint_spans(scenario)
    left, order = set(range(len(scenario.issues))), []
    taken: set[int] = set()
    while left:
        def cost(issue: int) -> tuple[int, int, int]:
            now = taken | {issue}
            still_open = sum(1 for s in spans if s & now and not s <= now)
            closing = sum(1 for s in spans if issue in s and s <= now)
            return still_open, -closing, issue
        best = min(left, key=cost)
        order.append(best)
        taken.add(best)
        left.remove(best)
    return np.array(order, dtype=np.int64)


def _joint_spans(scenario: Scenario) -> list[frozenset[int]]:
    """The issues of each rectangle bounding more than one (those that stay open between issues)."""
    spans = [frozenset(position for position, _, _ in r.bounds)
             for p in scenario.parties for r in p.utility.rectangles]
    return [s for s in spans if len(s) > 1]


def open_peak(scenario: Scenario) -> int:
    """The most rectangles open at once in ``issue_order`` (the programme's states can number 2 to that power)."""
    spans = _joint_spans(scenario)
    taken: set[int] = set()
    peak = 0
    for issue in issue_order(scenario):
        taken.add(int(issue))
        peak = max(peak, sum(1 for s in spans if s & taken and not s <= taken))
    return peak


@dataclass(frozen=True)
class _Level:
    """One issue of the search: the open rectangles before it, those bounding it (its value classes as rows of
    which of them each class lies in, with sizes and smallest value index), and the open ones after it."""

    position: int
    issue: int
    before: np.ndarray
    bounding: np.ndarray
    patterns: np.ndarray
    sizes: np.ndarray
    values: np.ndarray
    after: np.ndarray


@dataclass(frozen=True)
class _Entries:
    """Partial sums: state index, integer sum per party, outcome count, C-order-first outcome (as limbs)."""

    state: np.ndarray
    sums: np.ndarray
    counts: np.ndarray
    firsts: np.ndarray

    def take(self, rows) -> _Entries:
        return _Entries(self.state[rows], self.sums[rows], self.counts[rows], self.firsts[rows])


class _Programme:
    """The plan of the search over one scenario (independent of the signs, so it is shared by the searches of
    one analysis: see ``_plan``) and its passes (``signed``)."""

    def __init__(self, scenario: Scenario) -> None:
        self.order = issue_order(scenario)
        model = self.model = Rectangles.of(scenario, self.order)
        self.k = len(scenario.parties)
        self.normalizer = model.normalizer
        self.top = np.ceil(model.normalizer).astype(np.int64)
        self.utility = np.round(model.utility).astype(np.int64)
        n_rect = len(model.exclusive)
        bounded = [set(model.bounding[s].tolist()) for s in range(len(model.sizes))]
        self.first = np.array([min((s for s in range(len(bounded)) if r in bounded[s]), default=-1)
                               for r in range(n_rect)], dtype=np.int64)
        self.levels = [self._level(s) for s in range(len(model.sizes))]
        constant = (model.last < 0) & ~model.exclusive
        self.base = constant.astype(np.int64) @ self.utility
        self._limbs(scenario)
        self.moves = self._moves()
        self.low, self.high = self._ranges()
        self.signs, self.greedy = np.ones(self.k, dtype=np.int64), None
        self.may_clip_top = self.base + self.high[0][0] > model.normalizer
        self.may_clip_bottom = self.base + self.low[0][0] < 0

    def _level(self, s: int) -> _Level:
        model, first, last = self.model, self.first, self.model.last
        bounding = model.bounding[s]
        if bounding.size:
            table = model.inside[s][:, bounding]
            patterns, firsts, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
            sizes = np.bincount(inverse.reshape(-1), minlength=len(patterns))
        else:
            patterns, firsts = np.ones((1, 0), dtype=bool), np.zeros(1, dtype=np.int64)
            sizes = np.array([model.sizes[s]])
        ids = np.arange(len(first))
        return _Level(s, int(self.order[s]), ids[(first >= 0) & (first < s) & (last >= s)], bounding,
                      patterns, sizes.astype(np.int64), firsts.astype(np.int64),
                      ids[(first >= 0) & (first <= s) & (last > s)])

    def _limbs(self, scenario: Scenario) -> None:
        """C-order positions as a few int64 limbs (most significant first): issue -> (limb, stride in it)."""
        sizes = [issue.size for issue in scenario.issues]
        limb_of, stride, limb, product = [0] * len(sizes), [0] * len(sizes), 0, 1
        for i in reversed(range(len(sizes))):
            if product * sizes[i] > _SMALL_COUNTS and product > 1:
                limb, product = limb + 1, 1
            limb_of[i], stride[i] = limb, product
            product *= sizes[i]
        n_limbs = limb + 1
        self.limb_of = [n_limbs - 1 - limb_of[i] for i in range(len(sizes))]
        self.stride = stride
        self.n_limbs = n_limbs
        self.sizes = sizes

    def value_indices(self, limbs: np.ndarray) -> np.ndarray:
        """Value index per issue (issue order) of outcomes given as limbs."""
        out = np.zeros((len(limbs), len(self.sizes)), dtype=np.int64)
        for i, size in enumerate(self.sizes):
            out[:, i] = (limbs[:, self.limb_of[i]] // self.stride[i]) % size
        return out

    def _moves(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per issue, from each state before it and each value class: the state after it and the gain."""
        alive, moves, total = np.zeros((1, 0), dtype=bool), [], 0
        for level in self.levels:
            n_states, n_classes = len(alive), len(level.patterns)
            bounding, before = level.bounding, level.before
            where = np.searchsorted(before, bounding)
            started = np.isin(bounding, before)
            previous = np.ones((n_states, len(bounding)), dtype=bool)
            previous[:, started] = alive[:, where[started]]
            now = previous[:, None, :] & level.patterns[None, :, :]
            exclusive = self.model.exclusive[bounding]
            ends = (self.model.last[bounding] == level.position) & ~exclusive
            earned = (now & ends) | (previous[:, None, :] & ~now & exclusive)
            gain = earned.reshape(n_states * n_classes, len(bounding)).astype(np.int64) @ self.utility[bounding]
            columns = np.union1d(before, bounding)
            merged = np.zeros((n_states, n_classes, len(columns)), dtype=bool)
            merged[:, :, np.searchsorted(columns, before)] = alive[:, None, :]
            merged[:, :, np.searchsorted(columns, bounding)] = now
            after = merged[:, :, np.searchsorted(columns, level.after)].reshape(n_states * n_classes, -1)
            alive, ids = _unique_rows(after)
            total += len(alive)
            if total > MAX_STATES:
                raise TooManyStates(f"more than {MAX_STATES:,} states within {level.position + 1} issues")
            moves.append((ids.reshape(n_states, n_classes), gain.reshape(n_states, n_classes, -1)))
        return moves

    def _ranges(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per search position (0: before the first issue, s: after s issues), for each state: the least and
        the most the remaining issues add to each party's sum (exactly)."""
        n = len(self.levels)
        low, high = [None] * (n + 1), [None] * (n + 1)
        low[n] = high[n] = np.zeros((1, self.k), dtype=np.int64)
        for s in reversed(range(n)):
            ids, gain = self.moves[s]
            low[s] = (gain + low[s + 1][ids]).min(axis=1)
            high[s] = (gain + high[s + 1][ids]).max(axis=1)
        return low, high

    def signed(self, signs: np.ndarray, weights: np.ndarray) -> _Programme:
        """This plan for the utilities times ``signs``, with per state the sums of the completions best for
        each row of ``weights`` (party weightings of the signed utilities), shape (n_states, n_weights, k)."""
        out = copy.copy(self)
        out.signs = signs.astype(np.int64)
        weights = weights * out.signs[None, :] / self.normalizer[None, :]
        n = len(self.levels)
        greedy = [None] * (n + 1)
        greedy[n] = np.zeros((1, len(weights), self.k), dtype=np.int64)
        for s in reversed(range(n)):
            ids, gain = self.moves[s]
            options = gain[:, :, None, :] + greedy[s + 1][ids]  # states, classes, weights, k
            pick = np.einsum("scwk,wk->scw", options, weights).argmax(axis=1)  # states, weights
            greedy[s] = np.take_along_axis(options, pick[:, None, :, None], axis=1)[:, 0]
        out.greedy = greedy
        return out

    def run(self, prune, incumbent: Incumbent, targets: np.ndarray | None = None) -> _Entries:
        """One pass: the final partial sums (clipped to [0, top]); ``prune(g, state)`` marks the rows of the
        signed, grouped sums to drop; rows ``incumbent`` rules out are dropped; with ``targets`` only sums that
        can still reach one are kept."""
        entries = _Entries(np.zeros(1, dtype=np.int64), self.base[None, :].copy(), np.ones(1, dtype=np.int64),
                           np.zeros((1, self.n_limbs), dtype=np.int64))
        product = 1
        for s, level in enumerate(self.levels):
            product *= int(level.sizes.sum())
            if len(entries.state) * len(level.sizes) > MAX_ROWS:
                raise TooManyStates(f"more than {MAX_ROWS:,} partial sums after {level.position} issues")
            entries = self._step(level, entries, product > _SMALL_COUNTS)
            lo, hi = self.low[s + 1][entries.state], self.high[s + 1][entries.state]
            sums = np.minimum(np.maximum(entries.sums, -hi), self.top - lo)
            least, most = np.clip(sums + lo, 0, self.top), np.clip(sums + hi, 0, self.top)
            some = slice(None, None, max(1, len(sums) // _RECORDED))
            reached = np.clip(sums[some, None, :] + self.greedy[s + 1][entries.state[some]], 0, self.top)
            keep = ~incumbent.beats(reached.reshape(-1, self.k), least, most)
            if targets is not None:
                keep &= can_reach(least, most, targets)
            entries = _Entries(entries.state, sums, entries.counts, entries.firsts)
            if not keep.all():
                entries = entries.take(keep)
            entries = self._group(entries, prune)
        return entries

    def _step(self, level: _Level, entries: _Entries, big: bool) -> _Entries:
        ids, gain = self.moves[level.position]
        n_classes = ids.shape[1]
        m = len(entries.state)
        state = ids[entries.state].reshape(-1)
        sums = (entries.sums[:, None, :] + gain[entries.state]).reshape(m * n_classes, -1)
        counts = entries.counts.astype(object) if big and entries.counts.dtype != object else entries.counts
        counts = (counts[:, None] * level.sizes[None, :].astype(counts.dtype)).reshape(-1)
        firsts = np.repeat(entries.firsts, n_classes, axis=0)
        firsts[:, self.limb_of[level.issue]] += np.tile(level.values, m) * self.stride[level.issue]
        return _Entries(state, sums, counts, firsts)

    def _group(self, entries: _Entries, prune) -> _Entries:
        """Equal (state, sum) rows merged (counts added, C-order-first outcome kept), then the dominated ones
        dropped; rows come out sorted by state, then signed sums descending."""
        g = entries.sums * self.signs
        order = np.argsort(_descending_key(entries.state, g), kind="stable")
        entries, g = entries.take(order), g[order]
        new = np.ones(len(g), dtype=bool)
        new[1:] = (entries.state[1:] != entries.state[:-1]) | (g[1:] != g[:-1]).any(axis=1)
        starts = np.flatnonzero(new)
        if len(starts) == len(g):
            return entries.take(~prune(g, entries.state))
        counts = np.add.reduceat(entries.counts, starts)
        firsts = _first_per_group(entries.firsts, starts)
        entries = _Entries(entries.state[starts], entries.sums[starts], counts, firsts)
        return entries.take(~prune(g[starts], entries.state))

    def final_vectors(self, sums: np.ndarray) -> np.ndarray:
        """Rounded utilities of final (clipped) sums, computed as enumeration does, times the signs."""
        return self.model.utilities_of(sums) * self.signs + 0.0

    def clipped_columns(self, sums: np.ndarray) -> np.ndarray:
        """For final sums, the columns where a dominated partial sum may have ended equal (clipped)."""
        return ((sums >= self.top) & self.may_clip_top) | ((sums <= 0) & self.may_clip_bottom)


def _descending_key(state: np.ndarray, g: np.ndarray) -> np.ndarray:
    """One sort key per row: by state, then each column of ``g`` descending (one int64 when it fits, else a
    rank from a lexicographic sort)."""
    key, room = state.astype(np.int64), int(state.max()) + 1 if len(state) else 1
    columns = []
    for j in range(g.shape[1]):
        top, span = (int(g[:, j].max()), int(g[:, j].max() - g[:, j].min()) + 1) if len(g) else (0, 1)
        columns.append(top - g[:, j])
        room *= span
        if room >= 2 ** 62:
            order = np.lexsort(tuple(-g[:, c] for c in reversed(range(g.shape[1]))) + (state,))
            rank = np.empty(len(g), dtype=np.int64)
            rank[order] = np.arange(len(g))
            return rank
        key = key * span + columns[-1]
    return key


def _first_per_group(firsts: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per group of rows (beginning at ``starts``), the lexicographically least row of ``firsts``."""
    sizes = np.diff(np.append(starts, len(firsts)))
    tied = np.ones(len(firsts), dtype=bool)
    out = np.empty((len(starts), firsts.shape[1]), dtype=np.int64)
    biggest = np.iinfo(np.int64).max
    for limb in range(firsts.shape[1]):
        column = np.where(tied, firsts[:, limb], biggest)
        out[:, limb] = np.minimum.reduceat(column, starts)
        tied &= column == np.repeat(out[:, limb], sizes)
    return out


def _unique_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of a boolean matrix and, per row, the index of its distinct row."""
    if rows.shape[1] == 0:
        return rows[:1], np.zeros(len(rows), dtype=np.int64)
    packed = np.packbits(rows, axis=1)
    keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, index, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return rows[index], inverse.reshape(-1)


def _plan(scenario: Scenario) -> _Programme:
    """The sign-independent plan, kept for the next searches of the same scenario (an analysis runs three)."""
    try:
        return _kept_plan(scenario)
    except TypeError:  # a scenario holding an unhashable value: not kept
        return _Programme(scenario)


@functools.lru_cache(maxsize=2)
def _kept_plan(scenario: Scenario) -> _Programme:
    return _Programme(scenario)


def rectangle_programme(scenario: Scenario, signs: np.ndarray | None = None, focus: int | None = None) -> ExactFrontier:
    """The exact frontier of ``scenario`` (integer rectangle utilities, no constraints); with ``signs`` the
    frontier of the utilities times ``signs``; with ``focus`` only its points largest in that column (that
    largest value comes exactly from the completion ranges, so sums that cannot reach it are dropped early)."""
    k = len(scenario.parties)
    signs = np.ones(k) if signs is None else np.asarray(signs, dtype=float)
    weights = _weights(k) if focus is None else np.eye(k)
    programme = _plan(scenario).signed(signs, weights)
    best = None
    if focus is not None:  # the largest signed value in the focus column, exactly
        reach = programme.high[0][0] if signs[focus] > 0 else programme.low[0][0]
        best = int(np.clip(programme.base + reach, 0, programme.top)[focus] * programme.signs[focus])
    incumbent = Incumbent(programme.top, programme.signs, focus, best)
    final = programme.run(dominated, incumbent)
    vectors = programme.final_vectors(final.sums)
    front = pareto_mask(vectors)
    final, vectors = final.take(front), vectors[front]
    if focus is not None:
        top = vectors[:, focus] == vectors[:, focus].max()
        final, vectors = final.take(top), vectors[top]
    counts, firsts = list(final.counts), final.firsts.copy()
    clipped = programme.clipped_columns(final.sums)
    for pattern in {tuple(row) for row in clipped if row.any()}:
        rows = np.flatnonzero((clipped == np.array(pattern)).all(axis=1))
        loose = frozenset(int(j) for j in np.flatnonzero(pattern))
        again = programme.run(lambda g, state: dominated(g, state, loose), incumbent, final.sums[rows])
        for row in rows:
            hit = (again.sums == final.sums[row]).all(axis=1)
            counts[row] = sum(again.counts[hit])
            firsts[row] = min(tuple(f) for f in again.firsts[hit])
    return frontier_of(vectors, [int(c) for c in counts], programme.value_indices(firsts))
