"""The workbench's tournament page: a ranking from the store named at start-up, or a message saying why not."""

from __future__ import annotations

from accord.tournament import Store, plan, run, summarize
from accord.web.tournaments import COLUMNS, results
from tests.tournament.conftest import MINI


def test_without_a_store_the_page_says_how_to_load_one():
    page = results(None)
    assert page["rows"] == [] and "accord serve --tournament" in page["message"]


def test_a_missing_store_is_reported_in_one_line(tmp_path):
    page = results(tmp_path / "none.sqlite")
    assert page["rows"] == [] and page["message"].startswith("error: ") and "\n" not in page["message"]


def test_the_ranking_shows_each_interval(tmp_path):
    from accord.io import load

    path = tmp_path / "t.sqlite"
    with Store(path) as store:
        run(plan([load(MINI)], ["linear", "boulware", "conceder"]), store)
        ranking = summarize(store.rows())
    page = results(path)
    assert page["columns"] == COLUMNS and page["message"] == "" and page["source"] == "t.sqlite: 6 sessions"
    assert [row[1] for row in page["rows"]] == [s.name for s in ranking]
    top, first = ranking[0], page["rows"][0]
    assert first[0] == 1 and first[2] == top.sessions
    mean = top.mean_utility
    assert first[3] == f"{mean.value:.3f} [{mean.low:.3f}, {mean.high:.3f}]"
    assert first[5] == f"{top.welfare.value:.3f}" and first[8] == top.faults
