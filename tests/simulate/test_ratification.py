"""Simulation checks domestic ratification at the end of a session."""

import dataclasses
from pathlib import Path

import accord
from accord.analysis.ratification import approval_masks
from accord.model import Constituency
from accord.simulate import run_session

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


def test_rejections_match_the_analysis_approval_masks():
    scenario = accord.load("japan-russia-2019")
    analysis = accord.analyze(scenario)
    masks = approval_masks(scenario, analysis.space)
    for strategies in (("boulware", "conceder"), ("conceder", "conceder"), ("boulware", "boulware")):
        result = run_session(scenario, list(strategies), rounds=200, seed=3, keep_trace=False)
        assert result.agreement
        expected = tuple(f"{scenario.parties[k].name}: {c.name}" for k, c, approves in masks
                         if not approves[result.position])
        assert result.rejected_by == expected
        assert result.ratified == (not expected)
        assert result.to_json(trace=False)["rejected_by"] == list(expected)


def test_without_constituencies_ratification_is_not_applicable():
    result = run_session(accord.load(MINI), ["conceder", "conceder"], rounds=50, seed=1)
    assert result.agreement and result.ratified is None and result.rejected_by == ()


def test_a_lenient_constituency_ratifies():
    scenario = accord.load(MINI)
    party = scenario.parties[0]
    lenient = Constituency("parliament", party.utility, 0.0)
    scenario = dataclasses.replace(scenario, parties=(dataclasses.replace(party, constituencies=(lenient,)),
                                                      *scenario.parties[1:]))
    result = run_session(scenario, ["conceder", "conceder"], rounds=50, seed=1)
    assert result.agreement and result.ratified is True
