"""The audit of whole records: the JSON schema, figures against direct computation, records with and
without agreement, simulated sessions and the bundled history."""

from __future__ import annotations

import json

import pytest

from accord.audit import audit, parse_record, read_record
from accord.io import load
from accord.simulate import prepare, run_session
from tests.audit import reference

TRIO = reference.scenario("trio")
MOVE_KEYS = {"index", "date", "round", "party", "action", "offer", "complete", "utilities", "utility_range",
             "rational", "ratified", "pareto_distance"}


def trio_record(*rows):
    return parse_record({"accord-record": 1, "moves": [{"round": k, **r} for k, r in enumerate(rows)]}, TRIO)


DEAL = {"dam": "small", "share": 1, "fund": "unfunded"}
ROWS = (
    {"party": "Up", "action": "offer", "offer": {"dam": "large", "share": 3, "fund": "unfunded"}},
    {"party": "Down", "action": "offer", "offer": {"dam": "none"}},
    {"party": "Lender", "action": "offer", "offer": {"fund": "funded"}},
    {"party": "Up", "action": "offer", "offer": DEAL},
    {"party": "Down", "action": "accept"},
    {"party": "Lender", "action": "accept"},
)


def test_json_has_exactly_the_documented_keys_and_direct_figures():
    document = json.loads(json.dumps(audit(trio_record(*ROWS)).to_json()))
    assert set(document) == {"scenario", "moves", "concessions", "final"}
    assert document["scenario"] == "trio"
    assert all(set(move) == MOVE_KEYS for move in document["moves"])
    rows = reference.feasible(TRIO)
    partial = document["moves"][1]
    assert partial["complete"] is False and partial["offer"] == {"dam": "none"}
    values = [reference.utilities(TRIO, r) for r in reference.completions(TRIO, {"dam": "none"})]
    assert partial["utility_range"]["min"] == pytest.approx([min(v[j] for v in values) for j in range(3)])
    assert partial["utility_range"]["max"] == pytest.approx([max(v[j] for v in values) for j in range(3)])
    assert partial["utilities"][1] == max(v[1] for v in values)  # the best completion for the proposer
    accepted = document["moves"][4]
    assert accepted["offer"] == DEAL and accepted["utility_range"] is None
    row = reference.completions(TRIO, DEAL)[0]
    point = reference.utilities(TRIO, row)
    assert accepted["utilities"] == pytest.approx(point)
    assert accepted["ratified"] == reference.ratified(TRIO, row)
    assert accepted["pareto_distance"] == pytest.approx(reference.pareto_distance(TRIO, point))
    assert document["concessions"]["Up"] == [{"index": 0, "own_utility": document["moves"][0]["utilities"][0]},
                                             {"index": 3, "own_utility": point[0]}]
    final = document["final"]
    assert final["outcome"] == DEAL and final["utilities"] == pytest.approx(point)
    points = [reference.utilities(TRIO, r) for r in rows]
    assert final["dominated_by"] == sum(reference.dominates(q, point) for q in points)
    weakly = [q for q in points if all(a >= b for a, b in zip(q, point))]
    assert final["left_on_the_table"] == pytest.approx(
        {p: max(q[j] for q in weakly) - point[j] for j, p in enumerate(TRIO.party_names)})


def test_a_record_that_ends_without_agreement_has_no_final_and_withdrawals_score_nothing():
    result = audit(trio_record(*ROWS[:4], {"party": "Down", "action": "reject"},
                               {"party": "Down", "action": "withdraw"}))
    document = result.to_json()
    assert document["final"] is None
    assert document["moves"][4]["offer"] == DEAL  # a reject scores the offer it rejects
    withdrawn = document["moves"][5]
    assert withdrawn["offer"] == {} and withdrawn["utilities"] is None and withdrawn["rational"] is None


def test_an_offer_the_constraints_rule_out_is_a_located_error():
    from accord.errors import ScenarioError

    record = trio_record({"party": "Up", "action": "offer", "offer": {"dam": "none", "fund": "funded"}})
    with pytest.raises(ScenarioError, match=r"moves\[0\]\.offer: the constraints rule out every outcome"):
        audit(record)


@pytest.mark.parametrize("protocol, strategies", [("sao", ["boulware", "conceder"]), ("zeuthen", None),
                                                  ("single-text", ["boulware", "conceder"])])
def test_a_simulated_sessions_json_audits_with_its_own_figures(tmp_path, protocol, strategies):
    scenario = reference.scenario("mini")
    result = run_session(prepare(scenario), strategies, protocol=protocol, rounds=15, seed=1)
    path = tmp_path / "session.json"
    path.write_text(json.dumps(result.to_json()))
    audited = audit(read_record(path, scenario, "mini")).to_json()
    offers = [m for m in audited["moves"] if m["action"] == "offer"]
    trace_offers = [row for row in result.trace if row["offer"] is not None and row["action"] not in
                    ("accept", "reject", "veto")]
    assert [m["offer"] for m in offers][:len(trace_offers)] == [row["offer"] for row in trace_offers][:len(offers)]
    for move, row in zip(offers, trace_offers):
        assert move["utilities"] == pytest.approx(row["utilities"])
    assert (audited["final"] is not None) == result.agreement
    if result.agreement:
        assert audited["final"]["outcome"] == result.to_json()["outcome"]


def test_the_history_audits_on_the_flagship():
    scenario = load("japan-russia-2019")
    document = audit(read_record("japan-russia-history", scenario, "japan-russia-2019")).to_json()
    assert document["final"] is None
    first = document["moves"][0]
    assert first["date"] == "1956-10-19" and first["party"] == "Russia" and first["complete"] is False
    assert all(m["rational"][["Japan", "Russia"].index(m["party"])] for m in document["moves"]
               if m["action"] == "offer")  # at its best completion, each position is rational for its author
