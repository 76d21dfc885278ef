"""The exact methods on GENIUS's large domains: the independent exact frontiers (and, for 30issues, a MILP
solver's frontier and worst deals), and every published pareto.xml point weakly dominated."""

import json

import numpy as np
import pytest

from tests.conftest import REFERENCE

from accord.analysis import analyze
from accord.io import load

DOMAINS = ["genius-large/S-1NIKFRT-1", "genius/ANAC2014_10issuesDiscountedwithRV", "genius-large/S-1NAGUNL-128",
           "genius-large/30issues"]


def _published(folder) -> np.ndarray:
    rows = [line.split(",") for line in (folder / "pareto.xml").read_text().splitlines() if line.strip()]
    return np.array([[float(x) for x in row] for row in rows])


def _check(shared_domains, name):
    folder = shared_domains / name
    analysis = analyze(load(folder))
    assert analysis.method == "branch-and-bound"
    _check_milp(analysis, folder.name)
    points = analysis.pareto_points
    for published in _published(folder):
        assert ((points >= published[None, :] - 1e-6).all(axis=1)).any(), published
    reference = json.loads((REFERENCE / "genius-large.json").read_text()).get(folder.name)
    if reference:
        assert analysis.n_outcomes == reference["n_outcomes"]
        np.testing.assert_allclose(points, np.array(reference["frontier"]), atol=1e-9, rtol=0)
        assert list(analysis.frontier_counts) == reference["frontier_counts"]
        assert analysis.pareto_outcomes == sum(reference["frontier_counts"])
        nash = reference["nash_d0"]
        np.testing.assert_allclose(analysis.solutions["nash"].utilities, nash["utilities"], atol=1e-9, rtol=0)
        row = np.flatnonzero(np.abs(points - np.array(nash["utilities"])).max(axis=1) < 1e-9)
        assert analysis.frontier_counts[int(row[0])] == nash["n_outcomes"]


def _check_milp(analysis, name):
    reference = json.loads((REFERENCE / "genius-large-milp.json").read_text()).get(name)
    if not reference:
        return
    tops = np.array(reference["maxutility"], dtype=float)
    frontier = np.round(np.array(reference["frontier_sums"]) / tops, 10)
    np.testing.assert_allclose(analysis.pareto_points, frontier, atol=1e-9, rtol=0)
    for deal, sums in zip(analysis.worst, reference["worst_sums"]):
        np.testing.assert_allclose(deal.utilities, np.round(np.array(sums) / tops, 10), atol=1e-9, rtol=0)
    assert analysis.n_outcomes == 10 ** 30


@pytest.mark.parametrize("name", DOMAINS)
def test_exact_frontier_of_the_large_domains(shared_domains, name):
    _check(shared_domains, name)
