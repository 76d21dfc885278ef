"""The smallest unrounded sum whose rounded utility reaches a level, so that a rationality or ratification test
over 10⁶ outcomes is one comparison of the raw sums (no clipping and rounding of every outcome)."""

from __future__ import annotations

import numpy as np

from accord.analysis.solutions import DECIMALS

_SPAN = 1e-6  # rounding to DECIMALS places moves a sum by at most 5e-11, far inside this


def rounded(x: np.ndarray) -> np.ndarray:
    """A utility as the analysis keeps it: clipped at 1, rounded to ``DECIMALS`` places."""
    return np.round(np.minimum(x, 1.0), DECIMALS)


def lowest_sum_reaching(levels: np.ndarray) -> np.ndarray:
    """Per level, the smallest float ``x`` with ``rounded(x) >= level`` (``inf`` when no sum reaches it). As
    ``rounded`` never decreases, ``x >= lowest_sum_reaching(level)`` exactly when ``rounded(x) >= level``;
    found by bisection between two floats that bracket it, down to adjacent floats."""
    levels = np.asarray(levels, dtype=float)
    low, high = levels - _SPAN, levels + _SPAN  # rounded(low) < level <= rounded(high), unless level > 1
    while True:
        middle = low + (high - low) / 2
        open_ = (middle > low) & (middle < high)
        if not open_.any():
            break
        up = rounded(middle) >= levels
        high = np.where(open_ & up, middle, high)
        low = np.where(open_ & ~up, middle, low)
    return np.where(rounded(high) >= levels, high, np.inf)
