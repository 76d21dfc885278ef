"""The analysis document (``Analysis.to_json``): the README's ``accord analyze --json`` schema."""

from __future__ import annotations

import json

from accord.analysis import analyze
from accord.analysis.solutions import solution_names
from accord.io import load

KEYS = {"scenario", "title", "parties", "issues", "n_outcomes", "reservation", "rational_outcomes", "pareto",
        "solutions", "best", "worst", "zone_of_agreement", "notes", "ratification", "method"}


def test_analysis_document_follows_the_schema():
    analysis = analyze(load("tests/data/mini.yaml"))
    document = json.loads(json.dumps(analysis.to_json()))  # plain JSON, nothing left to convert
    assert set(document) == KEYS
    assert document["parties"] == ["A", "B"] and document["n_outcomes"] == analysis.n_outcomes
    assert [i["name"] for i in document["issues"]] == list(analysis.scenario.issue_names)
    assert {i["kind"] for i in document["issues"]} == {"categorical", "integer", "real"}
    assert document["pareto"] == {"points": analysis.pareto_points.tolist(), "n_outcomes": analysis.pareto_outcomes,
                                  "counts": list(analysis.frontier_counts)}
    assert sum(document["pareto"]["counts"]) == document["pareto"]["n_outcomes"]
    assert document["method"] == "enumeration"
    assert set(document["solutions"]) == set(solution_names())
    assert document["solutions"]["nash"] == {"outcome": {"island": "north", "fishing": 0, "share": 0.25},
                                             "utilities": [0.55, 0.6]}
    assert set(document["best"]) == set(document["worst"]) == {"A", "B"}
    assert document["zone_of_agreement"] is True and document["ratification"] is None
