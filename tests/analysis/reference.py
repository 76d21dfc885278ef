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


def most_added(model, outcomes: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """For the staircase search's ``model`` and ``outcomes`` (value indices in its issue order): per outcome, its
    alive rectangles after ``depth`` issues (open ones as found, unstarted 1, closed 0) and, per column of
    ``model.gain``, the most any completion of its first ``depth`` values adds."""
    r = model.r
    n_rect = len(r.exclusive)
    inside = np.ones((len(outcomes), n_rect), dtype=bool)  # inside on the issues before depth
    later = np.ones((len(outcomes), n_rect), dtype=bool)  # inside on the issues from depth on
    for position in range(model.n):
        part = r.inside[position][outcomes[:, position]]
        if position < depth:
            inside &= part
        else:
            later &= part
    unstarted = model.first >= depth
    closed = (r.last < depth) | (r.last < 0)
    alive = np.where(unstarted, True, inside) & ~closed
    added = (alive & later).astype(np.int64) @ model.gain
    prefixes = np.unique(outcomes[:, :depth], axis=0, return_inverse=True)[1].reshape(-1)
    most = np.full((prefixes.max() + 1, added.shape[1]), np.iinfo(np.int64).min)
    np.maximum.at(most, prefixes, added)
    return alive, most[prefixes]
