"""The JSON API under /api, through FastAPI's test client."""

from __future__ import annotations

import copy

import numpy as np
import pytest

import accord

from .conftest import DATA, FLAGSHIP


def reweighted(document: dict, party: int, issue: str, weight: float) -> dict:
    """``document`` with one weight set and the party's other weights rescaled to keep the sum at 1 (as the page
    does)."""
    document = copy.deepcopy(document)
    weights = document["parties"][party]["utility"]["weights"]
    rest = sum(w for k, w in weights.items() if k != issue)
    for k in weights:
        if k != issue:
            weights[k] = weights[k] * (1 - weight) / rest
    weights[issue] = weight
    return document


def test_scenarios_lists_the_bundled_ones(client):
    listing = client.get("/api/scenarios").json()
    ids = {s["id"] for s in listing}
    assert set(accord.bundled_scenarios()) <= ids
    flagship = next(s for s in listing if s["id"] == FLAGSHIP)
    assert flagship["parties"] == ["Japan", "Russia"] and flagship["source"] == "bundled"


def test_scenario_document_round_trips(client):
    document = client.get(f"/api/scenarios/{FLAGSHIP}").json()
    assert accord.scenario_from_dict(document, "x") == accord.load(FLAGSHIP)


def test_unknown_scenario_is_404_with_one_line(client):
    for response in (client.get("/api/scenarios/nope"), client.post("/api/analyze", json={"scenario_id": "nope"})):
        assert response.status_code == 404
        assert response.json()["detail"].startswith("nope: no such scenario")


def test_path_is_not_a_scenario_id(client, tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text("accord: 1\n")
    response = client.post("/api/analyze", json={"scenario_id": str(path)})
    assert response.status_code == 404
    assert client.get("/api/scenarios/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_analyze_matches_the_library(client):
    response = client.post("/api/analyze", json={"scenario_id": FLAGSHIP})
    assert response.status_code == 200
    body = response.json()
    expected = accord.analyze(accord.load(FLAGSHIP))
    assert body["n_outcomes"] == expected.n_outcomes == 207360
    assert len(body["pareto"]["points"]) == len(expected.pareto_points)
    for name, deal in expected.solutions.items():
        assert body["solutions"][name] == deal.to_json()
    plot = body["view"]["plot"]
    assert len(plot["points"]) <= 3000
    nash = plot["solutions"]["nash"]
    assert nash[:2] == list(expected.solutions["nash"].utilities)
    deal = plot["deals"][nash[2]]
    labels = {i["name"]: i["values"][v] for i, v in zip(plot["issues"], deal["v"])}
    assert labels["habomai"] == "Japanese sovereignty"
    assert body["view"]["svg"].startswith("<svg") and 'data-solution="nash"' in body["view"]["svg"]


def test_what_if_weight_moves_nash(client):
    document = client.get(f"/api/scenarios/{FLAGSHIP}").json()
    before = client.post("/api/analyze", json={"scenario": document}).json()["solutions"]["nash"]
    edited = reweighted(document, 0, "kunashir", 0.5)
    after = client.post("/api/analyze", json={"scenario": edited}).json()["solutions"]["nash"]
    assert before["outcome"]["kunashir"] == "russia" and after["outcome"]["kunashir"] == "japan"


def test_what_if_reservation_can_close_the_zone(client):
    document = client.get(f"/api/scenarios/{FLAGSHIP}").json()
    document["parties"][1]["reservation"] = 1.0
    body = client.post("/api/analyze", json={"scenario": document}).json()
    assert body["zone_of_agreement"] is False
    assert all(deal is None for deal in body["solutions"].values())
    assert body["view"]["plot"]["solutions"] == {}


def test_edited_scenario_errors_read_like_the_cli(client):
    document = client.get(f"/api/scenarios/{FLAGSHIP}").json()
    document["parties"][0]["utility"]["weights"]["kunashir"] = 0.9
    response = client.post("/api/analyze", json={"scenario": document})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("japan-russia-2019: parties[0].utility.weights: weights sum to")
    assert "\n" not in detail


def test_what_if_at_1e5_outcomes_moves_the_nash_deal(client):
    # Its speed (the issue asks for under 1 s) is measured by benchmarks/bench_what_if.py, never asserted here.
    issues = [{"name": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(5)]
    rng = np.random.default_rng(1)

    def party(name):
        return {"name": name, "reservation": 0.3, "utility": {
            "weights": {i["name"]: 0.2 for i in issues},
            "values": {i["name"]: {o: float(round(v, 3)) for o, v in zip(i["options"], rng.random(10))}
                       for i in issues}}}

    document = {"accord": 1, "name": "big", "issues": issues, "parties": [party("A"), party("B")]}
    before = client.post("/api/analyze", json={"scenario": document}).json()
    response = client.post("/api/analyze", json={"scenario": reweighted(document, 0, "i0", 0.9)})
    assert response.status_code == 200
    after = response.json()
    assert after["n_outcomes"] == 10**5
    assert after["solutions"]["nash"] != before["solutions"]["nash"]


def test_too_many_outcomes_without_an_exact_method_refused_clearly(client):
    issues = [{"name": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(8)]
    additive = {"weights": {i["name"]: 0.125 for i in issues},
                "values": {i["name"]: {o: 0.5 for o in i["options"]} for i in issues}}
    boxes = {"rectangles": [{"utility": 1, "where": {"i0": [0, 3]}}]}
    document = {"accord": 1, "name": "huge", "issues": issues,
                "parties": [{"name": "A", "utility": boxes}, {"name": "B", "utility": additive}]}
    response = client.post("/api/analyze", json={"scenario": document})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "huge: has 100,000,000 outcomes; the workbench enumerates at most 10,000,000, and beyond that it needs "
        "every utility linear-additive, or made of hyper-rectangles with no hard constraint; reduce the issues or "
        "options, or use the command line")


def test_too_many_outcomes_with_an_exact_method_are_analysed_as_the_cli_does(client):
    """10⁸ additive outcomes: over the workbench's enumeration limit, under the command line's; the workbench
    takes the exact search, whose figures equal enumeration's."""
    rng = np.random.default_rng(8)
    issues = [{"name": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(8)]

    def utility():
        return {"weights": {i["name"]: 0.125 for i in issues},
                "values": {i["name"]: {o: float(round(v, 2)) for o, v in zip(i["options"], rng.random(10))}
                           for i in issues}}

    document = {"accord": 1, "name": "huge", "issues": issues,
                "parties": [{"name": "A", "reservation": 0.5, "utility": utility()},
                            {"name": "B", "reservation": 0.5, "utility": utility()}]}
    response = client.post("/api/analyze", json={"scenario": document})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["method"] == "additive-merge" and body["view"]["plot"]["sample"]["of"] == 10**8
    expected = accord.analyze(accord.scenario_from_dict(document, "huge"), "additive-merge").to_json()
    assert {k: v for k, v in body.items() if k != "view"} == expected


def test_request_needs_exactly_one_scenario(client):
    assert client.post("/api/analyze", json={}).status_code == 422
    both = {"scenario_id": FLAGSHIP, "scenario": {"accord": 1}}
    assert client.post("/api/analyze", json=both).status_code == 422


def test_axes_out_of_range(client):
    response = client.post("/api/analyze", json={"scenario_id": FLAGSHIP, "axes": [0, 5]})
    assert response.status_code == 400 and response.json()["detail"].startswith("body.axes: axes [0, 5] name no party")


def test_simulate_is_seeded_and_traced(client):
    request = {"scenario_id": FLAGSHIP, "strategies": ["boulware", "conceder"], "rounds": 50, "seed": 3}
    first, second = (client.post("/api/simulate", json=request).json() for _ in range(2))
    assert first["trace"] == second["trace"]
    assert first["strategies"] == ["boulware", "conceder"]
    assert {p["party"] for p in first["view"]["paths"]} == {"Japan", "Russia"}
    assert 'class="offer"' in first["view"]["svg"]
    svg = first["view"]["svg"]
    assert "Japan's offers" in svg and "Russia's offers" in svg  # the key to the colours


def test_simulate_unknown_strategy_is_one_line(client):
    response = client.post("/api/simulate", json={"scenario_id": FLAGSHIP, "strategies": ["nope", "conceder"]})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("body.strategies: unknown strategy 'nope'; choose from ")


def test_strategies_listed(client):
    listed = {s["name"]: s for s in client.get("/api/strategies").json()}
    assert {"boulware", "conceder"} <= set(listed)
    assert listed["boulware"]["description"].startswith("Time-dependent concession")


def test_forecast_bundled_and_text(client):
    body = client.post("/api/forecast", json={"name": FLAGSHIP, "rounds": 5}).json()
    assert body["issues"] and all(len(i["rounds"]) >= 1 for i in body["issues"])
    first = body["issues"][0]
    assert len(first["rounds"][0]["positions"]) == len(first["actors"])
    text = "actor,position,salience,capability\nA,0,1,10\nB,100,1,30\n"
    body = client.post("/api/forecast", json={"text": text, "format": "csv", "model": "compromise"}).json()
    assert body["issues"][0]["forecast"] == pytest.approx(75.0)


def test_forecast_refuses_paths_and_reports_bad_text(client, tmp_path):
    (tmp_path / "x.csv").write_text("actor,position,salience,capability\nA,1,1,1\n")
    response = client.post("/api/forecast", json={"name": str(tmp_path / "x.csv")})
    assert response.status_code == 400 and "no bundled file of that name" in response.json()["detail"]
    response = client.post("/api/forecast", json={"text": "actor,position\nA,x\n", "format": "csv"})
    assert response.status_code == 400 and response.json()["detail"].startswith("stakeholders.csv")


def test_divide(client):
    body = client.post("/api/divide", json={"parties": ["A", "B"], "items": [
        {"name": "x", "points": [60, 40]}, {"name": "y", "points": [40, 60]}]}).json()
    assert body["shares"] == {"x": 1.0, "y": 0.0} and body["points"] == [60.0, 60.0] and body["split"] is None
    bundled = client.post("/api/divide", json={"name": "kurils-divide"}).json()
    assert bundled["points"][0] == pytest.approx(bundled["points"][1])
    bad = client.post("/api/divide", json={"parties": ["A", "B"], "items": [{"name": "x", "points": [0, 0]}]})
    assert bad.status_code == 400


def test_openapi_document_names_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/analyze", "/api/simulate", "/api/forecast", "/api/divide", "/api/scenarios"):
        assert path in paths
    assert not any(not p.startswith("/api") for p in paths)


def test_analysis_reports_the_zone_with_ratification(client):
    response = client.post("/api/analyze", json={"scenario_id": "japan-russia-2019"})
    assert response.status_code == 200
    analysis = response.json()
    expected = accord.analyze(accord.load("japan-russia-2019")).ratification.zone_with_ratification
    ratified = analysis["ratification"]["zone_of_agreement_with_ratification"]
    assert ratified == expected <= analysis["rational_outcomes"]


def mini_document(mini_yaml: bytes) -> dict:
    import yaml

    return yaml.safe_load(mini_yaml)


def nash_of(client, document: dict) -> dict:
    response = client.post("/api/analyze", json={"scenario": document, "svg": False})
    assert response.status_code == 200, response.text
    return response.json()["solutions"]["nash"]


def test_what_if_linear_function_moves_nash(client, mini_yaml):
    document = mini_document(mini_yaml)
    assert nash_of(client, document)["outcome"]["fishing"] == 0
    # B no longer minds fishing: its line is 1 at both ends (as the page writes it from the end values)
    document["parties"][1]["utility"]["values"]["fishing"] = {"linear": {"slope": 0, "offset": 1, "origin": 0}}
    after = nash_of(client, document)
    assert after["outcome"]["fishing"] == 4
    assert after["utilities"][1] > 0.6


def test_what_if_triangular_peak_moves_nash(client, mini_yaml):
    document = mini_document(mini_yaml)
    assert nash_of(client, document)["outcome"]["share"] == 0.25
    document["parties"][1]["utility"]["values"]["share"]["triangular"]["top"] = 1.0
    assert nash_of(client, document)["outcome"]["share"] == 1.0


def test_bad_function_edit_reads_like_the_cli(client, mini_yaml, tmp_path, capsys):
    import yaml

    from accord.cli.main import main

    document = mini_document(mini_yaml)
    document["parties"][1]["utility"]["values"]["share"]["triangular"]["top"] = 2.0
    response = client.post("/api/analyze", json={"scenario": document})
    assert response.status_code == 400
    detail = response.json()["detail"]
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    assert main(["analyze", str(path)]) == 2
    cli = capsys.readouterr().err.strip()
    assert cli == "error: " + detail.replace("mini: ", f"{path}: ", 1)
    assert detail == ("mini: parties[1].utility.values.share.triangular: needs low ≤ top ≤ high; "
                      "reorder the three points")


def test_what_if_rectangle_utility_moves_the_analysis(client):
    document = {"accord": 1, "name": "boxes",
                "issues": [{"name": "a", "integers": {"low": 0, "high": 3}}],
                "parties": [{"name": "P", "utility": {"normalizer": 10, "rectangles": [
                                {"utility": 7, "where": {"a": [0, 1]}}, {"utility": 3, "where": {"a": [2, 3]}}]}},
                            {"name": "Q", "utility": {"weights": {"a": 1}, "values": {"a": {"linear": {
                                "slope": 1 / 3, "offset": 0}}}}}]}
    best = client.post("/api/analyze", json={"scenario": document, "svg": False}).json()["best"]
    assert best["P"]["outcome"]["a"] in (0, 1)
    document["parties"][0]["utility"]["rectangles"][1]["utility"] = 9
    best = client.post("/api/analyze", json={"scenario": document, "svg": False}).json()["best"]
    assert best["P"]["outcome"]["a"] in (2, 3) and best["P"]["utilities"][0] == 0.9


def with_thresholds(document: dict, **thresholds: float) -> dict:
    """``document`` with the named constituencies' ratification thresholds changed."""
    document = copy.deepcopy(document)
    for party in document["parties"]:
        for constituency in party.get("constituencies", []):
            constituency["threshold"] = thresholds.get(constituency["name"].replace(" ", "_"),
                                                       constituency["threshold"])
    return document


def ratification_of(client, document: dict) -> dict:
    response = client.post("/api/analyze", json={"scenario": document, "svg": False})
    assert response.status_code == 200, response.text
    return response.json()["ratification"]


def test_russian_public_threshold_moves_the_ratification_figures(client):
    document = client.get(f"/api/scenarios/{FLAGSHIP}").json()
    before = ratification_of(client, document)
    after = ratification_of(client, with_thresholds(document, Russian_public=0.6))
    public = [c for c in before["constituencies"] if c["name"] == "Russian public"]
    assert public[0]["threshold"] == 0.86 and public[0]["approves_rational"] == 0
    public_after = next(c for c in after["constituencies"] if c["name"] == "Russian public")
    assert public_after["approves_rational"] > 0 and public_after["approves"] > public[0]["approves"]
    assert after["win_set_with_ratification"]["Russia"] > before["win_set_with_ratification"]["Russia"]
    assert before["zone_of_agreement_with_own_ratification"]["Russia"] == 0
    assert after["zone_of_agreement_with_own_ratification"]["Russia"] > 0
    assert after["zone_of_agreement_with_own_ratification"]["Japan"] == \
        before["zone_of_agreement_with_own_ratification"]["Japan"]
    # the Diet and the Duma ratify no common deal of the zone, so the public alone cannot open it
    assert before["zone_of_agreement_with_ratification"] == after["zone_of_agreement_with_ratification"] == 0


def test_russian_public_threshold_resizes_the_zone_with_ratification(client):
    document = with_thresholds(client.get(f"/api/scenarios/{FLAGSHIP}").json(), National_Diet=0.4, State_Duma=0.6)
    strict = ratification_of(client, document)
    looser = ratification_of(client, with_thresholds(document, Russian_public=0.6))
    loosest = ratification_of(client, with_thresholds(document, Russian_public=0.5))
    sizes = [r["zone_of_agreement_with_ratification"] for r in (strict, looser, loosest)]
    assert sizes[0] < sizes[1] < sizes[2] <= strict["zone_of_agreement"]
    edited = accord.scenario_from_dict(with_thresholds(document, Russian_public=0.6), "x")
    assert sizes[1] == accord.analyze(edited).ratification.zone_with_ratification
    nash = looser["solutions"]["nash"]
    assert nash is not None and looser["zone_of_agreement_with_ratification"] > 0


def test_threshold_out_of_range_is_one_line(client):
    document = with_thresholds(client.get(f"/api/scenarios/{FLAGSHIP}").json(), Russian_public=1.5)
    response = client.post("/api/analyze", json={"scenario": document})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("japan-russia-2019: parties[1].constituencies[0].threshold: ")


def test_no_constituencies_no_ratification(client, mini_yaml):
    response = client.post("/api/analyze", json={"scenario": mini_document(mini_yaml), "svg": False})
    assert response.json()["ratification"] is None


# -- one document per result: the CLI's --json and the API's answer (minus "view") are equal -----------------------
def cli_document(*args: str) -> dict:
    import json

    from click.testing import CliRunner

    from accord.cli.main import app

    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def api_document(client, path: str, body: dict) -> dict:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_analysis_document_is_the_cli_one(client):
    answer = api_document(client, "/api/analyze", {"scenario_id": FLAGSHIP, "svg": False})
    assert set(answer.pop("view")) == {"plot", "svg", "legend", "version", "counts", "elapsed_ms"}
    assert answer == cli_document("analyze", FLAGSHIP)
    assert answer["ratification"]["solutions"].keys() == answer["solutions"].keys()


def test_session_document_is_the_cli_one(client):
    answer = api_document(client, "/api/simulate", {"scenario_id": FLAGSHIP, "strategies": ["boulware", "conceder"],
                                                    "rounds": 40, "seed": 7, "svg": False})
    assert set(answer.pop("view")) == {"paths", "svg", "legend", "labels", "version"}
    assert answer == cli_document("simulate", FLAGSHIP, "--strategies", "boulware,conceder", "--rounds", "40",
                                  "--seed", "7")
    assert answer["trace"] and answer["seed"] == 7


@pytest.mark.parametrize("model", ["eu", "compromise", "median"])
def test_forecast_document_is_the_cli_one(client, model):
    answer = api_document(client, "/api/forecast", {"name": FLAGSHIP, "model": model, "rounds": 3})
    assert answer == cli_document("forecast", FLAGSHIP, "--model", model, "--rounds", "3")
    assert [i["issue"] for i in answer["issues"]] == ["transfer", "wwii_clause"]
    first = answer["issues"][0]
    assert set(first["rounds"][0]["positions"]) == {a["actor"] for a in first["actors"]}


def test_division_document_is_the_cli_one(client, tmp_path):
    assert api_document(client, "/api/divide", {"name": "kurils-divide"}) == cli_document("divide", "kurils-divide")
    path = tmp_path / "two.yaml"
    path.write_text("parties: [A, B]\nitems:\n  x: [6, 4]\n  y: [4, 6]\n")
    body = {"parties": ["A", "B"], "items": [{"name": "x", "points": [6, 4]}, {"name": "y", "points": [4, 6]}]}
    answer = api_document(client, "/api/divide", body)
    assert answer == cli_document("divide", str(path))
    assert answer["normalised"] is True and answer["item_points"] == {"x": [60.0, 40.0], "y": [40.0, 60.0]}


def test_strategies_document_is_the_cli_one(client):
    response = client.get("/api/strategies")
    assert response.status_code == 200
    assert response.json() == cli_document("strategies")


def test_the_api_and_the_cli_name_the_same_core_error_in_their_own_words(client):
    from click.testing import CliRunner

    from accord.cli.main import app

    answer = client.post("/api/simulate", json={"scenario_id": FLAGSHIP, "strategies": ["nope", "conceder"]})
    printed = CliRunner().invoke(app, ["simulate", FLAGSHIP, "--strategies", "nope,conceder"])
    detail = answer.json()["detail"]
    assert answer.status_code == 400 and printed.exit_code == 2
    assert detail.startswith("body.strategies: unknown strategy 'nope'; choose from ") and "boulware" in detail
    assert printed.stderr.strip() == "error: --strategies: " + detail.removeprefix("body.strategies: ")


TRIO_TEXT = (DATA / "trio.yaml").read_bytes()


def _upload_trio(client) -> str:
    response = client.post("/api/scenarios", files={"files": ("trio.yaml", TRIO_TEXT)})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_uploads_list_feasible_counts_versions_and_times_and_can_be_deleted(client):
    first, second = _upload_trio(client), _upload_trio(client)
    listed = {s["id"]: s for s in client.get("/api/scenarios").json()}
    assert listed[first]["version"] == listed[second]["version"] and listed[first]["uploaded"]
    assert listed[first]["outcomes"] == accord.analyze(accord.load(DATA / "trio.yaml")).n_outcomes
    assert client.delete(f"/api/scenarios/{first}").status_code == 204
    assert first not in {s["id"] for s in client.get("/api/scenarios").json()}
    gone = client.delete(f"/api/scenarios/{first}")
    assert gone.status_code == 404 and gone.json()["detail"] == f"{first}: no such upload; see GET /api/scenarios"


def test_an_edit_posted_with_its_origin_runs_and_says_how_far_it_strays(client):
    sid = _upload_trio(client)
    document = client.get(f"/api/scenarios/{sid}").json()
    document["parties"][0]["reservation"] = 0.45
    document["parties"][2]["utility"]["weights"] = {"dam": 0.5, "share": 0.0, "fund": 0.5}
    edited = {"scenario": document, "origin": sid}
    view = client.post("/api/analyze", json={**edited, "svg": False}).json()["view"]
    assert view["version"].startswith("edited version of trio, 3 changes, version ")
    session = client.post("/api/simulate", json={**edited, "strategies": ["conceder"] * 3, "rounds": 20}).json()
    assert session["view"]["version"] == view["version"]
    report = client.post("/api/report", json={**edited, "strategies": ["conceder"] * 3, "rounds": 20})
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert f'<p class="version">Scenario: {view["version"]}</p>' in report.text
    assert '<tr><td>Up</td><td class="num">0.4500</td>' in _parties_table(report.text)  # the edit, not the file
    plain = client.post("/api/report", json={"scenario_id": sid, "rounds": 20})
    from accord.io.versions import fingerprint

    assert f"Scenario: trio, version {fingerprint(accord.load(DATA / 'trio.yaml'))}</p>" in plain.text


def _parties_table(report: str) -> str:
    return report.split("<h2>Parties</h2>", 1)[1].split("</table>", 1)[0]


def test_report_errors_are_one_line(client):
    answer = client.post("/api/report", json={"scenario_id": "trio-nowhere"})
    assert answer.status_code == 404
    answer = client.post("/api/report", json={"scenario_id": FLAGSHIP, "strategies": ["conceder"]})
    assert answer.status_code == 400 and answer.json()["detail"].startswith("body.strategies: 1 strategies for 2")
    answer = client.post("/api/analyze", json={"scenario": {"accord": 1}, "origin": "nowhere"})
    assert answer.status_code == 400  # the document is checked first


LIBRARY_10_10 = "genius/ANAC2014_10issuesDiscountedwithRV"


@pytest.mark.parametrize("scenario_id", [LIBRARY_10_10, "genius:ANAC2014_10issuesDiscountedwithRV"])
def test_a_library_domain_of_ten_to_the_ten_is_the_cli_document(client, scenario_id):
    answer = api_document(client, "/api/analyze", {"scenario_id": scenario_id, "svg": False})
    view = answer.pop("view")
    assert answer == cli_document("analyze", LIBRARY_10_10)
    assert answer["method"] == "branch-and-bound" and view["counts"]["n_outcomes"] == "10,000,000,000"
    assert view["plot"]["sample"]["of"] == 10**10


def test_an_uploaded_ten_to_the_thirty_scenario_is_the_cli_document(client):
    text = (DATA / "treaty-30x10.yaml").read_bytes()
    sid = client.post("/api/scenarios", files={"files": ("treaty-30x10.yaml", text)}).json()["id"]
    answer = api_document(client, "/api/analyze", {"scenario_id": sid, "max_points": 500})
    view = answer.pop("view")
    assert answer == cli_document("analyze", str(DATA / "treaty-30x10.yaml"))
    assert view["counts"] == {"n_outcomes": f"{10**30:,}", "rational_outcomes": None}
    assert view["plot"]["sample"]["size"] == len(view["plot"]["points"]) == 500
    assert "a sample of 500 of 1,000,000,000,000,000,000,000,000,000,000 outcomes" in view["svg"]


def test_an_uploaded_genius_domain_of_ten_to_the_ten_is_the_cli_document(client):
    from accord.io.bundled import library_scenarios

    folder = library_scenarios()["genius-large/S-1NIKFRT-1"]
    files = [folder / "S-1NIKFRT-1-domain.xml", folder / "profile-1.xml", folder / "profile-2.xml"]
    uploaded = client.post("/api/scenarios", files=[("files", (p.name, p.read_bytes())) for p in files])
    assert uploaded.status_code == 201, uploaded.text
    answer = api_document(client, "/api/analyze", {"scenario_id": uploaded.json()["id"], "svg": False})
    answer.pop("view")
    expected = cli_document("analyze", *map(str, files))
    assert answer == expected and answer["scenario"] == "S-1NIKFRT-1-domain"
    assert answer["method"] == "branch-and-bound" and answer["n_outcomes"] == 10**10


def test_an_edit_of_a_huge_scenario_is_analysed_exactly(client):
    document = client.get("/api/scenarios/genius:ANAC2014_10issuesDiscountedwithRV").json()
    document["parties"][0]["reservation"] = 0.95
    answer = api_document(client, "/api/analyze", {"scenario": document, "svg": False})
    expected = accord.analyze(accord.scenario_from_dict(document, "edited")).to_json()
    assert {k: v for k, v in answer.items() if k != "view"} == expected
    assert answer["solutions"] != cli_document("analyze", LIBRARY_10_10)["solutions"]


@pytest.mark.parametrize("path, body", [
    ("/api/simulate", {"strategies": ["boulware", "conceder"], "rounds": 20, "svg": True}),
    ("/api/robust", {"samples": 5}),
    ("/api/play", {}),
    ("/api/report", {"rounds": 20})])
def test_every_request_on_a_huge_domain_answers_or_refuses_in_one_line(client, path, body):
    """What cannot run beyond enumeration yet refuses in one line naming the scenario; nothing fails the server."""
    response = client.post(path, json={"scenario_id": "genius:ANAC2014_10issuesDiscountedwithRV", **body})
    assert response.status_code in (200, 201, 400), response.text
    if response.status_code == 400:
        detail = response.json()["detail"]
        assert detail.startswith("ANAC2014_10issuesDiscountedwithRV: ") and "\n" not in detail


def test_a_report_of_an_edit_keeps_the_stored_distributions(client):
    """The page posts plain numbers: the report of an edit of the flagship still estimates robustness, with the
    stored scenario's distributions (as the robustness panel does)."""
    document = client.get(f"/api/scenarios/{FLAGSHIP}").json()
    assert "<h2>Robustness</h2>" in client.post("/api/report", json={"scenario_id": FLAGSHIP, "rounds": 20}).text
    edited = {"scenario": document, "origin": FLAGSHIP, "rounds": 20}
    assert "<h2>Robustness</h2>" in client.post("/api/report", json=edited).text
    alone = {"scenario": document, "rounds": 20}  # no origin: the document's own (plain) numbers
    assert "<h2>Robustness</h2>" not in client.post("/api/report", json=alone).text
