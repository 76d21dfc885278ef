"""Search bounds: every outcome completing a partial choice lies within the bounds of that choice (brute force)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.space import OutcomeSpace
from accord.space.bounds import bounds_for
from tests.generators import rectangle_scenarios, scenarios


def _check(scenario):
    space = OutcomeSpace(scenario.issues)
    values = space.value_indices(np.arange(space.size))
    for party in scenario.parties:
        bounds = bounds_for(party.utility, scenario.issues)
        frontier = [(bounds.root(), values)]
        for depth in range(len(scenario.issues)):
            deeper = []
            for state, rows in frontier:
                states, low, high = bounds.expand(state, depth)
                for v in range(len(low)):
                    mine = rows[rows[:, depth] == v]
                    if not len(mine):
                        continue
                    got = party.utility.evaluate(scenario.issues, mine)
                    assert (got >= low[v] - 1e-12).all() and (got <= high[v] + 1e-12).all()
                    deeper.append((states[v], mine))
            frontier = deeper
        for state, rows in frontier:  # a complete choice: the leaf is the exact utility
            leaf = bounds.leaf(state, len(scenario.issues), np.zeros((1, 0), dtype=np.int64))
            assert leaf[0] == party.utility.evaluate(scenario.issues, rows)[0]


@given(scenarios())
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_additive_bounds_hold_every_completion(scenario):
    _check(scenario)


@given(rectangle_scenarios())
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_rectangle_bounds_hold_every_completion(scenario):
    _check(scenario)


@given(rectangle_scenarios(), st.data())
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_leaf_is_exact_whatever_tail_was_asked_before(scenario, data):
    """The rectangle leaf remembers which rectangles the last tail's rows lie in; it was keyed on the depth and
    the number of rows only, so a second tail of as many rows (or the same array changed in place) got the first
    one's utilities."""
    issues = scenario.issues
    sizes = [issue.size for issue in issues]
    depth = data.draw(st.integers(0, len(issues) - 1))
    rows = data.draw(st.integers(1, 6))
    tail = np.empty((rows, len(issues) - depth), dtype=np.int64)
    for party in scenario.parties:
        bounds = bounds_for(party.utility, issues)
        head = [data.draw(st.integers(0, size - 1)) for size in sizes[:depth]]
        state = bounds.root()
        for position, value in enumerate(head):
            state = bounds.expand(state, position)[0][value]
        for _ in range(3):  # one array, refilled in place each time
            for column, size in enumerate(sizes[depth:]):
                tail[:, column] = data.draw(st.lists(st.integers(0, size - 1), min_size=rows, max_size=rows))
            full = np.hstack([np.tile(np.array(head, dtype=np.int64), (rows, 1)), tail])
            assert (bounds.leaf(state, depth, tail) == party.utility.evaluate(issues, full)).all()
