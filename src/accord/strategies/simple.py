"""Fixed-behaviour strategies: hardliner, accept-above-reservation, random."""

from __future__ import annotations

import random
from bisect import bisect_left

from accord.strategies.base import Classifier, PartyView, State, Strategy


class _OffersBest(Strategy, classifier=Classifier(concession="none")):
    """Offers its best outcome every turn; a subclass says which offers it accepts."""

    def __init__(self) -> None:
        pass

    def propose(self, state: State) -> int:
        return self.best


class Hardliner(_OffersBest, name="hardliner"):
    """Always offers its best outcome and accepts only an outcome as good for it."""

    def respond(self, state: State, offer: int) -> bool:
        return self.u[offer] >= self.u[self.best]


class AcceptAboveReservation(_OffersBest, name="accept-above-reservation"):
    """Offers its best outcome; accepts any offer at least as good as its reservation value."""

    def respond(self, state: State, offer: int) -> bool:
        return self.u[offer] >= self.reservation


class RandomStrategy(Strategy, name="random", classifier=Classifier(stochastic=True, concession="none")):
    """Draws a random outcome it prefers to no deal each turn; accepts an offer at least as good as that draw.

    Seeded per session from the session seed, so the same seed gives the same trace."""

    def __init__(self) -> None:
        pass

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._rng = random.Random(view.seed)
        self._first = min(bisect_left(view.sorted_utility, view.reservation), view.n_outcomes - 1)
        self._order = view.order
        self._draw: int | None = None

    def _next(self) -> int:
        return self._order[self._rng.randrange(self._first, len(self._order))]

    def respond(self, state: State, offer: int) -> bool:
        self._draw = self._next()
        return self.u[offer] >= self.u[self._draw]

    def propose(self, state: State) -> int:
        draw, self._draw = self._draw, None
        return draw if draw is not None else self._next()
