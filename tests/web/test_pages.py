"""The server-rendered pages: scenarios, workbench, simulation, forecast, divide, tournaments."""

from __future__ import annotations

import pytest

import accord

from .conftest import FLAGSHIP


def test_index_lists_scenarios_and_the_upload_form(client):
    page = client.get("/").text
    for name in accord.bundled_scenarios():
        assert f'href="/scenarios/{name}"' in page
    assert 'enctype="multipart/form-data"' in page and 'action="/upload"' in page


def test_workbench_page_has_editable_preferences_and_the_plot(client):
    page = client.get(f"/scenarios/{FLAGSHIP}").text
    scenario = accord.load(FLAGSHIP)
    assert page.count('data-kind="weight"') == len(scenario.issues) * len(scenario.parties)
    assert page.count('data-kind="reservation"') == len(scenario.parties)
    assert 'data-kind="value"' in page and 'svg xmlns="http://www.w3.org/2000/svg" class="utility-plot"' in page
    assert 'id="scenario-doc"' in page and 'id="initial-analysis"' in page


def test_unknown_scenario_page_is_404(client):
    assert client.get("/scenarios/..%2Fetc").status_code == 404
    assert client.get("/scenarios/nope").status_code == 404


def test_simulation_page_offers_every_strategy(client):
    page = client.get(f"/scenarios/{FLAGSHIP}/simulate").text
    for strategy in client.get("/api/strategies").json():
        assert f'value="{strategy["name"]}"' in page


def test_forecast_page_draws_positions_over_rounds(client):
    page = client.get(f"/forecast?name={FLAGSHIP}&rounds=4").text
    assert 'class="lines-plot"' in page and "Forecast:" in page
    bad = client.get("/forecast?name=../../etc/passwd")
    assert bad.status_code == 400 and "no bundled stakeholder file of that name" in bad.text


def test_divide_page(client):
    page = client.get("/divide?name=kurils-divide").text
    assert "points received" in page
    assert client.get(f"/divide?name={FLAGSHIP}").status_code == 400


def test_tournaments_page_without_a_store(client):
    assert "No tournament loaded" in client.get("/tournaments").text


def test_tournaments_page_shows_the_ranking(tmp_path):
    tournament = pytest.importorskip("accord.tournament")
    from fastapi.testclient import TestClient

    from accord.web import create_app

    path = tmp_path / "results.sqlite"
    plan = tournament.plan([accord.load(FLAGSHIP)], ["boulware", "conceder", "hardliner"], repetitions=1, seed=1)
    store = tournament.Store(path)
    tournament.run(plan, store, tournament.SerialExecutor())
    store.close()
    with TestClient(create_app(tournament=path)) as client:
        page = client.get("/tournaments").text
    for name in ("boulware", "conceder", "hardliner"):
        assert f"<td>{name}</td>" in page
    assert "results.sqlite:" in page


def test_three_parties_pick_their_axes(client, mini_yaml):
    import yaml

    document = yaml.safe_load(mini_yaml)
    third = {**document["parties"][0], "name": "C"}
    third.pop("reservation", None)
    document["parties"].append(third)
    response = client.post("/api/analyze", json={"scenario": document, "axes": [0, 2]})
    assert response.status_code == 200, response.text
    plot = response.json()["plot"]
    assert plot["axes"] == [0, 2] and plot["frontier_is_curve"] is False
    assert "utility of C" in response.json()["svg"]
