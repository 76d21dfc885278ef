"""Utility functions: how much a party values an outcome.

Each utility evaluates a whole block of outcomes at once from their value indices
(an ``(n, n_issues)`` integer array), so nothing runs per outcome in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Union

import numpy as np

from accord.model.issues import Issue


@dataclass(frozen=True)
class Table:
    """A value in [0, 1] for every value of the issue, in the issue's order."""

    values: tuple[float, ...]

    def evaluate(self, issue: Issue) -> np.ndarray:
        return np.asarray(self.values, dtype=float)


@dataclass(frozen=True)
class Linear:
    """``clamp(offset + slope · (x − origin), 0, 1)`` on a numeric issue (GENIUS: origin = lower bound for
    integer issues, 0 for real ones)."""

    slope: float
    offset: float
    origin: float = 0.0

    def evaluate(self, issue: Issue) -> np.ndarray:
        x = issue.numeric_values()
        return np.clip(self.offset + self.slope * (x - self.origin), 0.0, 1.0)


@dataclass(frozen=True)
class Triangular:
    """0 outside ``[low, high]``, rising linearly to 1 at ``top`` and falling back to 0 at ``high``."""

    low: float
    high: float
    top: float

    def evaluate(self, issue: Issue) -> np.ndarray:
        x = issue.numeric_values()
        out = np.zeros_like(x)
        rising = (x >= self.low) & (x <= self.top)
        falling = (x > self.top) & (x <= self.high)
        if self.top > self.low:
            out[rising] = (x[rising] - self.low) / (self.top - self.low)
        else:
            out[rising] = 1.0
        if self.high > self.top:
            out[falling] = (self.high - x[falling]) / (self.high - self.top)
        return out


@dataclass(frozen=True)
class Constant:
    """The same value for every value of the issue."""

    value: float

    def evaluate(self, issue: Issue) -> np.ndarray:
        return np.full(issue.size, float(self.value))


ValueFunction = Union[Table, Linear, Triangular, Constant]


class Utility(Protocol):
    """What every utility offers: vectorised evaluation over value-index blocks."""

    def evaluate(self, issues: tuple[Issue, ...], value_indices: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class LinearAdditive:
    """``min(1, Σᵢ wᵢ · fᵢ(xᵢ))`` — weights as written, value functions per issue, total clipped at 1."""

    weights: tuple[float, ...]
    functions: tuple[ValueFunction, ...]

    def issue_values(self, issues: tuple[Issue, ...]) -> list[np.ndarray]:
        """Per issue, the weighted value of each of its values."""
        return [w * f.evaluate(issue) for w, f, issue in zip(self.weights, self.functions, issues)]

    def evaluate(self, issues: tuple[Issue, ...], value_indices: np.ndarray) -> np.ndarray:
        total = np.zeros(value_indices.shape[0])
        for column, table in enumerate(self.issue_values(issues)):
            total += table[value_indices[:, column]]
        return np.minimum(total, 1.0)


@dataclass(frozen=True)
class Rectangle:
    """A hyper-rectangle: ``bounds`` maps an issue position to an inclusive value range. An inclusive
    rectangle earns its utility for the outcomes inside it (every outcome when it has no bounds); an
    ``exclusive`` one for the outcomes outside it (outside some bound), as GENIUS's ExclusiveHyperRectangle."""

    utility: float
    bounds: tuple[tuple[int, float, float], ...]
    exclusive: bool = False


@dataclass(frozen=True)
class RectangleSum:
    """Constraint-based nonlinear utility (GENIUS 2014): an outcome earns the utility of every rectangle it
    falls in; the sum is divided by ``normalizer`` and clipped to [0, 1]."""

    rectangles: tuple[Rectangle, ...]
    normalizer: float = 1.0

    def evaluate(self, issues: tuple[Issue, ...], value_indices: np.ndarray) -> np.ndarray:
        total = np.zeros(value_indices.shape[0])
        numeric = [np.asarray(issue.values if issue.is_numeric else range(issue.size), dtype=float)
                   for issue in issues]
        for rectangle in self.rectangles:
            inside = np.ones(value_indices.shape[0], dtype=bool)
            for position, low, high in rectangle.bounds:
                x = numeric[position][value_indices[:, position]]
                inside &= (x >= low) & (x <= high)
            total[~inside if rectangle.exclusive else inside] += rectangle.utility
        return np.clip(total / self.normalizer, 0.0, 1.0)


UtilityFunction = Union[LinearAdditive, RectangleSum]
