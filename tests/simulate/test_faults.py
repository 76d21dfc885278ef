"""A strategy that raises, overruns its budget or returns garbage ends the session as a breakdown
attributed to it; the program goes on."""

from __future__ import annotations

import time

import numpy as np
import pytest

from accord.simulate import run_session
from accord.strategies import Boulware, Strategy
from tests.simulate.scenarios import line


class Raises(Strategy):
    def __init__(self, where: str = "propose") -> None:
        self.where = where

    def propose(self, state):
        if self.where == "propose" and state.step >= 2:
            raise RuntimeError("boom")
        return self.best

    def respond(self, state, offer):
        if self.where == "respond":
            raise KeyError("bad key")
        return False


class Sleeps(Strategy):
    def __init__(self, seconds: float = 0.05) -> None:
        self.seconds = seconds

    def propose(self, state):
        time.sleep(self.seconds)
        return self.best

    def respond(self, state, offer):
        return False


class Returns(Strategy):
    def __init__(self, offer: object = None, answer: object = False) -> None:
        self.offer = offer
        self.answer = answer

    def propose(self, state):
        return self.offer

    def respond(self, state, offer):
        return self.answer


class SetupFails(Boulware):
    def setup(self, view):
        raise ValueError("cannot start")


def check(result, party: str, kind: str):
    assert not result.agreement and result.ended_by == "error"
    assert result.breakdown_by == party and result.fault.kind == kind
    assert result.utilities == (0.0, 0.0)
    assert result.trace[-1]["action"] == "error" and result.trace[-1]["party"] == party
    document = result.to_json()
    assert document["fault"]["kind"] == kind and document["breakdown_by"] == party


def test_raising_in_propose():
    result = run_session(line(), [Raises("propose"), "boulware"], rounds=10)
    check(result, "A", "raised")
    assert "RuntimeError: boom" in result.fault.message


def test_raising_in_respond():
    check(run_session(line(), ["boulware", Raises("respond")], rounds=10), "B", "raised")


def test_over_budget():
    result = run_session(line(), ["boulware", Sleeps(0.5)], rounds=10, budget=0.2)  # boulware: far within it
    check(result, "B", "over-budget")
    assert "budget" in result.fault.message


@pytest.mark.parametrize("garbage", [-1, 11, 10**12, 3.0, "3", None, True, [1]])
def test_offer_outside_the_outcome_space(garbage):
    check(run_session(line(), [Returns(offer=garbage), "boulware"], rounds=10), "A", "invalid-offer")


def test_numpy_integer_offer_is_fine():
    result = run_session(line(), [Returns(offer=np.int64(4)), "accept-above-reservation"], rounds=3)
    assert result.agreement and result.position == 4


@pytest.mark.parametrize("answer", ["maybe", 1, None, np.array([True, False])])
def test_garbage_response(answer):
    check(run_session(line(), ["boulware", Returns(offer=0, answer=answer)], rounds=10), "B", "invalid-response")


def test_walking_away_is_a_breakdown_not_an_error():
    result = run_session(line(), ["boulware", Returns(offer=0, answer="end")], rounds=10)
    assert result.ended_by == "end" and result.fault is None and result.breakdown_by == "B"


def test_setup_failure_is_contained():
    result = run_session(line(), ["boulware", SetupFails()], rounds=10)
    assert result.ended_by == "error" and result.fault.party == 1 and "cannot start" in result.fault.message


def test_single_text_contains_faults():
    result = run_session(line(), ["boulware", Raises("respond")], protocol="single-text", rounds=10)
    check(result, "B", "raised")  # B raises when asked to ratify the final text
    assert "KeyError" in result.fault.message
    result = run_session(line(), [Returns(answer="x"), "boulware"], protocol="single-text", rounds=10)
    check(result, "A", "invalid-response")


class Exits(Strategy):
    """Tries to end the program: ``sys.exit`` or its own ``KeyboardInterrupt`` (issue 11 §15)."""

    def __init__(self, how: str = "exit", where: str = "propose") -> None:
        self.how, self.where = how, where

    def _leave(self):
        if self.how == "exit":
            raise SystemExit(5)
        raise KeyboardInterrupt

    def propose(self, state):
        if self.where == "propose":
            self._leave()
        return self.best

    def respond(self, state, offer):
        if self.where == "respond":
            self._leave()
        return False


@pytest.mark.parametrize("protocol", ["sao", "single-text"])
@pytest.mark.parametrize(("how", "message"), [("exit", "SystemExit: 5"), ("interrupt", "KeyboardInterrupt")])
def test_sys_exit_and_keyboard_interrupt_are_the_strategys_fault(protocol, how, message):
    result = run_session(line(), ["boulware", Exits(how, "respond")], protocol=protocol, rounds=10)
    assert result.ended_by == "error"
    assert (result.fault.party, result.fault.kind, result.fault.message) == (1, "raised", message)

