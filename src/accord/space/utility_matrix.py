"""The utility matrix: one row per feasible outcome, one column per party, computed vectorised."""

from __future__ import annotations

import numpy as np

from accord.model import Issue, LinearAdditive, Scenario
from accord.model.utilities import UtilityFunction
from accord.space.outcomes import OutcomeSpace


def _additive_over_product(utility: LinearAdditive, issues: tuple[Issue, ...]) -> np.ndarray:
    """Σ wᵢ fᵢ over the whole cartesian product, built issue by issue as an outer sum (C order)."""
    total = np.zeros(1)
    for table in utility.issue_values(issues):
        total = np.add.outer(total, table).ravel()
    return np.minimum(total, 1.0)


def utility_column(utility: UtilityFunction, space: OutcomeSpace, chunk_size: int = 1 << 20) -> np.ndarray:
    """Utility of every feasible outcome under one utility function."""
    if isinstance(utility, LinearAdditive):
        full = _additive_over_product(utility, space.issues)
        indices = space.feasible_indices
        return full if indices is None else full[indices]
    out = np.empty(space.size)
    for positions in space.chunks(chunk_size):
        out[positions] = utility.evaluate(space.issues, space.value_indices(positions))
    return out


def utility_matrix(scenario: Scenario, space: OutcomeSpace | None = None) -> np.ndarray:
    """``(n_outcomes, n_parties)`` utilities of every feasible outcome for every party."""
    space = space or OutcomeSpace(scenario.issues, scenario.constraints)
    matrix = np.empty((space.size, len(scenario.parties)))
    for column, party in enumerate(scenario.parties):
        matrix[:, column] = utility_column(party.utility, space)
    return matrix
