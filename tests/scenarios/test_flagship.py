"""The flagship bundled scenarios: Japan–Russia peace-treaty talks, January 2019 and after the 2020 ban."""

from __future__ import annotations

import re

import numpy as np
import pytest
import yaml

from accord.analysis import analyze
from accord.io import bundled_scenarios, load
from accord.space.utility_matrix import utility_column

FLAGSHIPS = ("japan-russia-2019", "japan-russia-2020")
ISLANDS = ("habomai", "shikotan", "kunashir", "iturup")


@pytest.fixture(scope="module")
def analyses():
    return {name: analyze(load(name)) for name in FLAGSHIPS}


@pytest.mark.parametrize("name", FLAGSHIPS)
def test_bundled_and_loadable(name):
    files = bundled_scenarios()
    assert name in files
    scenario = load(files[name])
    assert scenario.name == name
    assert scenario.party_names == ("Japan", "Russia")
    assert scenario.issue_names == ISLANDS + ("transfer_timing", "security_clause", "wwii_clause",
                                              "former_residents", "joint_economy", "fisheries")
    assert scenario.notes and scenario.sources and scenario.description
    for issue in scenario.issues:
        assert len(issue.labels) == issue.size and issue.labels != issue.values, issue.name
    for party in scenario.parties:
        assert [c.name for c in party.constituencies], party.name


def test_negotiators_named():
    japan, russia = load("japan-russia-2019").parties
    assert "Taro Kono" in japan.description and "Shinzo Abe" in japan.description
    assert "Sergey Lavrov" in russia.description and "Vladimir Putin" in russia.description


def test_outcome_counts(analyses):
    scenario = analyses["japan-russia-2019"].scenario
    assert scenario.cartesian_size == 3 * 3 * 4 * 4 * 4 * 4 * 3 * 4 * 4 * 3
    # 108 island combinations with a transfer × 3 timings + 36 without × 'not_applicable', × 576 for the rest
    assert analyses["japan-russia-2019"].n_outcomes == (108 * 3 + 36) * 576 == 207_360
    # 2020: no island can go to Japan, so only the 36 no-transfer combinations remain
    assert analyses["japan-russia-2020"].n_outcomes == 36 * 576 == 20_736


def test_timing_consistent_with_transfers(analyses):
    analysis = analyses["japan-russia-2019"]
    names = analysis.scenario.issue_names
    values = analysis.space.value_indices(np.arange(analysis.n_outcomes))
    japan = np.zeros(analysis.n_outcomes, dtype=bool)
    for island in ISLANDS:
        position = names.index(island)
        japan |= values[:, position] == analysis.scenario.issues[position].index_of("japan")
    timing = names.index("transfer_timing")
    not_applicable = values[:, timing] == analysis.scenario.issues[timing].index_of("not_applicable")
    assert np.array_equal(japan, ~not_applicable)


def test_2020_ban_forbids_every_transfer(analyses):
    analysis = analyses["japan-russia-2020"]
    for position in range(0, analysis.n_outcomes, 997):
        outcome = analysis.space.outcome(position)
        assert all(outcome[island] != "japan" for island in ISLANDS)
        assert outcome["transfer_timing"] == "not_applicable"


def test_zone_of_agreement_narrow_in_2019_and_smaller_in_2020(analyses):
    before, after = analyses["japan-russia-2019"], analyses["japan-russia-2020"]
    assert before.has_zone_of_agreement
    assert 0 < before.rational_outcomes / before.n_outcomes < 0.05  # narrow: a few per cent
    assert after.rational_outcomes < before.rational_outcomes
    assert after.rational_outcomes / after.n_outcomes < before.rational_outcomes / before.n_outcomes


def test_2019_nash_is_rational_and_pareto_optimal(analyses):
    analysis = analyses["japan-russia-2019"]
    nash = analysis.solutions["nash"]
    assert nash is not None
    point = np.asarray(nash.utilities)
    assert (point >= np.asarray(analysis.scenario.reservations)).all()
    dominated_by = (analysis.utilities >= point).all(axis=1) & (analysis.utilities > point).any(axis=1)
    assert not dominated_by.any()
    assert nash.position in set(analysis.frontier_positions.tolist())


def test_2019_nash_is_the_two_island_package(analyses):
    """The package the notes and README describe: Habomai and Shikotan to Japan, the larger two Russian,
    an assurance on bases and joint economic activity under a special regime."""
    outcome = analyses["japan-russia-2019"].solutions["nash"].outcome
    assert [island for island in ISLANDS if outcome[island] == "japan"] == ["habomai", "shikotan"]
    assert outcome["kunashir"] == outcome["iturup"] == "russia"
    assert outcome["security_clause"] in ("no_foreign_bases", "demilitarised")
    assert outcome["joint_economy"] == "special_regime"


def test_2019_ratification_as_stated_in_notes(analyses):
    analysis = analyses["japan-russia-2019"]
    scenario = analysis.scenario
    rational = (analysis.utilities >= np.asarray(scenario.reservations)).all(axis=1)
    approves = {}
    for party in scenario.parties:
        for body in party.constituencies:
            approves[body.name] = utility_column(body.utility, analysis.space) >= body.threshold
    nash = analysis.solutions["nash"].position
    assert approves["State Duma"][nash]
    assert not approves["National Diet"][nash] and not approves["Russian public"][nash]
    assert not (rational & approves["Russian public"]).any()
    assert not (rational & approves["State Duma"] & approves["National Diet"]).any()


# --- every preference number carries an ASSUMPTION comment -------------------------------------------------

NUMBER = r"-?\d+(?:\.\d+)?"
NUMERIC_LINE = re.compile(rf"^\s*[A-Za-z_][A-Za-z0-9_]*:\s*(?P<value>{NUMBER}|\{{(?:[^{{}}]|\{{[^{{}}]*\}})*\}})\s*(?:#.*)?$")
NESTED = re.compile(r"(\{[^{}]*)\{[^{}]*\}")  # a distribution's own parameters, e.g. normal: {sd: 0.03}


def _preference_numbers(document: dict) -> int:
    """How many preference numbers the parsed document holds (reservations, thresholds, weights, values)."""
    def utility(spec: dict) -> int:
        return len(spec["weights"]) + sum(len(table) for table in spec["values"].values())

    total = 0
    for party in document["parties"]:
        total += 1 + utility(party["utility"])
        total += sum(1 + utility(body["utility"]) for body in party.get("constituencies", []))
    return total


def _annotated(lines: list[str], index: int) -> bool:
    if "ASSUMPTION" in lines[index]:
        return True
    above = index - 1
    while above >= 0 and lines[above].lstrip().startswith("#"):  # the comment block directly above
        if "ASSUMPTION" in lines[above]:
            return True
        above -= 1
    return False


@pytest.mark.parametrize("name", FLAGSHIPS)
def test_every_preference_number_is_marked_as_assumption(name):
    path = bundled_scenarios()[name]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("parties:")
    end = lines.index("constraints:")
    found, missing = 0, []
    for index in range(start, end):
        match = NUMERIC_LINE.match(lines[index])
        if not match:
            continue
        found += len(re.findall(rf":\s*{NUMBER}", NESTED.sub(r"\1", match.group(0).split("#")[0])))
        if not _annotated(lines, index):
            missing.append(f"line {index + 1}: {lines[index].strip()}")
    assert not missing, "numbers without an ASSUMPTION comment:\n" + "\n".join(missing)
    # The scan must see every number the file defines, or it could miss one written in another layout.
    assert found == _preference_numbers(yaml.safe_load(text))


def test_assumption_check_catches_a_bare_number():
    lines = ["parties:", "  weights:", "    habomai: 0.1", "    # ASSUMPTION: x", "    shikotan: 0.2"]
    assert not _annotated(lines, 2)
    assert _annotated(lines, 4)
