"""GeniusWeb JSON writing: what is written reads back to the same utilities, and every loss is reported."""

from __future__ import annotations

import json

import numpy as np

from accord.io.geniusweb import read_geniusweb, write_geniusweb
from accord.model import Constraint, Issue, Linear, LinearAdditive, Party, Rectangle, RectangleSum, Scenario, Table
from accord.space import utility_matrix
from tests.io.geniusweb.samples import trip


def test_write_then_read_keeps_number_issues_and_reservation_bid(tmp_path):
    (tmp_path / "in").mkdir()
    scenario = read_geniusweb(trip(tmp_path / "in"))
    losses = write_geniusweb(scenario, tmp_path / "out")
    assert losses == []
    written = json.loads((tmp_path / "out" / "alice.json").read_text())["LinearAdditiveUtilitySpace"]
    assert "NumberValueSetUtilities" in written["issueUtilities"]["days"]
    again = read_geniusweb([tmp_path / "out"])
    assert again.issues == scenario.issues
    np.testing.assert_allclose(utility_matrix(again), utility_matrix(scenario), atol=1e-12, rtol=0)
    assert again.parties[0].reservation_outcome == scenario.parties[0].reservation_outcome
    assert again.parties[0].reservation == scenario.parties[0].reservation


def test_writer_losses(tmp_path):
    issues = (Issue.categorical("a", ["x", "y"]), Issue.integer("n", 0, 2))
    heavy = Party("heavy", LinearAdditive((0.8, 0.4), (Table((1.0, 0.5)), Linear(0.5, 0.0))), reservation=0.5,
                  discount=0.9)
    clipped = Party("clipped", LinearAdditive((0.5, 0.5), (Table((0.0, 1.0)), Linear(0.8, 0.0))))
    boxes = Party("boxes", RectangleSum((Rectangle(1.0, ((1, 0, 1),)),), 1.0))
    scenario = Scenario("Loss Test!", issues, (heavy, clipped, boxes), constraints=(Constraint(((0, (0,)),)),))
    losses = write_geniusweb(scenario, tmp_path)
    text = "\n".join(losses)
    assert "party 'heavy': weights summed to 1.2" in text and "renormalised" in text
    assert "discount factor 0.9 dropped" in text
    assert "party 'heavy': GeniusWeb has no reservation value; reservation 0.5 written as the reservation bid" in text
    assert "issue 'n' (integer) written as a discrete value set" in text  # 'clipped' is clamped at n = 2
    assert "party 'boxes'" in text and "no profile was written" in text
    assert "constraint" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Loss_Test.json", "clipped.json", "heavy.json"]
    domain = json.loads((tmp_path / "Loss_Test.json").read_text())
    assert domain["name"] == "LossTest"
    again = read_geniusweb([tmp_path / "Loss_Test.json", tmp_path / "heavy.json", tmp_path / "clipped.json"])
    original = utility_matrix(Scenario("s", issues, (heavy, clipped)))
    renormalised = Party("h", LinearAdditive((0.8 / 1.2, 0.4 / 1.2), heavy.utility.functions))
    expected = utility_matrix(Scenario("s", issues, (renormalised,)))[:, 0]  # the unclipped sum ÷ 1.2
    np.testing.assert_allclose(utility_matrix(again)[:, 0], expected, atol=1e-12)
    np.testing.assert_allclose(utility_matrix(again)[:, 1], original[:, 1], atol=1e-12)
    # the reservation bid keeps exactly the same acceptable outcomes
    acceptable_before = np.round(original[:, 0], 10) >= 0.5
    assert not acceptable_before.all()
    acceptable_after = np.round(utility_matrix(again)[:, 0], 10) >= round(again.parties[0].reservation, 10)
    np.testing.assert_array_equal(acceptable_before, acceptable_after)


def test_weights_are_written_to_sum_to_exactly_one(tmp_path):
    from decimal import Decimal

    issues = tuple(Issue.categorical(f"i{k}", ["a", "b"]) for k in range(3))
    party = Party("p", LinearAdditive((0.1, 0.2, 0.7000000000000001), tuple(Table((0.0, 1.0)) for _ in range(3))))
    write_geniusweb(Scenario("w", issues, (party,)), tmp_path)
    text = (tmp_path / "p.json").read_text()
    weights = json.loads(text, parse_float=Decimal)["LinearAdditiveUtilitySpace"]["issueWeights"]
    assert sum(weights.values()) == 1


def test_a_scenario_with_no_linear_additive_party_is_refused_before_anything_is_written(tmp_path):
    """Every party rectangle-based: the writer wrote a domain alone, reported two losses and succeeded, leaving a
    folder that `accord analyze` refuses ('no profile')."""
    import pytest

    from accord.errors import ScenarioError

    issues = (Issue.integer("n", 0, 4), Issue.integer("m", 0, 4))
    boxes = RectangleSum((Rectangle(1.0, ((0, 0, 1),)),), 1.0)
    scenario = Scenario("boxes", issues, (Party("a", boxes), Party("b", boxes)))
    with pytest.raises(ScenarioError, match="no party has a linear-additive utility") as caught:
        write_geniusweb(scenario, tmp_path / "out")
    assert "genius" in caught.value.fix and not (tmp_path / "out").exists()
