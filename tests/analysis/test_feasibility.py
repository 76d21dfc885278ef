"""The exact, cheap count of feasible outcomes that ``accord validate`` reports."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from accord.analysis import feasibility
from accord.analysis.feasibility import count_feasible
from accord.model import Constant, Constraint, Issue, LinearAdditive, Party, Scenario


def scenario(sizes: list[int], constraints: list[Constraint]) -> Scenario:
    issues = tuple(Issue.integer(f"i{n}", 0, size - 1) for n, size in enumerate(sizes))
    utility = LinearAdditive(tuple(1 / len(sizes) for _ in sizes), tuple(Constant(0.5) for _ in sizes))
    return Scenario("s", issues, (Party("A", utility), Party("B", utility)), tuple(constraints))


def brute_force(scenario: Scenario) -> int:
    return sum(
        not any(all(outcome[p] in indices for p, indices in c.forbid) for c in scenario.constraints)
        for outcome in itertools.product(*(range(issue.size) for issue in scenario.issues)))


def random_constraints(rng, sizes, count):
    constraints = []
    for _ in range(count):
        named = rng.choice(len(sizes), size=rng.integers(1, len(sizes) + 1), replace=False)
        constraints.append(Constraint(tuple(
            (int(p), tuple(int(v) for v in rng.choice(sizes[p], size=rng.integers(1, sizes[p] + 1), replace=False)))
            for p in sorted(named))))
    return constraints


@pytest.mark.parametrize("seed", range(8))
def test_both_counts_match_brute_force(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    sizes = [int(x) for x in rng.integers(1, 5, size=4)]
    s = scenario(sizes, random_constraints(rng, sizes, 3))
    assert count_feasible(s) == brute_force(s)
    monkeypatch.setattr(feasibility, "SMALL_SPACE", 0)  # the merge over constraint states
    assert count_feasible(s) == brute_force(s)


def test_constraints_that_rule_out_everything_count_zero():
    everything = Constraint(((0, (0, 1)),))
    assert count_feasible(scenario([2, 3], [everything])) == 0
    assert count_feasible(scenario([2, 10**4, 10**4], [everything])) == 0  # beyond enumeration: still exact


def test_many_constraints_on_a_huge_space_are_not_counted():
    many = [Constraint(((0, (n % 2,)), (1, (n,)))) for n in range(feasibility.MAX_COUNTED_CONSTRAINTS + 1)]
    assert count_feasible(scenario([2, 10**4, 10**4], many)) is None


def test_no_constraints_is_the_product():
    assert count_feasible(scenario([3, 4], [])) == 12
