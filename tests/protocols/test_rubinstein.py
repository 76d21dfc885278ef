"""Rubinstein alternating offers: subgame-perfect play reproduces the closed form (FORECAST.md §4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.protocols.rubinstein import (FixedDemand, SubgamePerfect, closed_form, rubinstein, spe_share,
                                         spe_shares)


@pytest.mark.parametrize("delta, expected", [((0.9, 0.8), 5 / 7), ((0.9, 0.9), 10 / 19), ((0.5, 0.5), 2 / 3)])
def test_first_proposer_share(delta, expected):
    assert spe_share(*delta) == pytest.approx(expected, abs=1e-12)
    result = rubinstein(delta)
    assert result.agreement and result.round == 0
    assert result.shares == pytest.approx((expected, 1 - expected), abs=1e-12)


@given(st.floats(0.05, 0.97), st.floats(0.05, 0.97))
def test_closed_form_for_any_discounts(d1, d2):
    assert spe_share(d1, d2) == pytest.approx((1 - d2) / (1 - d1 * d2), abs=1e-9)


def test_finite_horizons_by_backward_induction():
    assert spe_shares((0.9, 0.8), horizon=1) == (1.0, 1.0)
    assert spe_shares((0.9, 0.8), horizon=2)[0] == pytest.approx(1 - 0.8)
    assert spe_shares((0.9, 0.8), horizon=3)[0] == pytest.approx(1 - 0.8 * (1 - 0.9))


def test_greedy_first_proposer_is_punished_by_delay():
    delta = (0.9, 0.8)
    greedy = FixedDemand(demand=0.95, accept=0.0)
    result = rubinstein(delta, (greedy, SubgamePerfect(1, delta)))
    # party 1 rejects 0.05 (< 0.8 · its SPE share as proposer) and proposes its SPE split in round 1
    assert result.round == 1
    assert result.shares[1] == pytest.approx(spe_share(0.8, 0.9))
    assert result.utilities[0] == pytest.approx(0.9 * (1 - spe_share(0.8, 0.9)))
    assert result.utilities[0] < 5 / 7


def test_no_agreement_by_the_last_round():
    stubborn = FixedDemand(demand=1.0, accept=1.0)
    result = rubinstein((0.9, 0.9), (stubborn, stubborn), max_rounds=10)
    assert not result.agreement and len(result.trace) == 10


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.integers(1, 60))
def test_backward_induction_matches_the_closed_form_for_any_horizon(d1, d2, horizon):
    assert spe_shares((d1, d2), horizon) == pytest.approx(closed_form((d1, d2), horizon), abs=1e-9)


@pytest.mark.parametrize("delta", [(0.999999, 0.999999), (0.9999999, 0.99999)])
def test_patient_parties_converge_to_the_closed_form(delta):
    assert spe_shares(delta) == pytest.approx(closed_form(delta), abs=1e-9)


@pytest.mark.parametrize("delta, horizon", [((1.0, 0.5), None), ((-0.1, 0.5), 3), ((0.5, 1.5), 3), ((0.5, 0.5), 0)])
def test_impossible_discounts_or_horizons_are_refused(delta, horizon):
    with pytest.raises(ValueError):
        spe_shares(delta, horizon)


def test_finite_horizon_play_agrees_at_once_on_the_backward_induction_split():
    result = rubinstein((0.9, 0.8), horizon=3)
    assert result.agreement and result.round == 0
    assert result.shares == pytest.approx((0.92, 0.08), abs=1e-12)
    last = rubinstein((0.9, 0.8), horizon=1)  # an ultimatum: rejecting gets nothing too
    assert last.shares == (1.0, 0.0)
