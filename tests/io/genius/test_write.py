"""GENIUS XML writing: what is written reads back to the same utilities, and every loss is reported."""

from __future__ import annotations

import numpy as np

from accord.io.genius import read_genius, write_genius
from accord.model import Constraint, Issue, Linear, LinearAdditive, Party, Rectangle, RectangleSum, Scenario, Table
from accord.space import utility_matrix
from tests.io.genius.samples import small


def test_write_then_read_keeps_utilities_reservation_and_discount(tmp_path):
    (tmp_path / "in").mkdir()
    scenario = read_genius(small(tmp_path / "in", ftype="triangular", p0="2", p1="8", p2="4"))
    losses = write_genius(scenario, tmp_path / "out")
    assert losses == []
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files] == ["small-domain-alice.xml", "small-domain-domain.xml"]
    again = read_genius([tmp_path / "out" / "small-domain-domain.xml", tmp_path / "out" / "small-domain-alice.xml"])
    np.testing.assert_allclose(utility_matrix(again), utility_matrix(scenario), atol=1e-12, rtol=0)
    assert again.parties[0].reservation == 0.25 and again.parties[0].discount == 0.9


def test_writer_folds_a_table_maximum_below_one_into_the_weight(tmp_path):
    issues = (Issue.categorical("a", ["x", "y", "z"]), Issue.integer("n", 1, 3))
    party = Party("p q", LinearAdditive((0.6, 0.4), (Table((0.2, 0.5, 0.0)), Table((0.1, 0.9, 0.3)))),
                  reservation=0.1, reservation_outcome=(("a", "x"), ("n", 2)))
    scenario = Scenario("my scenario", issues, (party,), constraints=(Constraint(((0, (0,)),), "no x"),))
    losses = write_genius(scenario, tmp_path)
    assert any("issue 'n' (integer) written as a discrete issue" in loss for loss in losses)
    assert any("constraint" in loss and "dropped" in loss for loss in losses)
    assert any("reservation outcome" in loss for loss in losses)
    again = read_genius([tmp_path / "my_scenario-domain.xml", tmp_path / "my_scenario-p_q.xml"])
    assert again.issues[1].kind == "categorical"
    with_constraints_removed = Scenario("s", issues, (party,))
    np.testing.assert_allclose(utility_matrix(again), utility_matrix(with_constraints_removed), atol=1e-12, rtol=0)


def test_writer_keeps_linear_origin_and_rectangles(tmp_path):
    issues = (Issue.integer("n", 2, 6), Issue.real("r", 1.0, 3.0, 11))
    additive = Party("a", LinearAdditive((0.5, 0.5), (Linear(0.2, 0.1, origin=3.0), Linear(-0.5, 1.5, origin=1.0))))
    boxes = Party("b", RectangleSum((Rectangle(3.0, ((0, 2, 4),)), Rectangle(2.0, ((0, 4, 6), (1, 1.0, 2.0)))), 5.0),
                  reservation=0.2, discount=0.5)
    scenario = Scenario("mix", issues, (additive, boxes))
    assert write_genius(scenario, tmp_path) == []
    again = read_genius([tmp_path / "mix-domain.xml", tmp_path / "mix-a.xml", tmp_path / "mix-b.xml"])
    np.testing.assert_allclose(utility_matrix(again), utility_matrix(scenario), atol=1e-12, rtol=0)
    assert again.parties[1].discount == 0.5


def test_writer_reports_a_real_grid_that_is_not_the_default(tmp_path):
    issues = (Issue.real("r", 0.0, 1.0, 5),)
    scenario = Scenario("g", issues, (Party("a", LinearAdditive((1.0,), (Linear(1.0, 0.0),))),))
    losses = write_genius(scenario, tmp_path)
    assert any("real_grid=5" in loss for loss in losses)
    again = read_genius([tmp_path], real_grid=5)
    np.testing.assert_allclose(utility_matrix(again), utility_matrix(scenario), atol=1e-12, rtol=0)
