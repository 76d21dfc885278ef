"""Draws: within range, seeded per sample, and shaped like their distributions."""

from __future__ import annotations

import numpy as np
import pytest

from accord.model import Dirichlet, TriangularDistribution, TruncatedNormal, Uncertainty, Uniform
from accord.robust.distributions import draw, draw_one, sample_rng


def _many(distribution, n=4000):
    rng = np.random.default_rng(0)
    return np.array([draw_one(distribution, rng) for _ in range(n)])


def test_uniform_and_triangular_stay_in_range_with_the_right_mean():
    u = _many(Uniform(0.4, 0.5))
    assert u.min() >= 0.4 and u.max() <= 0.5 and u.mean() == pytest.approx(0.45, abs=0.003)
    t = _many(TriangularDistribution(0.2, 0.3, 0.8))
    assert t.min() >= 0.2 and t.max() <= 0.8 and t.mean() == pytest.approx((0.2 + 0.3 + 0.8) / 3, abs=0.005)
    assert set(_many(TriangularDistribution(0.3, 0.3, 0.3), 10).ravel()) == {0.3}


def test_truncated_normal_is_cut_at_the_valid_range():
    x = _many(TruncatedNormal(0.95, 0.1, 0.0, 1.0))
    assert x.max() <= 1.0 and x.min() >= 0.0
    assert np.median(x) < 0.95  # the mass cut above 1 pulls it down
    wide = _many(TruncatedNormal(0.5, 0.05, 0.0, 1.0))
    assert wide.std() == pytest.approx(0.05, rel=0.05)


def test_dirichlet_keeps_the_total_and_zero_weights():
    x = _many(Dirichlet((0.5, 0.0, 0.3, 0.2), 50.0, ("a", "b", "c", "d")))
    assert np.allclose(x.sum(axis=1), 1.0) and np.all(x[:, 1] == 0)
    assert x.mean(axis=0) == pytest.approx([0.5, 0.0, 0.3, 0.2], abs=0.01)
    tight = _many(Dirichlet((0.5, 0.5), 5000.0, ("a", "b")))
    assert tight[:, 0].std() < x[:, 0].std()


def test_a_sample_is_the_same_in_any_block():
    uncertainty = Uncertainty((("parties[0].reservation", Uniform(0, 1)),
                               ("parties[1].utility.weights", Dirichlet((0.6, 0.4), 5.0, ("a", "b")))))
    whole = draw(uncertainty, 3, range(10))
    assert whole.shape == (10, 3)
    assert np.array_equal(draw(uncertainty, 3, range(4, 7)), whole[4:7])
    assert not np.array_equal(draw(uncertainty, 4, range(10)), whole)
    assert sample_rng(3, 5).random() == sample_rng(3, 5).random()
