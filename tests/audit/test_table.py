"""A person at the table: turns, deadline, agreement, walking away, and the record the session leaves."""

from __future__ import annotations

import pytest

from accord.audit import audit, parse_record
from accord.audit.table import TableGame
from accord.errors import OptionError
from tests.audit import reference

MINI = reference.scenario("mini")
PACKAGE = {"island": "south", "fishing": 0, "share": 0.25}


def test_strategies_move_until_the_persons_turn_and_the_deadline_ends_it():
    game = TableGame(MINI, 1, "boulware", rounds=3)
    assert [m["party"] for m in game.moves] == ["A"]  # A opened; now B (the person) is to move
    for _ in range(3):
        game.offer(PACKAGE)
    assert game.ended_by == "deadline" and game.agreement is None
    assert [m["party"] for m in game.moves] == ["A", "B"] * 3
    with pytest.raises(OptionError, match="^action: the session has ended") as error:
        game.offer(PACKAGE)
    assert error.value.parameter == "action"
    result = audit(parse_record(game.record_data(), MINI))
    assert result.final is None
    assert [e.score.utilities[1] for e in result.moves if e.move.party == "B"] == [1.0] * 3


def test_accepting_agrees_on_the_standing_offer_and_the_record_says_so():
    game = TableGame(MINI, 1, "boulware", rounds=3)
    standing = game.standing
    game.accept()
    assert game.ended_by == "agreement" and game.agreement == standing
    result = audit(parse_record(game.record_data(), MINI))
    assert result.final is not None and result.final.position == standing
    assert game.to_json()["agreement"] == game.outcome(standing)


def test_bad_moves_are_refused_with_the_parameter_named():
    game = TableGame(MINI, 0, "boulware", rounds=3)
    with pytest.raises(OptionError, match="^action: no offer of another party to accept") as error:
        game.accept()  # the person opens: nothing on the table
    assert (error.value.parameter, error.value.source) == ("action", "")  # parameters, not sources (house rule)
    with pytest.raises(OptionError, match="^offer: not a package") as error:
        game.offer({"island": "shared", "fishing": 0, "share": 0.0})  # ruled out by the constraint
    assert (error.value.parameter, error.value.source) == ("offer", "")
    with pytest.raises(OptionError, match="^party: no party 5") as error:
        TableGame(MINI, 5, "boulware")
    assert (error.value.parameter, error.value.source) == ("party", "")
    game.walk_away()
    assert game.ended_by == "end" and game.moves[-1]["action"] == "withdraw"


def test_own_utility_is_the_persons_and_the_view_hides_the_other_side():
    game = TableGame(MINI, 1, "boulware", rounds=3)
    assert game.own_utility(PACKAGE) == reference.utilities(MINI, reference.completions(MINI, PACKAGE)[0])[1]
    view = game.to_json()
    assert view["you"] == "B"
    assert all(set(m) <= {"round", "party", "action", "offer", "your_utility"} for m in view["moves"])
    assert set(view["standing"]) == {"party", "offer", "your_utility"}
