"""The compromise model (weighted mean) and the weighted median of stakeholder positions."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def weighted_mean(position: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> float:
    """Return the compromise forecast Σcᵢsᵢxᵢ / Σcᵢsᵢ (Achen 2006)."""
    x, w = _positions_and_weights(position, capability, salience)
    return float(np.dot(w, x) / w.sum())


def weighted_median(position: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> float:
    """Return the first position, in sorted order, where the cumulative weight cᵢsᵢ reaches half the total."""
    x, w = _positions_and_weights(position, capability, salience)
    order = np.argsort(x, kind="stable")
    cumulative = np.cumsum(w[order])
    index = int(np.searchsorted(cumulative, cumulative[-1] / 2, side="left"))
    return float(x[order][index])


def _positions_and_weights(
    position: ArrayLike, capability: ArrayLike, salience: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(position, dtype=float)
    w = np.asarray(capability, dtype=float) * np.asarray(salience, dtype=float)
    if x.size == 0 or not w.sum() > 0:
        raise ValueError("the weights cᵢsᵢ must have a positive total")
    return x, w
