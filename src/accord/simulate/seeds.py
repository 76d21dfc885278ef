"""Seeds derived from one root seed: the same root always gives the same seeds, whatever runs them."""

from __future__ import annotations

import numpy as np


def derived_seeds(root: int, n: int) -> list[int]:
    """``n`` independent seeds (non-negative, < 2**63) derived from ``root``: the first ``n`` 64-bit words of
    ``numpy.random.SeedSequence(root)``'s entropy pool, drawn in one vectorised call (spawning ``n`` children
    costs ~20 µs each, which a 20,000-session tournament plan would pay up front). A session seeds its parties
    (and its mediator) with them; a tournament plan its sessions."""
    words = np.random.SeedSequence(int(root)).generate_state(n, dtype=np.uint64)
    return (words >> np.uint64(1)).astype(np.int64).tolist()
