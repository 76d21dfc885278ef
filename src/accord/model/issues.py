"""Issues: what is being negotiated, each with a finite list of values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

IssueKind = Literal["categorical", "integer", "real"]
MAX_ISSUE_VALUES = 10**6
"""The most values one issue may have (each issue's values are held in memory; a space of many small issues may
still be far larger than this)."""


class TooManyValues(ValueError):
    """An issue would have more than :data:`MAX_ISSUE_VALUES` values (raised before any is built)."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count:,} values; an issue has at most {MAX_ISSUE_VALUES:,}")
        self.count = count


def check_value_count(count: int) -> None:
    """Raise :class:`TooManyValues` when ``count`` is above :data:`MAX_ISSUE_VALUES`."""
    if count > MAX_ISSUE_VALUES:
        raise TooManyValues(count)


@dataclass(frozen=True)
class Issue:
    """One negotiation issue.

    ``categorical`` issues list named options; ``integer`` issues take every integer in ``low..high``;
    ``real`` issues are the interval ``[low, high]``, enumerated on a grid of ``grid`` evenly spaced points
    (the analysis works on that grid and says so).
    """

    name: str
    kind: IssueKind
    values: tuple
    low: float | None = None
    high: float | None = None
    grid: int | None = None
    description: str = ""
    labels: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def categorical(cls, name: str, options: list[str] | tuple[str, ...], description: str = "", labels=()) -> Issue:
        check_value_count(len(options))
        return cls(name, "categorical", tuple(str(o) for o in options), description=description, labels=tuple(labels))

    @classmethod
    def integer(cls, name: str, low: int, high: int, description: str = "") -> Issue:
        check_value_count(int(high) - int(low) + 1)
        return cls(name, "integer", tuple(range(int(low), int(high) + 1)), low=int(low), high=int(high),
                   description=description)

    @classmethod
    def real(cls, name: str, low: float, high: float, grid: int, description: str = "") -> Issue:
        check_value_count(int(grid))
        points = tuple(float(x) for x in np.linspace(float(low), float(high), int(grid)))
        return cls(name, "real", points, low=float(low), high=float(high), grid=int(grid), description=description)

    @property
    def size(self) -> int:
        return len(self.values)

    @property
    def is_numeric(self) -> bool:
        return self.kind != "categorical"

    def numeric_values(self) -> np.ndarray:
        """The values as a float array (numeric issues only)."""
        if not self.is_numeric:
            raise TypeError(f"issue {self.name!r} is categorical")
        return np.asarray(self.values, dtype=float)

    def index_of(self, value) -> int:
        """Position of ``value`` among this issue's values; ``ValueError`` if it is not one of them."""
        try:
            if self.kind == "categorical":
                return self.values.index(str(value))
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{value!r} is not a value of issue {self.name!r}") from None
        for position, candidate in enumerate(self.values):
            if abs(candidate - number) <= 1e-9 * max(1.0, abs(number)):
                return position
        raise ValueError(f"{value!r} is not a value of issue {self.name!r}")
