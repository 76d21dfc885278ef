"""Stacked alternating offers: the loop against a slow reference written from the protocol's definition, and
every kind of fault recorded against the party that made it."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.protocols.common import SessionConfig
from accord.protocols.sao import run_sao
from accord.protocols.watchdog import blamed
from accord.strategies.base import END, Strategy

N_OUTCOMES = 7


class Scripted(Strategy):
    """Decides from the step alone: offers ``(key + step) % N_OUTCOMES``; answers from ``key``, ``step`` and the
    offer (accepting about one time in three, walking away rarely when ``walks``)."""

    def __init__(self, key: int = 0, walks: bool = False) -> None:
        self.key = key
        self.walks = walks

    def propose(self, state):
        return (self.key + state.step) % N_OUTCOMES

    def respond(self, state, offer):
        mix = (self.key * 31 + state.step * 7 + offer) % 17
        if self.walks and mix == 0:
            return END
        return mix % 3 == 0


def reference(strategies, rounds: int):
    """SAOP from its definition: turns in a fixed order; one step per turn; an offer is agreed once every other
    party accepted it in turn; the deadline is ``rounds`` turns of every party."""
    n = len(strategies)
    total = rounds * n
    trace, standing, accepted, positions = [], None, 0, []
    for step in range(total):
        party, rnd, time_ = step % n, step // n, step / total
        state = (step, rnd, time_, len(positions))
        if standing is not None:
            answer = strategies[party].respond(_State(*state), standing)
            if answer is True:
                accepted += 1
                trace.append((rnd, party, "accept", standing, time_))
                if accepted == n - 1:
                    return trace, "agreement", standing
                continue
            if answer is END:
                trace.append((rnd, party, "end", -1, time_))
                return trace, "end", None
        standing, accepted = strategies[party].propose(_State(*state)), 0
        positions.append(standing)
        trace.append((rnd, party, "offer", standing, time_))
    return trace, "deadline", None


class _State:
    def __init__(self, step, round, time, n_offers):
        self.step, self.round, self.time, self.n_offers = step, round, time, n_offers


def negotiate(strategies, rounds: int = 10, budget: float = 5.0):
    return run_sao(strategies, N_OUTCOMES, SessionConfig(rounds=rounds, budget=budget), [], [])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.booleans()), min_size=2, max_size=4), st.integers(1, 12))
def test_the_loop_follows_the_reference(players, rounds):
    strategies = [Scripted(key, walks) for key, walks in players]
    run = negotiate(strategies, rounds)
    trace, ended_by, position = reference(strategies, rounds)
    assert list(run.trace) == trace
    assert (run.ended_by, run.position, run.fault) == (ended_by, position, None)
    assert run.steps == len(trace) and run.rounds == -(-run.steps // len(strategies))


def test_offer_history_lists_are_filled():
    positions, proposers = [], []
    run_sao([Scripted(1), Scripted(2), Scripted(3)], N_OUTCOMES, SessionConfig(rounds=2), positions, proposers)
    offers = [row for row in reference([Scripted(1), Scripted(2), Scripted(3)], 2)[0] if row[2] == "offer"]
    assert positions == [row[3] for row in offers] and proposers == [row[1] for row in offers]


class Faulty(Strategy):
    """Misbehaves in ``call`` from ``step`` on, the way ``how`` says; otherwise offers 0 and rejects."""

    def __init__(self, call: str, how: str, step: int = 0) -> None:
        self.call, self.how, self.step = call, how, step

    def _act(self, call, state, normal):
        if call != self.call or state.step < self.step:
            return normal
        if self.how == "raise":
            raise ZeroDivisionError("no")
        if self.how == "sleep":
            time.sleep(0.5)  # far past the budget below, which is far past any call of the other party
            return normal
        if self.how == "stop":
            raise Stop()
        return self.how_value

    @property
    def how_value(self):
        return {"float": 1.0, "bool": True, "big": N_OUTCOMES, "text": "yes", "none": None}[self.how]

    def propose(self, state):
        return self._act("propose", state, 0)

    def respond(self, state, offer):
        return self._act("respond", state, False)


class Stop(BaseException):
    """Stands for a guard's interruption (a BaseException no protocol catches)."""


@pytest.mark.parametrize("call, how, kind, message", [
    ("propose", "raise", "raised", "ZeroDivisionError: no"),
    ("respond", "raise", "raised", "ZeroDivisionError: no"),
    ("propose", "float", "invalid-offer", "offered 1.0, not an outcome position in 0..6"),
    ("propose", "bool", "invalid-offer", "offered True"),
    ("propose", "big", "invalid-offer", "offered 7"),
    ("respond", "text", "invalid-response", "respond returned something other than True, False or END"),
    ("respond", "none", "invalid-response", "respond returned"),
    ("propose", "sleep", "over-budget", "propose"),
    ("respond", "sleep", "over-budget", "respond"),
])
def test_a_fault_ends_the_session_and_names_the_party(call, how, kind, message):
    run = negotiate([Scripted(0), Faulty(call, how, step=3)], budget=0.2)
    assert run.ended_by == "error" and run.position is None
    assert (run.fault.party, run.fault.kind) == (1, kind) and message in run.fault.message
    assert run.trace[-1] == (run.steps // 2, 1, "error", -1, run.trace[-1][4])


def test_numpy_answers_and_positions_are_accepted():
    class Numpy(Strategy):
        def propose(self, state):
            return np.int64(3)

        def respond(self, state, offer):
            return np.bool_(True)

    run = negotiate([Numpy(), Numpy()])
    assert (run.ended_by, run.position, run.fault) == ("agreement", 3, None)


def test_an_exception_that_leaves_the_session_is_blamed_on_the_party_whose_call_ran():
    with pytest.raises(Stop) as caught:
        negotiate([Scripted(0), Scripted(1), Faulty("respond", "stop", step=4)])
    assert blamed(caught.value) == 2
