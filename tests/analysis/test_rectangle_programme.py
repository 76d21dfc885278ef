"""The rectangle dynamic programme gives enumeration's frontier, outcome counts and C-order-first outcomes, also
for signed (worst-deal) searches, when clipping makes a dropped partial sum tie, and through its fallbacks."""

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis import rectangle_programme as programme
from accord.analysis.analyze import rounded_utilities
from accord.analysis.rectangle_programme import issue_order, open_peak, rectangle_programme
from accord.model import Issue, Party, Rectangle, RectangleSum, Scenario
from tests.analysis.reference import signed_frontier, worst_search
from tests.generators import rectangle_scenarios

_SOME = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _enumerated(scenario, signs):
    """Per signed frontier point: how many outcomes attain it and the first one in C order (value indices)."""
    signed = rounded_utilities(scenario) * signs + 0.0
    points = signed_frontier(scenario, signs)
    counts, firsts = [], []
    for point in points:
        rows = np.flatnonzero((signed == point).all(axis=1))
        counts.append(len(rows))
        firsts.append(np.unravel_index(rows[0], tuple(i.size for i in scenario.issues)))
    return points, tuple(counts), np.array(firsts, dtype=np.int64).reshape(len(points), len(scenario.issues))


def _assert_enumerated(got, scenario, signs):
    points, counts, firsts = _enumerated(scenario, signs)
    np.testing.assert_array_equal(got.points, points)
    assert got.counts == counts
    np.testing.assert_array_equal(got.firsts, firsts)


@_SOME
@given(rectangle_scenarios())
def test_frontier_counts_and_first_outcomes_equal_enumeration(scenario):
    signs = np.ones(len(scenario.parties))
    _assert_enumerated(rectangle_programme(scenario), scenario, signs)


@_SOME
@given(rectangle_scenarios(), st.data())
def test_focused_signed_search_equals_enumeration(scenario, data):
    focus = data.draw(st.integers(0, len(scenario.parties) - 1))
    _assert_focused(lambda signs: rectangle_programme(scenario, signs, focus), scenario, focus)


def _assert_focused(search, scenario, focus):
    """``search(signs)`` gives enumeration's worst-deal points for ``focus``, their counts and first outcomes."""
    signs, expected = worst_search(scenario, focus)
    got = search(signs)
    np.testing.assert_array_equal(got.points, expected)
    points, counts, firsts = _enumerated(scenario, signs)
    wanted = (points == expected[:, None, :]).all(axis=2).any(axis=0)
    assert got.counts == tuple(c for c, w in zip(counts, wanted) if w)
    np.testing.assert_array_equal(got.firsts, firsts[wanted])


def _scenario(boxes_a, boxes_b, sizes=(2, 2), normalizers=(10.0, 1.0)):
    issues = tuple(Issue.integer(f"i{k}", 0, size - 1) for k, size in enumerate(sizes))
    return Scenario("ties", issues, (Party("a", RectangleSum(tuple(boxes_a), normalizers[0])),
                                     Party("b", RectangleSum(tuple(boxes_b), normalizers[1]))))


def test_a_dropped_partial_sum_that_ties_after_the_clip_is_counted():
    # After issue 0, a's partial sum 0 is dominated by 5, yet (0, 1) and (1, 1) both clip to a's utility 1.
    scenario = _scenario([Rectangle(5.0, ((0, 1.0, 1.0),), False), Rectangle(10.0, ((1, 1.0, 1.0),), False)],
                         [Rectangle(1.0, (), False)])
    got = rectangle_programme(scenario)
    np.testing.assert_array_equal(got.points, [[1.0, 1.0]])
    assert got.counts == (2,)
    np.testing.assert_array_equal(got.firsts, [[0, 1]])
    _assert_enumerated(got, scenario, np.ones(2))


def test_clipping_at_zero_also_recounts():
    scenario = _scenario([Rectangle(-5.0, ((0, 1.0, 1.0),), False), Rectangle(-10.0, ((1, 1.0, 1.0),), False),
                          Rectangle(2.0, (), False)],
                         [Rectangle(1.0, ((1, 1.0, 1.0),), False)])
    for focus in (0, 1):
        signs, _ = worst_search(scenario, focus)
        _assert_enumerated(rectangle_programme(scenario, signs), scenario, signs)


def test_issue_order_is_a_permutation_that_keeps_joined_issues_together():
    issues = tuple(Issue.integer(f"i{k}", 0, 2) for k in range(4))
    boxes = (Rectangle(1.0, ((0, 0.0, 1.0), (3, 1.0, 2.0)), False), Rectangle(1.0, ((1, 0.0, 0.0),), False))
    scenario = Scenario("order", issues, (Party("a", RectangleSum(boxes, 2.0)), Party("b", RectangleSum(boxes, 2.0))))
    order = list(issue_order(scenario))
    assert sorted(order) == [0, 1, 2, 3]
    assert abs(order.index(0) - order.index(3)) == 1


def test_large_integer_utilities_keep_memory_bounded_and_equal_enumeration():
    # the same rectangles with utilities and normaliser times 10^9: the programme's incumbent must not allocate
    # by the size of the utilities (it tried an array of 2 x normaliser entries: 596 GiB)
    issues = tuple(Issue.integer(f"i{k}", 0, 3) for k in range(4))
    rng = np.random.default_rng(0)
    parties = []
    for name in ("a", "b"):
        boxes = tuple(Rectangle(float(rng.integers(-5, 20)) * 1e9,
                                tuple((int(p), 0.0, float(rng.integers(0, 4)))
                                      for p in rng.choice(4, 2, replace=False)),
                                bool(rng.integers(2))) for _ in range(6))
        parties.append(Party(name, RectangleSum(boxes, 40e9)))
    scenario = Scenario("scaled", issues, tuple(parties))
    _assert_enumerated(rectangle_programme(scenario), scenario, np.ones(2))




@_SOME
@given(rectangle_scenarios())
def test_open_peak_is_the_most_rectangles_open_at_once_in_issue_order(scenario):
    spans = [{p for p, _, _ in r.bounds} for party in scenario.parties for r in party.utility.rectangles]
    order = [int(i) for i in issue_order(scenario)]
    counts = [sum(1 for s in spans if s & set(order[:n]) and not s <= set(order[:n])) for n in range(len(order) + 1)]
    assert open_peak(scenario) == max(counts)
