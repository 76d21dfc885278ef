"""Records are checked against their scenario; every problem is one located line, all reported at once."""

from __future__ import annotations

import datetime

import pytest

from accord.audit.record import parse_record
from accord.errors import ScenarioError
from tests.audit import reference

MINI = reference.scenario("mini")


def record(*moves) -> dict:
    return {"accord-record": 1, "scenario": "mini", "moves": list(moves)}


def offer(party="A", when=0, **values) -> dict:
    return {"round": when, "party": party, "action": "offer",
            "offer": values or {"island": "north", "fishing": 4, "share": 1.0}}


def problems(data) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_record(data, MINI, "talks.yaml")
    return [e.one_line() for e in caught.value.all_errors or (caught.value,)]


def test_a_good_record_keeps_moves_offers_and_what_each_answer_answers():
    checked = parse_record(record(offer("A", 0), offer("B", 0, island="south"),
                                  {"round": 1, "party": "A", "action": "reject"},
                                  {"round": 2, "party": "A", "action": "accept", "offer": {"island": "south"}}),
                           MINI, "talks.yaml")
    assert [m.action for m in checked.moves] == ["offer", "offer", "reject", "accept"]
    assert checked.moves[1].offer == ((0, 1),)
    assert checked.moves[2].answers == 1 and checked.moves[3].answers == 1
    assert checked.moves[3].offer == checked.moves[1].offer
    assert checked.offer_dict(checked.moves[0]) == {"island": "north", "fishing": 4, "share": 1.0}


def test_dates_may_be_years_months_days_or_yaml_dates():
    checked = parse_record(record({"date": 1956, **offer()}, {"date": "1956-10", **offer("B")},
                                  {"date": datetime.date(1956, 10, 19), **offer()}), MINI)
    assert [m.date for m in checked.moves] == ["1956", "1956-10", "1956-10-19"]


@pytest.mark.parametrize("moves, where, fragment", [
    ([offer(party="C")], "moves[0].party", "unknown party 'C'"),
    ([offer(island="east")], "moves[0].offer.island", "'east' is not an option of 'island'"),
    ([offer(fishing=9)], "moves[0].offer.fishing", "'9' is not an option of 'fishing'"),
    ([offer(habomai="japan")], "moves[0].offer.habomai", "unknown issue 'habomai'"),
    ([{**offer(), "date": "2001-05-01", "round": None}, {**offer("B"), "date": "2000", "round": None}],
     "moves[1].date", "date 2000 comes before the previous move's 2001-05-01"),
    ([offer(when=3), offer("B", when=2)], "moves[1].round", "round 2 comes before the previous move's 3"),
    ([{"round": 0, "party": "B", "action": "accept"}], "moves[0]", "accepts with nothing on the table"),
    ([offer("A"), {"round": 0, "party": "A", "action": "accept"}], "moves[1]", "accepts with nothing on the table"),
    ([offer("A"), {"round": 1, "party": "B", "action": "accept", "offer": {"island": "south"}}],
     "moves[1].offer", "accepts an offer that is not on the table"),
    ([offer(), {"round": 1, "party": "A", "action": "withdraw"}, {"round": 1, "party": "B", "action": "reject"}],
     "moves[2]", "rejects with nothing on the table"),
    ([{**offer(), "action": "haggle"}], "moves[0].action", "unknown action 'haggle'"),
    ([{"party": "A", "action": "offer", "offer": {"island": "north"}}], "moves[0]", "no date or round"),
    ([{**offer(), "date": "19th of May"}], "moves[0].date", "'19th of May' is not a date"),
    ([{**offer(), "speaker": "A"}], "moves[0].speaker", "unknown key 'speaker'"),
    ([{"round": 0, "party": "A", "action": "offer"}], "moves[0].offer", "an offer without 'offer'"),
])
def test_each_bad_record_gets_one_located_line(moves, where, fragment):
    lines = problems(record(*moves))
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"talks.yaml: {where}: "), lines[0]
    assert fragment in lines[0]
    assert "; " in lines[0]  # with a fix


def test_every_problem_is_reported_at_once():
    lines = problems(record(offer(party="C"), offer(island="east"), {"round": 0, "party": "B", "action": "bid"}))
    assert [line.split(": ")[1] for line in lines] == ["moves[0].party", "moves[1].offer.island", "moves[2].action"]


@pytest.mark.parametrize("data, fragment", [
    ({"scenario": "mini", "moves": [offer()]}, "accord-record"),
    ({"accord-record": 1, "moves": []}, "no moves"),
    ([1, 2], "a record is a mapping"),
    ({"accord-record": 1, "moves": [offer()], "extra": 1}, "unknown key 'extra'"),
])
def test_bad_headers_are_located(data, fragment):
    lines = problems(data)
    assert len(lines) == 1 and fragment in lines[0]
