"""The scenario store: feasible counts, versions, upload times, deletion."""

from __future__ import annotations

import accord
from accord.io.versions import fingerprint
from accord.space import feasible_size
from accord.web.store import ScenarioStore

from .conftest import DATA

TRIO = DATA / "trio.yaml"


def test_copies_of_one_file_are_told_apart_and_can_be_removed():
    store = ScenarioStore()
    scenario = accord.load(TRIO)
    first, second = store.add(scenario), store.add(scenario)
    entries = {e["id"]: e for e in store.summaries() if e["source"] == "uploaded"}
    assert set(entries) == {first, second}
    for entry in entries.values():
        assert entry["version"] == fingerprint(scenario) and entry["uploaded"].endswith("Z")
    assert store.remove(first) and not store.remove(first)
    assert [e["id"] for e in store.summaries() if e["source"] == "uploaded"] == [second]
    assert not store.remove(next(iter(store.bundled())))  # bundled scenarios stay


def test_counts_are_feasible_outcomes():
    store = ScenarioStore()
    scenario = accord.load(TRIO)
    sid = store.add(scenario)
    entry = store.summary_of(sid)
    assert entry["outcomes"] == feasible_size(scenario) == accord.analyze(scenario).n_outcomes
    assert entry["outcomes"] < scenario.cartesian_size  # the constraint rules some out
    for entry in store.summaries()[:5]:
        assert entry["outcomes"] == feasible_size(store.get(entry["id"]))


def test_the_workbench_enumerates_within_its_limits_and_searches_beyond():
    from accord.web.store import workbench_method

    assert workbench_method(accord.load(TRIO)) is None
    assert workbench_method(accord.load(DATA / "treaty-30x10.yaml")) == "additive-merge"
    assert workbench_method(accord.load("genius/ANAC2014_10issuesDiscountedwithRV")) == "branch-and-bound"
    assert workbench_method(accord.load("genius/Laptop")) is None  # small: enumerated, whatever its utilities


def test_library_scenarios_are_found_by_either_name_and_listed_as_library():
    from accord.io.bundled import library_scenarios

    store = ScenarioStore()
    by_id = store.get("genius:Laptop")
    assert store.get("genius/Laptop") == by_id == accord.load("genius/Laptop")
    entry = store.summary_of("genius/Laptop")
    assert entry["id"] == "genius:Laptop" and entry["source"] == "library"
    assert {e["id"] for e in store.summaries() if e["source"] == "library"} == {
        name.replace("/", ":") for name in library_scenarios()}


def test_a_huge_space_with_a_constraint_lists_its_exact_feasible_count():
    """25 issues of 6 options with one constraint (6²⁵ outcomes) was listed with no count at all."""
    issues = [{"name": f"c{i}", "options": [f"o{j}" for j in range(6)]} for i in range(25)]
    utility = {"weights": {f"c{i}": 0.04 for i in range(25)},
               "values": {f"c{i}": {f"o{j}": j / 5 for j in range(6)} for i in range(25)}}
    scenario = accord.scenario_from_dict({
        "accord": 1, "name": "huge", "issues": issues, "parties": [{"name": "A", "utility": utility}],
        "constraints": [{"forbid": {"c0": ["o0", "o1"], "c1": ["o5"]}}]}, "huge.yaml")
    store = ScenarioStore()
    entry = store.summary_of(store.add(scenario))
    assert entry["outcomes"] == 6**25 - 2 * 6**23  # the constraint rules out c0 in {o0, o1} with c1 = o5
