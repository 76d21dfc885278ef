"""A :class:`PartyView` over hand-written utilities, for testing one strategy without a session."""

from __future__ import annotations

import numpy as np

from accord.strategies.base import OfferHistory, PartyView, State


def view(utilities: list[float], reservation: float = 0.0, seed: int = 0) -> PartyView:
    """Party 0 of two, over outcomes whose positions are the indices of ``utilities``; no offers yet."""
    utility = np.asarray(utilities, dtype=float)
    order = np.argsort(utility, kind="stable")
    return PartyView(index=0, name="me", n_parties=2, n_outcomes=len(utility), utility=utility,
                     order=memoryview(order), sorted_utility=memoryview(utility[order]),
                     utility_list=memoryview(utility), reservation=reservation, discount=None, rounds=10,
                     seconds=None, seed=seed, history=OfferHistory([], []), issue_sizes=(len(utility),),
                     value_indices=lambda positions: np.asarray(positions).reshape(-1, 1))


def at(time: float) -> State:
    """The state at relative time ``time``."""
    return State(step=0, round=0, time=time, n_offers=0)
