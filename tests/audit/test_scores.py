"""Every figure of an offer's score against direct computation, for complete and partial offers."""

from __future__ import annotations

import itertools

import pytest

from accord.audit.outcomes import audit_map
from accord.audit.scores import score_offer
from tests.audit import reference


def offers(scenario, limit_per_subset: int = 6):
    """Offers fixing every subset of the issues (the empty one excluded), a few value choices each."""
    for size in range(1, len(scenario.issues) + 1):
        for subset in itertools.combinations(range(len(scenario.issues)), size):
            choices = itertools.product(*(range(scenario.issues[i].size) for i in subset))
            for values in itertools.islice(choices, 0, None, 2):
                yield {scenario.issues[i].name: scenario.issues[i].values[v] for i, v in zip(subset, values)}


@pytest.mark.parametrize("name", ["mini", "trio"])
def test_scores_match_direct_computation(name):
    scenario, the_map, rows, _ = reference.mapped(name)
    checked = 0
    for offer in offers(scenario):
        matching = reference.completions(scenario, offer)
        encoded = tuple(sorted((scenario.issue_names.index(k), scenario.issue(k).index_of(v))
                               for k, v in offer.items()))
        for proposer in (*range(len(scenario.parties)), None):
            if not matching:
                with pytest.raises(ValueError):
                    score_offer(the_map, encoded, proposer)
                continue
            score = score_offer(the_map, encoded, proposer)
            values = [reference.utilities(scenario, row) for row in matching]
            if proposer is None:
                key = [(sum(u), -rows.index(row)) for u, row in zip(values, matching)]
            else:
                key = [(u[proposer], sum(u), -rows.index(row)) for u, row in zip(values, matching)]
            best = matching[key.index(max(key))]
            point = reference.utilities(scenario, best)
            assert score.position == rows.index(best)
            assert score.utilities == pytest.approx(point, abs=1e-12)
            assert score.n_completions == len(matching)
            complete = len(offer) == len(scenario.issues)
            assert score.complete is complete
            if complete:
                assert score.low is None and score.high is None
            else:
                assert score.low == pytest.approx([min(u[j] for u in values) for j in range(len(point))], abs=1e-12)
                assert score.high == pytest.approx([max(u[j] for u in values) for j in range(len(point))], abs=1e-12)
            reservations = [round(p.reservation, 10) for p in scenario.parties]
            assert score.rational == tuple(u >= r for u, r in zip(point, reservations))
            assert score.n_rational == sum(all(a >= r for a, r in zip(u, reservations)) for u in values)
            assert score.ratified == reference.ratified(scenario, best)
            assert score.pareto_distance == pytest.approx(reference.pareto_distance(scenario, point), abs=1e-9)
            checked += 1
    assert checked > 50


def test_an_offer_on_the_frontier_is_at_distance_zero():
    scenario = reference.scenario("mini")
    the_map = audit_map(scenario)
    position = int(the_map.frontier[0])
    row = reference.feasible(scenario)[position]
    score = score_offer(the_map, tuple(enumerate(row)), 0)
    assert score.pareto_distance == 0.0
