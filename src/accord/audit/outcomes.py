"""The exact map a record is audited on: every feasible outcome's utilities, the frontier, the ratified
outcomes, and the outcomes that complete a (partial) offer."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from accord.analysis.analyze import rounded_reservations, rounded_utilities
from accord.analysis.pareto import pareto_mask
from accord.analysis.ratification import approval_masks
from accord.model import Scenario
from accord.space import OutcomeSpace, scenario_space


@dataclass(frozen=True, eq=False)
class AuditMap:
    """A scenario's outcome space with what the audit needs, computed once. Utilities are rounded to 10
    decimals, as everywhere."""

    scenario: Scenario
    space: OutcomeSpace
    utilities: np.ndarray
    reservation: np.ndarray
    frontier: np.ndarray
    """Positions of the frontier outcomes."""
    ratified: np.ndarray | None
    """Whether every constituency of every party ratifies each outcome (``None``: no constituencies)."""
    flat: np.ndarray = field(repr=False)

    def completions(self, offer: tuple[tuple[int, int], ...]) -> np.ndarray:
        """Positions of the feasible outcomes that agree with ``offer`` (issue position → value index) on every
        issue it fixes."""
        mask = np.ones(self.space.size, dtype=bool)
        strides = np.cumprod([1, *self.space.sizes[::-1]])[::-1][1:]
        for position, value in offer:
            mask &= (self.flat // strides[position]) % self.space.sizes[position] == value
        return np.flatnonzero(mask)


def audit_map(scenario: Scenario) -> AuditMap:
    """The :class:`AuditMap` of ``scenario`` (a clear error when it cannot be enumerated)."""
    space = scenario_space(scenario)
    utilities = rounded_utilities(scenario, space)
    masks = approval_masks(scenario, space)
    ratified = None
    if masks:
        ratified = np.ones(space.size, dtype=bool)
        for _, _, approves in masks:
            ratified &= approves
    return AuditMap(scenario, space, utilities, rounded_reservations(scenario),
                    np.flatnonzero(pareto_mask(utilities)), ratified, space.flat(np.arange(space.size)))
