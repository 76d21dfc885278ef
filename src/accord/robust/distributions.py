"""Drawing from the distributions of :mod:`accord.model.uncertainty`, one sample at a time.

Sample ``i`` of a run with seed ``s`` draws from its own generator (``SeedSequence(s, spawn_key=(i,))``), so a
sample is the same however the run is split into blocks and wherever a block runs.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

from accord.model import Dirichlet, TriangularDistribution, TruncatedNormal, Uncertainty, Uniform
from accord.model.uncertainty import Distribution

_STANDARD = NormalDist()
_EDGE = 1e-12


def sample_rng(seed: int, index: int) -> np.random.Generator:
    """The generator of sample ``index`` of a run seeded with ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))


def _truncated_normal(d: TruncatedNormal, u: float) -> float:
    low = 0.0 if d.low == -np.inf else _STANDARD.cdf((d.low - d.mean) / d.sd)
    high = 1.0 if d.high == np.inf else _STANDARD.cdf((d.high - d.mean) / d.sd)
    q = min(max(low + u * (high - low), _EDGE), 1 - _EDGE)
    return float(min(max(d.mean + d.sd * _STANDARD.inv_cdf(q), d.low), d.high))


def _triangular(d: TriangularDistribution, u: float) -> float:
    width = d.high - d.low
    if width == 0:
        return d.mode
    split = (d.mode - d.low) / width
    if u < split:
        return d.low + float(np.sqrt(u * width * (d.mode - d.low)))
    return d.high - float(np.sqrt((1 - u) * width * (d.high - d.mode)))


def _dirichlet(d: Dirichlet, rng: np.random.Generator) -> list[float]:
    weights = np.asarray(d.weights, dtype=float)
    total = weights.sum()
    out = np.zeros_like(weights)
    positive = weights > 0
    if positive.any():
        out[positive] = rng.dirichlet(d.concentration * weights[positive] / total) * total
    return out.tolist()


def draw_one(distribution: Distribution, rng: np.random.Generator) -> list[float]:
    """One draw: a single number, or a whole weight vector for a Dirichlet."""
    if isinstance(distribution, Dirichlet):
        return _dirichlet(distribution, rng)
    u = float(rng.random())
    if isinstance(distribution, Uniform):
        return [distribution.low + u * (distribution.high - distribution.low)]
    if isinstance(distribution, TruncatedNormal):
        return [_truncated_normal(distribution, u)]
    if isinstance(distribution, TriangularDistribution):
        return [_triangular(distribution, u)]
    raise TypeError(f"unknown distribution {distribution!r}")


def draw(uncertainty: Uncertainty, seed: int, indices: range) -> np.ndarray:
    """``(len(indices), n_parameters)``: the parameters of the given samples, in ``uncertainty.parameters``
    order."""
    out = np.empty((len(indices), len(uncertainty.parameters)))
    for row, index in enumerate(indices):
        rng = sample_rng(seed, index)
        out[row] = [x for _, distribution in uncertainty.distributions for x in draw_one(distribution, rng)]
    return out
