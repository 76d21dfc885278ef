"""The outcome space: index ↔ outcome over the cartesian product of issue values, minus infeasible outcomes.

Outcomes are numbered in C order (the last issue varies fastest). No Python object is built per outcome:
blocks of outcomes are handled as integer arrays of value indices.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

import numpy as np

from accord.errors import ScenarioError
from accord.model import Constraint, Issue, Scenario

MAX_OUTCOMES = 5 * 10**7
MAX_MATRIX_BYTES = MAX_OUTCOMES * 2 * 8
"""The largest utility matrix (outcomes × parties × 8 bytes) Accord builds: 5·10⁷ outcomes of two parties, 10⁷ of
ten."""


class OutcomeSpace:
    """The feasible outcomes of a set of issues under hard constraints."""

    def __init__(self, issues: tuple[Issue, ...], constraints: tuple[Constraint, ...] = ()) -> None:
        self.issues = tuple(issues)
        self.constraints = tuple(constraints)
        self.sizes = np.array([issue.size for issue in self.issues], dtype=np.int64)
        self.cartesian_size = int(np.prod(self.sizes, dtype=object)) if len(self.sizes) else 1

    @cached_property
    def feasible_mask(self) -> np.ndarray | None:
        """Boolean mask over the cartesian product, or ``None`` when every outcome is feasible."""
        if not self.constraints:
            return None
        mask = np.ones(self.cartesian_size, dtype=bool)
        for constraint in self.constraints:
            forbidden = np.ones((1,), dtype=bool)
            for position, issue in enumerate(self.issues):
                column = np.ones(issue.size, dtype=bool)
                for forbid_position, indices in constraint.forbid:
                    if forbid_position == position:
                        column = np.zeros(issue.size, dtype=bool)
                        column[list(indices)] = True
                forbidden = np.logical_and.outer(forbidden, column).ravel()
            mask &= ~forbidden
        return mask

    @cached_property
    def feasible_indices(self) -> np.ndarray | None:
        """Flat cartesian indices of the feasible outcomes, or ``None`` when all are feasible."""
        mask = self.feasible_mask
        return None if mask is None else np.flatnonzero(mask)

    @property
    def size(self) -> int:
        """Number of feasible outcomes."""
        indices = self.feasible_indices
        return self.cartesian_size if indices is None else int(indices.size)

    def flat(self, positions: np.ndarray) -> np.ndarray:
        """Cartesian flat indices of the outcomes at ``positions`` (0 ≤ position < size)."""
        positions = np.asarray(positions, dtype=np.int64)
        indices = self.feasible_indices
        return positions if indices is None else indices[positions]

    def value_indices(self, positions: np.ndarray) -> np.ndarray:
        """``(n, n_issues)`` value indices of the outcomes at ``positions``."""
        flat = self.flat(positions)
        out = np.empty((flat.size, len(self.issues)), dtype=np.int64)
        remainder = flat.copy()
        for column in range(len(self.issues) - 1, -1, -1):
            remainder, out[:, column] = np.divmod(remainder, self.sizes[column])
        return out

    def chunks(self, chunk_size: int = 1 << 20) -> Iterator[np.ndarray]:
        """Consecutive blocks of outcome positions."""
        for start in range(0, self.size, chunk_size):
            yield np.arange(start, min(start + chunk_size, self.size), dtype=np.int64)

    def outcome(self, position: int) -> dict[str, object]:
        """The outcome at ``position`` as ``{issue name: value}``."""
        row = self.value_indices(np.array([position]))[0]
        return {issue.name: issue.values[int(i)] for issue, i in zip(self.issues, row)}

    def position_of(self, outcome: dict[str, object]) -> int:
        """Position of a complete outcome; ``ValueError`` if it is incomplete, unknown or infeasible."""
        flat = 0
        for issue in self.issues:
            if issue.name not in outcome:
                raise ValueError(f"outcome has no value for issue {issue.name!r}")
            flat = flat * issue.size + issue.index_of(outcome[issue.name])
        indices = self.feasible_indices
        if indices is None:
            return flat
        position = int(np.searchsorted(indices, flat))
        if position >= indices.size or indices[position] != flat:
            raise ValueError("outcome is ruled out by a constraint")
        return position


def feasible_size(scenario: Scenario) -> int:
    """How many outcomes of ``scenario`` its constraints allow (exact; without constraints, the product of the
    issue sizes, however large)."""
    if not scenario.constraints:
        return scenario.cartesian_size
    return scenario_space(scenario).size


def enumerable(scenario: Scenario, max_outcomes: int = MAX_OUTCOMES, max_bytes: int = MAX_MATRIX_BYTES) -> bool:
    """Whether ``scenario``'s outcomes can be enumerated within ``max_outcomes`` and a utility matrix (outcomes ×
    parties × 8 bytes) of at most ``max_bytes`` (Accord's limits by default; the workbench passes its own)."""
    size = scenario.cartesian_size
    return size <= max_outcomes and size * max(1, len(scenario.parties)) * 8 <= max_bytes


def check_matrix_bytes(scenario: Scenario, limit: int, who: str, source: str = "") -> None:
    """Refuse ``scenario`` when its utility matrix (outcomes × parties × 8 bytes) would take more than ``limit``
    bytes, before it is built; ``who`` says whose limit it is (e.g. "the workbench analyses"), ``source`` what to
    name (the scenario's name by default)."""
    parties = max(1, len(scenario.parties))
    needed = scenario.cartesian_size * parties * 8
    if needed > limit:
        raise ScenarioError(f"{scenario.cartesian_size:,} outcomes × {parties} parties need {needed / 2**20:,.0f} MB "
                            f"of utilities; {who} at most {limit // 2**20:,} MB "
                            f"({limit // (8 * parties):,} outcomes of {parties} parties)",
                            source=source or scenario.name, fix="reduce the issues, options or parties")


def scenario_space(scenario: Scenario) -> OutcomeSpace:
    """The feasible outcomes of ``scenario``; a clear error when there are too many to enumerate or none."""
    if scenario.cartesian_size > MAX_OUTCOMES:
        raise ScenarioError(f"has {scenario.cartesian_size:,} outcomes; Accord enumerates at most {MAX_OUTCOMES:,}",
                            source=scenario.name, fix="reduce the issues or options (or the grid of real issues)")
    check_matrix_bytes(scenario, MAX_MATRIX_BYTES, "Accord enumerates")
    space = OutcomeSpace(scenario.issues, scenario.constraints)
    if space.size == 0:
        raise ScenarioError("the constraints rule out every outcome", source=scenario.name, where="constraints",
                            fix="relax or remove a constraint")
    return space
