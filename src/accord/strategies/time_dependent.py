"""Time-dependent concession (Faratin, Sierra & Jennings 1998): one aspiration curve with exponent ``e``.

The target utility at relative time ``t`` is ``r + (max − r)·(1 − t^(1/e))`` with ``r`` the reservation value (or
the lowest utility, if higher) and ``max`` the best own utility. ``e < 1`` concedes late (Boulware), ``e = 1``
linearly, ``e > 1`` early (Conceder). The strategy offers the outcome with the lowest own utility that still meets
the target (ties: the lowest position) and accepts any offer that meets it.
"""

from __future__ import annotations

from bisect import bisect_left

from accord.strategies.base import Classifier, PartyView, State, Strategy


class TimeDependent(Strategy, name="time-dependent", classifier=Classifier(concession="time")):
    """Concedes along r + (max − r)(1 − t^(1/e)); e < 1 Boulware, e = 1 linear, e > 1 Conceder."""

    beyond_enumeration = True

    def __init__(self, e: float = 1.0) -> None:
        self.e = float(e)

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._sorted = view.sorted_utility
        self._order = view.order
        self._last = view.n_outcomes - 1
        self._top = view.max_utility
        self._floor = max(view.reservation, view.min_utility)
        self._inverse = 1.0 / self.e

    def target(self, t: float) -> float:
        """The aspiration at relative time ``t``."""
        return self._floor + (self._top - self._floor) * (1.0 - t ** self._inverse)

    def propose(self, state: State) -> int:
        if self._sorted is None:
            return self.view.at_least(self.target(state.time))
        i = bisect_left(self._sorted, self.target(state.time))
        return self._order[i if i <= self._last else self._last]

    def respond(self, state: State, offer: int) -> bool:
        return self.u[offer] >= self.target(state.time)


class Boulware(TimeDependent, name="boulware"):
    """Time-dependent concession with e = 0.2: holds out, concedes near the deadline."""

    def __init__(self, e: float = 0.2) -> None:
        super().__init__(e)


class LinearConcession(TimeDependent, name="linear"):
    """Time-dependent concession with e = 1: concedes at a constant rate."""

    def __init__(self, e: float = 1.0) -> None:
        super().__init__(e)


class Conceder(TimeDependent, name="conceder"):
    """Time-dependent concession with e = 2: concedes early."""

    def __init__(self, e: float = 2.0) -> None:
        super().__init__(e)
