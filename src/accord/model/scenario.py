"""Parties, constraints and the scenario that ties them to the issues."""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.model.issues import Issue
from accord.model.uncertainty import Uncertainty
from accord.model.utilities import UtilityFunction


@dataclass(frozen=True)
class Constituency:
    """A domestic body (parliament, public) that must ratify a deal: it approves an outcome when its own
    utility reaches ``threshold``."""

    name: str
    utility: UtilityFunction
    threshold: float
    description: str = ""


@dataclass(frozen=True)
class Party:
    """A negotiating party: its utility, its reservation value (utility of no deal) and optional extras."""

    name: str
    utility: UtilityFunction
    reservation: float = 0.0
    discount: float | None = None
    description: str = ""
    sources: tuple[str, ...] = ()
    reservation_outcome: tuple[tuple[str, object], ...] | None = None
    constituencies: tuple[Constituency, ...] = ()


@dataclass(frozen=True)
class Constraint:
    """A hard constraint: an outcome is infeasible when, for every issue named in ``forbid``, its value is
    one of the listed values (stored as value indices per issue position)."""

    forbid: tuple[tuple[int, tuple[int, ...]], ...]
    reason: str = ""


@dataclass(frozen=True)
class Scenario:
    """A negotiation: issues, parties and the constraints that rule combinations out."""

    name: str
    issues: tuple[Issue, ...]
    parties: tuple[Party, ...]
    constraints: tuple[Constraint, ...] = ()
    title: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)
    uncertainty: Uncertainty = field(default=Uncertainty(), compare=False)
    """Distributions beside some numbers (only ``accord robust`` reads them; the written values are used
    everywhere else)."""

    @property
    def issue_names(self) -> tuple[str, ...]:
        return tuple(issue.name for issue in self.issues)

    @property
    def party_names(self) -> tuple[str, ...]:
        return tuple(party.name for party in self.parties)

    @property
    def reservations(self) -> tuple[float, ...]:
        return tuple(party.reservation for party in self.parties)

    @property
    def cartesian_size(self) -> int:
        size = 1
        for issue in self.issues:
            size *= issue.size
        return size

    def issue(self, name: str) -> Issue:
        return self.issues[self.issue_names.index(name)]
