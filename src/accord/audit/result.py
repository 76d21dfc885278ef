"""Auditing a record: every move scored on the exact map, the concession curves and the final agreement."""

from __future__ import annotations

from dataclasses import dataclass

from accord.audit.concessions import Concession, concession_curves, largest_concessions
from accord.audit.final import FinalAudit, agreed_offer, final_audit
from accord.audit.outcomes import AuditMap, audit_map
from accord.audit.record import Move, Record
from accord.audit.scores import OfferScore, score_offer
from accord.errors import ScenarioError


@dataclass(frozen=True)
class MoveAudit:
    """One move with the score of the offer it makes or answers (``None`` for a withdrawal)."""

    move: Move
    offer: dict[str, object]
    score: OfferScore | None


@dataclass(frozen=True, eq=False)
class AuditResult:
    """The audit of a record (see docs/audit.md)."""

    record: Record
    map: AuditMap
    moves: tuple[MoveAudit, ...]
    concessions: dict[str, list[tuple[int, float]]]
    final: FinalAudit | None

    @property
    def parties(self) -> tuple[str, ...]:
        return self.record.scenario.party_names

    def largest_concessions(self, limit: int = 3) -> dict[str, list[Concession]]:
        """Per party, its ``limit`` largest drops in own utility between consecutive offers."""
        return {party: largest_concessions(party, curve, limit) for party, curve in self.concessions.items()}

    def outcome(self, position: int) -> dict[str, object]:
        return {k: (v.item() if hasattr(v, "item") else v) for k, v in self.map.space.outcome(position).items()}

    def to_json(self) -> dict:
        """The one JSON document of an audit, as the command line and the web workbench emit it."""
        final = None
        if self.final is not None:
            final = {"outcome": self.outcome(self.final.position), "utilities": list(self.final.utilities),
                     "dominated_by": self.final.dominated_by,
                     "left_on_the_table": dict(zip(self.parties, self.final.left_on_the_table))}
        return {
            "scenario": self.record.scenario.name,
            "moves": [_move_json(entry) for entry in self.moves],
            "concessions": {party: [{"index": i, "own_utility": u} for i, u in curve]
                            for party, curve in self.concessions.items()},
            "final": final,
        }


def _move_json(entry: MoveAudit) -> dict:
    move, score = entry.move, entry.score
    return {
        "index": move.index, "date": move.date, "round": move.round, "party": move.party, "action": move.action,
        "offer": entry.offer,
        "complete": score.complete if score else False,
        "utilities": list(score.utilities) if score else None,
        "utility_range": ({"min": list(score.low), "max": list(score.high)}
                          if score and score.low is not None else None),
        "rational": list(score.rational) if score else None,
        "ratified": score.ratified if score else None,
        "pareto_distance": score.pareto_distance if score else None,
    }


def audit(record: Record, the_map: AuditMap | None = None) -> AuditResult:
    """Audit ``record`` on its scenario's exact map (built here unless given)."""
    scenario = record.scenario
    the_map = the_map or audit_map(scenario)
    parties = scenario.party_names
    scored: dict[int, OfferScore] = {}
    errors = []
    for move in record.moves:
        if move.action != "offer":
            continue
        proposer = parties.index(move.party) if move.party in parties else None
        try:
            scored[move.index] = score_offer(the_map, move.offer, proposer)
        except ValueError:
            errors.append(ScenarioError("the constraints rule out every outcome with this offer",
                                        source=record.source, where=f"moves[{move.index}].offer",
                                        fix="change a value (see the scenario's constraints)"))
    if errors:
        raise ScenarioError.of(errors)
    entries = []
    for move in record.moves:
        score = scored.get(move.index if move.action == "offer" else move.answers)
        entries.append(MoveAudit(move, record.offer_dict(move), score if move.action != "withdraw" else None))
    curves = concession_curves(parties, [(m.index, m.party, scored[m.index].utilities)
                                         for m in record.moves if m.action == "offer"])
    agreed = agreed_offer(record.moves, parties, len(scenario.issues))
    final = None
    if agreed is not None:
        final = final_audit(the_map.utilities, the_map.frontier, agreed.index, scored[agreed.index].position)
    return AuditResult(record, the_map, tuple(entries), curves, final)
