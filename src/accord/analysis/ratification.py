"""Two-level games: a deal counts only if every constituency of every party ratifies it.

A constituency ratifies an outcome when its own utility (rounded like every other) reaches its threshold.
A party's win-set is the outcomes it prefers to no deal and all its constituencies ratify.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.analysis.solutions import DECIMALS, solve
from accord.model import Scenario
from accord.space import OutcomeSpace, utility_column


@dataclass(frozen=True)
class ConstituencyVerdict:
    party: str
    name: str
    threshold: float
    approves: int
    approves_rational: int


@dataclass(frozen=True)
class Ratification:
    """How domestic ratification shrinks the zone of agreement.

    ``zone_with_own_ratification[party]`` counts the zone's outcomes that the party's own constituencies ratify
    (whatever the other parties' constituencies say): how much of the zone survives one side's domestic politics.
    """

    constituencies: tuple[ConstituencyVerdict, ...]
    win_set: dict[str, int]
    win_set_with_ratification: dict[str, int]
    zone: int
    zone_with_ratification: int
    zone_with_own_ratification: dict[str, int]
    solutions: dict[str, int | None]
    ratified: np.ndarray

    def to_json(self, deal_json) -> dict:
        return {
            "constituencies": [vars(c) for c in self.constituencies],
            "win_set": self.win_set,
            "win_set_with_ratification": self.win_set_with_ratification,
            "zone_of_agreement": self.zone,
            "zone_of_agreement_with_ratification": self.zone_with_ratification,
            "zone_of_agreement_with_own_ratification": self.zone_with_own_ratification,
            "solutions": {name: (None if p is None else deal_json(p)) for name, p in self.solutions.items()},
        }


def approval_masks(scenario: Scenario, space: OutcomeSpace) -> list[tuple[int, object, np.ndarray]]:
    """(party index, constituency, approval mask) for every constituency."""
    masks = []
    for column, party in enumerate(scenario.parties):
        for constituency in party.constituencies:
            utility = np.round(utility_column(constituency.utility, space), DECIMALS)
            masks.append((column, constituency, utility >= round(constituency.threshold, DECIMALS)))
    return masks


def ratify(scenario: Scenario, space: OutcomeSpace, utilities: np.ndarray, reservation: np.ndarray,
           rational: np.ndarray) -> Ratification | None:
    """The ratification analysis, or ``None`` when no party has constituencies."""
    masks = approval_masks(scenario, space)
    if not masks:
        return None
    ratified = np.ones(space.size, dtype=bool)
    party_ratified = [np.ones(space.size, dtype=bool) for _ in scenario.parties]
    verdicts = []
    for column, constituency, approves in masks:
        ratified &= approves
        party_ratified[column] &= approves
        verdicts.append(ConstituencyVerdict(scenario.parties[column].name, constituency.name,
                                            float(constituency.threshold), int(approves.sum()),
                                            int((approves & rational).sum())))
    win_set, win_set_ratified, own_zone = {}, {}, {}
    for column, party in enumerate(scenario.parties):
        own = utilities[:, column] >= reservation[column]
        win_set[party.name] = int(own.sum())
        win_set_ratified[party.name] = int((own & party_ratified[column]).sum())
        own_zone[party.name] = int((rational & party_ratified[column]).sum())
    candidates = np.flatnonzero(rational & ratified)
    chosen = solve(utilities[candidates], reservation)
    solutions = {name: (None if p is None else int(candidates[p])) for name, p in chosen.items()}
    return Ratification(tuple(verdicts), win_set, win_set_ratified, int(rational.sum()), int(candidates.size),
                        own_zone, solutions, ratified)
