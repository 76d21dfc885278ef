"""A person at the table over the API: play an uploaded scenario, save the record, and get the debrief that
``accord audit`` would give."""

from __future__ import annotations

import json

from accord.audit import audit, parse_record
from accord.io import load


def upload(client, mini_yaml) -> str:
    response = client.post("/api/scenarios", files=[("files", ("mini.yaml", mini_yaml, "text/yaml"))])
    assert response.status_code in (200, 201), response.text
    return response.json()["id"]


def test_play_an_uploaded_scenario_to_the_debrief(client, mini_yaml, tmp_path):
    sid = upload(client, mini_yaml)
    started = client.post("/api/play", json={"scenario_id": sid, "party": 1, "strategy": "boulware", "rounds": 4})
    assert started.status_code == 200, started.text
    game, state = started.json()["game"], started.json()["state"]
    assert state["you"] == "B" and state["standing"]["party"] == "A"  # A opened
    assert "utility" not in json.dumps(started.json()["issues"])  # the other side's profile stays hidden
    package = {"island": "south", "fishing": 0, "share": 0.25}
    assert client.post(f"/api/play/{game}/utility", json={"offer": package}).json()["your_utility"] == 1.0
    while state["ended_by"] is None:
        state = client.post(f"/api/play/{game}/move", json={"action": "offer", "offer": package}).json()
    assert state["ended_by"] == "deadline"
    late = client.post(f"/api/play/{game}/move", json={"action": "accept"})
    assert late.status_code == 400 and late.json()["detail"].startswith("body.action: the session has ended")
    record = client.get(f"/api/play/{game}/record").json()
    debrief = client.get(f"/api/play/{game}/debrief").json()
    expected = audit(parse_record(record, load("tests/data/mini.yaml"))).to_json()
    assert debrief["audit"] == json.loads(json.dumps(expected))
    assert list(debrief["profiles"]) == ["A"] and "utility" in debrief["profiles"]["A"]
    for trade in debrief["missed_trades"]:
        assert trade["gain"] > trade["cost"]


def test_accepting_ends_in_agreement_and_bad_moves_are_one_line(client, mini_yaml):
    sid = upload(client, mini_yaml)
    started = client.post("/api/play", json={"scenario_id": sid, "party": 1, "strategy": "boulware"}).json()
    game = started["game"]
    bad = client.post(f"/api/play/{game}/move", json={"action": "offer", "offer": {"island": "east"}})
    # a parameter, as the API names it
    assert bad.status_code == 400 and bad.json()["detail"].startswith("body.offer: ")
    state = client.post(f"/api/play/{game}/move", json={"action": "accept"}).json()
    assert state["ended_by"] == "agreement" and state["agreement"] == started["state"]["standing"]["offer"]
    assert client.get(f"/api/play/{game}/debrief").json()["audit"]["final"]["outcome"] == state["agreement"]
    assert client.post("/api/play/nope/move", json={"action": "accept"}).status_code == 404
    assert client.post("/api/play", json={"scenario_id": sid, "strategy": "nobody"}).status_code == 400
    assert client.get(f"/scenarios/{sid}/play").status_code == 200


def test_the_person_names_their_party_by_index_or_by_name(client, mini_yaml):
    sid = upload(client, mini_yaml)
    by_name = client.post("/api/play", json={"scenario_id": sid, "party": "B", "rounds": 4})
    assert by_name.status_code == 200 and by_name.json()["state"]["you"] == "B"
    unknown = client.post("/api/play", json={"scenario_id": sid, "party": "C"})
    assert unknown.status_code == 400
    assert unknown.json()["detail"] == "body.party: no party named 'C'; give one of A, B (or its index)"
    assert client.post("/api/play", json={"scenario_id": sid, "party": 2}).status_code == 400


def test_a_scenario_too_large_to_list_is_not_offered_for_play(client):
    huge = "genius:ANAC2014_10issuesDiscountedwithRV"
    page = client.get(f"/scenarios/{huge}")
    assert page.status_code == 200
    assert f'href="/scenarios/{huge}/play"' not in page.text and "play a party: too many outcomes" in page.text
    refused = client.get(f"/scenarios/{huge}/play")
    assert refused.status_code == 400
    assert "playing a party lists every outcome, and this scenario has 10,000,000,000" in refused.text
