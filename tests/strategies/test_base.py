"""What every strategy inherits: the party's view, the offer history, parameters, clone, equality and pickling."""

from __future__ import annotations

import pickle

import pytest

from accord.strategies import Boulware, Classifier, Hardliner, TitForTat
from accord.strategies.base import OfferHistory, Strategy, summary_of
from tests.strategies.views import view

UTILITIES = [0.3, 0.9, 0.1, 0.9, 0.5]


def test_the_best_outcome_is_the_first_of_the_tied_best():
    assert view(UTILITIES).best == 1
    assert view(UTILITIES).max_utility == 0.9


@pytest.mark.parametrize(("target", "expected"), [
    (0.0, 2), (0.1, 2), (0.2, 0), (0.5, 4), (0.6, 1), (0.9, 1), (5.0, 3),
])
def test_at_least_is_the_lowest_outcome_meeting_the_target(target, expected):
    # ties go to the lowest position; no outcome reaching the target gives the last of the best
    assert view(UTILITIES).at_least(target) == expected


def test_the_history_reads_by_party():
    positions, proposers = [4, 2, 0, 1, 3], [0, 1, 0, 2, 1]
    history = OfferHistory(positions, proposers)
    assert len(history) == 5 and history[1] == (1, 2)
    assert history.positions() == (4, 2, 0, 1, 3)
    assert history.by(0) == (4, 0)
    assert history.by_others(0) == (2, 1, 3)
    assert history.by_others(0, start=3) == (1, 3)
    positions.append(2), proposers.append(1)  # the protocol appends; the view sees it
    assert history.by(1) == (2, 3, 2)


def test_parameters_drive_clone_equality_hash_repr_and_pickle():
    strategy = Boulware(e=0.3)
    assert strategy.params() == {"e": 0.3}
    assert repr(strategy) == "Boulware(e=0.3)"
    clone = strategy.clone()
    assert clone == strategy and clone is not strategy and hash(clone) == hash(strategy)
    assert Boulware(e=0.3) != Boulware(e=0.4)
    assert TitForTat() != TitForTat(mode="absolute")
    revived = pickle.loads(pickle.dumps(strategy))
    assert revived == strategy and not hasattr(revived, "view")  # travels un-set-up


def test_a_subclass_declares_its_name_and_inherits_a_classifier_it_does_not_declare():
    class Stubborn(Hardliner, name="stubborn-test"):
        """Never moves.

        More words that are not the summary."""

    assert Stubborn.name == "stubborn-test"
    assert Stubborn.classifier == Hardliner.classifier == Classifier(concession="none")
    assert summary_of(Stubborn) == "Never moves."
    assert Strategy.name == ""


def test_a_classifier_refuses_an_unknown_concession():
    with pytest.raises(ValueError, match="concession must be one of"):
        Classifier(concession="mood")
