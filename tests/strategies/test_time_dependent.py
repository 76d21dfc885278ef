"""Time-dependent concession: the aspiration curve, and offers and answers checked against a brute force."""

from __future__ import annotations

import numpy as np
import pytest

from accord.strategies import Boulware, Conceder, LinearConcession
from accord.strategies.time_dependent import TimeDependent
from tests.strategies.views import at, view

UTILITIES = [0.5, 0.1, 0.9, 0.5, 0.3, 1.0, 0.7]


def ready(strategy, utilities=UTILITIES, reservation=0.0):
    strategy.setup(view(utilities, reservation))
    return strategy


@pytest.mark.parametrize("e", [0.2, 1.0, 2.0])
def test_the_curve_runs_from_the_best_utility_to_the_floor(e):
    strategy = ready(TimeDependent(e))
    assert strategy.target(0.0) == pytest.approx(1.0)
    assert strategy.target(1.0) == pytest.approx(0.1)  # the lowest utility: no reservation above it


def test_the_floor_is_the_reservation_when_it_is_higher_than_the_lowest_utility():
    strategy = ready(TimeDependent(1.0), reservation=0.4)
    assert strategy.target(1.0) == pytest.approx(0.4)
    assert strategy.propose(at(1.0)) == 0  # 0.5 at positions 0 and 3: the lowest position wins the tie


def test_linear_concedes_evenly_and_the_exponent_orders_the_curves():
    linear, boulware, conceder = ready(LinearConcession()), ready(Boulware()), ready(Conceder())
    assert linear.target(0.5) == pytest.approx(0.55)
    for t in (0.25, 0.5, 0.75):
        assert boulware.target(t) > linear.target(t) > conceder.target(t)
    assert (Boulware().e, LinearConcession().e, Conceder().e) == (0.2, 1.0, 2.0)


def test_offers_and_answers_match_a_brute_force():
    rng = np.random.default_rng(3)
    for _ in range(30):
        utilities = list(np.round(rng.random(12), 2))
        reservation = float(rng.choice([0.0, 0.3, 0.6]))
        strategy = ready(TimeDependent(float(rng.choice([0.3, 1.0, 3.0]))), utilities, reservation)
        for t in np.linspace(0, 1, 11):
            target = strategy.target(t)
            meeting = [p for p, u in enumerate(utilities) if u >= target]
            expected = min(meeting, key=lambda p: (utilities[p], p)) if meeting else int(np.argmax(utilities))
            assert strategy.propose(at(t)) == expected
            for offer, u in enumerate(utilities):
                assert strategy.respond(at(t), offer) == (u >= target)
