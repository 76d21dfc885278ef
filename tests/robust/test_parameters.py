"""Parameter paths located in the model, and the rebuilt scenario at chosen values."""

from __future__ import annotations

from accord.model import Constant, Linear, Table, Triangular
from accord.robust.parameters import Target, scenario_at, targets
from tests.robust.scenarios import zero_width


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
