import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.analysis import analyze
from accord.model import Constituency
from tests.generators import additive_utilities, scenarios


@st.composite
def scenarios_with_constituencies(draw):
    scenario = draw(scenarios())
    parties = []
    for party in scenario.parties:
        n = draw(st.integers(0, 2))
        constituencies = tuple(
            Constituency(f"c{k}", draw(additive_utilities(scenario.issues)), draw(st.floats(0, 0.9)))
            for k in range(n))
        parties.append(dataclasses.replace(party, constituencies=constituencies))
    return dataclasses.replace(scenario, parties=tuple(parties))


@given(scenarios_with_constituencies())
@settings(max_examples=60, deadline=None)
def test_ratification_never_enlarges_the_zone_and_its_deals_are_ratified(scenario):
    analysis = analyze(scenario)
    ratification = analysis.ratification
    if not any(p.constituencies for p in scenario.parties):
        assert ratification is None
        return
    assert ratification.zone == analysis.rational_outcomes
    assert ratification.zone_with_ratification <= ratification.zone
    for party in scenario.party_names:
        assert ratification.win_set_with_ratification[party] <= ratification.win_set[party]
        own = ratification.zone_with_own_ratification[party]
        assert ratification.zone_with_ratification <= own <= ratification.zone
    for name, position in ratification.solutions.items():
        if ratification.zone_with_ratification == 0:
            assert position is None
            continue
        assert ratification.ratified[position]
        utilities = analysis.utilities[position]
        assert np.all(utilities >= np.round(scenario.reservations, 10))


def test_flagship_2019_ratification_empties_the_zone():
    import accord

    analysis = accord.analyze(accord.load("japan-russia-2019"))
    ratification = analysis.ratification
    assert ratification.zone == analysis.rational_outcomes > 0
    assert ratification.zone_with_ratification < ratification.zone
    document = analysis.to_json()["ratification"]
    assert document["zone_of_agreement"] == analysis.rational_outcomes
    assert {c["name"] for c in document["constituencies"]} >= {"State Duma"}


def test_flagship_2019_russian_public_threshold_moves_russias_own_zone():
    import accord

    scenario = accord.load("japan-russia-2019")
    russia = scenario.parties[1]
    public = russia.constituencies[0]
    assert public.name == "Russian public"
    looser = dataclasses.replace(russia, constituencies=(dataclasses.replace(public, threshold=0.6),
                                                         *russia.constituencies[1:]))
    edited = dataclasses.replace(scenario, parties=(scenario.parties[0], looser))
    before, after = analyze(scenario).ratification, analyze(edited).ratification
    assert before.zone_with_own_ratification["Russia"] == 0
    assert after.zone_with_own_ratification["Russia"] > 0
    assert after.zone_with_own_ratification["Japan"] == before.zone_with_own_ratification["Japan"]


def test_ratification_document_names_every_figure_and_solution():
    from accord.analysis.solutions import solution_names
    from accord.io import load

    analysis = analyze(load("japan-russia-2019"))
    ratification = analysis.ratification
    document = ratification.to_json(lambda p: analysis.deal(p).to_json())
    assert document == analysis.to_json()["ratification"]
    assert document["zone_of_agreement"] == ratification.zone == analysis.rational_outcomes
    assert document["zone_of_agreement_with_ratification"] == ratification.zone_with_ratification
    assert document["win_set"] == ratification.win_set
    assert [(c["party"], c["name"]) for c in document["constituencies"]] == [
        (c.party, c.name) for c in ratification.constituencies]
    assert set(document["solutions"]) == set(solution_names())
    for name, position in ratification.solutions.items():
        expected = None if position is None else analysis.deal(position).to_json()
        assert document["solutions"][name] == expected
