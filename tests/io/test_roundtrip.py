"""Round trips: GENIUS → Accord → GENIUS and GeniusWeb → Accord → GeniusWeb keep every utility (to 1e-12),
every reservation and discount, and report no loss; conversions between the two report what they lose."""

from __future__ import annotations


import numpy as np
import pytest

from accord.io import load
from accord.io.genius import read_genius, write_genius
from accord.io.geniusweb import read_geniusweb, write_geniusweb
from accord.model import Scenario
from accord.space import utility_matrix
from tests.conftest import SHARED_DOMAINS

MAX_OUTCOMES = 2 * 10**6  # every collected scenario but the 10^10 one (sampled below)


def _folders(kind: str) -> list[str]:
    root = SHARED_DOMAINS / kind
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def _same(before: Scenario, after: Scenario) -> None:
    assert after.issue_names == before.issue_names
    assert [i.values for i in after.issues] == [i.values for i in before.issues]
    assert after.reservations == before.reservations
    assert [p.discount for p in after.parties] == [p.discount for p in before.parties]
    a, b = utility_matrix(before), utility_matrix(after)
    assert a.shape == b.shape
    np.testing.assert_allclose(b, a, atol=1e-12, rtol=0)


SAMPLED = "ANAC2014_10issuesDiscountedwithRV"  # 10^10 outcomes: its round trip is sampled (below)


@pytest.mark.parametrize("folder", [name for name in _folders("genius") if name != SAMPLED])
def test_genius_round_trip(shared_domains, tmp_path, folder):
    before = load(shared_domains / "genius" / folder)
    assert before.cartesian_size <= MAX_OUTCOMES
    assert write_genius(before, tmp_path) == []
    domain = tmp_path / f"{before.name}-domain.xml"
    profiles = [tmp_path / f"{before.name}-{name}.xml" for name in before.party_names]
    _same(before, read_genius([domain, *profiles]))


def test_genius_round_trip_of_the_hyper_rectangle_space(shared_domains, tmp_path):
    before = load(shared_domains / "genius" / "ANAC2014_10issuesDiscountedwithRV")
    assert write_genius(before, tmp_path) == []
    after = read_genius([tmp_path])
    assert after.party_names == tuple(f"{before.name}-{p}" for p in before.party_names)
    rows = np.random.default_rng(7).integers(0, 10, size=(5000, 10))
    for old, new in zip(before.parties, after.parties):
        assert new.utility == old.utility
        assert (new.reservation, new.discount) == (old.reservation, old.discount)
        np.testing.assert_array_equal(new.utility.evaluate(after.issues, rows), old.utility.evaluate(before.issues, rows))


@pytest.mark.parametrize("folder", _folders("geniusweb"))
def test_geniusweb_round_trip(shared_domains, tmp_path, folder):
    before = load(shared_domains / "geniusweb" / folder)
    assert write_geniusweb(before, tmp_path) == []
    after = read_geniusweb([tmp_path / f"{before.name}.json", *(tmp_path / f"{p}.json" for p in before.party_names)])
    assert after.party_names == before.party_names
    assert [p.reservation_outcome for p in after.parties] == [p.reservation_outcome for p in before.parties]
    _same(before, after)


def test_genius_to_geniusweb_reports_weights_and_discount(shared_domains, tmp_path):
    before = load(shared_domains / "genius" / "Laptop")
    losses = write_geniusweb(before, tmp_path)
    assert len(losses) == 4
    assert all("renormalised" in loss for loss in losses[:2]) and all("discount" in loss for loss in losses[2:])
    after = read_geniusweb([tmp_path])
    expected = utility_matrix(before) / 1.000051804171754  # rows clipped at 1 in GENIUS are not clipped here
    assert np.abs(utility_matrix(after) - expected).max() < 1e-4


def test_geniusweb_to_genius_reports_the_reservation_bids(shared_domains, tmp_path):
    before = load(shared_domains / "geniusweb" / "Fitness")
    losses = write_genius(before, tmp_path)
    assert len(losses) == 2 and all("reservation outcome" in loss for loss in losses)
    after = read_genius([tmp_path])
    assert after.reservations == before.reservations
    np.testing.assert_allclose(utility_matrix(after), utility_matrix(before), atol=1e-12, rtol=0)
