"""GENIUS XML writing: what is written reads back to the same utilities, and every loss is reported."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import ScenarioError
from accord.io.genius import DEFAULT_REAL_GRID, read_genius, write_genius
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
    (loss,) = [loss for loss in losses if "real_grid=5" in loss]
    # the command line reads GENIUS real issues on the default grid only: the line says so and where to go
    assert f"read back, it is enumerated on {DEFAULT_REAL_GRID} points" in loss
    assert "read_genius(paths, real_grid=5)" in loss
    again = read_genius([tmp_path], real_grid=5)
    np.testing.assert_allclose(utility_matrix(again), utility_matrix(scenario), atol=1e-12, rtol=0)


def _named(issue_name: str, options: tuple[str, ...]) -> Scenario:
    issue = Issue.categorical(issue_name, options)
    table = Table(tuple(float(n) / max(1, len(options) - 1) for n in range(len(options))))
    party = Party("p", LinearAdditive((1.0,), (table,)))
    return Scenario("s", (issue,), (party, Party("q", LinearAdditive((1.0,), (table,)))))


def test_names_with_markup_tabs_newlines_and_unicode_round_trip(tmp_path):
    name = 'a <b> & "c"\t\'d\'\nÉ 日本'
    options = ("x\ty", "1 < 2", "r\nn", "ü&")
    write_genius(_named(name, options), tmp_path)
    back = read_genius([tmp_path])
    assert back.issue_names == (name,)
    assert back.issues[0].values == options


@pytest.mark.parametrize(("issue_name", "options"), [("a\x01b", ("x", "y")), ("ok", ("x", "y\x1b[31m"))])
def test_a_control_character_xml_cannot_hold_is_refused_before_writing(tmp_path, issue_name, options):
    with pytest.raises(ScenarioError, match="XML cannot hold"):
        write_genius(_named(issue_name, options), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_failed_write_leaves_the_earlier_file_and_no_fragment(tmp_path, monkeypatch):
    import os

    from accord.io import files

    scenario = _named("price", ("low", "high"))
    write_genius(scenario, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def full(_descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ScenarioError, match="No space left on device"):
        write_genius(_named("price", ("low", "mid", "high")), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert sorted(os.listdir(tmp_path)) == sorted(before)  # no temporary file left behind
