"""Single negotiating text: the mediator's variations, adoption and veto, ratification at the deadline, faults."""

from __future__ import annotations

import numpy as np
import pytest

from accord.model import Constraint, Issue, Linear, LinearAdditive, Party, Scenario, Table
from accord.protocols.common import MEDIATOR, SessionConfig
from accord.protocols.single_text import _Mediator, run_single_text
from accord.simulate import prepare
from accord.strategies.base import Strategy


def two_issues(constraints=()) -> Scenario:
    issues = (Issue.integer("n", 0, 4), Issue.categorical("c", ["a", "b", "c"]))
    utility = LinearAdditive((0.5, 0.5), (Linear(0.25, 0.0), Table((0.0, 0.5, 1.0))))
    return Scenario("two", issues, (Party("A", utility), Party("B", utility)), constraints=constraints)


def test_a_variation_changes_exactly_one_issue_and_stays_feasible():
    forbidden = Constraint(((0, (1, 2)), (1, (0,))), "no n in 1..2 with a")
    prepared = prepare(two_issues((forbidden,)))
    space = prepared.space
    mediator = _Mediator(space, seed=5)
    text = mediator.start()
    for _ in range(200):
        proposal = mediator.vary(text)
        if proposal is None:
            continue
        before, after = space.value_indices(np.array([text, proposal]))
        assert (before != after).sum() == 1
        assert not (after[0] in (1, 2) and after[1] == 0)  # never an outcome the constraint rules out
        text = proposal


def test_a_mediator_has_no_variation_when_no_issue_can_vary():
    scenario = Scenario("one", (Issue.categorical("c", ["only"]),),
                        (Party("A", LinearAdditive((1.0,), (Table((1.0,)),))),))
    mediator = _Mediator(prepare(scenario).space, seed=0)
    assert mediator.vary(mediator.start()) is None


class Votes(Strategy):
    """Votes ``vote`` on every variation (None: as the default, for what is at least as good) and ratifies with
    ``ratify``."""

    def __init__(self, vote=None, ratify=True) -> None:
        self.vote_as, self.ratify = vote, ratify

    def propose(self, state):  # pragma: no cover - not called by this protocol
        return 0

    def vote(self, state, current, proposal):
        return super().vote(state, current, proposal) if self.vote_as is None else self.vote_as

    def respond(self, state, offer):
        return self.ratify


def negotiate(strategies, rounds=20, seed=3):
    prepared = prepare(two_issues())
    views_needed = [s for s in strategies if s.vote_as is None]
    if views_needed:
        from accord.simulate.session import views

        for strategy, view in zip(strategies, views(prepared, [0, 0, 0], SessionConfig(rounds=rounds), [], [])):
            strategy.setup(view)
    return run_single_text(strategies, prepared, SessionConfig(rounds=rounds), [], [], seed)


def test_unanimous_approval_adopts_every_variation_and_unanimous_ratification_agrees():
    run = negotiate([Votes(vote=True), Votes(vote=True)])
    proposed = [row[3] for row in run.trace if row[2] == "propose"]
    adopted = [row[3] for row in run.trace if row[2] == "adopt"]
    assert adopted == proposed[1:] and run.ended_by == "agreement" and run.position == adopted[-1]
    assert all(row[1] == MEDIATOR for row in run.trace if row[2] in ("propose", "adopt"))


def test_a_veto_keeps_the_text_and_names_the_vetoing_party():
    run = negotiate([Votes(vote=True), Votes(vote=False)])
    assert [row[2] for row in run.trace if row[2] in ("adopt", "veto")] == ["veto"] * 19
    assert all(row[1] == 1 for row in run.trace if row[2] == "veto")
    assert run.position == run.trace[0][3]  # the opening text, never changed


def test_one_rejection_at_the_deadline_means_no_agreement():
    run = negotiate([Votes(vote=True), Votes(vote=True, ratify=False)])
    assert run.ended_by == "rejected" and run.position is None
    assert [row[2] for row in list(run.trace)[-2:]] == ["accept", "reject"]


def test_default_votes_never_lower_a_partys_utility():
    prepared = prepare(two_issues())
    run = negotiate([Votes(), Votes()], rounds=60)
    texts = [row[3] for row in run.trace if row[2] in ("propose", "adopt")][:1] + \
        [row[3] for row in run.trace if row[2] == "adopt"]
    utilities = prepared.utilities[texts]
    assert (np.diff(utilities, axis=0) >= 0).all()


@pytest.mark.parametrize("vote, ratify, party, message", [
    ("maybe", True, 0, "vote returned something other than True or False"),
    ("END", True, 0, "vote returned something other than True or False"),  # a vote cannot walk away
    (True, 0.5, 0, "respond returned something other than True, False or END"),
])
def test_answers_that_are_not_answers_are_faults(vote, ratify, party, message):
    run = negotiate([Votes(vote=vote, ratify=ratify), Votes(vote=True)])
    assert run.ended_by == "error" and run.position is None
    assert (run.fault.party, run.fault.kind, run.fault.message) == (party, "invalid-response", message)
    assert run.trace[-1][1:4] == (party, "error", -1)
