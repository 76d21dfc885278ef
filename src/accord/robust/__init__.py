"""Uncertain preferences: how likely a zone of agreement is, and the package most likely to hold."""

from accord.robust.estimate import robust
from accord.robust.parameters import scenario_at, with_distributions_of
from accord.robust.result import Driver, RobustResult

__all__ = ["Driver", "RobustResult", "robust", "scenario_at", "with_distributions_of"]
