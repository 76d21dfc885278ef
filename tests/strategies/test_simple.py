"""Fixed-behaviour strategies: what the hardliner, accept-above-reservation and random offer and accept."""

from __future__ import annotations

from accord.strategies import AcceptAboveReservation, Hardliner, RandomStrategy
from tests.strategies.views import at, view

UTILITIES = [0.4, 1.0, 0.1, 0.6, 1.0, 0.3, 0.8]


def ready(strategy, reservation=0.0, seed=0):
    strategy.setup(view(UTILITIES, reservation, seed))
    return strategy


def accepted(strategy):
    return [p for p in range(len(UTILITIES)) if strategy.respond(at(0.5), p)]


def test_the_hardliner_offers_its_best_and_accepts_only_as_good():
    strategy = ready(Hardliner(), reservation=0.3)
    assert {strategy.propose(at(t)) for t in (0.0, 0.5, 1.0)} == {1}  # ties for the best: the first position
    assert accepted(strategy) == [1, 4]


def test_accept_above_reservation_offers_its_best_and_accepts_from_the_reservation_up():
    strategy = ready(AcceptAboveReservation(), reservation=0.4)
    assert strategy.propose(at(1.0)) == 1
    assert accepted(strategy) == [0, 1, 3, 4, 6]


def test_random_never_offers_below_the_reservation():
    for seed in range(20):
        strategy = ready(RandomStrategy(), reservation=0.5, seed=seed)
        assert all(UTILITIES[strategy.propose(at(0.0))] >= 0.5 for _ in range(20))


def test_random_offers_the_draw_it_just_compared_an_offer_against():
    strategy = ready(RandomStrategy(), reservation=0.5, seed=4)
    for offer in range(len(UTILITIES)):
        verdict = strategy.respond(at(0.0), offer)
        draw = strategy.propose(at(0.0))
        assert verdict == (UTILITIES[offer] >= UTILITIES[draw])


def test_random_depends_on_the_seed_and_only_on_it():
    def draws(seed):
        strategy = ready(RandomStrategy(), seed=seed)
        return [strategy.propose(at(0.0)) for _ in range(30)]

    assert draws(1) == draws(1)
    assert draws(1) != draws(2)
