"""Tit-for-tat: how each opponent offer moves the target, in absolute and relative mode."""

from __future__ import annotations

import pytest

from accord.strategies import AbsoluteTitForTat
from accord.strategies.tit_for_tat import TitForTat
from tests.strategies.views import at, view

#            position: 0    1    2    3    4    5
UTILITIES = [0.0, 0.2, 0.3, 0.5, 0.8, 1.0]


def ready(strategy, reservation=0.0):
    strategy.setup(view(UTILITIES, reservation))
    return strategy


def answer(strategy, *offers):
    return [strategy.respond(at(0.5), offer) for offer in offers]


def test_it_opens_with_its_best_outcome():
    assert ready(TitForTat()).propose(at(0.0)) == 5


def test_absolute_gives_back_the_same_amount_of_utility():
    strategy = ready(AbsoluteTitForTat())
    answer(strategy, 1, 2)  # the opponent moved 0.2 → 0.3 for me
    assert strategy.target == pytest.approx(0.9)
    answer(strategy, 3)  # 0.3 → 0.5
    assert strategy.target == pytest.approx(0.7)
    assert strategy.propose(at(0.5)) == 4  # the lowest utility that meets 0.7 is 0.8


def test_relative_closes_the_same_fraction_of_the_gap():
    strategy = ready(TitForTat())
    answer(strategy, 1, 3)  # the opponent closed (0.5 − 0.2) / (1.0 − 0.2) = 3/8 of the gap
    assert strategy.target == pytest.approx(1.0 - 3 / 8 * (1.0 - 0.5))


def test_offers_that_get_worse_move_nothing():
    strategy = ready(AbsoluteTitForTat())
    answer(strategy, 3, 1, 0, 1)  # 0.5, then worse twice, then 0.0 → 0.2
    assert strategy.target == pytest.approx(1.0 - 0.2)  # only the last step (0.0 → 0.2) was a concession


def test_the_target_never_falls_below_the_reservation():
    strategy = ready(AbsoluteTitForTat(), reservation=0.6)
    answer(strategy, 0, 5)  # a concession of 1.0
    assert strategy.target == pytest.approx(0.6)
    assert answer(strategy, 3, 4) == [False, True]


def test_it_accepts_what_meets_the_target_after_seeing_it():
    strategy = ready(TitForTat())
    assert answer(strategy, 4) == [False]  # first offer: no concession seen, the target is still 1.0
    assert answer(strategy, 5) == [True]


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="relative' or 'absolute"):
        TitForTat(mode="sideways")
