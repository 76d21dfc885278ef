"""Monotonic concession with the Zeuthen strategy (Zeuthen 1930, Harsanyi 1956), for two or more parties.

Each party opens with its best rational Pareto outcome.

*Two parties.* Every round, a party accepts when the other's offer is worth at least its own; otherwise each
party's *risk limit* ``(uᵢ(own) − uᵢ(other's)) / (uᵢ(own) − dᵢ)`` is compared and the party with the smaller one
concedes (both on a tie). A Zeuthen concession is the smallest one that makes the other party the one to concede
next — equivalently, since ``riskₐ ≤ risk_b`` exactly when the Nash product of a's offer is at most that of b's,
the conceder moves to the Pareto outcome best for itself whose Nash product exceeds that of the other's offer (or
accepts the other's offer when none does). Offers only move towards the Nash point and never past it, so the
process ends at the Nash point.

*Three or more parties* (Harsanyi's multilateral form, with offers compared by Nash product): the rational Pareto
points are ranked by Nash product, then utility sum, then utility vector — a strict order — except that the
analysis's Nash point (which breaks near-ties of products by the sum) ranks first. Every round there is agreement
when some party's offer is worth at least its own offer to every party. Otherwise the party whose offer ranks
lowest concedes (every party making that offer, on a tie): it moves to the point best for itself among those
ranking above every other party's offer (ties to the higher rank), or to the Nash point when none does. This ends
at the analysis's Nash point, exactly: (i) the lowest rank among the offers rises every round, so the process
ends; (ii) the Nash point is always among a conceder's candidates, so every party's offer is worth at least the
Nash point to it; (iii) an offer all accept is then worth at least the Nash point to everyone, and only the Nash
point is (it is Pareto optimal). Own utility never rises, so concessions are monotonic; unlike the bilateral case
a concession need not give *every* other party more.

Zeuthen's model assumes complete information: this protocol computes each party's Zeuthen move from every utility
column, which is why it runs its own concession rule rather than registry strategies.
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter

import numpy as np

from accord.analysis import pareto_mask
from accord.protocols.common import Run, SessionConfig


def rational_frontier(utilities: np.ndarray, reservations: np.ndarray) -> np.ndarray:
    """Positions of the distinct rational Pareto points (lowest position per point), by decreasing u₀."""
    rational = np.flatnonzero((utilities >= reservations).all(axis=1))
    if rational.size == 0:
        return rational
    points = utilities[rational]
    order = np.lexsort((rational, -points[:, 1], -points[:, 0]))
    second = points[order, 1]
    best_before = np.maximum.accumulate(np.concatenate(([-np.inf], second[:-1])))
    return rational[order[second > best_before]]


def zeuthen_concession(products: np.ndarray, own: int, other: int, step: int) -> int:
    """Index (into the frontier) of a Zeuthen concession from ``own`` towards ``other`` (``step`` = +1 or −1):
    the first index past ``own`` whose Nash product beats the other's offer, or ``other`` when none does."""
    target = products[other]
    lo, hi = (own + 1, other + 1) if step > 0 else (other, own)
    window = products[lo:hi]
    better = np.flatnonzero(window > target)
    if better.size == 0:
        return other
    return int(lo + (better[0] if step > 0 else better[-1]))


def run_zeuthen(strategies, prepared, config: SessionConfig, positions: list[int], proposers: list[int],
                mediator_seed: int) -> Run:
    """Run monotonic concession with every party playing the Zeuthen strategy."""
    if prepared.n_parties != 2:
        return run_multilateral(prepared, config)
    start = perf_counter()
    run = Run()
    utilities = prepared.utilities
    reservations = np.asarray(prepared.reservations)
    frontier = rational_frontier(utilities, reservations)
    if frontier.size == 0:
        run.ended_by = "no-zone"
        return run
    gains = utilities[frontier] - reservations
    products = gains[:, 0] * gains[:, 1]
    u = utilities[frontier]
    index = [0, frontier.size - 1]  # party 0 starts at its best, party 1 at its best
    limit = config.rounds or 10**9
    trace = run.trace
    keep = config.keep_trace
    for party in (0, 1):
        positions.append(int(frontier[index[party]]))
        proposers.append(party)
        if keep:
            trace.append((0, party, "offer", int(frontier[index[party]]), 0.0))

    def agree(rnd: int, time: float) -> bool:
        a, b = index
        accepts = [u[b, 0] >= u[a, 0], u[a, 1] >= u[b, 1]]
        if not (accepts[0] or accepts[1]):
            return False
        taker = 0 if accepts[0] and (not accepts[1] or products[b] >= products[a]) else 1
        run.position = int(frontier[index[1 - taker]])
        if keep:
            trace.append((rnd, taker, "accept", run.position, time))
        return True

    def concede(rnd: int, time: float) -> None:
        a, b = index
        new = list(index)
        if products[a] <= products[b]:
            new[0] = zeuthen_concession(products, a, b, +1)
        if products[b] <= products[a]:
            new[1] = zeuthen_concession(products, b, a, -1)
        for party in (0, 1):
            if new[party] != index[party]:
                positions.append(int(frontier[new[party]]))
                proposers.append(party)
                if keep:
                    trace.append((rnd, party, "concede", int(frontier[new[party]]), time))
        index[:] = new

    return _concede_until_agreement(run, limit, start, agree, concede)


def _concede_until_agreement(run: Run, limit: int, start: float, agree: Callable[[int, float], bool],
                             concede: Callable[[int, float], None]) -> Run:
    """The rounds both forms share: ``agree(round, time)`` ends the session with an agreement (it sets
    ``run.position``); otherwise, before the deadline, the next round's ``concede(round, time)``."""
    rnd = 0
    while True:
        if agree(rnd, min(1.0, rnd / limit)):
            run.ended_by = "agreement"
            break
        rnd += 1
        if rnd >= limit:
            run.ended_by = "deadline"
            break
        concede(rnd, min(1.0, rnd / limit))
    run.steps = len(run.trace)
    run.rounds = rnd + 1
    run.time = min(1.0, rnd / limit)
    run.elapsed = perf_counter() - start
    return run


def rational_points(utilities: np.ndarray, reservations: np.ndarray) -> np.ndarray:
    """Positions of the distinct rational Pareto points (lowest position per point), any number of parties."""
    rational = np.flatnonzero((utilities >= reservations).all(axis=1))
    if rational.size == 0:
        return rational
    front = rational[pareto_mask(utilities[rational])]
    _, first = np.unique(utilities[front], axis=0, return_index=True)
    return front[np.sort(first)]


def nash_order(points: np.ndarray, reservations: np.ndarray, nash: int | None) -> np.ndarray:
    """Indices of ``points`` from lowest to highest rank: by Nash product, utility sum, then utility vector
    (first party first), with ``points[nash]`` moved to the top."""
    gains = points - reservations
    keys = [points[:, j] for j in range(points.shape[1] - 1, -1, -1)]
    order = np.lexsort([*keys, points.sum(axis=1), gains.prod(axis=1)])
    if nash is not None:
        order = np.concatenate((order[order != nash], [nash]))
    return order


def best_above(values: np.ndarray) -> np.ndarray:
    """``best[r]``: the rank ``≥ r`` with the largest ``values`` (given in rank order), ties to the higher rank."""
    n = values.size
    reverse = values[::-1]
    running = np.maximum.accumulate(reverse)
    record = np.ones(n, dtype=bool)
    record[1:] = reverse[1:] > running[:-1]
    first = np.maximum.accumulate(np.where(record, np.arange(n), 0))
    return (n - 1 - first)[::-1]


def run_multilateral(prepared, config: SessionConfig) -> Run:
    """Zeuthen's monotonic concession for three or more parties (see the module docstring)."""
    start = perf_counter()
    run = Run()
    reservations = np.asarray(prepared.reservations)
    found = rational_points(prepared.utilities, reservations)
    if found.size == 0:
        run.ended_by = "no-zone"
        return run
    points = prepared.utilities[found]
    nash = np.flatnonzero((points == prepared.utilities[prepared.nash]).all(axis=1))[0]
    order = nash_order(points, reservations, int(nash))
    position, u = found[order], points[order]  # indexed by rank from here on
    top, n = order.size - 1, u.shape[1]
    best = [best_above(u[:, k]) for k in range(n)]
    offer = np.array([b[0] for b in best])
    limit = config.rounds or 10**9
    trace, keep = run.trace, config.keep_trace
    if keep:
        trace.extend((0, k, "offer", int(position[offer[k]]), 0.0) for k in range(n))

    def agree(rnd: int, time: float) -> bool:
        table = u[offer]  # row j: every party's utility of party j's offer
        accepted = np.flatnonzero((table >= np.diag(table)).all(axis=1))
        if not accepted.size:
            return False
        owner = int(accepted[0])
        run.position = int(position[offer[owner]])
        if keep:
            trace.extend((rnd, k, "accept", run.position, time) for k in range(n) if k != owner)
        return True

    def concede(rnd: int, time: float) -> None:
        new = offer.copy()
        for k in np.flatnonzero(offer == offer.min()):
            others = np.delete(offer, k).min()
            new[k] = best[k][others + 1] if others < top else top
            if keep:
                trace.append((rnd, int(k), "concede", int(position[new[k]]), time))
        offer[:] = new

    return _concede_until_agreement(run, limit, start, agree, concede)
