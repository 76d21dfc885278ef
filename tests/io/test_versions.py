"""Scenario versions: a content hash that follows the content, and the count of changes an edit makes."""

from __future__ import annotations

import dataclasses

import accord
from accord.io.versions import count_changes, describe, fingerprint

TRIO = "tests/data/trio.yaml"


def _with_reservation(scenario, party: int, value: float):
    parties = list(scenario.parties)
    parties[party] = dataclasses.replace(parties[party], reservation=value)
    return dataclasses.replace(scenario, parties=tuple(parties))


def test_the_hash_follows_the_content_not_the_object():
    scenario = accord.load(TRIO)
    again = accord.scenario_from_dict(accord.scenario_to_dict(scenario), "copy")
    assert fingerprint(again) == fingerprint(scenario) and len(fingerprint(scenario)) == 10
    assert fingerprint(_with_reservation(scenario, 0, 0.45)) != fingerprint(scenario)


def test_changes_count_differing_leaves():
    assert count_changes({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 3]}) == 1
    assert count_changes({"a": 1}, {"a": 2, "c": {"x": 1, "y": 2}}) == 3
    assert count_changes({"b": [1, 2]}, {"b": [1, 2, 3]}) == 3
    assert count_changes({"a": None}, {}) == 0


def test_describe_names_the_version_and_the_edit():
    scenario = accord.load(TRIO)
    edited = _with_reservation(_with_reservation(scenario, 0, 0.45), 2, 0.1)
    assert describe(scenario) == f"trio, version {fingerprint(scenario)}"
    assert describe(edited, scenario) == f"edited version of trio, 2 changes, version {fingerprint(edited)}"
    assert describe(scenario, scenario).startswith("trio as given (no changes)")
