"""The debrief: missed trades against brute force, the profiles revealed, nothing to debrief before a move."""

from __future__ import annotations

import pytest

from accord.audit.debrief import debrief, missed_trades
from accord.audit.table import TableGame
from accord.errors import OptionError
from tests.audit import reference


@pytest.mark.parametrize("name, person", [("mini", 0), ("trio", 1)])
def test_missed_trades_are_every_single_issue_change_that_gains_the_others_more(name, person):
    scenario, the_map, rows, points = reference.mapped(name)
    for position, row in enumerate(rows):
        expected = []
        for j, issue in enumerate(scenario.issues):
            for v in range(issue.size):
                changed = (*row[:j], v, *row[j + 1:])
                if v == row[j] or changed not in rows:
                    continue
                there = points[rows.index(changed)]
                cost = points[position][person] - there[person]
                gain = sum(there[k] - points[position][k] for k in range(len(there)) if k != person)
                if gain > max(cost, 0) + 1e-9:
                    expected.append((issue.name, round(gain - cost, 9)))
        expected.sort(key=lambda t: (-t[1], t[0]))
        found = missed_trades(the_map, position, person, limit=100)
        assert [(t.issue, round(t.gain - t.cost, 9)) for t in found] == expected


def test_the_debrief_reveals_only_the_other_profiles():
    game = TableGame(reference.scenario("mini"), 0, "boulware", rounds=2)
    with pytest.raises(OptionError, match="^nothing to debrief yet; make an offer first$") as error:
        debrief(game)  # a state, not an input: no parameter (it named a made-up source, "game")
    assert (error.value.parameter, error.value.source) == ("", "")
    game.offer({"island": "north", "fishing": 4, "share": 1.0})
    document = debrief(game).to_json()
    assert list(document["profiles"]) == ["B"] and document["you"] == "A"
    assert document["record"]["moves"][0]["party"] == "A"
    assert len(document["frontier"]) > 0
