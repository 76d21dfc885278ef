"""Fixed-behaviour strategies: hardliner, accept-above-reservation, random."""

from __future__ import annotations

import random
from bisect import bisect_left

from accord.strategies.base import Classifier, PartyView, State, Strategy


class _OffersBest(Strategy, classifier=Classifier(concession="none")):
    """Offers its best outcome every turn; a subclass says which offers it accepts."""

    beyond_enumeration = True

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

    Seeded per session from the session seed, so the same seed gives the same trace. On a space too large to
    enumerate a draw is a uniformly random outcome, redrawn while below the reservation value (at most
    ``REDRAWS`` times; then the outcome nearest above a uniformly random utility between the reservation value
    and the best): the same distribution where the redraws suffice, other draws than on an enumerated space."""

    beyond_enumeration = True
    REDRAWS = 64

    def __init__(self) -> None:
        pass

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._rng = random.Random(view.seed)
        self._draw: int | None = None
        if view.searches:
            self._floor = max(view.reservation, view.min_utility)
            return
        self._first = min(bisect_left(view.sorted_utility, view.reservation), view.n_outcomes - 1)
        self._order = view.order

    def _next(self) -> int:
        if self.view.searches:
            return self._search_draw()
        return self._order[self._rng.randrange(self._first, len(self._order))]

    def _search_draw(self) -> int:
        for _ in range(self.REDRAWS):
            position = self._rng.randrange(self.view.n_outcomes)
            if self.view.finder.feasible(position) and self.u[position] >= self.reservation:
                return position
        top = self.view.max_utility
        return self.view.at_least(self._floor + (top - self._floor) * self._rng.random())

    def respond(self, state: State, offer: int) -> bool:
        self._draw = self._next()
        return self.u[offer] >= self.u[self._draw]

    def propose(self, state: State) -> int:
        draw, self._draw = self._draw, None
        return draw if draw is not None else self._next()
