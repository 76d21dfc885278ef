"""The negotiation model: issues, utilities, parties, scenarios. Frozen data; no I/O."""

from accord.model.issues import Issue
from accord.model.scenario import Constituency, Constraint, Party, Scenario
from accord.model.utilities import (
    Constant,
    LinearAdditive,
    Linear,
    Rectangle,
    RectangleSum,
    Table,
    Triangular,
)

__all__ = [
    "Constant", "Constituency", "Constraint", "Issue", "Linear", "LinearAdditive", "Party", "Rectangle",
    "RectangleSum", "Scenario", "Table", "Triangular",
]
