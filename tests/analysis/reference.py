"""Brute-force references for the exact searches: what enumeration says."""

import numpy as np

from accord.analysis.analyze import rounded_utilities
from accord.analysis.pareto import pareto_mask


def signed_frontier(scenario, signs: np.ndarray) -> np.ndarray:
    """The distinct frontier points of the enumerated utilities times ``signs``, ascending."""
    signed = rounded_utilities(scenario) * signs + 0.0
    return np.unique(signed[pareto_mask(signed)], axis=0)


def worst_search(scenario, focus: int) -> tuple[np.ndarray, np.ndarray]:
    """The signs that negate party ``focus`` and the enumerated signed frontier points largest in that column."""
    signs = np.ones(len(scenario.parties))
    signs[focus] = -1.0
    front = signed_frontier(scenario, signs)
    return signs, front[front[:, focus] == front[:, focus].max()]
