"""The session document (``SessionResult.to_json``) and the trace exports."""

from __future__ import annotations

import json

from accord.simulate import run_session
from tests.simulate.scenarios import line, three_party


def test_session_document_holds_the_result_and_its_trace():
    result = run_session(line(), ["linear", "linear"], rounds=10, seed=5)
    document = json.loads(json.dumps(result.to_json()))  # plain JSON, nothing left to convert
    assert document["parties"] == list(result.parties) and document["strategies"] == ["linear", "linear"]
    assert document["seed"] == 5 and document["agreement"] is True and document["ended_by"] == "agreement"
    assert document["outcome"] == result.outcome and document["position"] == result.position
    assert document["utilities"] == list(result.utilities)
    assert document["fault"] is None and document["breakdown_by"] is None
    assert document["ratified"] is None and document["rejected_by"] == []
    assert document["trace"] == result.trace and document["trace"][-1]["action"] == "accept"
    assert result.to_json(trace=False) == {k: v for k, v in result.to_json().items() if k != "trace"}


def test_session_document_of_a_breakdown_names_who_failed():
    from tests.simulate.test_session import Fixed

    result = run_session(three_party(), [Fixed(5), Fixed(7), Fixed(8)], rounds=2)
    document = result.to_json()
    assert document["agreement"] is False and document["outcome"] is None and document["position"] is None
    assert document["ended_by"] == "deadline" and document["rounds"] == 2
    assert document["utilities"] == [float(u) for u in result.utilities]
