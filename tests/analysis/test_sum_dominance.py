"""Dominance among partial sums against pairwise comparison, and the incumbent's staircase against brute force."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from accord.analysis.sum_dominance import Incumbent, dominated

_SOME = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SOME
@given(arrays(np.int64, st.tuples(st.integers(0, 30), st.integers(2, 3)), elements=st.integers(-3, 3)),
       st.data())
def test_dominated_matches_pairwise_comparison(g, data):
    state = np.sort(data.draw(arrays(np.int64, len(g), elements=st.integers(0, 2))))
    loose = frozenset(data.draw(st.sets(st.integers(0, g.shape[1] - 1))))
    keys = np.column_stack([state, -g])
    keep = np.unique(keys, axis=0, return_index=True)[1]
    state, g = state[keep], g[keep]  # distinct rows, sorted by state then descending
    np.testing.assert_array_equal(dominated(g, state, loose), _pairwise_dominated(g, state, loose))


def _pairwise_dominated(g, state, loose=frozenset()):
    strict = [j for j in range(g.shape[1]) if j not in loose]
    out = np.zeros(len(g), dtype=bool)
    for i in range(len(g)):
        same = state == state[i]
        out[i] = (same & (g >= g[i]).all(axis=1) & (g[:, strict] > g[i, strict]).any(axis=1)).any()
    return out


@pytest.mark.parametrize("loose", [frozenset(), frozenset({0}), frozenset({1})])
def test_dominated_with_sums_near_the_exact_integer_limit_and_many_states(loose):
    # sums up to 2^51 in magnitude over thousands of states: a key of state × span would pass 64 bits
    rng = np.random.default_rng(1)
    state = np.sort(rng.integers(0, 3000, 4000))
    g = rng.integers(-2**51, 2**51, (4000, 2))
    g[1::2, 0] = g[::2, 0]  # ties in the first column
    keep = np.unique(np.column_stack([state, -g]), axis=0, return_index=True)[1]
    state, g = state[keep], g[keep]
    np.testing.assert_array_equal(dominated(g, state, loose), _pairwise_dominated(g, state, loose))


@_SOME
@given(st.lists(arrays(np.int64, st.tuples(st.integers(0, 12), st.just(2)), elements=st.integers(-6, 6)),
                min_size=1, max_size=3),
       arrays(np.int64, st.tuples(st.integers(1, 12), st.just(2)), elements=st.integers(-6, 6)),
       st.sampled_from([1, -1]))
def test_the_incumbent_rules_out_exactly_the_hopes_a_sure_point_strictly_dominates(batches, hope, sign):
    # two parties, the second one's utilities signed; ``hope`` is what a row may still reach (signed)
    signs = np.array([1, sign])
    top = np.array([6, 6])
    incumbent, seen = Incumbent(top, signs, None, None), np.zeros((0, 2), dtype=np.int64)
    most = hope.copy()
    least = hope.copy()
    least[:, 1], most[:, 1] = (-hope[:, 1], -hope[:, 1]) if sign < 0 else (hope[:, 1], hope[:, 1])
    for reached in batches:
        got = incumbent.beats(reached * signs, least, most)
        seen = np.vstack([seen, reached])
        expected = [bool(((seen >= h).all(axis=1) & (seen > h).any(axis=1)).any()) for h in hope]
        assert got.tolist() == expected
