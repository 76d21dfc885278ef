"""The debrief after a person played: the audit of their session, the opponents' profiles revealed, and the
trades they missed — single-issue changes to their last package that cost them little and gain the others
much."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.analysis.solutions import DECIMALS
from accord.audit.outcomes import AuditMap
from accord.audit.record import parse_record
from accord.audit.result import AuditResult, audit
from accord.audit.table import TableGame
from accord.errors import OptionError


@dataclass(frozen=True)
class MissedTrade:
    """Setting ``issue`` from ``value`` to ``instead`` costs the person ``cost`` and gains the others ``gain``
    (summed)."""

    issue: str
    value: object
    instead: object
    cost: float
    gain: float

    def to_json(self) -> dict:
        return {"issue": self.issue, "value": self.value, "instead": self.instead, "cost": self.cost,
                "gain": self.gain}


def missed_trades(the_map: AuditMap, position: int, person: int, limit: int = 5) -> list[MissedTrade]:
    """Single-issue changes to the package at ``position`` that gain the other parties more than they cost
    ``person``, best net gain first (infeasible changes are skipped)."""
    space, utilities = the_map.space, the_map.utilities
    row = space.value_indices(np.array([position]))[0]
    here = utilities[position]
    others = [k for k in range(utilities.shape[1]) if k != person]
    trades = []
    for j, issue in enumerate(space.issues):
        for v in range(issue.size):
            if v == row[j]:
                continue
            changed = {i.name: i.values[int(x)] for i, x in zip(space.issues, row)}
            changed[issue.name] = issue.values[v]
            try:
                there = utilities[space.position_of(changed)]
            except ValueError:
                continue
            cost = round(float(here[person] - there[person]), DECIMALS)
            gain = round(float((there[others] - here[others]).sum()), DECIMALS)
            if gain > max(cost, 0.0):
                trades.append(MissedTrade(issue.name, _plain(issue.values[int(row[j])]), _plain(issue.values[v]),
                                          cost, gain))
    return sorted(trades, key=lambda t: (-(t.gain - t.cost), t.issue))[:limit]


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


@dataclass(frozen=True, eq=False)
class Debrief:
    """What the person learns afterwards."""

    game: TableGame
    result: AuditResult
    trades: tuple[MissedTrade, ...]

    def to_json(self) -> dict:
        from accord.io.accord_format import scenario_to_dict

        parties = scenario_to_dict(self.game.scenario)["parties"]
        front = np.unique(self.result.map.utilities[self.result.map.frontier], axis=0)
        return {
            "you": self.game.names[self.game.person],
            "record": self.game.record_data(),
            "audit": self.result.to_json(),
            "profiles": {p["name"]: p for k, p in enumerate(parties) if k != self.game.person},
            "missed_trades": [t.to_json() for t in self.trades],
            "frontier": front.tolist(),
            "reservation": self.result.map.reservation.tolist(),
        }


def debrief(game: TableGame) -> Debrief:
    """Audit the person's session and find the trades missed around their last package (or the agreement)."""
    if not game.moves:
        raise OptionError("nothing to debrief yet", fix="make an offer first")  # no parameter: a state
    result = audit(parse_record(game.record_data(), game.scenario, "session"))
    own = [m for m in result.record.moves if m.action == "offer" and m.party == game.names[game.person]]
    anchor = result.final.position if result.final is not None else (
        result.moves[own[-1].index].score.position if own else None)
    trades = () if anchor is None else tuple(missed_trades(result.map, anchor, game.person))
    return Debrief(game, result, trades)
