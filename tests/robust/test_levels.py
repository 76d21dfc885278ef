"""The smallest raw sum that rounds up to a level: checked against rounding itself, float by float."""

from __future__ import annotations

import numpy as np

from accord.robust.levels import lowest_sum_reaching, rounded


def test_the_threshold_rounds_up_to_the_level_and_the_float_below_does_not():
    rng = np.random.default_rng(0)
    levels = np.round(np.r_[rng.random(500), 0.0, 1.0, 1e-10, 0.5, 1 - 1e-10, 0.3, -0.2], 10)
    lowest = lowest_sum_reaching(levels)
    assert np.isfinite(lowest).all()
    assert (rounded(lowest) >= levels).all()
    assert (rounded(np.nextafter(lowest, -np.inf)) < levels).all()


def test_one_comparison_agrees_with_clipping_and_rounding_every_sum():
    rng = np.random.default_rng(1)
    levels = np.round(rng.random(50), 10)
    sums = levels[:, None] + rng.integers(-3, 4, (50, 200)) * 5e-11 + rng.normal(0, 1e-12, (50, 200))
    sums[:, :5] = [0.0, 1.0, 1.5, 1 - 1e-11, 2.0]
    assert np.array_equal(sums >= lowest_sum_reaching(levels)[:, None], rounded(sums) >= levels[:, None])


def test_a_level_above_one_is_never_reached():
    assert lowest_sum_reaching(np.array([1.0 + 1e-9, 2.0])).tolist() == [np.inf, np.inf]
