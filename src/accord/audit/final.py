"""The final agreement of a record, and what it left on the table.

A record ends in agreement when its last move is an ``accept`` and, after the accepted offer was made, every
party except its proposer accepted it and none rejected it. Only a complete offer is an agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.analysis.solutions import DECIMALS
from accord.audit.record import Move


@dataclass(frozen=True)
class FinalAudit:
    """The final agreement against the frontier."""

    move: int
    """Index of the accepted offer's move."""
    position: int
    utilities: tuple[float, ...]
    dominated_by: int
    """How many outcomes dominate it (≥ for every party, > for one)."""
    left_on_the_table: tuple[float, ...]
    """Per party, the most it could have gained at no loss to anyone."""
    dominating_frontier: tuple[int, ...]
    """Positions of the frontier outcomes that dominate it, best sum first."""


def agreed_offer(moves: tuple[Move, ...], parties: tuple[str, ...], n_issues: int) -> Move | None:
    """The offer move the record ends by agreeing on, or ``None``."""
    if not moves or moves[-1].action != "accept" or moves[-1].answers is None:
        return None
    offer = moves[moves[-1].answers]
    answers = [m for m in moves[offer.index + 1:] if m.answers == offer.index]
    accepted = {m.party for m in answers if m.action == "accept"}
    if any(m.action == "reject" for m in answers) or not offer.is_complete(n_issues):
        return None
    return offer if set(parties) - {offer.party} <= accepted else None


def final_audit(utilities: np.ndarray, frontier: np.ndarray, move: int, position: int) -> FinalAudit:
    """Audit the agreement at ``position`` against every outcome (``frontier``: frontier positions)."""
    point = utilities[position]
    weakly = (utilities >= point).all(axis=1)
    strictly = weakly & (utilities > point).any(axis=1)
    gains = (utilities[weakly] - point).max(axis=0)
    on_front = frontier[strictly[frontier]]
    order = np.argsort(-utilities[on_front].sum(axis=1), kind="stable")
    return FinalAudit(move, position, tuple(float(u) for u in point), int(strictly.sum()),
                      tuple(round(float(g), DECIMALS) for g in gains), tuple(int(p) for p in on_front[order]))
