"""What the protocols share: guarded strategy calls, answer and position checks, and the fault records."""

from __future__ import annotations

import time

import numpy as np
import pytest

from accord.protocols.common import (
    as_answer,
    as_position,
    describe,
    guarded_answer,
    guarded_call,
    invalid_offer,
)
from accord.protocols.watchdog import IDLE
from accord.strategies.base import END


def clock() -> list:
    return [IDLE, None]


def test_a_guarded_call_returns_the_value_and_leaves_the_clock_idle_with_the_party():
    timing = clock()
    value, fault = guarded_call(3, 1.0, timing, lambda x: x + 1, 41)
    assert (value, fault) == (42, None)
    assert timing == [IDLE, 3]  # the watchdog knows whose call ran last


def test_a_call_that_raises_is_the_partys_fault():
    def bad():
        raise ValueError("  two\n lines ")

    value, fault = guarded_call(1, 1.0, clock(), bad)
    assert value is None and (fault.party, fault.kind, fault.message) == (1, "raised", "ValueError: two lines")


def test_a_call_that_returns_after_its_budget_is_over_budget():
    def slow():
        time.sleep(0.02)
        return 1

    value, fault = guarded_call(0, 0.001, clock(), slow)
    assert value is None and fault.kind == "over-budget" and fault.message.startswith("slow ")


@pytest.mark.parametrize("value, may_end, expected", [
    (True, True, True), (False, False, False), (np.bool_(True), False, True), (END, True, END),
])
def test_guarded_answers(value, may_end, expected):
    def respond():
        return value

    assert guarded_answer(0, 1.0, clock(), respond, may_end=may_end) == (expected, None)


@pytest.mark.parametrize("value, may_end", [(END, False), (1, True), ("yes", True), (None, True)])
def test_what_is_not_an_answer_is_an_invalid_response(value, may_end):
    def vote():
        return value

    answer, fault = guarded_answer(2, 1.0, clock(), vote, may_end=may_end)
    allowed = "True, False or END" if may_end else "True or False"
    assert answer is None and (fault.party, fault.kind) == (2, "invalid-response")
    assert fault.message == f"vote returned something other than {allowed}"


def test_positions_are_ints_in_range_numpy_integers_included():
    assert as_position(3, 5) == 3 and as_position(np.int32(4), 5) == 4
    for value in (5, -1, 2.0, True, "1", None, np.float64(1.0)):
        assert as_position(value, 5) is None, value
    assert as_answer(np.bool_(False)) is False and as_answer("no") is None and as_answer(1) is None


def test_fault_messages():
    assert describe(KeyError()) == "KeyError"
    assert invalid_offer(1, "x" * 200, 10).message == f"offered {('x' * 200)!r:.80}, not an outcome position in 0..9"
