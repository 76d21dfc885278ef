"""The final agreement: when a record ends in one, and what it left on the table, against brute force."""

from __future__ import annotations

import pytest

from accord.audit.final import agreed_offer, final_audit
from accord.audit.record import parse_record
from tests.audit import reference

TRIO = reference.scenario("trio")
DEAL = {"dam": "small", "share": 1, "fund": "unfunded"}


def moves(*rows):
    data = {"accord-record": 1, "moves": [{"round": k, **row} for k, row in enumerate(rows)]}
    return parse_record(data, TRIO).moves


def test_agreement_needs_every_other_party_to_accept_and_nobody_to_reject():
    parties = TRIO.party_names
    offer = {"party": "Up", "action": "offer", "offer": DEAL}
    accept = [{"party": p, "action": "accept"} for p in ("Down", "Lender")]
    assert agreed_offer(moves(offer, *accept), parties, 3).index == 0
    assert agreed_offer(moves(offer, accept[0]), parties, 3) is None  # Lender never accepted
    assert agreed_offer(moves(offer, {"party": "Lender", "action": "reject"}, *accept), parties, 3) is None
    assert agreed_offer(moves(offer, *accept, {"party": "Up", "action": "withdraw"}), parties, 3) is None
    partial = {"party": "Up", "action": "offer", "offer": {"dam": "small"}}
    assert agreed_offer(moves(partial, *accept), parties, 3) is None  # a partial offer is no agreement


@pytest.mark.parametrize("name", ["mini", "trio"])
def test_dominators_and_left_on_the_table_match_brute_force(name):
    scenario, the_map, rows, points = reference.mapped(name)
    for position in range(len(rows)):
        final = final_audit(the_map.utilities, the_map.frontier, 0, position)
        point = points[position]
        assert final.dominated_by == sum(reference.dominates(q, point) for q in points)
        weakly = [q for q in points if all(a >= b for a, b in zip(q, point))]
        for j, gain in enumerate(final.left_on_the_table):
            assert gain == pytest.approx(max(q[j] - point[j] for q in weakly), abs=1e-9)
        front = set(reference.frontier(scenario))
        assert {points[p] for p in final.dominating_frontier} == {q for q in front if reference.dominates(q, point)}
