"""The frequency model of the opponent, and the two strategies that use it."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import OptionError
from accord.strategies import FrequencyOpponentModel, NashSeeking
from accord.strategies.base import OfferHistory
from accord.strategies.opponent_model import FrequencyModel
from tests.strategies.views import at, view


def test_counts_and_weights_follow_the_offers():
    model = FrequencyModel((2, 3), learning_rate=0.2)
    for values in ([0, 1], [0, 2], [0, 1]):
        model.observe(np.array(values))
    assert [list(c) for c in model.counts] == [[3, 0], [0, 2, 1]]
    # the first issue kept its value twice: 0.5 → (0.5 + 0.2) / 1.2 → (0.7/1.2 + 0.2) / 1.2
    first = (0.7 / 1.2 + 0.2) / 1.2
    assert model.weights == pytest.approx([first, 1 - first])
    assert model.n_observed == 3
    estimate = model.estimate(np.array([[0, 1], [1, 2], [0, 0]]))
    assert estimate == pytest.approx([first + (1 - first), (1 - first) * 0.5, first])


def test_an_unobserved_model_estimates_nothing():
    assert list(FrequencyModel((2, 2)).estimate(np.array([[0, 0], [1, 1]]))) == [0.0, 0.0]


# four outcomes over two issues of two values; own utility by position
VALUES = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
UTILITIES = [0.2, 0.60, 0.62, 1.0]


def seen(*positions):
    """A history in which the opponent (party 1) offered ``positions``."""
    return OfferHistory(list(positions), [1] * len(positions))


def test_frequency_model_picks_within_its_window_what_the_opponent_offers_most():
    strategy = FrequencyOpponentModel(e=1.0, window=0.05)
    strategy.setup(view(UTILITIES, values=VALUES, history=seen()))
    t = 0.525  # target 0.58: within 0.05 of it, 0.60 (position 1) and 0.62 (position 2)
    assert strategy.target(t) == pytest.approx(0.58)
    assert strategy.propose(at(t)) == 1  # nothing observed: the lowest acceptable outcome
    strategy.setup(view(UTILITIES, values=VALUES, history=seen(2, 2, 0)))
    assert strategy.propose(at(t)) == 2  # the opponent keeps offering the first issue's value 1


def test_nash_seeking_aims_at_the_estimated_nash_point_and_gives_in_late():
    strategy = NashSeeking(patience=0.9)
    strategy.setup(view(UTILITIES, reservation=0.1, values=VALUES, history=seen(0, 0)))
    assert strategy.propose(at(0.0)) == 3  # opens with its best
    assert strategy.respond(at(0.5), 0) is False
    # the opponent offered (0, 0) twice: gain × estimate is 0.1·1 for position 0, 0.5·0.5 for position 1 and
    # 0.52·0.5 for position 2, 0.9·0 for position 3
    assert strategy.propose(at(0.5)) == 2
    assert strategy.respond(at(0.5), 1) is False and strategy.respond(at(0.5), 2) is True
    assert strategy.respond(at(0.95), 0) is True  # past its patience: anything above its reservation


@pytest.mark.parametrize("max_candidates", [0, -3])
def test_no_candidates_is_refused_in_one_line_naming_the_parameter(max_candidates):
    """It raised an IndexError in the first proposal (no candidate to propose)."""
    with pytest.raises(OptionError) as error:
        FrequencyOpponentModel(max_candidates=max_candidates)
    assert error.value.parameter == "max_candidates"
    assert str(error.value) == f"max_candidates: max_candidates must be 1 or more, got {max_candidates}; give 1 or more"
    strategy = FrequencyOpponentModel(e=1.0, max_candidates=1)  # one: the lowest acceptable, whatever the model says
    strategy.setup(view(UTILITIES, values=VALUES, history=seen(2, 2, 0)))
    assert strategy.propose(at(0.525)) == 1
