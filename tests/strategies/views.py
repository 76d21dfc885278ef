"""A :class:`PartyView` over hand-written utilities, for testing one strategy without a session."""

from __future__ import annotations

import numpy as np

from accord.strategies.base import OfferHistory, PartyView, State


def view(utilities: list[float], reservation: float = 0.0, seed: int = 0, values: np.ndarray | None = None,
         history: OfferHistory | None = None) -> PartyView:
    """Party 0 of two, over outcomes whose positions are the indices of ``utilities`` and whose issue-value
    indices are the rows of ``values`` (default: one issue, value = position); no offers unless ``history``."""
    utility = np.asarray(utilities, dtype=float)
    order = np.argsort(utility, kind="stable")
    values = np.arange(len(utility)).reshape(-1, 1) if values is None else np.asarray(values)
    return PartyView(index=0, name="me", n_parties=2, n_outcomes=len(utility), utility=utility,
                     order=memoryview(order), sorted_utility=memoryview(utility[order]),
                     utility_list=memoryview(utility), reservation=reservation, discount=None, rounds=10,
                     seconds=None, seed=seed, history=history or OfferHistory([], []),
                     issue_sizes=tuple(int(n) for n in values.max(axis=0) + 1),
                     value_indices=lambda positions: values[np.asarray(positions)])


def at(time: float) -> State:
    """The state at relative time ``time``."""
    return State(step=0, round=0, time=time, n_offers=0)
