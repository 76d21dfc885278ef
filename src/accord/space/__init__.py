"""Outcome space indexing and the vectorised utility matrix."""

from accord.space.outcomes import MAX_OUTCOMES, OutcomeSpace, feasible_size, scenario_space
from accord.space.utility_matrix import utility_column, utility_matrix

__all__ = ["MAX_OUTCOMES", "OutcomeSpace", "feasible_size", "scenario_space", "utility_column", "utility_matrix"]
