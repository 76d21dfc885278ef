"""Uncertainty about a scenario's numbers: a distribution beside a written value.

The written value stays the point estimate that every analysis uses; these records only say how far it may
move. Parameters are named by their path in the scenario document, e.g. ``parties[0].reservation``,
``parties[1].constituencies[0].threshold``, ``parties[0].utility.weights.habomai`` or
``parties[0].utility.values.habomai.japan``; a Dirichlet distribution covers a whole weight vector
(``parties[0].utility.weights``). Distributions are independent of one another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Uniform:
    low: float
    high: float


@dataclass(frozen=True)
class TruncatedNormal:
    """A normal around ``mean`` with standard deviation ``sd``, truncated to ``[low, high]``."""

    mean: float
    sd: float
    low: float
    high: float


@dataclass(frozen=True)
class TriangularDistribution:
    low: float
    mode: float
    high: float


@dataclass(frozen=True)
class Dirichlet:
    """A weight vector around ``weights`` (their total is kept): the components that are not 0 follow a
    Dirichlet with parameters ``concentration · wᵢ / Σw``; the larger the concentration, the tighter."""

    weights: tuple[float, ...]
    concentration: float
    names: tuple[str, ...] = ()


Distribution = Union[Uniform, TruncatedNormal, TriangularDistribution, Dirichlet]


@dataclass(frozen=True)
class Uncertainty:
    """The distributions of a scenario, in document order: ``(path, distribution)`` pairs."""

    distributions: tuple[tuple[str, Distribution], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.distributions)

    @property
    def parameters(self) -> tuple[str, ...]:
        """The scalar parameters drawn, one per number (a Dirichlet gives one per component)."""
        names: list[str] = []
        for path, distribution in self.distributions:
            if isinstance(distribution, Dirichlet):
                names.extend(f"{path}.{name}" for name in distribution.names)
            else:
                names.append(path)
        return tuple(names)
