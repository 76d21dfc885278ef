"""Parameter paths located in the model, and the rebuilt scenario at chosen values."""

from __future__ import annotations

import pytest

from accord.model import Constant, Dirichlet, Linear, Table, Triangular, TriangularDistribution, Uniform
from accord.robust.parameters import Target, scenario_at, targets, value_at, with_distributions_of
from tests.robust.scenarios import scenario, wide, zero_width


def test_paths_locate_their_numbers():
    found = dict(zip(zero_width().uncertainty.parameters, targets(zero_width())))
    assert found["parties[0].reservation"] == Target(0, None, "reservation")
    assert found["parties[0].constituencies[0].threshold"] == Target(0, 0, "threshold")
    assert found["parties[1].utility.weights.b"] == Target(1, None, "weight", 1)
    assert found["parties[0].utility.values.a.y"] == Target(0, None, "option", 0, 1)
    assert found["parties[0].utility.values.c.linear.slope"] == Target(0, None, "slope", 2)
    assert found["parties[1].utility.values.c.triangular.top"] == Target(1, None, "top", 2)
    assert found["parties[0].constituencies[0].utility.values.c.constant"] == Target(0, 0, "value", 2)


def test_scenario_at_sets_every_number():
    s = zero_width()
    changed = scenario_at(s, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    a, b = changed.parties  # document order: A's numbers, its parliament's, then B's
    assert a.reservation == 0.1 and b.reservation == 0.6
    assert a.utility.functions[0] == Table((1.0, 0.2, 0.0))
    assert a.utility.functions[2] == Linear(0.3, 0.1, 0.0)
    assert a.constituencies[0].threshold == 0.4
    assert a.constituencies[0].utility.functions[2] == Constant(0.5)
    assert b.utility.weights == (0.4, 0.7, 0.2)
    assert b.utility.functions[2] == Triangular(0.0, 3.0, 0.8)
    assert s.parties[0].reservation == 0.4  # the original is untouched


def test_every_path_reads_back_the_value_it_names():
    s = zero_width()
    read = {path: value_at(s, target) for path, target in zip(s.uncertainty.parameters, targets(s))}
    assert read == {"parties[0].reservation": 0.4, "parties[1].reservation": 0.45,
                    "parties[0].constituencies[0].threshold": 0.5, "parties[1].utility.weights.b": 0.4,
                    "parties[0].utility.values.a.y": 0.5, "parties[0].utility.values.c.linear.slope": 0.3,
                    "parties[1].utility.values.c.triangular.top": 1,
                    "parties[0].constituencies[0].utility.values.c.constant": 0.5}


def plain(s):
    """The scenario without its distributions, as the workbench's editor posts it."""
    from accord.io.accord_format import scenario_from_dict, scenario_to_dict

    return scenario_from_dict(scenario_to_dict(s), "edit")


def test_an_unedited_copy_gets_the_stored_distributions_unchanged():
    stored = wide()
    assert not plain(stored).uncertainty
    assert with_distributions_of(plain(stored), stored).uncertainty == stored.uncertainty


def test_an_edited_number_carries_its_distribution_along():
    stored = wide()
    edited = scenario(**{"parties[0].reservation": 0.95, "parties[1].reservation": 0.4,
                         "parties[0].constituencies[0].threshold": 0.6,
                         "parties[1].utility.weights": {"a": 0.2, "b": 0.5, "c": 0.3},
                         "parties[0].utility.values.a.y": 0.6})
    moved = dict(with_distributions_of(edited, stored).uncertainty.distributions)
    assert moved["parties[0].reservation"] == Uniform(pytest.approx(0.85), 1.0)  # [0.3, 0.5] + 0.55, kept in [0, 1]
    assert moved["parties[1].reservation"] == TriangularDistribution(pytest.approx(0.3), 0.4, pytest.approx(0.5))
    threshold = moved["parties[0].constituencies[0].threshold"]
    assert (threshold.mean, threshold.sd) == (0.6, 0.1)
    assert moved["parties[1].utility.weights"] == Dirichlet((0.2, 0.5, 0.3), 30.0, ("a", "b", "c"))
    assert moved["parties[0].utility.values.a.y"] == Uniform(pytest.approx(0.3), pytest.approx(0.9))
    assert moved["parties[0].utility.values.c.linear.slope"] == dict(stored.uncertainty.distributions)[
        "parties[0].utility.values.c.linear.slope"]
