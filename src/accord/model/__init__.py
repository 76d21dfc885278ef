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
from accord.model.uncertainty import (
    Dirichlet,
    TriangularDistribution,
    TruncatedNormal,
    Uncertainty,
    Uniform,
)

__all__ = [
    "Constant", "Constituency", "Constraint", "Issue", "Linear", "LinearAdditive", "Party", "Rectangle",
    "RectangleSum", "Scenario", "Table", "Triangular",
    "Dirichlet", "TriangularDistribution", "TruncatedNormal", "Uncertainty", "Uniform",
]
