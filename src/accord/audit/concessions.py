"""Concession curves: the utility of each party's own offers to itself, in time order, and its largest drops."""

from __future__ import annotations

from dataclasses import dataclass

from accord.analysis.solutions import DECIMALS


@dataclass(frozen=True)
class Concession:
    """A drop in a party's own utility from one of its offers to its next."""

    party: str
    before: int
    """Index of the move before the drop."""
    after: int
    size: float


def concession_curves(parties: tuple[str, ...], offers: list[tuple[int, str, tuple[float, ...]]]
                      ) -> dict[str, list[tuple[int, float]]]:
    """``{party: [(move index, own utility), ...]}`` from ``(index, proposer, utilities)`` of every offer move."""
    curves: dict[str, list[tuple[int, float]]] = {party: [] for party in parties}
    for index, proposer, utilities in offers:
        if proposer in curves:
            curves[proposer].append((index, utilities[parties.index(proposer)]))
    return curves


def largest_concessions(party: str, curve: list[tuple[int, float]], limit: int = 3) -> list[Concession]:
    """The ``limit`` largest drops between consecutive offers on ``party``'s curve, largest first (ties:
    earlier first)."""
    drops = [Concession(party, a, b, round(ua - ub, DECIMALS))
             for (a, ua), (b, ub) in zip(curve, curve[1:]) if ua > ub]
    return sorted(drops, key=lambda c: (-c.size, c.before))[:limit]
