from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.forecast import weighted_mean, weighted_median

positions = st.floats(-1e3, 1e3, allow_nan=False)
weights = st.floats(0.01, 100, allow_nan=False)
actors = st.lists(st.tuples(positions, weights, st.floats(0.01, 1)), min_size=1, max_size=15)


def test_eu10_weighted_mean(eu10):
    assert weighted_mean(eu10.position, eu10.capability, eu10.salience) == pytest.approx(7.389955686853767, abs=1e-9)


def test_eu10_weighted_median(eu10):
    assert weighted_median(eu10.position, eu10.capability, eu10.salience) == 7


def test_median_is_first_position_reaching_half_the_weight():
    # weights 1, 1, 2 at positions 3, 1, 2: sorted 1 (1), 2 (2) reaches 3 >= 4/2 first at 2
    assert weighted_median([3, 1, 2], [1, 1, 2], [1, 1, 1]) == 2
    # exactly half at the first position counts as reaching it
    assert weighted_median([0, 10], [1, 1], [1, 1]) == 0


def test_zero_total_weight_is_rejected():
    with pytest.raises(ValueError):
        weighted_mean([1, 2], [0, 1], [1, 0])


@given(actors)
def test_compromise_lies_within_the_positions(rows):
    x, c, s = (np.array(column) for column in zip(*rows))
    mean = weighted_mean(x, c, s)
    tol = 1e-9 * max(1.0, np.abs(x).max())
    assert x.min() - tol <= mean <= x.max() + tol


@given(actors)
def test_median_is_one_of_the_positions(rows):
    x, c, s = (np.array(column) for column in zip(*rows))
    assert weighted_median(x, c, s) in x
