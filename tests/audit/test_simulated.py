"""A simulated session's JSON read as a record: actions mapped, a single-text vote's text put back on the table."""

from __future__ import annotations

from accord.audit.record import parse_record
from accord.audit.simulated import is_session, record_data_from_session
from tests.audit import reference

OFFER = {"island": "north", "fishing": 2, "share": 0.5}
OTHER = {"island": "south", "fishing": 2, "share": 0.5}


def test_protocol_actions_map_to_record_actions():
    session = {"scenario": "mini", "protocol": "zeuthen", "trace": [
        {"round": 0, "party": "A", "action": "offer", "offer": OFFER},
        {"round": 0, "party": "B", "action": "concede", "offer": OTHER},
        {"round": 1, "party": "A", "action": "accept", "offer": OTHER},
        {"round": 1, "party": "B", "action": "end", "offer": None},
    ]}
    assert is_session(session) and not is_session({"accord-record": 1, "moves": []})
    data = record_data_from_session(session)
    assert [m["action"] for m in data["moves"]] == ["offer", "offer", "accept", "withdraw"]
    assert "offer" not in data["moves"][3]
    assert parse_record(data, reference.scenario("mini")).moves[2].answers == 1


def test_a_vote_on_an_earlier_adopted_text_re_tables_it():
    session = {"scenario": "mini", "trace": [
        {"round": 0, "party": "mediator", "action": "adopt", "offer": OFFER},
        {"round": 1, "party": "mediator", "action": "propose", "offer": OTHER},
        {"round": 1, "party": "A", "action": "veto", "offer": OTHER},
        {"round": 2, "party": "A", "action": "accept", "offer": OFFER},
        {"round": 2, "party": "B", "action": "accept", "offer": OFFER},
    ]}
    data = record_data_from_session(session)
    assert [(m["party"], m["action"]) for m in data["moves"]] == [
        ("mediator", "offer"), ("mediator", "offer"), ("A", "reject"), ("mediator", "offer"), ("A", "accept"),
        ("B", "accept")]
    checked = parse_record(data, reference.scenario("mini"))
    assert checked.moves[-1].answers == 3
