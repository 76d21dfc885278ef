"""The audit map: completions of an offer, the frontier and ratification, against direct computation."""

from __future__ import annotations

import itertools

import pytest

from tests.audit import reference


@pytest.mark.parametrize("name", ["mini", "trio"])
def test_completions_are_exactly_the_matching_feasible_outcomes(name):
    scenario, the_map, rows, _ = reference.mapped(name)
    for position, value in itertools.product(range(len(scenario.issues)), range(3)):
        matching = [k for k, row in enumerate(rows) if row[position] == value]
        assert the_map.completions(((position, value),)).tolist() == matching
    assert the_map.completions(()).tolist() == list(range(len(rows)))


@pytest.mark.parametrize("name", ["mini", "trio"])
def test_map_matches_direct_utilities_frontier_and_ratification(name):
    scenario, the_map, rows, direct = reference.mapped(name)
    assert the_map.utilities.ravel().tolist() == pytest.approx([u for point in direct for u in point], abs=1e-12)
    front = {tuple(round(u, 9) for u in point) for point in reference.frontier(scenario)}
    on_front = [k for k, row in enumerate(rows)
                if tuple(round(u, 9) for u in reference.utilities(scenario, row)) in front]
    assert sorted(the_map.frontier.tolist()) == on_front
    verdicts = [reference.ratified(scenario, r) for r in rows]
    if the_map.ratified is None:
        assert set(verdicts) == {None}
    else:
        assert the_map.ratified.tolist() == verdicts
