"""Outcomes of a space too large to enumerate, numbered without an array.

An outcome's position is its C-order index in the cartesian product of the issue values (the last issue varies
fastest), a Python int however large: the position enumeration gives it when no hard constraint applies, and the
one the analysis beyond enumeration reports. Under hard constraints some positions are infeasible; ``feasible``
says which (the outcome-finding service never returns one).
"""

from __future__ import annotations

import numpy as np

from accord.model import Constraint, Issue


class LargeSpace:
    """Index ↔ outcome over the cartesian product of issue values, with the hard constraints as a test."""

    def __init__(self, issues: tuple[Issue, ...], constraints: tuple[Constraint, ...] = ()) -> None:
        self.issues = tuple(issues)
        self.constraints = tuple(constraints)
        self.sizes = np.array([issue.size for issue in self.issues], dtype=np.int64)
        sizes = [issue.size for issue in self.issues]
        strides, stride = [], 1
        for size in reversed(sizes):
            strides.append(stride)
            stride *= size
        self.strides: tuple[int, ...] = tuple(reversed(strides))
        self.cartesian_size: int = stride
        self.size: int = stride
        """Positions run over ``range(size)`` (infeasible ones included, when hard constraints apply)."""

    def values(self, position: int) -> tuple[int, ...]:
        """The value indices of the outcome at ``position``."""
        position = int(position)
        if not 0 <= position < self.size:
            raise ValueError(f"position {position} is outside the outcome space")
        out = []
        for stride, size in zip(self.strides, self.sizes):
            out.append((position // stride) % int(size))
        return tuple(out)

    def value_indices(self, positions) -> np.ndarray:
        """``(n, n_issues)`` value indices of the outcomes at ``positions`` (Python ints or an integer array)."""
        flat = np.ravel(np.asarray(positions, dtype=object))
        if flat.size and not (0 <= flat.min() and flat.max() < self.size):
            raise ValueError("a position is outside the outcome space")
        if self.size <= 2**63:
            remainder = flat.astype(np.int64)
        else:  # Python ints, one vectorised step per issue
            remainder = flat
        out = np.empty((flat.size, len(self.issues)), dtype=np.int64)
        for column in range(len(self.issues) - 1, -1, -1):
            size = int(self.sizes[column])
            out[:, column] = remainder % size
            remainder = remainder // size
        return out

    def position(self, values) -> int:
        """The position of the outcome with value indices ``values``."""
        return sum(int(v) * stride for v, stride in zip(values, self.strides))

    def outcome(self, position: int) -> dict[str, object]:
        """The outcome at ``position`` as ``{issue name: value}``."""
        return {issue.name: issue.values[i] for issue, i in zip(self.issues, self.values(position))}

    def position_of(self, outcome: dict[str, object]) -> int:
        """Position of a complete outcome; ``ValueError`` if it is incomplete, unknown or infeasible."""
        values = []
        for issue in self.issues:
            if issue.name not in outcome:
                raise ValueError(f"outcome has no value for issue {issue.name!r}")
            values.append(issue.index_of(outcome[issue.name]))
        if not self.feasible(np.array([values]))[0]:
            raise ValueError("outcome is ruled out by a constraint")
        return self.position(values)

    def feasible(self, values: np.ndarray) -> np.ndarray:
        """Which outcomes, given as ``(n, n_issues)`` value indices, the hard constraints allow."""
        allowed = np.ones(values.shape[0], dtype=bool)
        for constraint in self.constraints:
            forbidden = np.ones(values.shape[0], dtype=bool)
            for position, indices in constraint.forbid:
                forbidden &= np.isin(values[:, position], indices)
            allowed &= ~forbidden
        return allowed
