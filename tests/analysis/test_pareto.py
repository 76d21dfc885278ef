import numpy as np
from hypothesis import given, settings

from accord.analysis import pareto_mask, pareto_points
from tests.generators import utility_matrices


def brute_force_front(utilities: np.ndarray) -> np.ndarray:
    """The obviously-correct O(n²) reference: a row is kept unless another row dominates it."""
    keep = np.ones(len(utilities), dtype=bool)
    for i, row in enumerate(utilities):
        for other in utilities:
            if np.all(other >= row) and np.any(other > row):
                keep[i] = False
                break
    return keep


@given(utility_matrices())
@settings(max_examples=300, deadline=None)
def test_fast_front_equals_brute_force(utilities):
    assert np.array_equal(pareto_mask(utilities), brute_force_front(utilities))


@given(utility_matrices())
@settings(max_examples=200, deadline=None)
def test_no_frontier_point_dominates_another_and_all_others_are_dominated(utilities):
    mask = pareto_mask(utilities)
    front = utilities[mask]
    for a in front:
        for b in front:
            assert not (np.all(a >= b) and np.any(a > b))
    for row in utilities[~mask]:
        assert any(np.all(f >= row) and np.any(f > row) for f in front)


def test_ties_are_kept_and_points_sorted():
    utilities = np.array([[1.0, 0.0], [0.5, 0.5], [0.5, 0.5], [0.4, 0.4], [0.0, 1.0]])
    assert pareto_mask(utilities).tolist() == [True, True, True, False, True]
    assert pareto_points(utilities).tolist() == [[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]]


def test_three_parties_large_random_matches_brute_force():
    rng = np.random.default_rng(7)
    utilities = rng.integers(0, 6, size=(700, 3)) / 5
    assert np.array_equal(pareto_mask(utilities), brute_force_front(utilities))


def _front_without_prefilter(utilities: np.ndarray) -> np.ndarray:
    """Vectorised O(n·f) reference for large inputs: a row is kept unless a distinct row dominates it."""
    keep = np.ones(len(utilities), dtype=bool)
    for start in range(0, len(utilities), 256):
        block = utilities[start:start + 256]
        geq = (utilities[None, :, :] >= block[:, None, :]).all(axis=2)
        gt = (utilities[None, :, :] > block[:, None, :]).any(axis=2)
        keep[start:start + 256] = ~(geq & gt).any(axis=1)
    return keep


def test_large_inputs_through_the_pivot_prefilter_match_the_reference():
    rng = np.random.default_rng(11)
    for k in (2, 3):
        utilities = np.round(rng.random((6000, k)) ** 0.5, 2)  # many ties and duplicates
        assert np.array_equal(pareto_mask(utilities), _front_without_prefilter(utilities))
