"""The outcome space against a brute-force enumeration of the cartesian product minus constrained outcomes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import ScenarioError
from accord.model import Constraint, Issue, LinearAdditive, Party, Scenario, Table
from accord.space import OutcomeSpace
from accord.space.outcomes import enumerable, scenario_space


def reference(issues, constraints) -> list[tuple[int, ...]]:
    """Feasible value-index tuples in C order, from the definitions (slow and obvious)."""
    out = []
    for combo in itertools.product(*(range(issue.size) for issue in issues)):
        ruled_out = any(all(combo[position] in values for position, values in c.forbid) for c in constraints)
        if not ruled_out:
            out.append(combo)
    return out


@st.composite
def spaces(draw):
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    issues = tuple(Issue.categorical(f"i{k}", [f"v{j}" for j in range(size)]) for k, size in enumerate(sizes))
    constraints = []
    for _ in range(draw(st.integers(0, 3))):
        positions = draw(st.lists(st.integers(0, len(sizes) - 1), min_size=1, max_size=len(sizes), unique=True))
        forbid = tuple((p, tuple(sorted(draw(st.sets(st.integers(0, sizes[p] - 1), min_size=1)))))
                       for p in sorted(positions))
        constraints.append(Constraint(forbid))
    return issues, tuple(constraints)


@settings(max_examples=80, deadline=None)
@given(spaces())
def test_positions_value_indices_and_outcomes_match_the_reference(drawn):
    issues, constraints = drawn
    space = OutcomeSpace(issues, constraints)
    expected = reference(issues, constraints)
    assert space.size == len(expected)
    assert space.cartesian_size == int(np.prod([issue.size for issue in issues]))
    if expected:
        np.testing.assert_array_equal(space.value_indices(np.arange(space.size)), np.array(expected))
    for position, combo in enumerate(expected):
        outcome = space.outcome(position)
        assert outcome == {issue.name: issue.values[i] for issue, i in zip(issues, combo)}
        assert space.position_of(outcome) == position
    assert [int(p) for chunk in space.chunks(3) for p in chunk] == list(range(space.size))


def test_position_of_refuses_incomplete_unknown_and_ruled_out_outcomes():
    issues = (Issue.categorical("a", ["x", "y"]), Issue.integer("n", 0, 2))
    space = OutcomeSpace(issues, (Constraint(((0, (0,)), (1, (2,))), "no x with 2"),))
    with pytest.raises(ValueError, match="no value for issue 'n'"):
        space.position_of({"a": "x"})
    with pytest.raises(ValueError):
        space.position_of({"a": "z", "n": 0})
    with pytest.raises(ValueError, match="ruled out"):
        space.position_of({"a": "x", "n": 2})


def test_a_scenario_whose_constraints_rule_out_everything_is_an_error():
    issue = Issue.categorical("a", ["x", "y"])
    party = Party("p", LinearAdditive((1.0,), (Table((0.0, 1.0)),)))
    scenario = Scenario("none", (issue,), (party,), constraints=(Constraint(((0, (0, 1)),)),))
    with pytest.raises(ScenarioError, match="rule out every outcome"):
        scenario_space(scenario)


def test_a_utility_matrix_over_the_byte_cap_is_refused_before_it_is_built():
    issues = tuple(Issue.categorical(f"i{k}", list("abcdefghij")) for k in range(7))
    utility = LinearAdditive((1 / 7,) * 7, tuple(Table((1.0,) + (0.0,) * 9) for _ in range(7)))
    parties = tuple(Party(f"P{n}", utility) for n in range(11))
    with pytest.raises(ScenarioError, match=r"10,000,000 outcomes × 11 parties need 839 MB of utilities; Accord "
                                            r"enumerates at most 762 MB \(9,090,909 outcomes of 11 parties\)"):
        scenario_space(Scenario("wide", issues, parties))
    assert scenario_space(Scenario("wide", issues, parties[:10])).size == 10**7  # built lazily: no matrix yet


def test_enumerable_is_what_scenario_space_accepts_by_size():
    issues = tuple(Issue.categorical(f"i{k}", list("abcdefghij")) for k in range(7))
    utility = LinearAdditive((1 / 7,) * 7, tuple(Table((1.0,) + (0.0,) * 9) for _ in range(7)))
    parties = tuple(Party(f"P{n}", utility) for n in range(11))
    assert not enumerable(Scenario("wide", issues, parties))  # the byte cap, as above
    assert enumerable(Scenario("wide", issues, parties[:10]))
    assert not enumerable(Scenario("wide", issues + issues[:1], parties[:2]))  # 10^8 outcomes
    assert enumerable(Scenario("wide", issues, parties[:2]), max_outcomes=10**7, max_bytes=16 * 10**7)
    assert not enumerable(Scenario("wide", issues, parties[:2]), max_outcomes=10**7 - 1)
    assert not enumerable(Scenario("wide", issues, parties[:3]), max_outcomes=10**7, max_bytes=16 * 10**7)
