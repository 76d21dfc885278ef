"""Scoring one offer on the exact map: utilities (or their range over the completions of a partial offer),
rationality per party, ratification, and the distance to the Pareto frontier.

A partial offer is scored at its best completion for the proposer (ties: the larger sum of utilities, then
the lower position); a mediator's partial offer at the completion with the largest sum. Every verdict of a
partial offer (rational, ratified, distance) is that completion's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.analysis.solutions import DECIMALS
from accord.audit.outcomes import AuditMap


@dataclass(frozen=True)
class OfferScore:
    """The audit of one offer."""

    position: int
    """The outcome scored: the offer itself, or its best completion for the proposer."""
    complete: bool
    n_completions: int
    n_rational: int
    """How many completions every party prefers to no deal (0 or 1 for a complete offer)."""
    utilities: tuple[float, ...]
    low: tuple[float, ...] | None
    high: tuple[float, ...] | None
    rational: tuple[bool, ...]
    ratified: bool | None
    pareto_distance: float


def best_completion(utilities: np.ndarray, candidates: np.ndarray, column: int | None) -> int:
    """The candidate best for ``column`` (``None``: the largest sum); ties → larger sum → lower position."""
    rows = utilities[candidates]
    sums = rows.sum(axis=1)
    if column is None:
        tied = np.flatnonzero(sums == sums.max())
    else:
        tied = np.flatnonzero(rows[:, column] == rows[:, column].max())
        tied = tied[sums[tied] == sums[tied].max()]
    return int(candidates[tied[0]])


def pareto_distance(point: np.ndarray, frontier: np.ndarray) -> float:
    """Euclidean distance from ``point`` to the nearest frontier vector that weakly dominates it."""
    dominating = frontier[(frontier >= point).all(axis=1)]
    return round(float(np.sqrt(((dominating - point) ** 2).sum(axis=1)).min()), DECIMALS)


def score_offer(audit_map: AuditMap, offer: tuple[tuple[int, int], ...], proposer: int | None) -> OfferScore:
    """Score ``offer`` (issue position → value index) made by party column ``proposer`` (``None``: a mediator).
    ``ValueError`` when no feasible outcome completes it."""
    candidates = audit_map.completions(offer)
    if candidates.size == 0:
        raise ValueError("no feasible outcome completes it")
    utilities = audit_map.utilities
    complete = len(offer) == len(audit_map.space.issues)
    position = best_completion(utilities, candidates, proposer)
    point = utilities[position]
    rows = utilities[candidates]
    frontier = utilities[audit_map.frontier]
    return OfferScore(
        position=position,
        complete=complete,
        n_completions=int(candidates.size),
        n_rational=int((rows >= audit_map.reservation).all(axis=1).sum()),
        utilities=tuple(float(u) for u in point),
        low=None if complete else tuple(float(u) for u in rows.min(axis=0)),
        high=None if complete else tuple(float(u) for u in rows.max(axis=0)),
        rational=tuple(bool(u >= r) for u, r in zip(point, audit_map.reservation)),
        ratified=None if audit_map.ratified is None else bool(audit_map.ratified[position]),
        pareto_distance=pareto_distance(point, frontier),
    )
